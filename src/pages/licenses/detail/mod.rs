//! `/licenses/:type`: every license, phone or number of one type with its holder; search,
//! filters, sort and page in the URL. Add-ons can be assigned and unassigned here, and
//! additional numbers nobody holds can be deleted.

mod dialogs;
mod filters;
mod header;
mod row_menu;
mod selection;
mod table;

use std::collections::HashSet;

use domain::licenses::{Changed, InventoryItem, InventoryType, ItemsQuery};
use domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::loaded::Tracked;
use crate::components::pagination::Pagination;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::routes::{use_type_param, AppRoute};
use crate::session::permission_gate;
use dialogs::{DetailDialogs, Pending};
use filters::DetailFilters;
use header::DetailHeader;
use selection::SelectionBar;
use table::ItemsTable;

const KEYS: [&str; 7] = [
    "q",
    "site",
    "costCenter",
    "state",
    "sort",
    "page",
    "perPage",
];

/// The selection key of an item: its holder for licenses (one of a type per user), else a
/// number derived from its id that can't clash with user ids.
fn item_key(item: &InventoryItem) -> u32 {
    item.assignee_id.unwrap_or_else(|| {
        let hash = item.id.bytes().fold(2_166_136_261u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(16_777_619)
        });
        hash | 0x8000_0000
    })
}

#[component]
pub fn LicenseDetailPage() -> impl IntoView {
    let kind = use_type_param();
    move || match kind.get() {
        Some(kind) => view! { <Detail kind=kind /> }.into_any(),
        None => view! {
            <div class="error-view" role="alert">
                <h1>"No such license or device type"</h1>
                <A href=AppRoute::Licenses.href() attr:class="btn">
                    "Back to Licenses & Inventory"
                </A>
            </div>
        }
        .into_any(),
    }
}

/// One type's items: owns the URL query, the loaded page, the ticks and which dialog is open.
#[component]
fn Detail(kind: InventoryType) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let may_change = permission_gate(Permission::ManageLicenses);
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        query_map.with(|m| {
            ItemsQuery::parse(KEYS.iter().filter_map(|k| m.get_str(k).map(|v| (*k, v)))).0
        })
    });
    let navigate = use_navigate();
    let base = AppRoute::LicenseDetail(kind);
    let go = Callback::new(move |q: ItemsQuery| {
        navigate(
            &base.with_query(&q.to_pairs()),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });

    let list = Tracked::new(
        move || query.get(),
        move |q: ItemsQuery| {
            let api = api.clone();
            async move { api.inventory_items(Some(kind), &q).await }
        },
    );
    let Tracked {
        last: page, error, ..
    } = list;
    let reload = Callback::new(move |_: ()| list.reload());
    let rows =
        Memo::new(move |_| page.with(|p| p.as_ref().map(|p| p.items.clone()).unwrap_or_default()));

    let selected = RwSignal::new(HashSet::<u32>::new());
    Effect::new(move |_| {
        query.track();
        selected.set(HashSet::new());
    });
    let pending = RwSignal::new(None::<Pending>);
    let assigning = RwSignal::new(false);
    let reassigning = RwSignal::new(None::<InventoryItem>);
    let bulk = RwSignal::new(false);
    let done = Callback::new(move |(changed, what): (Changed, &'static str)| {
        toasts.show(ToastKind::Success, format!("{} {what}.", changed.changed));
        pending.set(None);
        assigning.set(false);
        selected.set(HashSet::new());
        reload.run(());
    });

    view! {
        <section class="page">
            <DetailHeader
                kind=kind
                page=page
                query=query
                may_change=may_change
                bulk=bulk
                assigning=assigning
            />
            <DetailFilters query=query go=go />
            <SelectionBar
                kind=kind
                query=query
                page=page
                rows=rows
                selected=selected
                pending=pending
            />
            <ItemsTable
                kind=kind
                query=query
                go=go
                page=page
                error=error
                rows=rows
                reload=reload
                may_change=may_change
                selected=selected
                pending=pending
                reassigning=reassigning
            />
            <Pagination
                total=Signal::derive(move || page.with(|p| p.as_ref().map_or(0, |p| p.total)))
                page=Signal::derive(move || query.with(|q| q.page))
                per_page=Signal::derive(move || query.with(|q| q.per_page))
                on_page=move |p| {
                    go.run(ItemsQuery {
                        page: p,
                        ..query.get_untracked()
                    })
                }
                on_per_page=move |n| {
                    go.run(ItemsQuery {
                        per_page: n,
                        page: 1,
                        ..query.get_untracked()
                    })
                }
            />
            <DetailDialogs
                kind=kind
                pending=pending
                reassigning=reassigning
                bulk=bulk
                assigning=assigning
                reload=reload
                done=done
            />
        </section>
    }
}
