//! The linked accounts under the filters: the table (or what shows instead of it) and its paging.

use std::collections::HashSet;

use domain::accounts::{AccountRow, PER_PAGE};
use domain::users_query::Page;
use domain::ApiError;
use leptos::prelude::*;

use super::table::AccountsTable;
use crate::components::loaded::NotYet;
use crate::components::pagination::Pagination;

/// The table of the page loaded (or the empty state) and its paging, or the loading or error
/// state before the first page.
#[component]
pub fn AccountsList(
    /// The last page loaded.
    loaded: Memo<Option<Page<AccountRow>>>,
    /// The error of the latest load.
    failed: Memo<Option<ApiError>>,
    selected: RwSignal<HashSet<String>>,
    can_manage: Signal<Result<(), String>>,
    /// The search in the URL.
    #[prop(into)]
    q: Signal<String>,
    /// Reloads the list (after a rename, or to retry).
    #[prop(into)]
    on_refresh: Callback<()>,
    /// Opens the link dialog.
    #[prop(into)]
    on_link: Callback<()>,
    /// Called with the page to show.
    #[prop(into)]
    on_page: Callback<u32>,
) -> impl IntoView {
    move || match (loaded.get(), failed.get()) {
        (Some(accounts), _) => {
            let table = if accounts.items.is_empty() {
                view! {
                    <EmptyAccounts
                        query=q.get_untracked()
                        can_link=can_manage.get_untracked().is_ok()
                        on_link=on_link
                    />
                }
                .into_any()
            } else {
                view! {
                    <AccountsTable
                        accounts=accounts
                        selected=selected
                        can_manage=can_manage
                        on_changed=on_refresh
                    />
                }
                .into_any()
            };
            view! {
                {table}
                <Pagination
                    total=Signal::derive(move || {
                        loaded.with(|l| l.as_ref().map_or(0, |p| p.total))
                    })
                    page=Signal::derive(move || loaded.with(|l| l.as_ref().map_or(1, |p| p.page)))
                    per_page=Signal::derive(move || PER_PAGE)
                    on_page=on_page
                />
            }
            .into_any()
        }
        (None, error) => view! {
            <NotYet
                error=error
                what="the linked accounts"
                loading="Loading the linked accounts…"
                on_retry=on_refresh
            />
        }
        .into_any(),
    }
}

/// The empty state: no linked account matches `query`, or none is linked yet (with Link account
/// when the role may link).
#[component]
fn EmptyAccounts(
    query: String,
    can_link: bool,
    #[prop(into)] on_link: Callback<()>,
) -> impl IntoView {
    if query.is_empty() {
        view! {
            <div class="empty-state">
                <h2>"No linked accounts yet"</h2>
                <p>
                    "Link the other accounts you manage to see their services here and switch between them."
                </p>
                {can_link
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
    }
}
