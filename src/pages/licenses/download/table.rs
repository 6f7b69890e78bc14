//! The Download list's table: the page of items, each with a tick, and a tick for the whole
//! page.

use domain::licenses::{InventoryItem, ItemState};
use domain::users_query::Page;
use leptos::prelude::*;

/// Whether the item with `key` is ticked.
fn is_picked(picked: RwSignal<Vec<InventoryItem>>, key: &str) -> bool {
    picked.with(|p| p.iter().any(|i| i.key() == key))
}

/// Ticks `item` (`on`) or takes its tick off.
fn set_picked(picked: RwSignal<Vec<InventoryItem>>, item: &InventoryItem, on: bool) {
    let key = item.key();
    picked.update(|p| {
        p.retain(|i| i.key() != key);
        if on {
            p.push(item.clone());
        }
    });
}

/// The loaded page of items as a table, a tick on each row and one in the header that ticks
/// every item on the page.
#[component]
pub fn PickTable(
    #[prop(into)] page: Signal<Option<Page<InventoryItem>>>,
    /// The items ticked by hand, on any page.
    picked: RwSignal<Vec<InventoryItem>>,
) -> impl IntoView {
    let rows = move || page.with(|p| p.as_ref().map(|p| p.items.clone()).unwrap_or_default());
    let all_on_page = move || {
        let rows = rows();
        !rows.is_empty() && rows.iter().all(|i| is_picked(picked, &i.key()))
    };
    view! {
        <div class="download-list">
            <table class="devices-table">
                <caption class="visually-hidden">"Licenses and inventory to download"</caption>
                <thead>
                    <tr>
                        <th scope="col">
                            <input
                                type="checkbox"
                                aria-label="Tick every item on this page"
                                prop:checked=all_on_page
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    for i in rows() {
                                        set_picked(picked, &i, on);
                                    }
                                }
                            />
                        </th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Assigned to"</th>
                        <th scope="col">"Number"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Site"</th>
                        <th scope="col">"Cost center"</th>
                        <th scope="col">"In use"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=InventoryItem::key let:item>
                        <PickRow item=item picked=picked />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// One item's row: its tick and its details.
#[component]
fn PickRow(item: InventoryItem, picked: RwSignal<Vec<InventoryItem>>) -> impl IntoView {
    let key = item.key();
    let (toggled, label) = (
        item.clone(),
        format!(
            "Tick {} {}",
            item.label,
            if item.assignee.is_empty() {
                item.id.clone()
            } else {
                format!("of {}", item.assignee)
            },
        ),
    );
    view! {
        <tr>
            <td>
                <input
                    type="checkbox"
                    aria-label=label
                    prop:checked=move || is_picked(picked, &key)
                    on:change=move |ev| set_picked(picked, &toggled, event_target_checked(&ev))
                />
            </td>
            <td>{item.kind.label()}</td>
            <td>{item.label.clone()}</td>
            <td>{item.assignee.clone()}</td>
            <td>{item.number.clone()}</td>
            <td>{item.email.clone()}</td>
            <td>{item.site.clone()}</td>
            <td>{item.cost_center.clone()}</td>
            <td>{if item.state == ItemState::InUse { "Yes" } else { "No" }}</td>
        </tr>
    }
}
