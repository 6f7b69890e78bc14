//! Assigning and reassigning add-on licenses: pick a cost center with available licenses (chosen
//! for the admin when only one has any), then users in [`SelectUsers`]. Admins who manage cost
//! centers may pick users of other cost centers, and are told the licenses move there.

use domain::api::Endpoint;
use std::collections::BTreeMap;

use domain::inventory::LicenseKind;
use domain::licenses::{
    AssignAddOns, Changed, HeldLicense, InventoryItem, InventoryType, ItemState, ItemsQuery,
    Reassign,
};
use domain::users_query::UserRow;
use domain::ApiError;
use leptos::prelude::*;

use super::change::{change_action, confirm_label, ChangeFailure};
use super::select_users::SelectUsers;
use crate::api::{use_api, ApiClient};
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::failure::confirm_text;

/// Available licenses per cost center: (id, name) → count.
type SpareCounts = BTreeMap<(String, String), u32>;

/// Counts the available licenses of `inventory_type` per cost center.
async fn spare_counts(
    api: ApiClient,
    inventory_type: InventoryType,
) -> Result<SpareCounts, ApiError> {
    let query = ItemsQuery {
        state: Some(ItemState::Available),
        per_page: 1000,
        ..ItemsQuery::default()
    };
    api.inventory_items(Some(inventory_type), &query)
        .await
        .map(|page| {
            let mut counts = SpareCounts::new();
            for item in page.items {
                *counts
                    .entry((item.cost_center_id, item.cost_center))
                    .or_default() += 1;
            }
            counts
        })
}

#[component]
pub fn AssignDialog(
    kind: LicenseKind,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_done: Callback<Changed>,
) -> impl IntoView {
    let api = use_api();
    let inventory_type = InventoryType::ALL
        .into_iter()
        .find(|t| t.license() == Some(kind))
        .expect("every license kind has a line");
    let spare = LocalResource::new(move || spare_counts(api.clone(), inventory_type));
    let counts = Signal::derive(move || spare.get().and_then(Result::ok));
    let cost_center = RwSignal::new(String::new());
    // Only one cost center has licenses available: nothing to choose.
    Effect::new(move |_| {
        if let Some(counts) = counts.get().filter(|c| c.len() == 1) {
            if cost_center.with_untracked(String::is_empty) {
                cost_center.set(
                    counts
                        .keys()
                        .next()
                        .map(|(id, _)| id.clone())
                        .unwrap_or_default(),
                );
            }
        }
    });
    let available = Signal::derive(move || {
        let cc = cost_center.get();
        counts.get().map_or(0, |c| {
            c.iter()
                .find(|((id, _), _)| *id == cc)
                .map_or(0, |(_, n)| *n)
        })
    });
    let chosen_cost_center = Memo::new(move |_| !cost_center.with(String::is_empty));
    let chosen = RwSignal::new(BTreeMap::<u32, UserRow>::new());
    let label = kind.label();
    let send = change_action(Endpoint::AssignAddOns, on_done);
    let submit = move |_| {
        let request = AssignAddOns {
            kind,
            cost_center_id: cost_center.get_untracked(),
            user_ids: chosen.with_untracked(|c| c.keys().copied().collect()),
        };
        send.dispatch(serde_json::to_value(request).expect("plain data"));
    };
    let count = Signal::derive(move || chosen.with(BTreeMap::len) as u32);
    let movers = Signal::derive(move || {
        let cc = cost_center.get();
        chosen.with(|c| c.values().filter(|u| u.cost_center_id != cc).count())
    });

    view! {
        <Dialog title=format!("Assign {label} licenses") on_close=on_close wide=true>
            <CostCenterSelect
                counts=counts
                cost_center=cost_center
                on_change=move |cc| {
                    cost_center.set(cc);
                    chosen.set(BTreeMap::new());
                }
            />
            {move || {
                chosen_cost_center
                    .get()
                    .then(|| {
                        view! {
                            <SelectUsers
                                license=label
                                cost_center=Signal::derive(move || cost_center.get())
                                chosen=chosen
                                single=false
                            />
                        }
                    })
            }}
            <MoversNotice movers=movers />
            <OverAvailableError count=count available=available />
            <ChangeFailure
                action=send
                on_reload=on_close
                retry_note="Trying again is safe: licenses are assigned once."
            />
            <DialogActions
                on_cancel=on_close
                on_confirm=submit
                disabled=move || {
                    count.get() == 0 || count.get() > available.get() || send.pending().get()
                }
                confirm=move || {
                    let error = send.value().get().and_then(Result::err);
                    confirm_text(
                        send.pending().get(),
                        error.as_ref(),
                        "Working…",
                        &format!("Assign ({})", count.get()),
                    )
                }
            />
        </Dialog>
    }
}

/// The select of the cost centers with available licenses, each with how many.
#[component]
fn CostCenterSelect(
    /// Available licenses per cost center; `None` until they load.
    #[prop(into)]
    counts: Signal<Option<SpareCounts>>,
    /// The id of the cost center chosen; empty until one is.
    #[prop(into)]
    cost_center: Signal<String>,
    /// Called with the id of the cost center picked.
    #[prop(into)]
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="assign-cost-center">"Cost center with available licenses"</label>
            <select
                id="assign-cost-center"
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                <option value="" selected=move || cost_center.with(String::is_empty)>
                    "Choose a cost center"
                </option>
                {move || {
                    counts
                        .get()
                        .map(|counts| {
                            counts
                                .into_iter()
                                .map(|((id, name), n)| {
                                    let selected = cost_center.with(|c| *c == id);
                                    view! {
                                        <option value=id selected=selected>
                                            {format!("{name} ({n} available)")}
                                        </option>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </select>
        </div>
    }
}

/// How many selected users are in another cost center, so their licenses move there; nothing
/// while there are none.
#[component]
fn MoversNotice(#[prop(into)] movers: Signal<usize>) -> impl IntoView {
    move || {
        (movers.get() > 0)
            .then(|| {
                view! {
                    <p class="notice">
                        {move || {
                            format!(
                                "{} selected user{} in another cost center: their license moves to their cost center.",
                                movers.get(),
                                if movers.get() == 1 { " is" } else { "s are" },
                            )
                        }}
                    </p>
                }
            })
    }
}

/// The error shown while more users are selected than the cost center has licenses available.
#[component]
fn OverAvailableError(
    /// Users selected.
    #[prop(into)]
    count: Signal<u32>,
    /// Licenses available in the chosen cost center.
    #[prop(into)]
    available: Signal<u32>,
) -> impl IntoView {
    move || {
        (count.get() > available.get() && available.get() > 0).then(|| {
            view! {
                <p class="field-error" role="alert">
                    {move || {
                        format!(
                            "Only {} available in this cost center: select {} user{} or fewer.",
                            available.get(),
                            available.get(),
                            if available.get() == 1 { "" } else { "s" },
                        )
                    }}
                </p>
            }
        })
    }
}

/// Moves one add-on license from its holder to a user picked from the list.
#[component]
pub fn ReassignDialog(
    item: InventoryItem,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_reload: Callback<()>,
    #[prop(into)] on_done: Callback<Changed>,
) -> impl IntoView {
    let chosen = RwSignal::new(BTreeMap::<u32, UserRow>::new());
    let send = change_action(Endpoint::Reassign, on_done);
    let license: &'static str = InventoryType::ALL
        .into_iter()
        .find_map(|t| t.license().filter(|k| k.label() == item.label))
        .map_or("", LicenseKind::label);
    let held = HeldLicense {
        id: item.id.clone(),
        assignee: item.assignee_id.unwrap_or_default(),
    };
    let cost_center = item.cost_center_id.clone();
    let submit = move |_| {
        if let Some(to_user_id) = chosen.with_untracked(|c| c.keys().next().copied()) {
            let request = Reassign {
                license: held.clone(),
                to_user_id,
            };
            send.dispatch(serde_json::to_value(request).expect("plain data"));
        }
    };
    let moves = move || {
        chosen.with(|c| {
            c.values()
                .find(|u| u.cost_center_id != cost_center)
                .map(|u| {
                    format!(
                        "The license moves to {}'s cost center, {}.",
                        u.name, u.cost_center_name
                    )
                })
        })
    };
    view! {
        <Dialog
            title=format!("Reassign {}'s {} license", item.assignee, item.label)
            on_close=on_close
            wide=true
        >
            <SelectUsers
                license=license
                cost_center=Signal::stored(item.cost_center_id.clone())
                chosen=chosen
                single=true
            />
            {move || moves().map(|m| view! { <p class="notice">{m}</p> })}
            <ChangeFailure
                action=send
                on_reload=on_reload
                retry_note="Trying again is safe: the license is reassigned once."
            />
            <DialogActions
                on_cancel=on_close
                on_confirm=submit
                confirm=confirm_label(send, "Reassign")
                disabled=move || chosen.with(BTreeMap::is_empty) || send.pending().get()
            />
        </Dialog>
    }
}
