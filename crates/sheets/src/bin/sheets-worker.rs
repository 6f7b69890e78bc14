//! The spreadsheet Web Worker. It says `{ready: true}` once it listens (messages posted while
//! its WebAssembly loads would be lost); then the page posts `{id, request, bytes?}` (a JSON
//! [`WorkerRequest`], and the file to read) and gets back `{id, bytes}` (a written file, its
//! buffer transferred), `{id, text}` (rows read, as JSON) or `{id, error}`.
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
            let file = Reflect::get(&data, &"bytes".into())
                .ok()
                .filter(|b| b.is_object())
                .map(|b| Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            let reply = Object::new();
            let _ = Reflect::set(&reply, &"id".into(), &id);
            let transfer = Array::new();
            match answer(&request, &file) {
                Ok(Answer::File(bytes)) => {
                    let array = Uint8Array::from(bytes.as_slice());
                    transfer.push(&array.buffer());
                    let _ = Reflect::set(&reply, &"bytes".into(), &array);
                }
                Ok(Answer::Text(text)) => {
                    let _ = Reflect::set(&reply, &"text".into(), &text.into());
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

    /// A written file, or text.
    enum Answer {
        File(Vec<u8>),
        Text(String),
    }

    fn answer(request: &str, file: &[u8]) -> Result<Answer, String> {
        match serde_json::from_str::<WorkerRequest>(request)
            .map_err(|e| format!("The spreadsheet worker got a bad request: {e}."))?
        {
            WorkerRequest::WriteXlsx(book) => sheets::write_xlsx(&book).map(Answer::File),
            WorkerRequest::ReadRows { sheet } => {
                let rows = sheets::read_rows(file, &sheet)?;
                serde_json::to_string(&rows)
                    .map(Answer::Text)
                    .map_err(|e| e.to_string())
            }
        }
    }
}
