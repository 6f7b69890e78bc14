//! The background runner of bulk jobs: one step (a slice of rows) at a time under the database
//! lock, each committed with the job's progress, so requests interleave with a long job and a
//! restart resumes where the last step ended.

use std::time::Duration;

use domain::bulk::{job_step, JOB_SLICE};

use crate::auth::now;
use crate::db::DbResult;
use crate::state::AppState;

/// Runs the next step of the oldest unfinished job, `slice` rows; false when none waits.
pub fn step(state: &AppState, slice: usize) -> DbResult<bool> {
    let mut conn = state.db();
    let Some(effects) = job_step(&state.data(), now(), slice) else {
        return Ok(false);
    };
    state.commit(&mut conn, &effects, |_| Ok(()))?;
    Ok(true)
}

/// Works through queued jobs for as long as the server runs, picking up unfinished ones at
/// start-up; checks for new jobs five times a second when idle.
pub async fn run(state: AppState) {
    loop {
        let worker = state.clone();
        match tokio::task::spawn_blocking(move || step(&worker, JOB_SLICE)).await {
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
