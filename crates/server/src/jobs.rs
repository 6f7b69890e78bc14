//! The background runner of an account: scheduled invites when due, and bulk jobs one step (a
//! slice of rows) at a time, each committed with the job's progress, so requests interleave
//! with a long job and a restart resumes where the last step ended (and sends the invites that
//! fell due while the server was down). What a step does is the account's ([`Steps`]).

use std::time::Duration;

use domain::bulk::JOB_SLICE;

use crate::db::DbResult;

/// An account whose background work advances a step at a time.
pub trait Steps: Clone + Send + 'static {
    /// Runs the next step (`domain::background::next_step`), `slice` rows of a job; false when
    /// nothing waits.
    fn step(&self, slice: usize) -> DbResult<bool>;
}

/// Works through due invites and queued jobs for as long as the server runs, picking up
/// unfinished ones at start-up; checks for new work five times a second when idle.
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
