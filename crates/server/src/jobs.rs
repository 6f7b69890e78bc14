//! The background runner of bulk jobs: one step (a slice of rows) at a time, each committed
//! with the job's progress, so requests interleave with a long job and a restart resumes where
//! the last step ended. What a step does to an account is the account's ([`Steps`]).

use std::time::Duration;

use domain::bulk::JOB_SLICE;

use crate::db::DbResult;

/// An account whose bulk jobs advance a step at a time.
pub trait Steps: Clone + Send + 'static {
    /// Runs the next step of the oldest unfinished job, `slice` rows; false when none waits.
    fn step(&self, slice: usize) -> DbResult<bool>;
}

/// Works through queued jobs for as long as the server runs, picking up unfinished ones at
/// start-up; checks for new jobs five times a second when idle.
pub async fn run(account: impl Steps) {
    loop {
        let worker = account.clone();
        match tokio::task::spawn_blocking(move || worker.step(JOB_SLICE)).await {
            Ok(Ok(true)) => tokio::task::yield_now().await,
            Ok(Ok(false)) => tokio::time::sleep(Duration::from_millis(200)).await,
            Ok(Err(error)) => {
                tracing::error!(%error, "a bulk job step failed");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(error) => {
                tracing::error!(%error, "the bulk job runner stopped a step");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}
