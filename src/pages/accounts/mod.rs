//! `/accounts`: Multi-Account Access. The accounts linked to this one, 20 to a page with search
//! (both in the URL), link, unlink and inline rename, and each account's service status,
//! refreshed every 3 minutes, when the tab comes back after longer, and on request.

mod link_dialog;
mod open;
mod rename;
mod status;
mod unlink_dialog;

use std::collections::HashSet;
use std::time::Duration;

use domain::accounts::{AccountRow, Service, REFRESH_SECS};
use domain::users_query::Page;
use domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::loaded::{NotYet, RefreshFailed, Tracked};
use crate::components::pagination::Pagination;
use crate::format::local_time_of_day;
use crate::routes::AppRoute;
use crate::session::{permission_gate, use_session};
use link_dialog::LinkDialog;
use open::OpenButton;
use rename::NameCell;
use status::{ServiceCell, StatusLegend};
use unlink_dialog::UnlinkDialog;

/// Milliseconds by the browser's clock (the one Playwright's fake clock drives).
fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Status older than this is called stale (one missed refresh, with some slack).
const STALE_AFTER_MS: f64 = (REFRESH_SECS as f64 + 30.0) * 1000.0;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
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

    // Every 3 minutes; and when the tab is shown again after longer than that.
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
    let stale = move || {
        let at = refreshed_at.get();
        at > 0.0 && clock.get().max(now_ms()) - at > STALE_AFTER_MS
    };

    let selected = RwSignal::new(HashSet::<String>::new());
    let linking = RwSignal::new(false);
    let unlinking = RwSignal::new(None::<Vec<AccountRow>>);
    let after_change = Callback::new(move |_| {
        selected.set(HashSet::new());
        refresh.run(());
    });
    let own = move || session.with(|s| format!("{} ({})", s.account.name, s.account.id));
    // Before the first answer.
    let loading = move || loaded.with(Option::is_none) && failed.with(Option::is_none);

    view! {
        <section class="page">
            <header class="page-header">
                <div>
                    <h1>"Multi-Account Access"</h1>
                    <p class="muted">
                        {move || {
                            format!(
                                "Accounts linked to {}, the account you are signed in to.",
                                own(),
                            )
                        }}
                    </p>
                </div>
                <div class="header-actions">
                    {move || match can_manage.get() {
                        Ok(()) => {
                            view! {
                                <button class="btn btn-primary" on:click=move |_| linking.set(true)>
                                    "Link account"
                                </button>
                            }
                                .into_any()
                        }
                        Err(reason) => view! { <p class="muted">{reason}</p> }.into_any(),
                    }}
                </div>
            </header>
            <div class="filters">
                <label class="field-search">
                    <span class="visually-hidden">"Search accounts"</span>
                    <input
                        type="search"
                        placeholder="Search by name, account ID or main number"
                        prop:value=move || q.get()
                        on:input=move |ev| go.run((event_target_value(&ev), 1))
                    />
                </label>
                <div class="status-refresh">
                    <span aria-live="polite">
                        {move || match (loading(), refreshed_at.get()) {
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
                    <button class="btn" on:click=move |_| refresh.run(()) disabled=loading>
                        "Refresh status"
                    </button>
                </div>
            </div>
            {move || {
                stale()
                    .then(|| {
                        view! {
                            <div class="notice notice-warning" role="status">
                                {format!(
                                    "Service status is stale: last refreshed at {}. Refresh to see the latest.",
                                    local_time_of_day(refreshed_at.get()),
                                )}
                            </div>
                        }
                    })
            }}
            {move || {
                failed
                    .get()
                    .filter(|_| loaded.with(Option::is_some))
                    .map(|e| {
                        view! { <RefreshFailed what="the accounts" error=e on_retry=refresh /> }
                    })
            }}
            <StatusLegend />
            {move || {
                let n = selected.with(HashSet::len);
                (n > 0)
                    .then(|| {
                        view! {
                            <div class="selection-bar" role="region" aria-label="Selection">
                                <span>{format!("{n} selected")}</span>
                                <button
                                    class="btn btn-danger"
                                    on:click=move |_| {
                                        let picked = selected
                                            .with_untracked(|s| {
                                                loaded
                                                    .with_untracked(|l| {
                                                        l.iter()
                                                            .flat_map(|p| p.items.iter())
                                                            .filter(|a| s.contains(&a.id))
                                                            .cloned()
                                                            .collect::<Vec<_>>()
                                                    })
                                            });
                                        unlinking.set(Some(picked));
                                    }
                                >
                                    {format!("Unlink selected ({n})")}
                                </button>
                                <button
                                    class="btn btn-quiet"
                                    on:click=move |_| selected.set(HashSet::new())
                                >
                                    "Clear selection"
                                </button>
                            </div>
                        }
                    })
            }}
            {move || match (loaded.get(), failed.get()) {
                (Some(accounts), _) => {
                    view! {
                        <AccountsTable
                            accounts=accounts
                            selected=selected
                            can_manage=can_manage
                            on_changed=refresh
                            q=Signal::derive(move || q.get())
                            on_link=move |_| linking.set(true)
                        />
                        <Pagination
                            total=Signal::derive(move || {
                                loaded.with(|l| l.as_ref().map_or(0, |p| p.total))
                            })
                            page=Signal::derive(move || {
                                loaded.with(|l| l.as_ref().map_or(1, |p| p.page))
                            })
                            per_page=Signal::derive(move || domain::accounts::PER_PAGE)
                            on_page=move |p| go.run((q.get_untracked(), p))
                        />
                    }
                        .into_any()
                }
                (None, error) => {
                    view! {
                        <NotYet
                            error=error
                            what="the linked accounts"
                            loading="Loading the linked accounts…"
                            on_retry=refresh
                        />
                    }
                        .into_any()
                }
            }}
            {move || {
                linking
                    .get()
                    .then(|| {
                        view! {
                            <LinkDialog
                                on_close=move |_| linking.set(false)
                                on_done=Callback::new(move |_| {
                                    linking.set(false);
                                    after_change.run(());
                                })
                            />
                        }
                    })
            }}
            {move || {
                unlinking
                    .get()
                    .map(|accounts| {
                        view! {
                            <UnlinkDialog
                                accounts=accounts
                                on_close=move |_| unlinking.set(None)
                                on_done=Callback::new(move |_| {
                                    unlinking.set(None);
                                    after_change.run(());
                                })
                            />
                        }
                    })
            }}
        </section>
    }
}

/// One page of linked accounts: selection, name (renamed in place) with its id and main
/// number, and the eight services.
#[component]
fn AccountsTable(
    accounts: Page<AccountRow>,
    selected: RwSignal<HashSet<String>>,
    can_manage: Signal<Result<(), String>>,
    #[prop(into)] on_changed: Callback<()>,
    #[prop(into)] on_link: Callback<()>,
    q: Signal<String>,
) -> impl IntoView {
    if accounts.items.is_empty() {
        let query = q.get_untracked();
        return if query.is_empty() {
            view! {
                <div class="empty-state">
                    <h2>"No linked accounts yet"</h2>
                    <p>
                        "Link the other accounts you manage to see their services here and switch between them."
                    </p>
                    {can_manage
                        .get_untracked()
                        .is_ok()
                        .then(|| {
                            view! {
                                <button class="btn btn-primary" on:click=move |_| on_link.run(())>
                                    "Link account"
                                </button>
                            }
                        })}
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="empty-state">
                    <h2>{format!("No linked account matches \"{query}\"")}</h2>
                    <p>
                        "Search by the name shown here, the account's own name, its account ID or its main number."
                    </p>
                </div>
            }
            .into_any()
        };
    }
    let ids: Vec<String> = accounts.items.iter().map(|a| a.id.clone()).collect();
    let all_ids = ids.clone();
    let all_selected = move || selected.with(|s| all_ids.iter().all(|id| s.contains(id)));
    let manage = can_manage.get_untracked().is_ok();
    let rows = accounts
        .items
        .into_iter()
        .map(|account| {
            let id = account.id.clone();
            let (check_id, label) = (id.clone(), format!("Select {}", account.name));
            let checked_id = id.clone();
            view! {
                <tr class:selected=move || selected.with(|s| s.contains(&checked_id))>
                    <td class="td-check">
                        {manage
                            .then(|| {
                                view! {
                                    <input
                                        type="checkbox"
                                        aria-label=label
                                        prop:checked={
                                            let id = check_id.clone();
                                            move || selected.with(|s| s.contains(&id))
                                        }
                                        on:change={
                                            let id = check_id.clone();
                                            move |ev| {
                                                let on = event_target_checked(&ev);
                                                selected
                                                    .update(|s| {
                                                        if on {
                                                            s.insert(id.clone());
                                                        } else {
                                                            s.remove(&id);
                                                        }
                                                    });
                                            }
                                        }
                                    />
                                }
                            })}
                    </td>
                    <th scope="row">
                        <div class="account-head">
                            <NameCell
                                account=account.clone()
                                can_manage=manage
                                on_changed=on_changed
                            />
                            {manage
                                .then(|| {
                                    view! {
                                        <OpenButton
                                            id=account.id.clone()
                                            name=account.name.clone()
                                        />
                                    }
                                })}
                        </div>
                    </th>
                    {account
                        .services
                        .iter()
                        .map(|s| {
                            view! {
                                <td>
                                    <ServiceCell
                                        account=account.name.clone()
                                        status=s.clone()
                                        checked_at=account.checked_at
                                    />
                                </td>
                            }
                        })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="accounts-scroll">
            <table class="accounts-table">
                <caption class="visually-hidden">
                    "Linked accounts and the status of their services"
                </caption>
                <thead>
                    <tr>
                        <th scope="col" class="td-check">
                            {manage
                                .then(|| {
                                    view! {
                                        <input
                                            type="checkbox"
                                            aria-label="Select every account on this page"
                                            prop:checked=all_selected
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                selected
                                                    .update(|s| {
                                                        for id in &ids {
                                                            if on {
                                                                s.insert(id.clone());
                                                            } else {
                                                                s.remove(id);
                                                            }
                                                        }
                                                    });
                                            }
                                        />
                                    }
                                })}
                        </th>
                        <th scope="col">"Account"</th>
                        {Service::ALL
                            .iter()
                            .map(|s| {
                                view! {
                                    <th scope="col" class="svc-head">
                                        {s.label()}
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
