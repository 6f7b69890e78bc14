//! "Assign in bulk via file" on an add-on's detail view: pick spare licenses and download the
//! template (with the Reference User List if asked), upload the filled-in file (read in the
//! spreadsheet worker, never sent raw), see every problem at its cell before submitting, fix
//! cells or drop rows in place, then assign all or nothing, or the valid rows with a report.

use std::collections::BTreeSet;

use domain::licenses::{
    assign_template, check_assignments, read_assign_rows, rows_csv, BulkAssign, BulkReport,
    BulkRow, BulkView, CellProblem, InventoryType, ASSIGN_SHEET,
};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::Dialog;
use crate::components::error_view::ErrorView;
use crate::components::pagination::Pagination;

/// The largest file accepted (10,000 rows of the template are far smaller).
const MAX_UPLOAD_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// What the upload field says about the chosen file.
#[derive(Clone, Debug, PartialEq)]
enum Upload {
    None,
    Reading(String),
    Read(String),
    Refused(String),
}

#[component]
pub fn BulkAssignDialog(
    /// An add-on type.
    kind: InventoryType,
    #[prop(into)] on_close: Callback<()>,
    /// Called with the report once rows were assigned.
    #[prop(into)]
    on_done: Callback<BulkReport>,
) -> impl IntoView {
    let api = use_api();
    let attempt = RwSignal::new(0u32);
    let view_api = api.clone();
    let loaded = LocalResource::new(move || {
        attempt.track();
        let api = view_api.clone();
        async move { api.bulk_view().await }
    });
    view! {
        <Dialog title=format!("Assign {} licenses in bulk", kind.label()) on_close=on_close wide=true>
            {move || match loaded.get() {
                None => view! { <p role="status">"Loading licenses and users…"</p> }.into_any(),
                Some(Err(error)) => view! {
                    <ErrorView error=error what="the licenses and users" on_retry=move |_| attempt.update(|n| *n += 1) />
                }.into_any(),
                Some(Ok(view)) => view! { <BulkForm kind=kind view=view on_close=on_close on_done=on_done /> }.into_any(),
            }}
        </Dialog>
    }
}

#[component]
fn BulkForm(
    kind: InventoryType,
    view: BulkView,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_done: Callback<BulkReport>,
) -> impl IntoView {
    let api = use_api();
    let view = StoredValue::new(view);
    let spare: Vec<(String, String)> = view.with_value(|v| {
        v.licenses
            .iter()
            .filter(|l| Some(l.kind) == kind.license() && l.assignee.is_none())
            .map(|l| (l.id.clone(), v.cost_center_name(&l.cost_center_id)))
            .collect()
    });
    let spare_count = spare.len();
    let picked = RwSignal::new(BTreeSet::<String>::new());
    let include_users = RwSignal::new(false);
    let template_error = RwSignal::new(None::<String>);
    let template = Action::new_local(move |xlsx: &bool| {
        let xlsx = *xlsx;
        let ids: Vec<String> = picked.get_untracked().into_iter().collect();
        let book = view.with_value(|v| assign_template(v, &ids, include_users.get_untracked()));
        async move {
            let name = format!(
                "assign-{}.{}",
                kind.slug(),
                if xlsx { "xlsx" } else { "csv" }
            );
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
    Effect::new(move |_| {
        if let Some(result) = template.value().get() {
            template_error.set(result.err());
        }
    });

    // The file: read in the worker, then checked with the domain's rules as cells change.
    let upload = RwSignal::new(Upload::None);
    let attention_only = RwSignal::new(false);
    let page = RwSignal::new(1u32);
    let per_page = RwSignal::new(50u32);
    let rows = RwSignal::new(Vec::<BulkRow>::new());
    let read_problems = RwSignal::new(Vec::<CellProblem>::new());
    let problems = Memo::new(move |_| {
        let mut all = read_problems.get();
        all.retain(|p| rows.with(|r| r.iter().any(|row| row.line == p.line)));
        all.extend(rows.with(|r| view.with_value(|v| check_assignments(v, r))));
        all
    });
    let read_file = move |file: web_sys::File| {
        let name = file.name();
        if file.size() > MAX_UPLOAD_BYTES {
            upload.set(Upload::Refused(format!("{name} is {:.1} MB; files of up to 5 MB are accepted. Split the rows into smaller files.", file.size() / 1_048_576.0)));
            return;
        }
        upload.set(Upload::Reading(name.clone()));
        wasm_bindgen_futures::spawn_local(async move {
            let bytes = match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer),
                Err(_) => {
                    upload.set(Upload::Refused(format!(
                        "The browser couldn't read {name}."
                    )));
                    return;
                }
            };
            let read = crate::sheets::read_rows(bytes, ASSIGN_SHEET)
                .await
                .and_then(|cells| read_assign_rows(&cells).map_err(|p| describe(&p)));
            match read {
                Ok((read, _)) if read.is_empty() => {
                    upload.set(Upload::Refused(format!(
                        "{name} has no filled-in rows: add a Mailbox ID next to each license."
                    )));
                }
                Ok((read, found)) => {
                    rows.set(read);
                    read_problems.set(found);
                    page.set(1);
                    attention_only.set(problems.with_untracked(|p| !p.is_empty()));
                    upload.set(Upload::Read(name));
                }
                Err(message) => upload.set(Upload::Refused(message)),
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_file(file);
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
            read_file(file);
        }
    };

    let valid_only = RwSignal::new(false);
    let key = StoredValue::new(new_idempotency_key());
    let submit = Action::new_local(move |request: &BulkAssign| {
        let (api, request) = (api.clone(), request.clone());
        async move { api.bulk_assign(&request, &key.get_value()).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(report)) = submit.value().get() {
            on_done.run(report);
        }
    });
    let blocked = move || {
        rows.with(Vec::is_empty)
            || (!valid_only.get() && !problems.with(Vec::is_empty))
            || submit.pending().get()
    };
    let set_cell = move |line: u32, license: bool, value: String| {
        rows.update(|r| {
            if let Some(row) = r.iter_mut().find(|row| row.line == line) {
                if license {
                    row.license_id = value
                } else {
                    row.mailbox_id = value
                }
            }
        });
        read_problems.update(|p| p.retain(|p| p.line != line));
    };
    let cell_problem = move |line: u32, column: &'static str| {
        problems.with(|p| {
            p.iter()
                .filter(|p| p.line == line && p.column.as_deref() == Some(column))
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let count = move || rows.with(Vec::len);
    let bad =
        Memo::new(move |_| problems.with(|p| p.iter().map(|p| p.line).collect::<BTreeSet<_>>()));
    let bad_lines = move || bad.with(BTreeSet::len);
    // The preview shows one page of rows (a file may hold 10,000), or only those needing
    // attention.
    let listed = Memo::new(move |_| {
        let only = attention_only.get();
        rows.with(|r| {
            bad.with(|b| {
                r.iter()
                    .filter(|row| !only || b.contains(&row.line))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let shown = move || {
        let (page, size) = (page.get() as usize, per_page.get() as usize);
        listed.with(|l| {
            l.iter()
                .skip((page - 1) * size)
                .take(size)
                .cloned()
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section aria-labelledby="bulk-template-heading">
            <h3 id="bulk-template-heading">"1. Choose licenses and download the template"</h3>
            {if spare_count == 0 {
                view! { <p class="notice">{format!("No {} license is available to assign.", kind.label())}</p> }.into_any()
            } else {
                let all: Vec<String> = spare.iter().map(|(id, _)| id.clone()).collect();
                view! {
                    <label class="checkbox">
                        <input type="checkbox" prop:checked=move || picked.with(|p| p.len() == spare_count)
                            on:change=move |ev| picked.set(if event_target_checked(&ev) { all.iter().cloned().collect() } else { BTreeSet::new() }) />
                        {format!("All available ({spare_count})")}
                    </label>
                    <ul class="pick-list" aria-label="Available licenses">
                        {spare.into_iter().map(|(id, cost_center)| {
                            let (checked_id, toggled_id) = (id.clone(), id.clone());
                            view! {
                                <li><label class="checkbox">
                                    <input type="checkbox" prop:checked=move || picked.with(|p| p.contains(&checked_id))
                                        on:change=move |ev| { let on = event_target_checked(&ev); let id = toggled_id.clone(); picked.update(|p| { if on { p.insert(id); } else { p.remove(&id); } }); } />
                                    {format!("{id} · {cost_center}")}
                                </label></li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || include_users.get() on:change=move |ev| include_users.set(event_target_checked(&ev)) />
                "Include user list (a Reference User List sheet with every user's Mailbox ID; XLSX only)"
            </label>
            <div class="dialog-actions">
                <button type="button" class="btn" disabled=move || picked.with(BTreeSet::is_empty) || template.pending().get()
                    on:click=move |_| { template.dispatch(false); }>"Download template (CSV)"</button>
                <button type="button" class="btn" disabled=move || picked.with(BTreeSet::is_empty) || template.pending().get()
                    on:click=move |_| { template.dispatch(true); }>
                    {move || if template.pending().get() { "Preparing…" } else { "Download template (XLSX)" }}
                </button>
            </div>
            <p class="field-error" aria-live="polite">{move || template_error.get()}</p>
        </section>
        <section aria-labelledby="bulk-upload-heading">
            <h3 id="bulk-upload-heading">"2. Upload the filled-in file"</h3>
            <div class="drop-zone" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
                <label for="bulk-file">"Drop the file here, or choose it (.xlsx or .csv, up to 5 MB)"</label>
                <input id="bulk-file" type="file" accept=format!(".xlsx,.csv,text/csv,{}", crate::sheets::XLSX_MIME)
                    aria-describedby="bulk-file-status" on:change=on_pick />
                <p id="bulk-file-status" aria-live="polite" class:field-error=move || matches!(upload.get(), Upload::Refused(_))>
                    {move || match upload.get() {
                        Upload::None => String::new(),
                        Upload::Reading(name) => format!("Reading {name}…"),
                        Upload::Read(name) => format!("{name}: {} read.", rows_word(count())),
                        Upload::Refused(message) => message,
                    }}
                </p>
            </div>
        </section>
        {move || (count() > 0).then(|| view! {
            <section aria-labelledby="bulk-preview-heading">
                <h3 id="bulk-preview-heading">"3. Check the rows"</h3>
                <p class="count" aria-live="polite">{move || match bad_lines() {
                    0 => format!("{}, all ready to assign.", rows_word(count())),
                    1 => format!("{}; 1 needs attention. Fix its cells or remove the row.", rows_word(count())),
                    n => format!("{}; {n} need attention. Fix the cells or remove the rows.", rows_word(count())),
                }}</p>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || attention_only.get()
                        on:change=move |ev| { attention_only.set(event_target_checked(&ev)); page.set(1); } />
                    {move || format!("Show only the rows that need attention ({})", bad_lines())}
                </label>
                <div class="download-list">
                    <table class="devices-table">
                        <caption class="visually-hidden">"Rows of the file"</caption>
                        <thead><tr><th scope="col">"Row"</th><th scope="col">"License ID"</th><th scope="col">"Mailbox ID"</th><th scope="col">""</th></tr></thead>
                        <tbody>
                            <For each=shown key=|r| r.line let:row>
                                {
                                    let line = row.line;
                                    let cell = move |license: bool, column: &'static str, value: String| {
                                        let id = format!("bulk-{line}-{}", if license { "license" } else { "mailbox" });
                                        let error_id = format!("{id}-error");
                                        view! {
                                            <td>
                                                <input id=id type="text" value=value aria-label=format!("{column}, row {line}")
                                                    aria-invalid=move || (!cell_problem(line, column).is_empty()).to_string() aria-describedby=error_id.clone()
                                                    on:change=move |ev| set_cell(line, license, event_target_value(&ev).trim().to_owned()) />
                                                <p id=error_id class="field-error" aria-live="polite">{move || cell_problem(line, column)}</p>
                                            </td>
                                        }
                                    };
                                    view! {
                                        <tr>
                                            <td>{line}</td>
                                            {cell(true, "License ID", row.license_id.clone())}
                                            {cell(false, "Mailbox ID", row.mailbox_id.clone())}
                                            <td><button type="button" class="btn btn-small" aria-label=format!("Remove row {line}")
                                                on:click=move |_| rows.update(|r| r.retain(|x| x.line != line))>"Remove"</button></td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
                <Pagination total=Signal::derive(move || listed.with(Vec::len) as u32) page=page per_page=per_page
                    on_page=move |p| page.set(p) on_per_page=move |n| { per_page.set(n); page.set(1); } />
                <fieldset>
                    <legend>"If some rows can't be assigned"</legend>
                    <label class="radio"><input type="radio" name="bulk-mode" prop:checked=move || !valid_only.get() on:change=move |_| valid_only.set(false) />"Assign nothing until every row is right"</label>
                    <label class="radio"><input type="radio" name="bulk-mode" prop:checked=move || valid_only.get() on:change=move |_| valid_only.set(true) />"Assign the valid rows and report the others"</label>
                </fieldset>
            </section>
        })}
        {move || submit.value().get().and_then(Result::err).map(|e| view! {
            <div class="notice notice-error" role="alert"><p>{e.message.clone()}</p></div>
        })}
        <div class="dialog-actions">
            <button type="button" class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
            <button type="button" class="btn btn-primary" disabled=blocked
                on:click=move |_| { submit.dispatch(BulkAssign { rows: rows.get_untracked(), apply_valid_rows: valid_only.get_untracked() }); }>
                {move || if submit.pending().get() { "Working…".to_owned() } else { format!("Assign ({})", count()) }}
            </button>
        </div>
    }
}

/// A file-level problem as one sentence, with its place when it has one.
fn describe(p: &CellProblem) -> String {
    match (p.line, &p.column) {
        (0, _) => p.message.clone(),
        (line, Some(column)) => format!("Row {line}, {column}: {}", p.message),
        (line, None) => format!("Row {line}: {}", p.message),
    }
}

/// "1 row", "2 rows".
fn rows_word(n: usize) -> String {
    format!("{n} row{}", if n == 1 { "" } else { "s" })
}
