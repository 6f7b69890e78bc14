//! The server's clock: the system's, or ahead of it in a demo (`--clock-ahead`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static AHEAD: AtomicU64 = AtomicU64::new(0);

/// Seconds since the Unix epoch, as this server counts them.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        + AHEAD.load(Ordering::Relaxed)
}

/// Runs the clock `secs` ahead of the system's from now on: a demo's scheduled invites go out
/// and its billing cycles turn without waiting.
pub fn set_ahead(secs: u64) {
    AHEAD.store(secs, Ordering::Relaxed);
}
