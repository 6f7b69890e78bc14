//! The spreadsheet Web Worker. It says `{ready: true}` once it listens (messages posted while
//! its WebAssembly loads would be lost); then the page posts a JSON [`WorkerRequest`] with a
//! numeric `id` and gets back `{id, bytes}` (the file, its buffer transferred) or `{id, error}`.
//! Built by Trunk as a worker (`data-type="worker"` in index.html).

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::listen();
}

/// Natively there is nothing to run: the library's functions are tested with `cargo test`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sheets-worker runs in a browser Web Worker; see crates/sheets/src/lib.rs");
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use domain::workbook::WorkerRequest;
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Answers every message the page posts.
    pub fn listen() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            let id = Reflect::get(&data, &"id".into()).unwrap_or(JsValue::NULL);
            let request = Reflect::get(&data, &"request".into())
                .ok()
                .and_then(|r| r.as_string())
                .unwrap_or_default();
            let reply = Object::new();
            let _ = Reflect::set(&reply, &"id".into(), &id);
            let transfer = Array::new();
            match answer(&request) {
                Ok(bytes) => {
                    let array = Uint8Array::from(bytes.as_slice());
                    transfer.push(&array.buffer());
                    let _ = Reflect::set(&reply, &"bytes".into(), &array);
                }
                Err(message) => {
                    let _ = Reflect::set(&reply, &"error".into(), &message.into());
                }
            }
            let _ = reply_scope.post_message_with_transfer(&reply, &transfer);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let ready = Object::new();
        let _ = Reflect::set(&ready, &"ready".into(), &true.into());
        let _ = scope.post_message(&ready);
    }

    fn answer(request: &str) -> Result<Vec<u8>, String> {
        match serde_json::from_str::<WorkerRequest>(request)
            .map_err(|e| format!("The spreadsheet worker got a bad request: {e}."))?
        {
            WorkerRequest::WriteXlsx(book) => sheets::write_xlsx(&book),
        }
    }
}
