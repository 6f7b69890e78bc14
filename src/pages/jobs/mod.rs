//! `/jobs`: every bulk job with its progress (refreshed while one runs), and `/jobs/:id`: one
//! job's report, every row with its outcome, filterable to the refused rows (in the URL) and
//! downloadable as CSV.

mod report;

use domain::bulk::JobSummary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::list_page::{ListPage, ListWords};
use crate::format::local_time;
use crate::pages::bulk::job_status;
use crate::routes::AppRoute;
pub use report::JobReportPage;

/// How often the lists refresh while a job runs.
const REFRESH_MS: u32 = 1000;

/// Calls `refresh` every [`REFRESH_MS`] while `running` says a job is unfinished, for as long
/// as the page is shown.
fn refresh_while(running: impl Fn() -> bool + 'static, refresh: impl Fn() + Clone + 'static) {
    let handle = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |_| {
        if running() {
            let timeout = gloo_timers::callback::Timeout::new(REFRESH_MS, refresh.clone());
            handle.set_value(Some(timeout));
        }
    });
    on_cleanup(move || {
        if let Some(Some(t)) = handle.try_update_value(Option::take) {
            t.cancel();
        }
    });
}

#[component]
pub fn JobsPage() -> impl IntoView {
    let api = use_api();
    let jobs = LocalResource::new(move || {
        let api = api.clone();
        async move { api.jobs().await }
    });
    refresh_while(
        move || {
            jobs.with(|j| {
                j.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .is_some_and(|list| list.iter().any(|j: &JobSummary| j.finished_at.is_none()))
            })
        },
        move || jobs.refetch(),
    );
    let row = |j: JobSummary| {
        let status = job_status(&j);
        view! {
            <tr>
                <td>
                    <A href=AppRoute::JobReport(j.id)
                        .href()>{format!("Job {}: {}", j.id, j.kind.label())}</A>
                </td>
                <td>
                    {local_time(j.created_at)}
                    <p class="muted">{format!("by {}", j.submitted_by)}</p>
                </td>
                <td>{j.total}</td>
                <td>
                    {j
                        .finished_at
                        .is_none()
                        .then(|| {
                            view! {
                                <progress
                                    max=j.total.max(1)
                                    value=j.done
                                    aria-label=format!("Job {} rows processed", j.id)
                                ></progress>
                            }
                        })} <p>{status}</p>
                </td>
                <td>{j.report_to}</td>
            </tr>
        }
    };
    view! {
        <ListPage
            words=ListWords {
                title: "Bulk jobs",
                intro: "Changes submitted from a file run here in the background. Each job's report is emailed when it ends, and opens here row by row.",
                what: "the jobs",
                loading: "Loading jobs…",
                empty_title: "No bulk jobs yet",
                empty_text: "Assign add-on licenses from a file on an add-on's page in Licenses & Inventory, or upgrade Video users to Office from a file on the Users page.",
                caption: "Bulk jobs, newest first",
                table_class: "review-table",
                columns: &["Job", "Submitted", "Rows", "Progress", "Report to"],
            }
            resource=jobs
            row=row
        />
    }
}
