//! The page's side of the spreadsheet worker (`crates/sheets`), started on first use
//! (`crate::workers`): it posts `{id, request, bytes?}` and reads `{bytes}` or `{text}` back.

use std::rc::Rc;

use domain::workbook::{Workbook, WorkerRequest};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::JsValue;

use crate::workers::Link;

/// The worker's loader script, next to the app's own files.
const LOADER: &str = "sheets-worker_loader.js";

thread_local! {
    static WORKER: Rc<Link> = Link::new(
        LOADER,
        "The spreadsheet tools didn't load. Try again.",
        || None,
        |_| {},
    );
}

/// The workbook as the bytes of an `.xlsx` file.
async fn write_xlsx(book: Workbook) -> Result<Vec<u8>, String> {
    let reply = ask(&WorkerRequest::WriteXlsx(book), None).await?;
    Ok(Uint8Array::new(&field(&reply, "bytes")).to_vec())
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
    let text = field(&reply, "text").as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

async fn ask(request: &WorkerRequest, file: Option<Uint8Array>) -> Result<JsValue, String> {
    let text = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let message = Object::new();
    let _ = Reflect::set(&message, &"request".into(), &text.into());
    if let Some(file) = file {
        let _ = Reflect::set(&message, &"bytes".into(), &file);
    }
    let worker = WORKER.with(Rc::clone);
    worker.ask(message).await
}

fn field(reply: &JsValue, name: &str) -> JsValue {
    Reflect::get(reply, &name.into()).unwrap_or_default()
}
