//! Steps 2 and 3 of a bulk dialog: upload the file, check every row with the domain's rules as
//! cells change (one page of rows at a time: a file may hold 10,000), then submit the rows as a
//! job with the address that gets the report. Once accepted, the job's progress shows here.

use std::collections::HashMap;

use domain::auth::looks_like_email;
use domain::bulk::{check_rows, BulkKind, BulkRow, BulkView, CellProblem, JobSummary, NewJob};
use domain::Permission;
use leptos::prelude::*;

use super::{read_file, rows_word, JobProgress};
use crate::api::{key_for, use_api};
use crate::components::dialog::DialogActions;
use crate::components::failure::{confirm_text, FailureNotice};
use crate::components::focus_by_id;
use crate::components::pagination::Pagination;
use crate::session::use_session;

/// What the upload field says about the chosen file.
#[derive(Clone, Debug, PartialEq)]
enum Upload {
    None,
    Reading(String),
    Read(String),
    Refused(String),
}

/// A server field error `rows[<line>].<column>` as the problem of that cell.
fn cell_of(field: &str, message: &str) -> Option<CellProblem> {
    let rest = field.strip_prefix("rows[")?;
    let (line, column) = rest.split_once("].")?;
    Some(CellProblem {
        line: line.parse().ok()?,
        column: (column != "row").then(|| column.to_owned()),
        message: message.to_owned(),
    })
}

#[component]
pub fn Preview(
    kind: BulkKind,
    view: StoredValue<BulkView>,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_finished: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let may_move = session.with_untracked(|s| s.can(Permission::ManageCostCenters));
    let upload = RwSignal::new(Upload::None);
    let attention_only = RwSignal::new(false);
    let page = RwSignal::new(1u32);
    let per_page = RwSignal::new(50u32);
    let rows = RwSignal::new(Vec::<BulkRow>::new());
    // What the server refused that the browser's view did not foresee (the account changed).
    let refused = RwSignal::new(Vec::<CellProblem>::new());
    let problems = Memo::new(move |_| {
        let mut all = rows.with(|r| view.with_value(|v| check_rows(kind, v, r, may_move)));
        all.extend(refused.get());
        all
    });
    let take_file = move |file: web_sys::File| {
        upload.set(Upload::Reading(file.name()));
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            match read_file(kind, file).await {
                Ok(read) => {
                    rows.set(read);
                    refused.set(Vec::new());
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

    let valid_only = RwSignal::new(false);
    let report_to = RwSignal::new(session.with_untracked(|s| s.admin.email.clone()));
    let report_error = RwSignal::new(None::<String>);
    // One key per set of rows sent: a retry creates the job once, edited rows are a new job.
    let sent = StoredValue::new(None::<(NewJob, String)>);
    let submit = Action::new_local(move |(request, key): &(NewJob, String)| {
        let (api, request, key) = (api.clone(), request.clone(), key.clone());
        async move { api.create_job(&request, &key).await }
    });
    let accepted = RwSignal::new(None::<JobSummary>);
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(job)) => accepted.set(Some(job)),
        Some(Err(e)) => {
            report_error.set(e.field("reportTo").map(str::to_owned));
            refused.set(
                e.field_errors
                    .iter()
                    .filter_map(|f| cell_of(&f.field, &f.message))
                    .collect(),
            );
        }
        None => {}
    });
    let on_submit = move |_| {
        let to = report_to.get_untracked().trim().to_owned();
        if !looks_like_email(&to) {
            report_error.set(Some(
                "Enter the email address that gets the processing report, like name@example.com."
                    .into(),
            ));
            focus_by_id("bulk-report-to");
            return;
        }
        submit.dispatch(key_for(
            sent,
            NewJob {
                kind,
                rows: rows.get_untracked(),
                apply_valid_rows: valid_only.get_untracked(),
                report_to: to,
            },
        ));
    };
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
        refused.update(|p| p.retain(|p| p.line != line));
    };
    // Problems by line, so each cell finds its own without scanning every row's.
    let by_line = Memo::new(move |_| {
        problems.with(|all| {
            let mut map: HashMap<u32, Vec<CellProblem>> = HashMap::new();
            for p in all {
                map.entry(p.line).or_default().push(p.clone());
            }
            map
        })
    });
    let cell_problem = move |line: u32, column: &'static str| {
        by_line.with(|m| {
            m.get(&line)
                .into_iter()
                .flatten()
                .filter(|p| p.column.as_deref().is_none_or(|c| c == column))
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let count = move || rows.with(Vec::len);
    let bad_lines = move || by_line.with(HashMap::len);
    let listed = Memo::new(move |_| {
        let only = attention_only.get();
        rows.with(|r| {
            by_line.with(|b| {
                r.iter()
                    .filter(|row| !only || b.contains_key(&row.line))
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
    let verb = if kind.names_license() {
        "assign"
    } else {
        "upgrade"
    };

    let form = move || {
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
                            Upload::Read(name) => format!("{name}: {} read.", rows_word(count())),
                            Upload::Refused(message) => message,
                        }}
                    </p>
                </div>
            </section>
            {move || {
                (count() > 0)
                    .then(|| {
                        view! {
                            <section aria-labelledby="bulk-preview-heading">
                                <h3 id="bulk-preview-heading">"3. Check the rows and submit"</h3>
                                <p class="count" aria-live="polite">
                                    {move || match bad_lines() {
                                        0 => format!("{}, all ready to {verb}.", rows_word(count())),
                                        1 => {
                                            format!(
                                                "{}; 1 needs attention. Fix its cells or remove the row.",
                                                rows_word(count()),
                                            )
                                        }
                                        n => {
                                            format!(
                                                "{}; {n} need attention. Fix the cells or remove the rows.",
                                                rows_word(count()),
                                            )
                                        }
                                    }}
                                </p>
                                <label class="checkbox">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || attention_only.get()
                                        on:change=move |ev| {
                                            attention_only.set(event_target_checked(&ev));
                                            page.set(1);
                                        }
                                    />
                                    {move || {
                                        format!(
                                            "Show only the rows that need attention ({})",
                                            bad_lines(),
                                        )
                                    }}
                                </label>
                                <div class="download-list">
                                    <table class="devices-table">
                                        <caption class="visually-hidden">
                                            "Rows of the file"
                                        </caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Row"</th>
                                                {kind
                                                    .names_license()
                                                    .then(|| view! { <th scope="col">"License ID"</th> })}
                                                <th scope="col">"Mailbox ID"</th>
                                                <th scope="col">"User"</th>
                                                <th scope="col">
                                                    <span class="visually-hidden">"Remove"</span>
                                                </th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            <For each=shown key=|r| r.line let:row>
                                                {
                                                    let line = row.line;
                                                    let cell = move |
                                                        license: bool,
                                                        column: &'static str,
                                                        value: String|
                                                    {
                                                        let id = format!(
                                                            "bulk-{line}-{}",
                                                            if license { "license" } else { "mailbox" },
                                                        );
                                                        let error_id = format!("{id}-error");
                                                        view! {
                                                            <td>
                                                                <input
                                                                    id=id
                                                                    type="text"
                                                                    value=value
                                                                    aria-label=format!("{column}, row {line}")
                                                                    aria-invalid=move || {
                                                                        (!cell_problem(line, column).is_empty()).to_string()
                                                                    }
                                                                    aria-describedby=error_id.clone()
                                                                    on:change=move |ev| set_cell(
                                                                        line,
                                                                        license,
                                                                        event_target_value(&ev).trim().to_owned(),
                                                                    )
                                                                />
                                                                <p id=error_id class="field-error" aria-live="polite">
                                                                    {move || cell_problem(line, column)}
                                                                </p>
                                                            </td>
                                                        }
                                                    };
                                                    let user = move || {
                                                        let mailbox: u64 = rows
                                                            .with(|r| {
                                                                r.iter().find(|x| x.line == line)?.mailbox_id.parse().ok()
                                                            })?;
                                                        view.with_value(|v| {
                                                            v.users
                                                                .iter()
                                                                .find(|u| u.mailbox_id == mailbox)
                                                                .map(|u| u.name.clone())
                                                        })
                                                    };
                                                    // The user the Mailbox ID names, as it is edited.
                                                    view! {
                                                        <tr>
                                                            <td>{line}</td>
                                                            {kind
                                                                .names_license()
                                                                .then(|| cell(true, "License ID", row.license_id.clone()))}
                                                            {cell(false, "Mailbox ID", row.mailbox_id.clone())}
                                                            <td>{user}</td>
                                                            <td>
                                                                <button
                                                                    type="button"
                                                                    class="btn btn-small"
                                                                    aria-label=format!("Remove row {line}")
                                                                    on:click=move |_| {
                                                                        rows.update(|r| r.retain(|x| x.line != line))
                                                                    }
                                                                >
                                                                    "Remove"
                                                                </button>
                                                            </td>
                                                        </tr>
                                                    }
                                                }
                                            </For>
                                        </tbody>
                                    </table>
                                </div>
                                <Pagination
                                    total=Signal::derive(move || listed.with(Vec::len) as u32)
                                    page=page
                                    per_page=per_page
                                    on_page=move |p| page.set(p)
                                    on_per_page=move |n| {
                                        per_page.set(n);
                                        page.set(1);
                                    }
                                />
                                <fieldset>
                                    <legend>"If some rows can't be applied"</legend>
                                    <label class="radio">
                                        <input
                                            type="radio"
                                            name="bulk-mode"
                                            prop:checked=move || !valid_only.get()
                                            on:change=move |_| valid_only.set(false)
                                        />
                                        "Apply nothing until every row is right"
                                    </label>
                                    <label class="radio">
                                        <input
                                            type="radio"
                                            name="bulk-mode"
                                            prop:checked=move || valid_only.get()
                                            on:change=move |_| valid_only.set(true)
                                        />
                                        "Apply the valid rows and report the others"
                                    </label>
                                </fieldset>
                                <div class="field">
                                    <label for="bulk-report-to">
                                        "Email the processing report to"
                                    </label>
                                    <input
                                        id="bulk-report-to"
                                        type="email"
                                        autocomplete="email"
                                        prop:value=move || report_to.get()
                                        aria-invalid=move || {
                                            report_error.with(Option::is_some).to_string()
                                        }
                                        aria-describedby="bulk-report-to-error"
                                        on:input=move |ev| {
                                            report_to.set(event_target_value(&ev));
                                            report_error.set(None);
                                        }
                                    />
                                    <p
                                        id="bulk-report-to-error"
                                        class="field-error"
                                        aria-live="polite"
                                    >
                                        {move || report_error.get()}
                                    </p>
                                </div>
                            </section>
                        }
                    })
            }}
            <FailureNotice
                error=Signal::derive(move || submit.value().get().and_then(Result::err))
                on_reload=on_close
                retry_note="Submitting again is safe: the job is created once."
            />
            <DialogActions
                on_cancel=on_close
                disabled=blocked
                on_confirm=on_submit
                confirm=move || {
                    let idle = match count() {
                        0 => "Submit".to_owned(),
                        n => format!("Submit {}", rows_word(n)),
                    };
                    let error = submit.value().get().and_then(Result::err);
                    confirm_text(submit.pending().get(), error.as_ref(), "Submitting…", &idle)
                }
            />
        }
    };
    move || match accepted.get() {
        None => form().into_any(),
        Some(job) => view! {
            <JobProgress job=job on_finished=on_finished />
            <DialogActions on_cancel=on_close cancel="Close" />
        }
        .into_any(),
    }
}
