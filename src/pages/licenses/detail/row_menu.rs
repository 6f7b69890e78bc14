//! Each row's More menu (⋯) on a detail view, as seed 000 has it: Unassign and Reassign for an
//! add-on someone holds, Delete for an additional number nobody holds. Drawn once at page level,
//! so the virtualised rows can scroll under it.

use domain::licenses::{HeldLicense, InventoryItem, ItemState};
use leptos::prelude::*;

use super::dialogs::Pending;
use super::item_key;
use crate::components::focus_by_id;
use crate::components::menu::{style_below, MenuItem, MenuList};

/// The row whose menu is open, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenItemMenu {
    item: InventoryItem,
    actions: RowActions,
    style: String,
}

/// What a row's menu offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowActions {
    /// Unassign and Reassign: an add-on someone holds.
    Holder,
    /// Delete: an additional number nobody holds.
    DeleteNumber,
}

impl RowActions {
    /// What `item` offers on a page of add-ons (`add_on`) or numbers, `main_number` excepted.
    pub fn of(item: &InventoryItem, add_on: bool, main_number: &str) -> Option<Self> {
        if add_on {
            item.assignee_id.map(|_| Self::Holder)
        } else {
            (item.state == ItemState::Available && item.id != main_number)
                .then_some(Self::DeleteNumber)
        }
    }
}

/// What the row is called in its menu's names: "Ava Garcia's license", or the number.
fn row_name(item: &InventoryItem, actions: RowActions) -> String {
    match actions {
        RowActions::Holder => format!("{}'s license", item.assignee),
        RowActions::DeleteNumber => item.label.clone(),
    }
}

/// The ⋯ button of a row that has actions.
#[component]
pub fn MoreButton(
    item: InventoryItem,
    actions: RowActions,
    menu: RwSignal<Option<OpenItemMenu>>,
) -> impl IntoView {
    let label = format!("More actions for {}", row_name(&item, actions));
    let key = item_key(&item);
    let id = format!("item-more-{key}");
    view! {
        <button
            class="btn-icon more"
            id=id
            aria-haspopup="menu"
            aria-expanded=move || {
                menu.with(|m| m.as_ref().is_some_and(|m| item_key(&m.item) == key)).to_string()
            }
            aria-label=label
            on:click={
                let item = item.clone();
                move |ev| {
                    if let Some(style) = style_below(&ev) {
                        menu.set(
                            Some(OpenItemMenu {
                                item: item.clone(),
                                actions,
                                style,
                            }),
                        );
                    }
                }
            }
        >
            "⋯"
        </button>
    }
}

/// The open row menu; its choices put the change to confirm in `pending` (Unassign, Delete) or
/// the item in `reassigning`.
#[component]
pub fn ItemMenu(
    open: OpenItemMenu,
    menu: RwSignal<Option<OpenItemMenu>>,
    pending: RwSignal<Option<Pending>>,
    reassigning: RwSignal<Option<InventoryItem>>,
) -> impl IntoView {
    let (item, actions) = (open.item, open.actions);
    let button = format!("item-more-{}", item_key(&item));
    let close = Callback::new(move |()| {
        menu.set(None);
        focus_by_id(&button);
    });
    let label = format!("Actions for {}", row_name(&item, actions));
    view! {
        // The items are made inside the list, where they find how to close it.
        <MenuList label=label style=open.style on_close=close>
            {match (actions, item.assignee_id) {
                (RowActions::Holder, Some(assignee)) => {
                    let (one, again) = (item.clone(), item.clone());
                    view! {
                        <MenuItem
                            label="Unassign"
                            on_select=move |()| {
                                pending
                                    .set(
                                        Some(
                                            Pending::unassign(
                                                format!(
                                                    "Unassign {}'s {} license?",
                                                    one.assignee,
                                                    one.label,
                                                ),
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
                        />
                        <MenuItem
                            label="Reassign"
                            on_select=move |()| reassigning.set(Some(again.clone()))
                        />
                    }
                        .into_any()
                }
                _ => {
                    view! {
                        <MenuItem
                            label="Delete"
                            on_select=move |()| pending.set(Some(Pending::delete_number(&item)))
                        />
                    }
                        .into_any()
                }
            }}
        </MenuList>
    }
}
