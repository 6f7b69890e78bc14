//! The Users list under the filters: the table (or what shows instead of it) and its paging.

use std::collections::HashSet;

use domain::users_query::{Page, SortKey, UserRow, UsersQuery};
use domain::ApiError;
use leptos::prelude::*;

use crate::components::data_table::{Column, DataTable, Selection};
use crate::components::loaded::{NotYet, RefreshFailed};
use crate::components::pagination::Pagination;

/// What the Users page shows under the filters.
#[derive(Clone, Debug, PartialEq)]
enum Body {
    /// Nothing loaded yet: loading, or failed.
    NotYet(Option<ApiError>),
    Empty {
        filtered: bool,
    },
    Table,
}

/// The refresh error, progress bar and table, or the loading, error or empty state instead.
#[component]
pub fn UsersList(
    /// The last page loaded.
    page: Memo<Option<Page<UserRow>>>,
    /// The error of the latest load.
    error: Memo<Option<ApiError>>,
    loading: Memo<bool>,
    query: Memo<UsersQuery>,
    rows: Memo<Vec<UserRow>>,
    columns: Vec<Column<UserRow>>,
    selected: RwSignal<HashSet<u32>>,
    #[prop(into)] on_retry: Callback<()>,
    /// Puts a new query in the URL (`true` replaces the history entry).
    #[prop(into)]
    on_query: Callback<(UsersQuery, bool)>,
) -> impl IntoView {
    // Which body to show; a memo, so new rows update the table instead of re-creating it.
    let body =
        Memo::new(
            move |_| match (page.with(|p| p.as_ref().map(|p| p.total)), error.get()) {
                (None, error) => Body::NotYet(error),
                (Some(0), _) => Body::Empty {
                    filtered: query.with(UsersQuery::is_filtered),
                },
                (Some(_), _) => Body::Table,
            },
        );
    view! {
        {move || {
            error
                .get()
                .filter(|_| page.with(Option::is_some))
                .map(|e| view! { <RefreshFailed what="the list" error=e on_retry=on_retry /> })
        }}
        <div class="progress" class:active=loading aria-hidden="true"></div>
        {move || match body.get() {
            Body::NotYet(error) => {
                view! {
                    <NotYet error=error what="users" loading="Loading users…" on_retry=on_retry />
                }
                    .into_any()
            }
            Body::Empty { filtered } => {
                view! {
                    <EmptyUsers
                        filtered=filtered
                        on_clear=move |_| on_query.run((query.get_untracked().cleared(), false))
                    />
                }
                    .into_any()
            }
            Body::Table => {
                view! {
                    <UsersTable
                        rows=rows
                        columns=columns.clone()
                        loading=loading
                        query=query
                        selected=selected
                        on_query=on_query
                    />
                }
                    .into_any()
            }
        }}
    }
}

/// The virtualised table of users, sortable by its headers, with a checkbox per row.
#[component]
fn UsersTable(
    rows: Memo<Vec<UserRow>>,
    columns: Vec<Column<UserRow>>,
    loading: Memo<bool>,
    query: Memo<UsersQuery>,
    selected: RwSignal<HashSet<u32>>,
    /// Puts a new query in the URL (`true` replaces the history entry).
    on_query: Callback<(UsersQuery, bool)>,
) -> impl IntoView {
    let sort = Signal::derive(move || query.with(|q| (q.sort.slug(), q.descending)));
    let on_sort = Callback::new(move |key: &'static str| {
        let q = query.get_untracked();
        let sort = SortKey::from_slug(key).unwrap_or_default();
        let descending = q.sort == sort && !q.descending;
        on_query.run((
            UsersQuery {
                sort,
                descending,
                page: 1,
                ..q
            },
            false,
        ));
    });
    view! {
        <DataTable
            label="Users"
            rows=rows
            columns=columns
            sort=sort
            on_sort=on_sort
            busy=loading
            scroll_key=Signal::derive(move || format!("{:?}", query.get()))
            selection=Some(Selection {
                selected,
                id: |r: &UserRow| r.id,
                label: |r: &UserRow| format!("Select {}", r.name),
            })
        />
    }
}

/// The empty state: no users match the filters (with Clear filters), or none exist yet.
#[component]
fn EmptyUsers(filtered: bool, #[prop(into)] on_clear: Callback<()>) -> impl IntoView {
    if filtered {
        view! {
            <div class="empty-state">
                <h2>"No users match"</h2>
                <p>"Try a different search, or clear the filters to see every user."</p>
                <button class="btn btn-primary" on:click=move |_| on_clear.run(())>
                    "Clear filters"
                </button>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="empty-state">
                <h2>"No users yet"</h2>
                <p>"Users you add to this account appear here."</p>
            </div>
        }
        .into_any()
    }
}

/// Paging for the Users list: the page and page size, both in the URL.
#[component]
pub fn UsersPagination(
    /// Users the query matches; `None` until the first page loads.
    #[prop(into)]
    total: Signal<Option<u32>>,
    query: Memo<UsersQuery>,
    /// Puts a new query in the URL (`true` replaces the history entry).
    #[prop(into)]
    on_query: Callback<(UsersQuery, bool)>,
) -> impl IntoView {
    view! {
        <Pagination
            total=Signal::derive(move || total.get().unwrap_or(0))
            page=Signal::derive(move || query.with(|q| q.page))
            per_page=Signal::derive(move || query.with(|q| q.per_page))
            on_page=move |p| {
                on_query
                    .run((
                        UsersQuery {
                            page: p,
                            ..query.get_untracked()
                        },
                        false,
                    ))
            }
            on_per_page=move |n| {
                on_query
                    .run((
                        UsersQuery {
                            per_page: n,
                            page: 1,
                            ..query.get_untracked()
                        },
                        false,
                    ))
            }
        />
    }
}
