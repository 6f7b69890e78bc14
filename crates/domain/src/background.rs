//! What runs in an account without a request, a step at a time: the scheduled invites that are
//! due, then the oldest unfinished bulk job. The server's runner and the sandbox's worker both
//! run it; each step is committed like any change, so a restart resumes where it stopped.

use crate::account::AccountData;
use crate::activation::due_invites;
use crate::bulk::job_step;
use crate::effects::Effect;

/// The next step at `now_unix` (a job's step takes up to `slice` rows); `None` when nothing
/// waits.
pub fn next_step(data: &AccountData, now_unix: u64, slice: usize) -> Option<Vec<Effect>> {
    let due = due_invites(data, now_unix);
    if due.is_empty() {
        job_step(data, now_unix, slice)
    } else {
        Some(due)
    }
}
