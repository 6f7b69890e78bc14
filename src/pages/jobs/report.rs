//! `/jobs/:id`: one job's report, every row with its outcome, filterable to the refused rows
//! (in the URL) and downloadable as CSV.

use domain::bulk::{report_csv, BulkKind, JobReport, JobSummary, ReportRow, RowOutcome};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::refresh_while;
use crate::api::use_api;
use crate::components::loaded::Loaded;
use crate::components::pagination::Pagination;
use crate::components::table_scroller::TableScroller;
use crate::components::toasts::{use_toasts, ToastKind, Toasts};
use crate::format::local_time;
use crate::pages::bulk::job_status;
use crate::routes::{use_id_param, AppRoute};

#[component]
pub fn JobReportPage() -> impl IntoView {
    let api = use_api();
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
    let title = Signal::derive(move || {
        report.with(|r| match r {
            Some(Ok(r)) => format!("Job {}: {}", r.job.id, r.job.kind.label()),
            _ => "Job report".to_owned(),
        })
    });
    view! {
        <section class="page">
            <ReportHeader title=title />
            <Loaded resource=report what="the report" loading="Loading the report…" let:r>
                {move || {
                    let (shown, total) = shown_rows(&r, only_refused, page, per_page);
                    view! {
                        <ReportSummary job=r.job.clone() />
                        <ReportToolbar
                            report=r.clone()
                            only_refused=only_refused
                            on_refused=move |refused| go.run((refused, 1))
                        />
                        <ReportTable kind=r.job.kind rows=shown />
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
                }}
            </Loaded>
        </section>
    }
}

/// The rows of `r` on the page shown (only the refused ones while `only_refused`), and how many
/// rows all pages hold. Reads the signals, so a view that calls it redraws when they change.
fn shown_rows(
    r: &JobReport,
    only_refused: Memo<bool>,
    page: Memo<u32>,
    per_page: RwSignal<u32>,
) -> (Vec<ReportRow>, u32) {
    let rows: Vec<ReportRow> = r
        .rows
        .iter()
        .filter(|row| !only_refused.get() || row.outcome == RowOutcome::Refused)
        .cloned()
        .collect();
    let total = rows.len() as u32;
    let (p, size) = (page.get() as usize, per_page.get() as usize);
    let shown: Vec<ReportRow> = rows.into_iter().skip((p - 1) * size).take(size).collect();
    (shown, total)
}

/// Saves report `r` as a CSV file and says so in a toast.
fn download(r: &JobReport, toasts: Toasts) {
    let name = format!("{}-report-{}.csv", r.job.kind.slug(), r.job.id);
    match crate::download::save_text(&name, "text/csv;charset=utf-8", &report_csv(r)) {
        Ok(()) => toasts.show(ToastKind::Success, format!("Downloaded {name}.")),
        Err(e) => toasts.show(
            ToastKind::Error,
            format!("Couldn't download the report: {e}"),
        ),
    }
}

/// The page header: a link back to the bulk jobs and the job's title.
#[component]
fn ReportHeader(#[prop(into)] title: Signal<String>) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <p>
                    <A href=AppRoute::Jobs.href()>"Bulk jobs"</A>
                </p>
                <h1>{move || title.get()}</h1>
            </div>
        </header>
    }
}

/// The job's status, who submitted it when and where its report was emailed.
#[component]
fn ReportSummary(job: JobSummary) -> impl IntoView {
    view! {
        <p class="count" role="status">
            {job_status(&job)}
        </p>
        <p class="muted">
            {format!(
                "Submitted {} by {}; report emailed to {}.",
                local_time(job.created_at),
                job.submitted_by,
                job.report_to,
            )}
        </p>
    }
}

/// The "Show only the refused rows" checkbox and the button downloading the report as CSV.
#[component]
fn ReportToolbar(
    report: JobReport,
    #[prop(into)] only_refused: Signal<bool>,
    /// Called with whether to show only the refused rows.
    #[prop(into)]
    on_refused: Callback<bool>,
) -> impl IntoView {
    let toasts = use_toasts();
    let refused_count = report.job.refused;
    let report = StoredValue::new(report);
    view! {
        <div class="toolbar">
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || only_refused.get()
                    on:change=move |ev| on_refused.run(event_target_checked(&ev))
                />
                {format!("Show only the refused rows ({refused_count})")}
            </label>
            <button class="btn" on:click=move |_| report.with_value(|r| download(r, toasts))>
                "Download report (CSV)"
            </button>
        </div>
    }
}

/// The table of `rows`, each with its outcome; the License ID column when `kind` names one.
#[component]
fn ReportTable(kind: BulkKind, rows: Vec<ReportRow>) -> impl IntoView {
    view! {
        <TableScroller label="Rows of the file and what became of each">
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
                    {rows
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
        </TableScroller>
    }
}
