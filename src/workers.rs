//! The app's Web Workers seen from the page (the spreadsheet tools, the sandbox): a worker
//! starts on first use from its loader script beside the app's own files, messages wait until
//! it says it is ready, and each question is a promise settled by the reply with the same id.
//! Messages without an id are notes, handed to the owner. A worker that fails to load fails
//! every waiting question and starts afresh on the next one.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// One worker and what waits on it.
pub struct Link {
    loader: &'static str,
    /// What a failed question says when the worker can't start or load.
    unreachable: &'static str,
    /// The message posted first whenever the worker starts.
    first: Box<dyn Fn() -> Option<Object>>,
    /// Handles the worker's notes.
    on_note: Box<dyn Fn(JsValue)>,
    running: RefCell<Option<Running>>,
    pending: RefCell<HashMap<u32, (Function, Function)>>,
    next_id: Cell<u32>,
}

/// The worker, and the messages waiting for it to be ready (`None` once it is).
struct Running {
    worker: Worker,
    waiting: Option<Vec<Object>>,
}

impl Link {
    /// A link to the worker whose loader script is `loader`; `first` gives the message it is
    /// sent on every start, `on_note` takes its notes.
    pub fn new(
        loader: &'static str,
        unreachable: &'static str,
        first: impl Fn() -> Option<Object> + 'static,
        on_note: impl Fn(JsValue) + 'static,
    ) -> Rc<Self> {
        Rc::new(Self {
            loader,
            unreachable,
            first: Box::new(first),
            on_note: Box::new(on_note),
            running: RefCell::default(),
            pending: RefCell::default(),
            next_id: Cell::new(1),
        })
    }

    /// Starts the worker now (it starts on the first message anyway).
    pub fn start(self: &Rc<Self>) -> Result<(), String> {
        if self.running.borrow().is_some() {
            return Ok(());
        }
        let worker = Worker::new(&loader_url(self.loader)).map_err(|_| self.unreachable)?;
        let link = Rc::downgrade(self);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(link) = link.upgrade() {
                link.received(ev.data());
            }
        });
        let link = Rc::downgrade(self);
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(link) = Weak::upgrade(&link) {
                link.failed();
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_message.forget();
        on_error.forget();
        let waiting = (self.first)().into_iter().collect();
        *self.running.borrow_mut() = Some(Running {
            worker,
            waiting: Some(waiting),
        });
        Ok(())
    }

    /// Posts `message` with a fresh id and waits for the reply with that id: the reply object,
    /// or its `error` text.
    pub async fn ask(self: &Rc<Self>, message: Object) -> Result<JsValue, String> {
        self.start()?;
        let id = self.next_id.replace(self.next_id.get() + 1);
        let promise = Promise::new(&mut |resolve, reject| {
            self.pending.borrow_mut().insert(id, (resolve, reject));
        });
        let _ = Reflect::set(&message, &"id".into(), &id.into());
        if !self.post(message) {
            self.pending.borrow_mut().remove(&id);
            return Err(self.unreachable.into());
        }
        JsFuture::from(promise)
            .await
            .map_err(|e| e.as_string().unwrap_or_else(|| self.unreachable.into()))
    }

    /// Posts `message` without waiting for anything.
    pub fn tell(self: &Rc<Self>, message: Object) -> Result<(), String> {
        self.start()?;
        if self.post(message) {
            Ok(())
        } else {
            Err(self.unreachable.into())
        }
    }

    fn post(&self, message: Object) -> bool {
        match self.running.borrow_mut().as_mut() {
            Some(Running {
                waiting: Some(queue),
                ..
            }) => {
                queue.push(message);
                true
            }
            Some(running) => running.worker.post_message(&message).is_ok(),
            None => false,
        }
    }

    fn received(&self, data: JsValue) {
        if Reflect::get(&data, &"ready".into()).is_ok_and(|r| r.is_truthy()) {
            if let Some(running) = self.running.borrow_mut().as_mut() {
                for message in running.waiting.take().unwrap_or_default() {
                    let _ = running.worker.post_message(&message);
                }
            }
            return;
        }
        let id = Reflect::get(&data, &"id".into())
            .ok()
            .and_then(|v| v.as_f64())
            .map(|v| v as u32);
        let Some(id) = id else {
            (self.on_note)(data);
            return;
        };
        let Some((resolve, reject)) = self.pending.borrow_mut().remove(&id) else {
            return;
        };
        match Reflect::get(&data, &"error".into())
            .ok()
            .filter(|e| !e.is_undefined())
        {
            Some(error) => reject.call1(&JsValue::NULL, &error),
            None => resolve.call1(&JsValue::NULL, &data),
        }
        .ok();
    }

    /// The worker didn't load: what waits fails, and the next question starts it afresh.
    fn failed(&self) {
        if let Some(running) = self.running.borrow_mut().take() {
            running.worker.terminate();
        }
        let waiting: Vec<_> = self.pending.borrow_mut().drain().collect();
        for (_, (_, reject)) in waiting {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(self.unreachable));
        }
    }
}

/// The loader's URL: beside the app's script (which a host portal may serve from anywhere),
/// else at the site root.
fn loader_url(loader: &str) -> String {
    let document = leptos::prelude::document();
    let script = document
        .query_selector("link[rel=modulepreload][href]")
        .ok()
        .flatten()
        .and_then(|l| l.get_attribute("href"));
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    script
        .and_then(|href| web_sys::Url::new_with_base(&href, &base).ok())
        .and_then(|script| web_sys::Url::new_with_base(loader, &script.href()).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| format!("/{loader}"))
}
