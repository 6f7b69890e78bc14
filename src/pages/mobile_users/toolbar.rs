//! Above the Mobile users list: how many there are and are charged, the billing cycle, the
//! search and the "only charged" filter, which live in the URL.

use domain::mobile::{charged_calls, MobileUsers};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::filter::MobileFilter;
use crate::format::local_day;
use crate::format::money;

/// The count of Mobile users and charged ones, the billing cycle, the search, and "Only users
/// charged".
#[component]
pub fn MobileToolbar(
    users: Signal<MobileUsers>,
    /// How many Mobile users there are.
    total: Memo<usize>,
    /// What the list shows (`?charged=1&q=…`).
    filter: Memo<MobileFilter>,
) -> impl IntoView {
    let navigate = use_navigate();
    // Each keystroke replaces the address rather than adding to the history.
    let show = Callback::new(move |(next, replace): (MobileFilter, bool)| {
        let options = NavigateOptions {
            replace,
            ..NavigateOptions::default()
        };
        navigate(&next.href(), options);
    });
    let set_only_charged = move |on: bool| {
        let next = MobileFilter {
            only_charged: on,
            ..filter.get_untracked()
        };
        show.run((next, false));
    };
    let set_q = move |q: String| {
        let next = MobileFilter {
            q,
            ..filter.get_untracked()
        };
        show.run((next, true));
    };
    let charged = Memo::new(move |_| users.with(|u| u.users.iter().filter(|u| u.charged).count()));
    let summary = move || {
        users.with(|u| {
            format!(
                " · {} charged this cycle ({}, {} each) · Billing cycle {} – {}",
                charged.get(),
                charged_calls(),
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
            <label class="field field-search">
                <span class="sr-only">"Search Mobile users"</span>
                <input
                    type="search"
                    placeholder="Search name, email or extension"
                    maxlength="100"
                    prop:value=move || filter.with(|f| f.q.clone())
                    on:input=move |ev| set_q(event_target_value(&ev))
                />
            </label>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.only_charged)
                    on:change=move |ev| set_only_charged(event_target_checked(&ev))
                />
                {move || format!("Only users charged this cycle ({})", charged.get())}
            </label>
        </div>
    }
}
