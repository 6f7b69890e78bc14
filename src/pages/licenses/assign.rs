//! Assigning add-on licenses: pick a cost center with available licenses, then users (search,
//! cost-center filter, checkboxes). Admins who manage cost centers may pick users of other cost
//! centers, and are told the licenses move there.

use domain::api::Endpoint;
use std::collections::BTreeMap;

use domain::inventory::LicenseKind;
use domain::licenses::{
    AssignAddOns, Changed, HeldLicense, InventoryItem, InventoryType, ItemState, ItemsQuery,
    Reassign,
};
use domain::users_query::{UserRow, UsersQuery};
use domain::{ApiError, Permission};
use leptos::prelude::*;

use super::change::{change_action, confirm_label, ChangeFailure};
use crate::api::{use_api, ApiClient};
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::failure::confirm_text;
use crate::session::use_session;

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
    let available = Signal::derive(move || {
        let cc = cost_center.get();
        counts.get().map_or(0, |c| {
            c.iter()
                .find(|((id, _), _)| *id == cc)
                .map_or(0, |(_, n)| *n)
        })
    });
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
        <Dialog title=format!("Assign {label} licenses") on_close=on_close>
            <CostCenterSelect
                counts=counts
                cost_center=cost_center
                on_change=move |cc| {
                    cost_center.set(cc);
                    chosen.set(BTreeMap::new());
                }
            />
            {move || {
                (!cost_center.with(String::is_empty))
                    .then(|| {
                        view! {
                            <UserPicker
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
                                    view! {
                                        <option value=id>
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

/// Users to pick from: a search box, (for admins who manage cost centers) users of other cost
/// centers, and a list of checkboxes, or radio buttons when `single`. Users who already hold
/// `license` can't be picked.
#[component]
pub fn UserPicker(
    license: &'static str,
    /// The license's cost center: the only one offered without cost-center management.
    #[prop(into)]
    cost_center: Signal<String>,
    chosen: RwSignal<BTreeMap<u32, UserRow>>,
    single: bool,
) -> impl IntoView {
    let api = use_api();
    let may_move = use_session()
        .get_untracked()
        .can(Permission::ManageCostCenters);
    let search = RwSignal::new(String::new());
    let any_cost_center = RwSignal::new(false);
    let candidates = LocalResource::new(move || {
        let query = UsersQuery {
            search: search.get(),
            cost_center_id: (!any_cost_center.get()).then(|| cost_center.get()),
            per_page: 50,
            ..UsersQuery::default()
        };
        let api = api.clone();
        async move { api.users(&query).await }
    });
    view! {
        <div class="assign-users">
            <div class="field">
                <label for="pick-search">"Search users"</label>
                <input
                    id="pick-search"
                    type="search"
                    placeholder="Name, email or extension"
                    on:change=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            {if may_move {
                view! {
                    <label class="checkbox">
                        <input
                            type="checkbox"
                            prop:checked=move || any_cost_center.get()
                            on:change=move |ev| any_cost_center.set(event_target_checked(&ev))
                        />
                        "Include users of other cost centers"
                    </label>
                }
                    .into_any()
            } else {
                view! {
                    <p class="muted">
                        "Your role can only assign licenses to users of the license's cost center."
                    </p>
                }
                    .into_any()
            }}
            <ul class="pick-list" aria-label="Users">
                {move || {
                    candidates
                        .get()
                        .and_then(Result::ok)
                        .map(|page| {
                            page.items
                                .into_iter()
                                .map(|u| {
                                    let has = u.licenses.iter().any(|l| l == license);
                                    let id = u.id;
                                    let row = u.clone();
                                    view! {
                                        <li>
                                            <label class="checkbox">
                                                <input
                                                    type=if single { "radio" } else { "checkbox" }
                                                    name="pick-user"
                                                    disabled=has
                                                    prop:checked=move || chosen.with(|c| c.contains_key(&id))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        let row = row.clone();
                                                        chosen
                                                            .update(|c| {
                                                                if single {
                                                                    c.clear();
                                                                }
                                                                if on {
                                                                    c.insert(id, row);
                                                                } else {
                                                                    c.remove(&id);
                                                                }
                                                            });
                                                    }
                                                />
                                                {format!(
                                                    "{} · ext. {} · {}",
                                                    u.name,
                                                    u.extension,
                                                    u.cost_center_name,
                                                )}
                                                {has
                                                    .then(|| {
                                                        view! {
                                                            <span class="muted">
                                                                {format!(" (already has {license})")}
                                                            </span>
                                                        }
                                                    })}
                                            </label>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </ul>
        </div>
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
        >
            <UserPicker
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
