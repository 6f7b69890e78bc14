//! Submitting the rows as a job: what to do with rows that can't be applied, where the report
//! goes, the request and its answer, and the dialog's buttons.

use domain::bulk::{CellProblem, JobSummary, NewJob};
use domain::ApiError;
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::dialog::DialogActions;
use crate::components::failure::{confirm_text, FailureNotice};
use crate::pages::bulk::rows_word;

/// Creates the job for a request and its idempotency key.
pub type JobAction = Action<(NewJob, String), Result<JobSummary, ApiError>>;

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

/// The action that creates the job. Its answer sets `accepted`, or puts what the server refused
/// beside the report address (`report_error`) and at the rows' cells (`refused`).
pub fn job_submission(
    accepted: RwSignal<Option<JobSummary>>,
    report_error: RwSignal<Option<String>>,
    refused: RwSignal<Vec<CellProblem>>,
) -> JobAction {
    let api = use_api();
    let submit = Action::new_local(move |(request, key): &(NewJob, String)| {
        let (api, request, key) = (api.clone(), request.clone(), key.clone());
        async move { api.create_job(&request, &key).await }
    });
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
    submit
}

/// The choice between applying nothing until every row is right and applying the valid rows.
#[component]
pub fn ApplyMode(valid_only: RwSignal<bool>) -> impl IntoView {
    view! {
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
    }
}

/// The field for the address that gets the processing report, with its error below.
#[component]
pub fn ReportTo(
    report_to: RwSignal<String>,
    report_error: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="bulk-report-to">"Email the processing report to"</label>
            <input
                id="bulk-report-to"
                type="email"
                autocomplete="email"
                prop:value=move || report_to.get()
                aria-invalid=move || report_error.with(Option::is_some).to_string()
                aria-describedby="bulk-report-to-error"
                on:input=move |ev| {
                    report_to.set(event_target_value(&ev));
                    report_error.set(None);
                }
            />
            <p id="bulk-report-to-error" class="field-error" aria-live="polite">
                {move || report_error.get()}
            </p>
        </div>
    }
}

/// Why the last submission failed, if it did, and the dialog's cancel and submit buttons.
#[component]
pub fn SubmitActions(
    submit: JobAction,
    /// How many rows would be submitted.
    count: Signal<usize>,
    #[prop(into)] blocked: Signal<bool>,
    #[prop(into)] on_submit: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
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
                let idle = match count.get() {
                    0 => "Submit".to_owned(),
                    n => format!("Submit {}", rows_word(n)),
                };
                let error = submit.value().get().and_then(Result::err);
                confirm_text(submit.pending().get(), error.as_ref(), "Submitting…", &idle)
            }
        />
    }
}
