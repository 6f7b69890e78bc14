//! Saving a file the app built, in the browser (no server round trip).

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name` with the given MIME type.
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    save(file_name, mime, &text.into())
}

/// Offers `bytes` as a download named `file_name` with the given MIME type.
pub fn save_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    save(file_name, mime, &js_sys::Uint8Array::from(bytes).into())
}

fn save(file_name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "The browser couldn't build the file.".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "The browser couldn't offer the file.".to_owned())?;
    let link = leptos::prelude::document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or("The browser couldn't offer the file.")?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Give the browser time to start the download before the URL goes.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}
