//! A submitted job's progress, polled until it ends, then its outcome with the way to the
//! report (its page, and the copy emailed to the outbox).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use domain::bulk::JobSummary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::routes::AppRoute;

/// How often a running job is asked for its progress.
const POLL_MS: u32 = 700;

/// "Processing 250 of 1,000 rows…", or what the job did once it ended.
pub fn job_status(job: &JobSummary) -> String {
    match job.finished_at {
        None if job.done == 0 => format!("Waiting to start: {} rows.", job.total),
        None => format!("Processing {} of {} rows…", job.done, job.total),
        Some(_) => format!(
            "Done: {} {}, {} refused.",
            job.applied,
            job.kind.done_word().to_lowercase(),
            job.refused
        ),
    }
}

#[component]
pub fn JobProgress(
    job: JobSummary,
    /// Runs once when the job has ended.
    #[prop(into)]
    on_finished: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let id = job.id;
    let job = RwSignal::new(job);
    let trouble = RwSignal::new(None::<String>);
    let alive = Arc::new(AtomicBool::new(true));
    let polling = alive.clone();
    on_cleanup(move || alive.store(false, Ordering::Relaxed));
    wasm_bindgen_futures::spawn_local(async move {
        loop {
            if !polling.load(Ordering::Relaxed) {
                break;
            }
            if job.with_untracked(|j| j.finished_at.is_some()) {
                on_finished.run(());
                break;
            }
            gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
            if !polling.load(Ordering::Relaxed) {
                break;
            }
            match api.job(id).await {
                Ok(now) => {
                    job.set(now);
                    trouble.set(None);
                }
                // The job runs on regardless; keep asking.
                Err(e) => trouble.set(Some(format!(
                    "Couldn't check the progress ({}); trying again.",
                    e.message
                ))),
            }
        }
    });
    view! {
        <section class="job-progress" aria-labelledby="job-progress-heading">
            <h3 id="job-progress-heading">
                {move || format!("Job {id}: {}", job.with(|j| j.kind.label()))}
            </h3>
            <progress
                max=move || job.with(|j| j.total.max(1))
                value=move || job.with(|j| j.done)
                aria-label="Rows processed"
            ></progress>
            <p role="status" aria-live="polite">
                {move || job.with(job_status)}
            </p>
            <p class="muted" aria-live="polite">
                {move || trouble.get()}
            </p>
            {move || {
                job.with(|j| j.finished_at.is_some())
                    .then(|| {
                        view! {
                            <p>
                                {move || {
                                    format!(
                                        "The report was emailed to {}.",
                                        job.with(|j| j.report_to.clone()),
                                    )
                                }}
                            </p>
                            <p class="links">
                                <A href=AppRoute::JobReport(id).href()>"View the report"</A>
                                " · "
                                <A href=AppRoute::Outbox.href()>"Open the outbox"</A>
                            </p>
                        }
                    })
            }}
            {move || {
                job.with(|j| j.finished_at.is_none())
                    .then(|| {
                        view! {
                            <p class="muted">
                                "You can close this window: the job carries on, and its report is emailed when it ends. Bulk jobs lists every job."
                            </p>
                        }
                    })
            }}
        </section>
    }
}
