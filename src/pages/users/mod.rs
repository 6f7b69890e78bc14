//! The Users page ("Users with Extensions"): search, filters, sort and paging all in the URL,
//! a virtualised table, row selection and a per-row More menu.

mod bulk_upgrade;
mod columns;
mod dialogs;
mod filters;
mod header;
pub(crate) mod licenses_dialog;
mod list;
mod row_menu;
mod selection_bar;
pub(crate) mod status_dialog;
mod upgrade_dialog;

use std::collections::HashSet;

use domain::users_query::{Page, UserRow, UsersQuery};
use domain::{FieldError, UserStatus};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::loaded::Tracked;
use crate::routes::AppRoute;
use crate::session::use_session;
use columns::user_columns;
use dialogs::{menu_opener, UsersDialogs};
use filters::FilterBar;
use header::UsersHeader;
use list::{UsersList, UsersPagination};
use row_menu::OpenRowMenu;
use selection_bar::SelectionBar;

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

/// The Users page; owns the list, selection and open-dialog state its parts share.
#[component]
pub fn UsersPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let multi_site = session.get_untracked().account.multi_site;
    let (query, url_problems) = url_query();
    let go = navigate_to_query();

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
    let total = Signal::derive(move || page.with(|p| p.as_ref().map(|p| p.total)));
    let reload = Callback::new(move |_: ()| list.reload());
    keep_page_in_range(page, query, loading, go);

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
    let licenses_of = RwSignal::new(None::<UserRow>);
    let upgrading = RwSignal::new(false);
    let upgrading_by_file = RwSignal::new(false);
    let can_license =
        Signal::derive(move || session.with(|s| s.can(domain::Permission::ManageLicenses)));
    let columns = user_columns(
        multi_site,
        menu_opener(menu),
        Callback::new(move |row| licenses_of.set(Some(row))),
    );

    view! {
        <section class="page">
            <UsersHeader
                total=total
                can_license=can_license
                on_bulk_upgrade=move |_| upgrading_by_file.set(true)
            />
            {move || {
                let problems = url_problems.get();
                (!problems.is_empty()).then(|| view! { <UrlNotice problems=problems /> })
            }}
            <FilterBar query=query directory=directory multi_site=multi_site on_change=go />
            <SelectionBar
                selected=selected
                can_license=can_license
                on_upgrade=move |_| upgrading.set(true)
            />
            <UsersList
                page=page
                error=error
                loading=loading
                query=query
                rows=rows
                columns=columns
                selected=selected
                on_retry=reload
                on_query=go
            />
            <UsersPagination total=total query=query on_query=go />
            <UsersDialogs
                menu=menu
                status_change=status_change
                licenses_of=licenses_of
                upgrading=upgrading
                upgrading_by_file=upgrading_by_file
                selected=selected
                rows=rows
                on_changed=reload
            />
        </section>
    }
}

/// The URL's query as the list reads it, and what in the URL was not understood.
fn url_query() -> (Memo<UsersQuery>, Memo<Vec<FieldError>>) {
    let params = use_query_map();
    let parsed = Memo::new(move |_| {
        params
            .with(|m| UsersQuery::parse(KEYS.iter().filter_map(|k| m.get_str(k).map(|v| (*k, v)))))
    });
    let query = Memo::new(move |_| parsed.with(|(q, _)| q.clone()));
    let url_problems = Memo::new(move |_| parsed.with(|(_, e)| e.clone()));
    (query, url_problems)
}

/// Puts a query in the URL, replacing the history entry when the flag is set.
fn navigate_to_query() -> Callback<(UsersQuery, bool)> {
    let navigate = use_navigate();
    Callback::new(move |(q, replace): (UsersQuery, bool)| {
        navigate(
            &AppRoute::Users.with_query(&q.to_pairs()),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    })
}

/// A page past the end (after filtering elsewhere, or an old link) moves to the last page.
fn keep_page_in_range(
    page: Memo<Option<Page<UserRow>>>,
    query: Memo<UsersQuery>,
    loading: Memo<bool>,
    go: Callback<(UsersQuery, bool)>,
) {
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
