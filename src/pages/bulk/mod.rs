//! The bulk-file pipeline both bulk dialogs share (assigning add-ons on a license's detail view,
//! upgrading Video users on the Users page): download the template, upload the filled-in file
//! (read in the spreadsheet worker, never sent raw), see every problem at its cell before
//! submitting, fix cells or drop rows in place, then submit it as a background job whose
//! progress shows until the report is ready.

mod preview;
mod progress;

use domain::bulk::{read_rows, BulkKind, BulkView};
use domain::licenses::rows_csv;
use domain::workbook::Workbook;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::use_api;
use crate::components::dialog::Dialog;
use crate::components::loaded::Loaded;

pub use preview::Preview;
pub use progress::{job_status, JobProgress};

/// The largest file accepted (10,000 rows of a template are far smaller).
const MAX_UPLOAD_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// A bulk dialog: loads what checking needs, then shows `template` (step 1, given the view)
/// above the upload, preview and submit steps. `on_finished` runs when the job has ended.
#[component]
pub fn BulkDialog<T, V>(
    title: String,
    kind: BulkKind,
    /// Step 1: how to get the template, given the loaded view.
    template: T,
    /// While false, step 1 shows alone (the steps after it are hidden, keeping what they hold);
    /// without it they always show.
    #[prop(optional, into)]
    template_ready: Option<Signal<bool>>,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_finished: Callback<()>,
) -> impl IntoView
where
    T: Fn(StoredValue<BulkView>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let api = use_api();
    let loaded = LocalResource::new(move || {
        let api = api.clone();
        async move { api.bulk_view().await }
    });
    view! {
        <Dialog title=title on_close=on_close wide=true>
            <Loaded
                resource=loaded
                what="the licenses and users"
                loading="Loading licenses and users…"
                let:view
            >
                {
                    let view = StoredValue::new(view);
                    view! {
                        {template.clone()(view)}
                        <div hidden=move || template_ready.is_some_and(|r| !r.get())>
                            <Preview
                                kind=kind
                                view=view
                                on_close=on_close
                                on_finished=on_finished
                            />
                        </div>
                    }
                }
            </Loaded>
        </Dialog>
    }
}

/// "Download template" as CSV (built here) or XLSX (built in the spreadsheet worker); the CSV
/// holds the first sheet only.
#[component]
pub fn TemplateButtons<B>(
    /// The file name without extension.
    stem: String,
    /// The workbook to save, built when a button is pressed.
    book: B,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView
where
    B: Fn() -> Workbook + Send + Sync + 'static,
{
    let book = StoredValue::new(book);
    let stem = StoredValue::new(stem);
    let save = Action::new_local(move |xlsx: &bool| {
        let (xlsx, book) = (*xlsx, book.with_value(|b| b()));
        let name = format!("{}.{}", stem.get_value(), if xlsx { "xlsx" } else { "csv" });
        async move {
            if xlsx {
                crate::sheets::save_xlsx(&name, book).await
            } else {
                crate::download::save_text(
                    &name,
                    "text/csv;charset=utf-8",
                    &rows_csv(&book.sheets[0].rows),
                )
            }
        }
    });
    let busy = move || disabled.get() || save.pending().get();
    view! {
        <div class="dialog-actions">
            <button
                type="button"
                class="btn"
                disabled=busy
                on:click=move |_| {
                    save.dispatch(false);
                }
            >
                "Download template (CSV)"
            </button>
            <button
                type="button"
                class="btn"
                disabled=busy
                on:click=move |_| {
                    save.dispatch(true);
                }
            >
                {move || {
                    if save.pending().get() { "Preparing…" } else { "Download template (XLSX)" }
                }}
            </button>
        </div>
        <p class="field-error" aria-live="polite">
            {move || save.value().get().and_then(Result::err)}
        </p>
    }
}

/// Reads a chosen or dropped file into rows of `kind`, or says why it can't: too big, not a
/// spreadsheet, the wrong columns, or no filled-in rows.
async fn read_file(
    kind: BulkKind,
    file: web_sys::File,
) -> Result<Vec<domain::bulk::BulkRow>, String> {
    let name = file.name();
    if file.size() > MAX_UPLOAD_BYTES {
        return Err(format!(
            "{name} is {:.1} MB; files of up to 5 MB are accepted. Split the rows into smaller files.",
            file.size() / 1_048_576.0
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("The browser couldn't read {name}."))?;
    let cells = crate::sheets::read_rows(js_sys::Uint8Array::new(&buffer), kind.sheet()).await?;
    let rows = read_rows(kind, &cells).map_err(|p| p.describe())?;
    if rows.is_empty() {
        return Err(format!(
            "{name} has no filled-in rows: add a row for each change, or use the template."
        ));
    }
    Ok(rows)
}

/// "1 row", "2 rows".
fn rows_word(n: usize) -> String {
    format!("{n} row{}", if n == 1 { "" } else { "s" })
}
