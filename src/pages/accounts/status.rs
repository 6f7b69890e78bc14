//! How a service's status reads: colour, icon and label together, with the details, the reason
//! and the date and time of the check it reports (as the back end says) on hover or focus
//! (Escape hides them).

use std::sync::atomic::{AtomicU32, Ordering};

use domain::accounts::{ServiceState, ServiceStatus};
use leptos::prelude::*;

use crate::format::local_time;

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// One service of one account.
#[component]
pub fn ServiceCell(
    /// The account's name, for the details.
    account: String,
    status: ServiceStatus,
    /// When the back end checked the status (Unix seconds).
    checked_at: u64,
) -> impl IntoView {
    let tip = format!("svc-tip-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let state = status.state;
    let described = tip.clone();
    view! {
        <span
            class=format!("svc svc-{}", state.slug())
            tabindex="0"
            aria-describedby=described
            on:keydown=|ev| {
                if ev.key() == "Escape" {
                    let _ = event_target::<web_sys::HtmlElement>(&ev).blur();
                }
            }
        >
            <span class="svc-icon" aria-hidden="true">
                {state.icon()}
            </span>
            <span class="svc-label">{state.label()}</span>
            <span role="tooltip" id=tip class="svc-tip">
                <strong>{format!("{}: {}", status.service.label(), state.label())}</strong>
                <span>{format!("{account}. {}", status.detail)}</span>
                {status.reason.map(|r| view! { <span>{format!("Reason: {r}")}</span> })}
                <span>{format!("Last refresh: {}", local_time(checked_at))}</span>
            </span>
        </span>
    }
}

/// What the four colours mean.
#[component]
pub fn StatusLegend() -> impl IntoView {
    let states = [
        (ServiceState::Available, "the service is available"),
        (ServiceState::Error, "an error affects the service"),
        (ServiceState::Unavailable, "the service is unavailable"),
        (ServiceState::NotReported, "no status was reported"),
    ];
    view! {
        <ul class="status-legend" aria-label="Service status legend">
            {states
                .into_iter()
                .map(|(state, meaning)| {
                    view! {
                        <li>
                            <span class=format!("svc svc-{}", state.slug())>
                                <span class="svc-icon" aria-hidden="true">
                                    {state.icon()}
                                </span>
                                <span class="svc-label">{state.label()}</span>
                            </span>
                            {format!(": {meaning}")}
                        </li>
                    }
                })
                .collect_view()}
            <li class="muted">"Hover over, tap or focus a status for its details."</li>
        </ul>
    }
}
