//! The bar shown while in-use licenses are ticked, and ticking them on every page.

use std::collections::HashSet;

use domain::licenses::{HeldLicense, InventoryItem, InventoryType, ItemState, ItemsQuery};
use domain::users_query::Page;
use leptos::prelude::*;

use super::dialogs::Pending;
use super::item_key;
use crate::api::use_api;
use crate::components::toasts::{use_toasts, ToastKind};

/// The licenses among `items` that `keep` picks and someone holds.
fn held(items: &[InventoryItem], keep: impl Fn(&InventoryItem) -> bool) -> Vec<HeldLicense> {
    items
        .iter()
        .filter(|i| keep(i))
        .filter_map(|i| {
            i.assignee_id.map(|a| HeldLicense {
                id: i.id.clone(),
                assignee: a,
            })
        })
        .collect()
}

/// While in-use licenses are ticked: how many, "Select all in use on every page" when more
/// pages have some, Unassign and Clear selection.
#[component]
pub fn SelectionBar(
    kind: InventoryType,
    query: Memo<ItemsQuery>,
    page: Memo<Option<Page<InventoryItem>>>,
    rows: Memo<Vec<InventoryItem>>,
    selected: RwSignal<HashSet<u32>>,
    /// Where Unassign puts the change to confirm.
    pending: RwSignal<Option<Pending>>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    // Every in-use license matching the filters, on every page, once the admin asks for all;
    // any change to the ticks goes back to what is ticked.
    let every_page = RwSignal::new(None::<Vec<HeldLicense>>);
    Effect::new(move |_| {
        selected.track();
        every_page.set(None);
    });
    let select_every_page = Action::new_local(move |_: &()| {
        let api = api.clone();
        let q = ItemsQuery {
            state: Some(ItemState::InUse),
            ..query.get_untracked()
        };
        async move {
            match api.all_inventory_items(Some(kind), &q).await {
                Ok(items) => every_page.set(Some(held(&items, |_| true))),
                Err(e) => toasts.show(
                    ToastKind::Error,
                    format!("Couldn't select every page: {}", e.message),
                ),
            }
        }
    });

    let unassign_selected = move |_| {
        let chosen = selected.get_untracked();
        let licenses = every_page
            .get_untracked()
            .unwrap_or_else(|| rows.with_untracked(|r| held(r, |i| chosen.contains(&item_key(i)))));
        let n = licenses.len();
        pending.set(Some(Pending::unassign(
            format!("Unassign {n} {} license{}?", kind.label(), if n == 1 { "" } else { "s" }),
            "The selected users lose access to this add-on. The licenses become available to assign later.",
            licenses,
        )));
    };
    let in_use_selected = move || {
        let chosen = selected.get();
        every_page
            .with(|e| e.as_ref().map(Vec::len))
            .unwrap_or_else(|| {
                rows.with(|r| {
                    r.iter()
                        .filter(|i| i.assignee_id.is_some() && chosen.contains(&item_key(i)))
                        .count()
                })
            })
    };
    // "Select every page" is offered once every in-use row of a page that isn't the only one
    // is ticked.
    let more_pages = move || {
        let chosen = selected.get();
        every_page.with(Option::is_none)
            && page.with(|p| p.as_ref().is_some_and(|p| p.total as usize > p.items.len()))
            && rows.with(|r| {
                r.iter()
                    .filter(|i| i.assignee_id.is_some())
                    .all(|i| chosen.contains(&item_key(i)))
            })
    };

    move || {
        (in_use_selected() > 0).then(|| {
            view! {
                <div class="selection-bar" role="region" aria-label="Selection">
                    <span>
                        {move || {
                            format!(
                                "{} in use selected{}",
                                in_use_selected(),
                                if every_page.with(Option::is_some) { " on every page" } else { "" },
                            )
                        }}
                    </span>
                    {move || {
                        more_pages().then(|| view! { <SelectEveryPage action=select_every_page /> })
                    }}
                    <button class="btn" on:click=unassign_selected>
                        "Unassign"
                    </button>
                    <button class="btn btn-quiet" on:click=move |_| selected.set(HashSet::new())>
                        "Clear selection"
                    </button>
                </div>
            }
        })
    }
}

/// The button that ticks every in-use license on every page, busy while it loads them.
#[component]
fn SelectEveryPage(action: Action<(), ()>) -> impl IntoView {
    view! {
        <button
            class="btn btn-quiet"
            disabled=move || action.pending().get()
            on:click=move |_| {
                action.dispatch(());
            }
        >
            {move || {
                if action.pending().get() {
                    "Selecting…"
                } else {
                    "Select all in use on every page"
                }
            }}
        </button>
    }
}
