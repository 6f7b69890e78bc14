//! The Users page ("Users with Extensions"): search, filters, sort and paging all in the URL,
//! a virtualised table, row selection and a per-row More menu.

mod bulk_upgrade;
mod columns;
mod filters;
mod licenses_dialog;
mod row_menu;
mod status_dialog;
mod upgrade_dialog;

use std::collections::HashSet;

use domain::users_query::{SortKey, UserRow, UsersQuery};
use domain::{ApiError, FieldError, UserStatus};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::data_table::{DataTable, Selection};
use crate::components::loaded::{NotYet, RefreshFailed, Tracked};
use crate::components::pagination::Pagination;
use crate::routes::AppRoute;
use crate::session::use_session;
use bulk_upgrade::BulkUpgradeDialog;
use columns::user_columns;
use filters::FilterBar;
use licenses_dialog::LicensesDialog;
use row_menu::{OpenRowMenu, RowMenu};
use status_dialog::StatusDialog;
use upgrade_dialog::UpgradeDialog;

/// URL keys the Users list reads.
const KEYS: [&str; 8] = [
    "q",
    "type",
    "site",
    "costCenter",
    "status",
    "sort",
    "page",
    "perPage",
];

#[component]
pub fn UsersPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let can_add = crate::session::permission_gate(domain::Permission::ManageUsers);
    let multi_site = session.get_untracked().account.multi_site;
    let params = use_query_map();
    let parsed = Memo::new(move |_| {
        params
            .with(|m| UsersQuery::parse(KEYS.iter().filter_map(|k| m.get_str(k).map(|v| (*k, v)))))
    });
    let query = Memo::new(move |_| parsed.with(|(q, _)| q.clone()));
    let url_problems = Memo::new(move |_| parsed.with(|(_, e)| e.clone()));

    let navigate = use_navigate();
    let go = Callback::new(move |(q, replace): (UsersQuery, bool)| {
        navigate(
            &AppRoute::Users.with_query(&q.to_pairs()),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    });

    // Data: the list page for the URL's query; the last good page stays shown while the next
    // loads or if it fails.
    let list_api = api.clone();
    let list = Tracked::new(
        move || query.get(),
        move |q: UsersQuery| {
            let api = list_api.clone();
            async move { api.users(&q).await }
        },
    );
    let Tracked {
        last: page,
        error,
        loading,
        ..
    } = list;
    let rows =
        Memo::new(move |_| page.with(|p| p.as_ref().map(|p| p.items.clone()).unwrap_or_default()));
    let total = Signal::derive(move || page.with(|p| p.as_ref().map_or(0, |p| p.total)));
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
    let retry = Callback::new(move |_: ()| list.reload());

    // A page past the end (after filtering elsewhere, or an old link) moves to the last page.
    Effect::new(move |_| {
        if let Some(p) = page.get() {
            let q = query.get_untracked();
            if p.page == q.page && q.page > p.page_count() && !loading.get_untracked() {
                go.run((
                    UsersQuery {
                        page: p.page_count(),
                        ..q
                    },
                    true,
                ));
            }
        }
    });

    let directory_api = api.clone();
    let directory = LocalResource::new(move || {
        let api = directory_api.clone();
        async move { api.directory().await.ok() }
    });
    let directory = Signal::derive(move || directory.get().flatten());

    // Selection is per page: it clears when the query changes.
    let selected = RwSignal::new(HashSet::<u32>::new());
    Effect::new(move |_| {
        query.track();
        selected.set(HashSet::new());
    });

    let menu = RwSignal::new(None::<OpenRowMenu>);
    let status_change = RwSignal::new(None::<(UserRow, UserStatus)>);
    let open_menu = Callback::new(move |(row, rect): (UserRow, web_sys::DomRect)| {
        let width = web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|v| v.as_f64())
            .unwrap_or(1200.0);
        menu.set(Some(OpenRowMenu {
            row,
            top: rect.bottom() + 4.0,
            right: (width - rect.right()).max(8.0),
        }));
    });
    let licenses_of = RwSignal::new(None::<UserRow>);
    let upgrading = RwSignal::new(false);
    let upgrading_by_file = RwSignal::new(false);
    let can_license =
        Signal::derive(move || session.with(|s| s.can(domain::Permission::ManageLicenses)));
    let columns = user_columns(
        multi_site,
        open_menu,
        Callback::new(move |row| licenses_of.set(Some(row))),
    );

    let sort = Signal::derive(move || query.with(|q| (q.sort.slug(), q.descending)));
    let on_sort = Callback::new(move |key: &'static str| {
        let q = query.get_untracked();
        let sort = SortKey::from_slug(key).unwrap_or_default();
        let descending = q.sort == sort && !q.descending;
        go.run((
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
        <section class="page">
            <header class="page-header">
                <div>
                    <h1>"Users"</h1>
                    <p class="muted">"Users with extensions"</p>
                </div>
                <div class="header-actions">
                    <p class="count" aria-live="polite">
                        {move || match page.get() {
                            Some(p) => {
                                format!("{} user{}", p.total, if p.total == 1 { "" } else { "s" })
                            }
                            None => String::new(),
                        }}
                    </p>
                    {move || {
                        can_license
                            .get()
                            .then(|| {
                                view! {
                                    <button
                                        class="btn"
                                        on:click=move |_| upgrading_by_file.set(true)
                                    >
                                        "Upgrade to Office in bulk"
                                    </button>
                                }
                            })
                    }}
                    {move || match can_add.get() {
                        Ok(()) => {
                            view! {
                                <A href=AppRoute::AddUsers.href() attr:class="btn btn-primary">
                                    "Add users"
                                </A>
                            }
                                .into_any()
                        }
                        Err(reason) => {
                            view! {
                                <button
                                    class="btn btn-primary"
                                    aria-disabled="true"
                                    title=reason.clone()
                                    aria-describedby="add-users-why"
                                >
                                    "Add users"
                                </button>
                                <span id="add-users-why" class="visually-hidden">
                                    {reason}
                                </span>
                            }
                                .into_any()
                        }
                    }}
                </div>
            </header>
            {move || {
                let problems = url_problems.get();
                (!problems.is_empty()).then(|| view! { <UrlNotice problems=problems /> })
            }}
            <FilterBar query=query directory=directory multi_site=multi_site on_change=go />
            {move || {
                let n = selected.with(HashSet::len);
                (n > 0)
                    .then(|| {
                        view! {
                            <div class="selection-bar" role="region" aria-label="Selection">
                                <span>{format!("{n} selected on this page")}</span>
                                {can_license
                                    .get_untracked()
                                    .then(|| {
                                        view! {
                                            <button class="btn" on:click=move |_| upgrading.set(true)>
                                                "Upgrade to Office"
                                            </button>
                                        }
                                    })}
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
            {move || {
                error
                    .get()
                    .filter(|_| page.with(Option::is_some))
                    .map(|e| view! { <RefreshFailed what="the list" error=e on_retry=retry /> })
            }}
            <div class="progress" class:active=loading aria-hidden="true"></div>
            {move || match body.get() {
                Body::NotYet(error) => {
                    view! {
                        <NotYet
                            error=error
                            what="users"
                            loading="Loading users…"
                            on_retry=retry
                        />
                    }
                        .into_any()
                }
                Body::Empty { filtered } => {
                    view! {
                        <EmptyUsers
                            filtered=filtered
                            on_clear=move |_| go.run((query.get_untracked().cleared(), false))
                        />
                    }
                        .into_any()
                }
                Body::Table => {
                    view! {
                        <DataTable
                            label="Users"
                            rows=rows
                            columns=columns.clone()
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
                        .into_any()
                }
            }}
            <Pagination
                total=total
                page=Signal::derive(move || query.with(|q| q.page))
                per_page=Signal::derive(move || query.with(|q| q.per_page))
                on_page=move |p| {
                    go.run((
                        UsersQuery {
                            page: p,
                            ..query.get_untracked()
                        },
                        false,
                    ))
                }
                on_per_page=move |n| {
                    go.run((
                        UsersQuery {
                            per_page: n,
                            page: 1,
                            ..query.get_untracked()
                        },
                        false,
                    ))
                }
            />
            {move || {
                menu.get()
                    .map(|m| {
                        view! {
                            <RowMenu
                                menu=m
                                on_close=move |_| menu.set(None)
                                on_status=move |change| status_change.set(Some(change))
                                on_licenses=move |row| licenses_of.set(Some(row))
                            />
                        }
                    })
            }}
            {move || {
                upgrading
                    .get()
                    .then(|| {
                        let chosen = selected.get_untracked();
                        let rows = rows
                            .with_untracked(|r| {
                                r.iter()
                                    .filter(|r| chosen.contains(&r.id))
                                    .cloned()
                                    .collect::<Vec<_>>()
                            });
                        view! {
                            <UpgradeDialog
                                rows=rows
                                on_close=move |_| upgrading.set(false)
                                on_done=move |_| {
                                    upgrading.set(false);
                                    selected.set(HashSet::new());
                                    list.reload();
                                }
                            />
                        }
                    })
            }}
            {move || {
                upgrading_by_file
                    .get()
                    .then(|| {
                        view! {
                            <BulkUpgradeDialog
                                on_close=move |_| upgrading_by_file.set(false)
                                on_finished=move |_| list.reload()
                            />
                        }
                    })
            }}
            {move || {
                licenses_of
                    .get()
                    .map(|row| {
                        view! {
                            <LicensesDialog
                                row=row
                                on_close=move |_| licenses_of.set(None)
                                on_done=move |_| {
                                    licenses_of.set(None);
                                    list.reload();
                                }
                            />
                        }
                    })
            }}
            {move || {
                status_change
                    .get()
                    .map(|(user, target)| {
                        view! {
                            <StatusDialog
                                user=user
                                target=target
                                on_close=move |_| status_change.set(None)
                                on_done=move |_| {
                                    status_change.set(None);
                                    list.reload();
                                }
                            />
                        }
                    })
            }}
        </section>
    }
}

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

/// Says which parts of the address were not understood (and were ignored).
#[component]
fn UrlNotice(problems: Vec<FieldError>) -> impl IntoView {
    view! {
        <div class="notice notice-warning" role="status">
            <span>"Some settings in this link were ignored: "</span>
            {problems.into_iter().map(|p| p.message).collect::<Vec<_>>().join(" ")}
        </div>
    }
}

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
