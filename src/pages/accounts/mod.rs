//! `/accounts`: Multi-Account Access. The accounts linked to this one, 20 to a page with search
//! (both in the URL), link, unlink and inline rename, and each account's service status,
//! refreshed every 3 minutes, when the tab comes back after longer, and on request.

mod dialogs;
mod header;
mod link_dialog;
mod list;
mod open;
mod refresh;
mod rename;
mod selection;
mod status;
mod table;
mod unlink_dialog;

use std::collections::HashSet;

use domain::accounts::AccountRow;
use domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::loaded::{RefreshFailed, Tracked};
use crate::routes::AppRoute;
use crate::session::permission_gate;
use dialogs::AccountDialogs;
use header::{AccountsHeader, AccountsSearch};
use list::AccountsList;
use refresh::{keep_fresh, now_ms, RefreshStatus, StaleNotice};
use selection::SelectionBar;
use status::StatusLegend;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let api = use_api();
    let can_manage = permission_gate(Permission::MultiAccountAccess);
    let params = use_query_map();
    let q = Memo::new(move |_| params.with(|p| p.get("q").unwrap_or_default()));
    let page = Memo::new(move |_| {
        params.with(|p| p.get("page").and_then(|v| v.parse().ok()).unwrap_or(1u32))
    });
    let navigate = use_navigate();
    let go = Callback::new(move |(q, page): (String, u32)| {
        let mut pairs = Vec::new();
        if !q.is_empty() {
            pairs.push(("q", q));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        navigate(
            &AppRoute::Accounts.with_query(&pairs),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    let refreshed_at = RwSignal::new(0.0_f64);
    let list = Tracked::new(
        move || (q.get(), page.get()),
        move |(q, page): (String, u32)| {
            let api = api.clone();
            async move {
                let answer = api.linked_accounts(&q, page).await;
                if answer.is_ok() {
                    refreshed_at.set(now_ms());
                }
                answer
            }
        },
    );
    // The last page loaded stays on screen while a newer one loads, and says when it was.
    let Tracked {
        last: loaded,
        error: failed,
        ..
    } = list;
    let refresh = Callback::new(move |_| list.reload());
    let stale = keep_fresh(refresh, refreshed_at);

    let selected = RwSignal::new(HashSet::<String>::new());
    let linking = RwSignal::new(false);
    let unlinking = RwSignal::new(None::<Vec<AccountRow>>);
    let after_change = Callback::new(move |_| {
        selected.set(HashSet::new());
        refresh.run(());
    });
    // Before the first answer.
    let loading =
        Signal::derive(move || loaded.with(Option::is_none) && failed.with(Option::is_none));

    view! {
        <section class="page">
            <AccountsHeader can_manage=can_manage on_link=move |_| linking.set(true) />
            <div class="filters">
                <AccountsSearch q=q on_search=move |q| go.run((q, 1)) />
                <RefreshStatus loading=loading refreshed_at=refreshed_at on_refresh=refresh />
            </div>
            <StaleNotice stale=stale refreshed_at=refreshed_at />
            {move || {
                failed
                    .get()
                    .filter(|_| loaded.with(Option::is_some))
                    .map(|e| {
                        view! { <RefreshFailed what="the accounts" error=e on_retry=refresh /> }
                    })
            }}
            <StatusLegend />
            <SelectionBar selected=selected loaded=loaded unlinking=unlinking />
            <AccountsList
                loaded=loaded
                failed=failed
                selected=selected
                can_manage=can_manage
                q=q
                on_refresh=refresh
                on_link=move |_| linking.set(true)
                on_page=move |p| go.run((q.get_untracked(), p))
            />
            <AccountDialogs linking=linking unlinking=unlinking on_done=after_change />
        </section>
    }
}
