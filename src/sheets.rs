//! The page's side of the spreadsheet worker (`crates/sheets`): the worker starts on first
//! use, requests wait until it says it is ready, and each is a promise settled by the
//! worker's reply with the same id.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use domain::workbook::{Workbook, WorkerRequest};
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// The worker's loader script, next to the app's own files.
const LOADER: &str = "sheets-worker_loader.js";

/// The worker, and the messages waiting for it to be ready (`None` once it is).
struct Running {
    worker: Worker,
    waiting: Option<Vec<Object>>,
}

thread_local! {
    static WORKER: RefCell<Option<Running>> = const { RefCell::new(None) };
    static PENDING: RefCell<HashMap<u32, (Function, Function)>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// The workbook as the bytes of an `.xlsx` file.
async fn write_xlsx(book: Workbook) -> Result<Vec<u8>, String> {
    let reply = ask(&WorkerRequest::WriteXlsx(book), None).await?;
    Ok(Uint8Array::new(&reply).to_vec())
}

/// The MIME type of an `.xlsx` file.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Writes the workbook in the worker and offers it as a download named `file_name`.
pub async fn save_xlsx(file_name: &str, book: Workbook) -> Result<(), String> {
    let bytes = write_xlsx(book).await?;
    crate::download::save_bytes(file_name, XLSX_MIME, &bytes)
}

/// The rows of an uploaded `.xlsx` (its sheet named `sheet`, else the first) or `.csv`, as
/// text cells; the file's bytes go to the worker, not to any server.
pub async fn read_rows(file: Uint8Array, sheet: &str) -> Result<Vec<Vec<String>>, String> {
    let request = WorkerRequest::ReadRows {
        sheet: sheet.to_owned(),
    };
    let reply = ask(&request, Some(file)).await?;
    serde_json::from_str(&reply.as_string().unwrap_or_default()).map_err(|e| e.to_string())
}

async fn ask(request: &WorkerRequest, file: Option<Uint8Array>) -> Result<JsValue, String> {
    let text = serde_json::to_string(request).map_err(|e| e.to_string())?;
    start()?;
    let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
    let promise = Promise::new(&mut |resolve, reject| {
        PENDING.with(|p| p.borrow_mut().insert(id, (resolve, reject)));
    });
    let message = Object::new();
    let _ = Reflect::set(&message, &"id".into(), &id.into());
    let _ = Reflect::set(&message, &"request".into(), &text.into());
    if let Some(file) = file {
        let _ = Reflect::set(&message, &"bytes".into(), &file);
    }
    let posted = WORKER.with(|w| match w.borrow_mut().as_mut() {
        Some(Running {
            waiting: Some(queue),
            ..
        }) => {
            queue.push(message);
            true
        }
        Some(running) => running.worker.post_message(&message).is_ok(),
        None => false,
    });
    if !posted {
        PENDING.with(|p| p.borrow_mut().remove(&id));
        return Err("The spreadsheet tools couldn't be reached.".into());
    }
    JsFuture::from(promise).await.map_err(|e| {
        e.as_string()
            .unwrap_or_else(|| "The spreadsheet tools failed.".into())
    })
}

/// Starts the worker (wired to settle the promises) unless it runs.
fn start() -> Result<(), String> {
    if WORKER.with(|w| w.borrow().is_some()) {
        return Ok(());
    }
    let worker = Worker::new(&loader_url())
        .map_err(|_| "The browser couldn't start the spreadsheet tools.".to_owned())?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let data = ev.data();
        if Reflect::get(&data, &"ready".into()).is_ok_and(|r| r.is_truthy()) {
            WORKER.with(|w| {
                if let Some(running) = w.borrow_mut().as_mut() {
                    for message in running.waiting.take().unwrap_or_default() {
                        let _ = running.worker.post_message(&message);
                    }
                }
            });
            return;
        }
        let id = Reflect::get(&data, &"id".into())
            .ok()
            .and_then(|v| v.as_f64())
            .map(|v| v as u32);
        let Some((resolve, reject)) =
            id.and_then(|id| PENDING.with(|p| p.borrow_mut().remove(&id)))
        else {
            return;
        };
        let field = |name: &str| {
            Reflect::get(&data, &name.into())
                .ok()
                .filter(|v| !v.is_undefined())
        };
        match field("error") {
            Some(error) => reject.call1(&JsValue::NULL, &error),
            None => resolve.call1(
                &JsValue::NULL,
                &field("bytes").or_else(|| field("text")).unwrap_or_default(),
            ),
        }
        .ok();
    });
    // A worker that fails to load fails every waiting request, and is started afresh next time.
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|_| {
        if let Some(running) = WORKER.with(|w| w.borrow_mut().take()) {
            running.worker.terminate();
        }
        let waiting: Vec<_> = PENDING.with(|p| p.borrow_mut().drain().collect());
        for (_, (_, reject)) in waiting {
            let reason = JsValue::from_str("The spreadsheet tools didn't load. Try again.");
            let _ = reject.call1(&JsValue::NULL, &reason);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_error.forget();
    WORKER.with(|w| {
        *w.borrow_mut() = Some(Running {
            worker,
            waiting: Some(Vec::new()),
        })
    });
    Ok(())
}

/// The loader's URL: beside the app's script (which a host portal may serve from anywhere),
/// else at the site root.
fn loader_url() -> String {
    let document = leptos::prelude::document();
    let script = document
        .query_selector("link[rel=modulepreload][href]")
        .ok()
        .flatten()
        .and_then(|l| l.get_attribute("href"));
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    script
        .and_then(|href| web_sys::Url::new_with_base(&href, &base).ok())
        .and_then(|script| web_sys::Url::new_with_base(LOADER, &script.href()).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| format!("/{LOADER}"))
}
