//! The detail page's table of items: its columns, row actions and ticks, and what shows
//! before anything loaded or when nothing matches.

use std::collections::HashSet;

use domain::licenses::{InventoryItem, InventoryType, ItemSort, ItemsQuery};
use domain::users_query::Page;
use domain::ApiError;
use leptos::prelude::*;

use super::dialogs::Pending;
use super::item_key;
use super::row_menu::{ItemMenu, MoreButton, OpenItemMenu, RowActions};
use crate::components::data_table::{Column, DataTable, Selection};
use crate::components::loaded::NotYet;
use crate::session::use_session;

/// The items of the page as a sortable table (with ticks for add-ons), the loading or error
/// state before the first page arrived, or "Nothing matches" with a way to clear the filters.
#[component]
pub fn ItemsTable(
    kind: InventoryType,
    query: Memo<ItemsQuery>,
    go: Callback<ItemsQuery>,
    page: Memo<Option<Page<InventoryItem>>>,
    error: Memo<Option<ApiError>>,
    rows: Memo<Vec<InventoryItem>>,
    reload: Callback<()>,
    may_change: Signal<Result<(), String>>,
    selected: RwSignal<HashSet<u32>>,
    /// Where Delete and Unassign put the change to confirm.
    pending: RwSignal<Option<Pending>>,
    /// Where Reassign puts the item to reassign.
    reassigning: RwSignal<Option<InventoryItem>>,
) -> impl IntoView {
    let may_change = may_change.get_untracked().is_ok();
    let menu = RwSignal::new(None::<OpenItemMenu>);
    let columns = columns(kind, may_change, menu);
    let open_menu = move || {
        menu.get().map(|open| {
            view! { <ItemMenu open=open menu=menu pending=pending reassigning=reassigning /> }
        })
    };
    let selection = (kind.is_add_on() && may_change).then_some(Selection {
        selected,
        id: item_key,
        label: |i: &InventoryItem| {
            if i.assignee.is_empty() {
                format!("Select available license {}", i.id)
            } else {
                format!("Select {}'s license", i.assignee)
            }
        },
    });
    let sort = Signal::derive(move || query.with(|q| (q.sort.slug(), q.descending)));
    let on_sort = Callback::new(move |key: &'static str| {
        let q = query.get_untracked();
        let sort = ItemSort::from_slug(key).unwrap_or_default();
        go.run(ItemsQuery {
            descending: q.sort == sort && !q.descending,
            sort,
            page: 1,
            ..q
        });
    });

    let table = move || {
        match (page.with(|p| p.as_ref().map(|p| p.total)), error.get()) {
        (None, error) => {
            view! { <NotYet error=error what="this inventory" loading="Loading…" on_retry=reload /> }
                .into_any()
        }
        (Some(0), _) => {
            view! {
                <div class="empty-state">
                    <h2>"Nothing matches"</h2>
                    <button class="btn btn-primary" on:click=move |_| go.run(ItemsQuery::default())>
                        "Clear filters"
                    </button>
                </div>
            }
                .into_any()
        }
        (Some(_), _) => {
            view! {
                <DataTable
                    label=kind.label()
                    rows=rows
                    columns=columns.clone()
                    sort=sort
                    on_sort=on_sort
                    selection=selection
                    scroll_key=Signal::derive(move || format!("{:?}", query.get()))
                />
            }
                .into_any()
        }
    }
    };
    view! {
        {table}
        {open_menu}
    }
}

/// The item's details, then, when the admin may change them, each row's More menu (⋯): Delete
/// for numbers nobody holds (but the main number), Unassign and Reassign for held add-ons.
fn columns(
    kind: InventoryType,
    may_change: bool,
    menu: RwSignal<Option<OpenItemMenu>>,
) -> Vec<Column<InventoryItem>> {
    let mut columns = detail_columns();
    if may_change && (kind.is_add_on() || kind.number().is_some()) {
        let main_number = use_session().get_untracked().account.main_number;
        columns.push(Column::new("Actions", "72px", move |i: &InventoryItem| {
            RowActions::of(i, kind.is_add_on(), &main_number)
                .map(|actions| view! { <MoreButton item=i.clone() actions=actions menu=menu /> })
                .into_any()
        }));
    }
    columns
}

/// The sortable columns every type has.
fn detail_columns() -> Vec<Column<InventoryItem>> {
    vec![
        Column::new("Item", "minmax(150px, 1.4fr)", |i: &InventoryItem| {
            i.label.clone().into_any()
        })
        .sortable("item"),
        Column::new(
            "Assigned to",
            "minmax(140px, 1.2fr)",
            |i: &InventoryItem| i.assignee.clone().into_any(),
        )
        .sortable("assignee"),
        Column::new("Number", "minmax(130px, 1fr)", |i: &InventoryItem| {
            i.number.clone().into_any()
        })
        .sortable("number"),
        Column::new("Email", "minmax(180px, 1.6fr)", |i: &InventoryItem| {
            i.email.clone().into_any()
        })
        .sortable("email"),
        Column::new("Site", "minmax(110px, 1fr)", |i: &InventoryItem| {
            i.site.clone().into_any()
        })
        .sortable("site"),
        Column::new("Cost center", "minmax(110px, 1fr)", |i: &InventoryItem| {
            i.cost_center.clone().into_any()
        })
        .sortable("cost-center"),
        Column::new("State", "minmax(90px, 0.7fr)", |i: &InventoryItem| {
            view! { <span class=format!("badge state-{}", i.state.slug())>{i.state.label()}</span> }
                .into_any()
        })
        .sortable("state"),
    ]
}
