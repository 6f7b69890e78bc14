//! Above the Mobile users list: how many there are and are charged, the billing cycle, and
//! the "only charged" filter, which lives in the URL.

use domain::mobile::{MobileUsers, CHARGE_CALLS};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::format::local_day;
use crate::format::money;
use crate::routes::AppRoute;

/// The count of Mobile users and charged ones, the billing cycle, and "Only users charged".
#[component]
pub fn MobileToolbar(
    users: Signal<MobileUsers>,
    /// How many Mobile users there are.
    total: Memo<usize>,
    /// Whether the list shows only the users charged this cycle (`?charged=1`).
    only_charged: Memo<bool>,
) -> impl IntoView {
    let navigate = use_navigate();
    let set_only_charged = move |on: bool| {
        let pairs = if on {
            vec![("charged", "1".to_owned())]
        } else {
            Vec::new()
        };
        navigate(
            &AppRoute::MobileUsers.with_query(&pairs),
            NavigateOptions::default(),
        );
    };
    let charged = Memo::new(move |_| users.with(|u| u.users.iter().filter(|u| u.charged).count()));
    let summary = move || {
        users.with(|u| {
            format!(
                " · {} charged this cycle ({CHARGE_CALLS}+ calls, {} each) · Billing cycle {} – {}",
                charged.get(),
                money(u.monthly_cents),
                local_day(u.cycle_start),
                local_day(u.cycle_end.saturating_sub(1))
            )
        })
    };
    view! {
        <div class="toolbar">
            <p class="mobile-summary">
                <strong>
                    {move || {
                        let n = total.get();
                        format!("{n} Mobile user{}", if n == 1 { "" } else { "s" })
                    }}
                </strong>
                {summary}
            </p>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || only_charged.get()
                    on:change=move |ev| set_only_charged(event_target_checked(&ev))
                />
                {move || format!("Only users charged this cycle ({})", charged.get())}
            </label>
        </div>
    }
}
