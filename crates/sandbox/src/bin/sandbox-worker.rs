//! The sandbox's Web Worker: the API's answers, the seed and the bulk-job runner off the page's
//! thread. It says `{ready: true}` once it listens; then the page posts `{id?, now, text}` (its
//! clock, and a [`ToWorker`] as JSON) and gets back `{text}` (a [`FromWorker`]: what to keep, the persona)
//! and, for a message with an id, `{id, text}` with the answer. Built by Trunk as a worker
//! (`data-type="worker"` in index.html), loaded only in sandbox mode.
//!
//! [`ToWorker`]: sandbox::messages::ToWorker
//! [`FromWorker`]: sandbox::messages::FromWorker

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::listen();
}

/// Natively there is nothing to run: `sandbox::worker` is tested with `cargo test`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sandbox-worker runs in a browser Web Worker; see crates/sandbox/src/worker.rs");
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use js_sys::{Object, Reflect};
    use sandbox::messages::{FromWorker, ToWorker};
    use sandbox::worker::{WorkerCore, JOB_PAUSE_MS};
    use sandbox::Source;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, WorkerGlobalScope};

    /// The worker's clock and `crypto`. The clock is the page's: each message says the page's
    /// time, and between messages it runs on with the worker's own, so the sandbox keeps the
    /// time the admin's page keeps (a page with a set clock, in tests, sets the sandbox's).
    struct Worker {
        /// (the page's time at its last message, the worker's time then), in ms.
        told: Rc<Cell<(f64, f64)>>,
    }

    impl Source for Worker {
        fn now(&self) -> u64 {
            let (page, worker) = self.told.get();
            ((page + (js_sys::Date::now() - worker)) / 1000.0) as u64
        }

        fn random_token(&self) -> String {
            let mut bytes = [0u8; 32];
            let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
            if let Ok(crypto) = scope.crypto() {
                let _ = crypto.get_random_values_with_u8_array(&mut bytes);
            }
            bytes.iter().map(|b| format!("{b:02x}")).collect()
        }
    }

    /// The sandbox, and whether its job runner is working.
    struct State {
        core: RefCell<WorkerCore<Worker>>,
        running_jobs: Cell<bool>,
        scope: DedicatedWorkerGlobalScope,
    }

    /// Answers every message the page posts.
    pub fn listen() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let now = js_sys::Date::now();
        let told = Rc::new(Cell::new((now, now)));
        let state = Rc::new(State {
            core: RefCell::new(WorkerCore::new(Worker { told: told.clone() })),
            running_jobs: Cell::new(false),
            scope: scope.clone(),
        });
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            let id = Reflect::get(&data, &"id".into())
                .ok()
                .filter(|id| !id.is_undefined());
            if let Some(page_now) = Reflect::get(&data, &"now".into())
                .ok()
                .and_then(|n| n.as_f64())
            {
                told.set((page_now, js_sys::Date::now()));
            }
            let text = Reflect::get(&data, &"text".into())
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default();
            let out = match serde_json::from_str::<ToWorker>(&text) {
                Ok(message) => state.core.borrow_mut().receive(message),
                Err(e) => vec![FromWorker::Answer {
                    result: Err(domain::ApiError::new(
                        400,
                        "bad_request",
                        format!("The sandbox got a message it can't read: {e}."),
                    )),
                }],
            };
            post(&state.scope, out, id);
            run_jobs(&state);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let ready = Object::new();
        let _ = Reflect::set(&ready, &"ready".into(), &true.into());
        let _ = scope.post_message(&ready);
    }

    /// Posts `out` in order, the answer with the id of the message it answers.
    fn post(scope: &DedicatedWorkerGlobalScope, out: Vec<FromWorker>, id: Option<JsValue>) {
        for message in out {
            let envelope = Object::new();
            if let (FromWorker::Answer { .. }, Some(id)) = (&message, &id) {
                let _ = Reflect::set(&envelope, &"id".into(), id);
            }
            let text = serde_json::to_string(&message).expect("messages are plain data");
            let _ = Reflect::set(&envelope, &"text".into(), &text.into());
            let _ = scope.post_message(&envelope);
        }
    }

    /// Works through unfinished bulk jobs a step at a time, unless it already is.
    fn run_jobs(state: &Rc<State>) {
        if state.running_jobs.replace(true) {
            return;
        }
        let state = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let step = state.core.borrow().step_jobs();
                let Some(kept) = step else { break };
                post(&state.scope, kept, None);
                gloo_timers::future::TimeoutFuture::new(JOB_PAUSE_MS).await;
            }
            state.running_jobs.set(false);
        });
    }
}
