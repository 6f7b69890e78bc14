//! The table of linked accounts: a row per account with its checkbox, name and services.

use std::collections::HashSet;

use domain::accounts::{AccountRow, Service};
use domain::users_query::Page;
use leptos::prelude::*;

use super::open::OpenButton;
use super::rename::NameCell;
use super::status::ServiceCell;

/// One page of linked accounts: selection, name (renamed in place) with its id and main
/// number, and the eight services.
#[component]
pub fn AccountsTable(
    accounts: Page<AccountRow>,
    selected: RwSignal<HashSet<String>>,
    can_manage: Signal<Result<(), String>>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let ids: Vec<String> = accounts.items.iter().map(|a| a.id.clone()).collect();
    let manage = can_manage.get_untracked().is_ok();
    let rows = accounts
        .items
        .into_iter()
        .map(|account| {
            view! { <AccountTableRow account=account selected=selected manage=manage on_changed=on_changed /> }
        })
        .collect_view();
    view! {
        <div class="accounts-scroll">
            <table class="accounts-table">
                <caption class="visually-hidden">
                    "Linked accounts and the status of their services"
                </caption>
                <AccountsTableHead ids=ids selected=selected manage=manage />
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The column headers, with the checkbox ticking every account of the page (`ids`) when
/// `manage`.
#[component]
fn AccountsTableHead(
    ids: Vec<String>,
    selected: RwSignal<HashSet<String>>,
    manage: bool,
) -> impl IntoView {
    let all_ids = ids.clone();
    let all_selected = move || selected.with(|s| all_ids.iter().all(|id| s.contains(id)));
    view! {
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
    }
}

/// One account: its checkbox when `manage`, its name (with Open when `manage`) and its services.
#[component]
fn AccountTableRow(
    account: AccountRow,
    selected: RwSignal<HashSet<String>>,
    manage: bool,
    /// After a rename (or to reload a stale list).
    on_changed: Callback<()>,
) -> impl IntoView {
    let label = format!("Select {}", account.name);
    let (check_id, checked_id) = (account.id.clone(), account.id.clone());
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
                    <NameCell account=account.clone() can_manage=manage on_changed=on_changed />
                    {manage
                        .then(|| {
                            view! { <OpenButton id=account.id.clone() name=account.name.clone() /> }
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
}
