//! The detail page's table of items: its columns, row actions and ticks, and what shows
//! before anything loaded or when nothing matches.

use std::collections::HashSet;

use domain::licenses::{
    HeldLicense, InventoryItem, InventoryType, ItemSort, ItemState, ItemsQuery,
};
use domain::users_query::Page;
use domain::ApiError;
use leptos::prelude::*;

use super::dialogs::Pending;
use super::item_key;
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
    let columns = columns(kind, may_change, pending, reassigning);
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

    move || {
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
    }
}

/// The item's details, then, when the admin may change them, Delete for numbers nobody holds
/// (but the main number) and Unassign and Reassign for held add-ons.
fn columns(
    kind: InventoryType,
    may_change: bool,
    pending: RwSignal<Option<Pending>>,
    reassigning: RwSignal<Option<InventoryItem>>,
) -> Vec<Column<InventoryItem>> {
    let mut columns = detail_columns();
    if kind.number().is_some() && may_change {
        let main_number = use_session().get_untracked().account.main_number;
        columns.push(Column::new("", "110px", move |i: &InventoryItem| {
            let deletable = i.state == ItemState::Available && i.id != main_number;
            deletable
                .then(|| view! { <DeleteNumberButton item=i.clone() pending=pending /> })
                .into_any()
        }));
    }
    if kind.is_add_on() && may_change {
        columns.push(Column::new("", "190px", move |i: &InventoryItem| {
            i.assignee_id
                .map(|assignee| {
                    view! { <HolderActions item=i.clone() assignee=assignee pending=pending reassigning=reassigning /> }
                })
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

/// Delete for an additional number nobody holds; asks first.
#[component]
fn DeleteNumberButton(item: InventoryItem, pending: RwSignal<Option<Pending>>) -> impl IntoView {
    view! {
        <button
            class="btn btn-small"
            aria-label=format!("Delete {}", item.label)
            on:click=move |_| pending.set(Some(Pending::delete_number(&item)))
        >
            "Delete"
        </button>
    }
}

/// Unassign (asks first) and Reassign for an add-on license someone holds.
#[component]
fn HolderActions(
    item: InventoryItem,
    /// The holder's user id.
    assignee: u32,
    pending: RwSignal<Option<Pending>>,
    reassigning: RwSignal<Option<InventoryItem>>,
) -> impl IntoView {
    let (one, again) = (item.clone(), item.clone());
    view! {
        <span class="row-actions-inline">
            <button
                class="btn btn-small"
                aria-label=format!("Unassign {}'s license", item.assignee)
                on:click=move |_| {
                    pending
                        .set(
                            Some(
                                Pending::unassign(
                                    format!("Unassign {}'s {} license?", one.assignee, one.label),
                                    "They lose access to this add-on. The license becomes available to assign later.",
                                    vec![
                                        HeldLicense {
                                            id: one.id.clone(),
                                            assignee,
                                        },
                                    ],
                                ),
                            ),
                        )
                }
            >
                "Unassign"
            </button>
            <button
                class="btn btn-small"
                aria-label=format!("Reassign {}'s license", item.assignee)
                on:click=move |_| reassigning.set(Some(again.clone()))
            >
                "Reassign"
            </button>
        </span>
    }
}
