//! Keeping the service status fresh: refreshed every 3 minutes and when the tab comes back after
//! longer, with when it was last refreshed, a way to refresh it now, and a warning once it is
//! stale.

use std::time::Duration;

use domain::accounts::REFRESH_SECS;
use leptos::prelude::*;

use crate::format::local_time_of_day;

/// Milliseconds by the browser's clock (the one Playwright's fake clock drives).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Status older than this is called stale (one missed refresh, with some slack).
const STALE_AFTER_MS: f64 = (REFRESH_SECS as f64 + 30.0) * 1000.0;

/// Runs `refresh` every 3 minutes, and when the tab is shown again after longer than that since
/// `refreshed_at`; returns whether the status shown is stale. Stops with the current owner.
pub fn keep_fresh(refresh: Callback<()>, refreshed_at: RwSignal<f64>) -> Signal<bool> {
    let clock = RwSignal::new(now_ms());
    if let Ok(handle) =
        set_interval_with_handle(move || refresh.run(()), Duration::from_secs(REFRESH_SECS))
    {
        on_cleanup(move || handle.clear());
    }
    if let Ok(handle) =
        set_interval_with_handle(move || clock.set(now_ms()), Duration::from_secs(15))
    {
        on_cleanup(move || handle.clear());
    }
    let visible = window_event_listener_untyped("visibilitychange", move |_| {
        let shown = !document().hidden();
        if shown && now_ms() - refreshed_at.get_untracked() > REFRESH_SECS as f64 * 1000.0 {
            refresh.run(());
        }
    });
    on_cleanup(move || visible.remove());
    Signal::derive(move || {
        let at = refreshed_at.get();
        at > 0.0 && clock.get().max(now_ms()) - at > STALE_AFTER_MS
    })
}

/// When the service status was last refreshed (or that it is refreshing), and Refresh status.
#[component]
pub fn RefreshStatus(
    /// Before the first answer.
    #[prop(into)]
    loading: Signal<bool>,
    /// When the last answer came (0 before it).
    #[prop(into)]
    refreshed_at: Signal<f64>,
    #[prop(into)] on_refresh: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="status-refresh">
            <span aria-live="polite">
                {move || match (loading.get(), refreshed_at.get()) {
                    (true, _) => "Refreshing service status…".to_owned(),
                    (false, at) if at > 0.0 => {
                        format!(
                            "Service status refreshed at {} · every 3 minutes",
                            local_time_of_day(at),
                        )
                    }
                    _ => String::new(),
                }}
            </span>
            <button class="btn" on:click=move |_| on_refresh.run(()) disabled=loading>
                "Refresh status"
            </button>
        </div>
    }
}

/// The warning that the service status is stale, with when it was last refreshed.
#[component]
pub fn StaleNotice(
    #[prop(into)] stale: Signal<bool>,
    /// When the last answer came.
    #[prop(into)]
    refreshed_at: Signal<f64>,
) -> impl IntoView {
    move || {
        stale.get().then(|| {
            view! {
                <div class="notice notice-warning" role="status">
                    {format!(
                        "Service status is stale: last refreshed at {}. Refresh to see the latest.",
                        local_time_of_day(refreshed_at.get()),
                    )}
                </div>
            }
        })
    }
}
