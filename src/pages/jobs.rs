//! `/jobs`: every bulk job with its progress (refreshed while one runs), and `/jobs/:id`: one
//! job's report, every row with its outcome, filterable to the refused rows (in the URL) and
//! downloadable as CSV.

use domain::bulk::{report_csv, JobReport, JobSummary, ReportRow, RowOutcome};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::loaded::Loaded;
use crate::components::pagination::Pagination;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::format::local_time;
use crate::pages::bulk::job_status;
use crate::routes::{use_id_param, AppRoute};

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
        <section class="page">
            <header class="page-header">
                <div>
                    <h1>"Bulk jobs"</h1>
                    <p class="muted">
                        "Changes submitted from a file run here in the background. Each job's report is emailed when it ends, and opens here row by row."
                    </p>
                </div>
                <div class="header-actions">
                    <button class="btn" on:click=move |_| jobs.refetch()>
                        "Refresh"
                    </button>
                </div>
            </header>
            <Loaded resource=jobs what="the jobs" loading="Loading jobs…" let:list>
                {if list.is_empty() {
                    view! {
                        <div class="empty-state">
                            <h2>"No bulk jobs yet"</h2>
                            <p>
                                "Assign add-on licenses from a file on an add-on's page in Licenses & Inventory, or upgrade Video users to Office from a file on the Users page."
                            </p>
                            <A href=AppRoute::Licenses.href() attr:class="btn btn-primary">
                                "Go to Licenses & Inventory"
                            </A>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <table class="review-table">
                            <caption class="visually-hidden">"Bulk jobs, newest first"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Job"</th>
                                    <th scope="col">"Submitted"</th>
                                    <th scope="col">"Rows"</th>
                                    <th scope="col">"Progress"</th>
                                    <th scope="col">"Report to"</th>
                                </tr>
                            </thead>
                            <tbody>{list.into_iter().map(row).collect_view()}</tbody>
                        </table>
                    }
                        .into_any()
                }}
            </Loaded>
        </section>
    }
}

#[component]
pub fn JobReportPage() -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let query = use_query_map();
    let navigate = use_navigate();
    let id = use_id_param();
    let only_refused = Memo::new(move |_| query.with(|q| q.get("refused").as_deref() == Some("1")));
    let page = Memo::new(move |_| {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p > 0)
                .unwrap_or(1)
        })
    });
    let per_page = RwSignal::new(50u32);
    let go = Callback::new(move |(refused, page): (bool, u32)| {
        let mut pairs = vec![("page", page.to_string())];
        if refused {
            pairs.push(("refused", "1".to_owned()));
        }
        navigate(
            &AppRoute::JobReport(id.get_untracked().unwrap_or(0)).with_query(&pairs),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    let report = LocalResource::new(move || {
        let (api, id) = (api.clone(), id.get());
        async move {
            match id {
                Some(id) => api.job_report(id).await,
                None => Err(domain::ApiError::not_found("That job doesn't exist.")),
            }
        }
    });
    refresh_while(
        move || {
            report.with(|r| {
                r.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .is_some_and(|r: &JobReport| r.job.finished_at.is_none())
            })
        },
        move || report.refetch(),
    );
    let download = move |r: &JobReport| {
        let name = format!("{}-report-{}.csv", r.job.kind.slug(), r.job.id);
        match crate::download::save_text(&name, "text/csv;charset=utf-8", &report_csv(r)) {
            Ok(()) => toasts.show(ToastKind::Success, format!("Downloaded {name}.")),
            Err(e) => toasts.show(
                ToastKind::Error,
                format!("Couldn't download the report: {e}"),
            ),
        }
    };
    let body = move |r: JobReport| {
        let kind = r.job.kind;
        let refused_count = r.job.refused;
        let rows: Vec<ReportRow> = r
            .rows
            .iter()
            .filter(|row| !only_refused.get() || row.outcome == RowOutcome::Refused)
            .cloned()
            .collect();
        let total = rows.len() as u32;
        let (p, size) = (page.get() as usize, per_page.get() as usize);
        let shown: Vec<ReportRow> = rows.into_iter().skip((p - 1) * size).take(size).collect();
        let report = StoredValue::new(r.clone());
        view! {
            <p class="count" role="status">
                {job_status(&r.job)}
            </p>
            <p class="muted">
                {format!(
                    "Submitted {} by {}; report emailed to {}.",
                    local_time(r.job.created_at),
                    r.job.submitted_by,
                    r.job.report_to,
                )}
            </p>
            <div class="toolbar">
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || only_refused.get()
                        on:change=move |ev| go.run((event_target_checked(&ev), 1))
                    />
                    {format!("Show only the refused rows ({refused_count})")}
                </label>
                <button class="btn" on:click=move |_| report.with_value(download)>
                    "Download report (CSV)"
                </button>
            </div>
            <table class="review-table">
                <caption class="visually-hidden">
                    "Rows of the file and what became of each"
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Row"</th>
                        {kind.names_license().then(|| view! { <th scope="col">"License ID"</th> })}
                        <th scope="col">"Mailbox ID"</th>
                        <th scope="col">"User"</th>
                        <th scope="col">"Result"</th>
                    </tr>
                </thead>
                <tbody>
                    {shown
                        .into_iter()
                        .map(|row| {
                            let (result, class) = match row.outcome {
                                RowOutcome::Applied => {
                                    (kind.done_word().to_owned(), "badge badge-ok")
                                }
                                RowOutcome::Refused => {
                                    (format!("Refused: {}", row.reason), "badge badge-error")
                                }
                                RowOutcome::Waiting => ("Waiting".to_owned(), "badge"),
                            };
                            view! {
                                <tr>
                                    <td>{row.line}</td>
                                    {kind
                                        .names_license()
                                        .then(|| view! { <td>{row.license_id.clone()}</td> })}
                                    <td>{row.mailbox_id}</td>
                                    <td>{row.user}</td>
                                    <td>
                                        <span class=class>{result}</span>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <Pagination
                total=total
                page=page
                per_page=per_page
                on_page=move |p| go.run((only_refused.get_untracked(), p))
                on_per_page=move |n| {
                    per_page.set(n);
                    go.run((only_refused.get_untracked(), 1));
                }
            />
        }
    };
    view! {
        <section class="page">
            <header class="page-header">
                <div>
                    <p>
                        <A href=AppRoute::Jobs.href()>"Bulk jobs"</A>
                    </p>
                    <h1>
                        {move || {
                            report
                                .with(|r| match r {
                                    Some(Ok(r)) => {
                                        format!("Job {}: {}", r.job.id, r.job.kind.label())
                                    }
                                    _ => "Job report".to_owned(),
                                })
                        }}
                    </h1>
                </div>
            </header>
            <Loaded resource=report what="the report" loading="Loading the report…" let:r>
                {move || body(r.clone())}
            </Loaded>
        </section>
    }
}
