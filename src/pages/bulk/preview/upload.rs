//! Step 2: the drop zone and file field, and what became of the file chosen in it.

use domain::bulk::{BulkKind, BulkRow};
use leptos::prelude::*;

use crate::pages::bulk::{read_file, rows_word};

/// What the upload field says about the chosen file.
#[derive(Clone, Debug, PartialEq)]
enum Upload {
    None,
    Reading(String),
    Read(String),
    Refused(String),
}

/// Step 2: the drop zone with the file field, and the chosen file's status below it.
#[component]
pub fn UploadStep(
    kind: BulkKind,
    /// How many rows there are now (fewer as rows are removed).
    count: Signal<usize>,
    /// Called with the rows of a file once it is read.
    on_read: Callback<Vec<BulkRow>>,
) -> impl IntoView {
    let upload = RwSignal::new(Upload::None);
    let take_file = move |file: web_sys::File| {
        upload.set(Upload::Reading(file.name()));
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            // The dialog may have closed while the file was read: then its rows and status are
            // gone, and the answer is dropped.
            match read_file(kind, file).await {
                Ok(read) => {
                    if on_read.try_run(read).is_some() {
                        upload.try_set(Upload::Read(name));
                    }
                }
                Err(message) => {
                    upload.try_set(Upload::Refused(message));
                }
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            take_file(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            take_file(file);
        }
    };

    view! {
        <section aria-labelledby="bulk-upload-heading">
            <h3 id="bulk-upload-heading">"2. Upload the filled-in file"</h3>
            <div
                class="drop-zone"
                on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                <label for="bulk-file">
                    "Drop the file here, or choose it (.xlsx or .csv, up to 5 MB)"
                </label>
                <input
                    id="bulk-file"
                    type="file"
                    accept=format!(".xlsx,.csv,text/csv,{}", crate::sheets::XLSX_MIME)
                    aria-describedby="bulk-file-status"
                    on:change=on_pick
                />
                <p
                    id="bulk-file-status"
                    aria-live="polite"
                    class:field-error=move || matches!(upload.get(), Upload::Refused(_))
                >
                    {move || match upload.get() {
                        Upload::None => String::new(),
                        Upload::Reading(name) => format!("Reading {name}…"),
                        Upload::Read(name) => format!("{name}: {} read.", rows_word(count.get())),
                        Upload::Refused(message) => message,
                    }}
                </p>
            </div>
        </section>
    }
}
