//! Assigning add-on licenses: pick a cost center with available licenses, then users (search,
//! cost-center filter, checkboxes). Admins who manage cost centers may pick users of other cost
//! centers, and are told the licenses move there.

use std::collections::BTreeMap;

use domain::inventory::LicenseKind;
use domain::licenses::{AssignAddOns, Changed, InventoryType, ItemState, ItemsQuery};
use domain::users_query::{UserRow, UsersQuery};
use domain::Permission;
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::Dialog;
use crate::session::use_session;

#[component]
pub fn AssignDialog(
    kind: LicenseKind,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_done: Callback<Changed>,
) -> impl IntoView {
    let api = use_api();
    let may_move = use_session()
        .get_untracked()
        .can(Permission::ManageCostCenters);
    let inventory_type = InventoryType::ALL
        .into_iter()
        .find(|t| t.license() == Some(kind))
        .expect("every license kind has a line");
    // Available licenses per cost center: (id, name) → count.
    let spare_api = api.clone();
    let spare = LocalResource::new(move || {
        let api = spare_api.clone();
        async move {
            let query = ItemsQuery {
                state: Some(ItemState::Available),
                per_page: 1000,
                ..ItemsQuery::default()
            };
            api.inventory_items(inventory_type, &query)
                .await
                .map(|page| {
                    let mut counts = BTreeMap::<(String, String), u32>::new();
                    for item in page.items {
                        *counts
                            .entry((item.cost_center_id, item.cost_center))
                            .or_default() += 1;
                    }
                    counts
                })
        }
    });
    let cost_center = RwSignal::new(String::new());
    let available = move || {
        let cc = cost_center.get();
        spare.get().and_then(Result::ok).map_or(0, |c| {
            c.iter()
                .find(|((id, _), _)| *id == cc)
                .map_or(0, |(_, n)| *n)
        })
    };
    let search = RwSignal::new(String::new());
    let any_cost_center = RwSignal::new(false);
    let users_api = api.clone();
    let candidates = LocalResource::new(move || {
        let query = UsersQuery {
            search: search.get(),
            cost_center_id: (!any_cost_center.get()).then(|| cost_center.get()),
            per_page: 50,
            ..UsersQuery::default()
        };
        let api = users_api.clone();
        async move { api.users(&query).await }
    });
    let chosen = RwSignal::new(BTreeMap::<u32, UserRow>::new());
    let label = kind.label();
    let key = new_idempotency_key();
    let send = Action::new_local(move |request: &AssignAddOns| {
        let (api, request, key) = (api.clone(), request.clone(), key.clone());
        async move {
            api.inventory_change("licenses/assignments", &request, &key)
                .await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(changed)) = send.value().get() {
            on_done.run(changed);
        }
    });
    let submit = move |_| {
        send.dispatch(AssignAddOns {
            kind,
            cost_center_id: cost_center.get_untracked(),
            user_ids: chosen.with_untracked(|c| c.keys().copied().collect()),
        });
    };
    let count = move || chosen.with(BTreeMap::len) as u32;
    let movers = move || {
        let cc = cost_center.get();
        chosen.with(|c| c.values().filter(|u| u.cost_center_id != cc).count())
    };

    view! {
        <Dialog title=format!("Assign {label} licenses") on_close=on_close>
            <div class="field">
                <label for="assign-cost-center">"Cost center with available licenses"</label>
                <select id="assign-cost-center" on:change=move |ev| { cost_center.set(event_target_value(&ev)); chosen.set(BTreeMap::new()); }>
                    <option value="" selected=move || cost_center.with(String::is_empty)>"Choose a cost center"</option>
                    {move || spare.get().and_then(Result::ok).map(|counts| counts.into_iter().map(|((id, name), n)| {
                        view! { <option value=id>{format!("{name} ({n} available)")}</option> }
                    }).collect_view())}
                </select>
            </div>
            {move || (!cost_center.with(String::is_empty)).then(|| view! {
                <div class="assign-users">
                    <div class="field">
                        <label for="assign-search">"Search users"</label>
                        <input id="assign-search" type="search" placeholder="Name, email or extension"
                            on:change=move |ev| search.set(event_target_value(&ev)) />
                    </div>
                    {may_move.then(|| view! {
                        <label class="checkbox">
                            <input type="checkbox" prop:checked=move || any_cost_center.get() on:change=move |ev| any_cost_center.set(event_target_checked(&ev)) />
                            "Include users of other cost centers"
                        </label>
                    })}
                    {(!may_move).then(|| view! { <p class="muted">"Your role can only assign licenses to users of the license's cost center."</p> })}
                    <ul class="pick-list" aria-label="Users">
                        {move || candidates.get().and_then(Result::ok).map(|page| page.items.into_iter().map(|u| {
                            let has = u.licenses.iter().any(|l| l == label);
                            let id = u.id;
                            let row = u.clone();
                            view! {
                                <li>
                                    <label class="checkbox">
                                        <input type="checkbox" disabled=has
                                            prop:checked=move || chosen.with(|c| c.contains_key(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let row = row.clone();
                                                chosen.update(|c| { if on { c.insert(id, row); } else { c.remove(&id); } });
                                            } />
                                        {format!("{} · ext. {} · {}", u.name, u.extension, u.cost_center_name)}
                                        {has.then(|| view! { <span class="muted">{format!(" (already has {label})")}</span> })}
                                    </label>
                                </li>
                            }
                        }).collect_view())}
                    </ul>
                </div>
            })}
            {move || (movers() > 0).then(|| view! {
                <p class="notice">{move || format!("{} selected user{} in another cost center: their license moves to their cost center.", movers(), if movers() == 1 { " is" } else { "s are" })}</p>
            })}
            {move || (count() > available() && available() > 0).then(|| view! {
                <p class="field-error" role="alert">{move || format!("Only {} available in this cost center: select {} user{} or fewer.", available(), available(), if available() == 1 { "" } else { "s" })}</p>
            })}
            {move || send.value().get().and_then(Result::err).map(|e| view! {
                <div class="notice notice-error" role="alert">
                    <p>{e.message.clone()}</p>
                    <ul>{e.field_errors.iter().map(|f| view! { <li>{f.message.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            <div class="dialog-actions">
                <button class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button class="btn btn-primary" on:click=submit
                    disabled=move || { count() == 0 || count() > available() || send.pending().get() }>
                    {move || format!("Assign ({})", count())}
                </button>
            </div>
        </Dialog>
    }
}
