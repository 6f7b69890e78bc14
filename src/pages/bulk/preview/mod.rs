//! Steps 2 and 3 of a bulk dialog: upload the file, check every row with the domain's rules as
//! cells change (one page of rows at a time: a file may hold 10,000), then submit the rows as a
//! job with the address that gets the report. Once accepted, the job's progress shows here.

mod rows;
mod submit;
mod table;
mod upload;

use std::collections::HashMap;

use domain::auth::looks_like_email;
use domain::bulk::{check_rows, BulkKind, BulkRow, BulkView, CellProblem, JobSummary, NewJob};
use domain::Permission;
use leptos::prelude::*;

use super::JobProgress;
use crate::api::key_for;
use crate::components::dialog::DialogActions;
use crate::components::focus_by_id;
use crate::session::use_session;
use rows::CheckedRows;
use submit::{job_submission, ApplyMode, ReportTo, SubmitActions};
use upload::UploadStep;

/// The problems of the rows, by line.
type ProblemsByLine = HashMap<u32, Vec<CellProblem>>;

/// Groups the problems by the line they are on.
fn problems_by_line(all: &[CellProblem]) -> ProblemsByLine {
    let mut map = ProblemsByLine::new();
    for p in all {
        map.entry(p.line).or_default().push(p.clone());
    }
    map
}

#[component]
pub fn Preview(
    kind: BulkKind,
    view: StoredValue<BulkView>,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_finished: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let may_move = session.with_untracked(|s| s.can(Permission::ManageCostCenters));
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
    let on_read = Callback::new(move |read: Vec<BulkRow>| {
        rows.set(read);
        refused.set(Vec::new());
        page.set(1);
        attention_only.set(problems.with_untracked(|p| !p.is_empty()));
    });

    let valid_only = RwSignal::new(false);
    let report_to = RwSignal::new(session.with_untracked(|s| s.admin.email.clone()));
    let report_error = RwSignal::new(None::<String>);
    // One key per set of rows sent: a retry creates the job once, edited rows are a new job.
    let sent = StoredValue::new(None::<(NewJob, String)>);
    let accepted = RwSignal::new(None::<JobSummary>);
    let submit = job_submission(accepted, report_error, refused);
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
    // Problems by line, so each cell finds its own without scanning every row's.
    let by_line = Memo::new(move |_| problems.with(|all| problems_by_line(all)));
    let count = Signal::derive(move || rows.with(Vec::len));

    let form = move || {
        view! {
            <UploadStep kind=kind count=count on_read=on_read />
            {move || {
                (count.get() > 0)
                    .then(|| {
                        view! {
                            <section aria-labelledby="bulk-preview-heading">
                                <h3 id="bulk-preview-heading">"3. Check the rows and submit"</h3>
                                <CheckedRows
                                    kind=kind
                                    view=view
                                    rows=rows
                                    refused=refused
                                    by_line=by_line
                                    count=count
                                    attention_only=attention_only
                                    page=page
                                    per_page=per_page
                                />
                                <ApplyMode valid_only=valid_only />
                                <ReportTo report_to=report_to report_error=report_error />
                            </section>
                        }
                    })
            }}
            <SubmitActions
                submit=submit
                count=count
                blocked=blocked
                on_submit=on_submit
                on_close=on_close
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
