//! Select users, for assigning and reassigning add-on licenses: search, Site and Cost Center
//! dropdowns, columns sorted by their titles, paging through every user, and a checkbox (or a
//! radio button) per user. Admins who manage cost centers may look in any cost center; others
//! only see users of the license's cost center.

use std::collections::BTreeMap;

use domain::users_query::{SortKey, UserRow, UsersQuery};
use domain::Permission;
use leptos::prelude::*;

use super::filters::FilterSelect;
use crate::api::use_api;
use crate::components::pagination::Pagination;
use crate::session::use_session;

/// Users shown per page until the admin picks another size.
const PER_PAGE: u32 = 25;

/// The columns that sort, in order, with their titles.
const SORTABLE: [(SortKey, &str); 5] = [
    (SortKey::Name, "Name"),
    (SortKey::Extension, "Ext."),
    (SortKey::Email, "Email"),
    (SortKey::Site, "Site"),
    (SortKey::CostCenter, "Cost center"),
];

/// The Select users section of a dialog. `chosen` holds the users picked across pages and
/// filters; with `single` picking one replaces the last. Users who already hold `license` can't
/// be picked.
#[component]
pub fn SelectUsers(
    license: &'static str,
    /// The license's cost center: where the list starts, and the only one offered to admins who
    /// don't manage cost centers.
    #[prop(into)]
    cost_center: Signal<String>,
    chosen: RwSignal<BTreeMap<u32, UserRow>>,
    single: bool,
) -> impl IntoView {
    let api = use_api();
    let may_move = use_session()
        .get_untracked()
        .can(Permission::ManageCostCenters);
    let query = RwSignal::new(UsersQuery {
        cost_center_id: Some(cost_center.get_untracked()),
        per_page: PER_PAGE,
        ..UsersQuery::default()
    });
    // Another license cost center: the list starts again there.
    Effect::new(move |_| {
        let cc = cost_center.get();
        query.update(|q| {
            q.cost_center_id = Some(cc);
            q.page = 1;
        });
    });
    let users = LocalResource::new(move || {
        let (api, q) = (api.clone(), query.get());
        async move { api.users(&q).await }
    });
    let page = Signal::derive(move || users.get().and_then(Result::ok));
    let directory = {
        let api = use_api();
        LocalResource::new(move || {
            let api = api.clone();
            async move { api.directory().await.ok() }
        })
    };
    let refine = move |f: &dyn Fn(&mut UsersQuery)| {
        query.update(|q| {
            f(q);
            q.page = 1;
        })
    };
    let options = move |sites: bool| {
        Signal::derive(move || {
            directory.get().flatten().map_or_else(Vec::new, |d| {
                if sites {
                    d.sites.into_iter().map(|s| (s.id, s.name)).collect()
                } else {
                    d.cost_centers.into_iter().map(|c| (c.id, c.name)).collect()
                }
            })
        })
    };
    let cost_center_name = move || {
        let id = cost_center.get();
        options(false)
            .get()
            .into_iter()
            .find_map(|(i, name)| (i == id).then_some(name))
            .unwrap_or(id)
    };
    // The Site dropdown, or (`sites` false) the Cost center one.
    let dropdown = move |sites: bool| {
        let (id, label, all) = if sites {
            ("pick-site", "Site", "All sites")
        } else {
            ("pick-cost-center", "Cost center", "All cost centers")
        };
        view! {
            <FilterSelect
                id=id.to_owned()
                label
                all
                options=options(sites)
                value=Signal::derive(move || query.with(|q| filter(q, sites).clone()))
                on_change=move |ev| {
                    let v = event_target_value(&ev);
                    refine(&|q| *filter_mut(q, sites) = (!v.is_empty()).then(|| v.clone()));
                }
            />
        }
    };
    view! {
        <fieldset class="select-users">
            <legend>"Select users"</legend>
            <div class="filters" role="search">
                <div class="field">
                    <label for="pick-search">"Search users"</label>
                    <input
                        id="pick-search"
                        type="search"
                        maxlength="100"
                        placeholder="Name, email or extension"
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            refine(&|q| q.search = text.trim().to_owned());
                        }
                    />
                </div>
                {dropdown(true)}
                {if may_move {
                    dropdown(false).into_any()
                } else {
                    view! {
                        <p class="muted select-users-rule">
                            {move || format!("Cost center: {}. ", cost_center_name())}
                            "Your role can only assign licenses to users of the license's cost center."
                        </p>
                    }
                        .into_any()
                }}
            </div>
            <div class="select-users-scroll">
                <table class="devices-table" aria-label="Users">
                    <thead>
                        <tr>
                            <th>
                                <span class="sr-only">"Select"</span>
                            </th>
                            {SORTABLE
                                .into_iter()
                                .map(|(key, title)| view! { <SortHeader key title query /> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            page.get()
                                .map(|p| {
                                    if p.items.is_empty() {
                                        view! {
                                            <tr>
                                                <td colspan="6" class="muted">
                                                    "No users match these filters."
                                                </td>
                                            </tr>
                                        }
                                            .into_any()
                                    } else {
                                        p.items
                                            .into_iter()
                                            .map(|u| {
                                                view! { <UserOption user=u license chosen single /> }
                                            })
                                            .collect_view()
                                            .into_any()
                                    }
                                })
                        }}
                    </tbody>
                </table>
            </div>
            <Pagination
                total=Signal::derive(move || page.get().map_or(0, |p| p.total))
                page=Signal::derive(move || query.with(|q| q.page))
                per_page=Signal::derive(move || query.with(|q| q.per_page))
                on_page=move |n| query.update(|q| q.page = n)
                on_per_page=move |n| refine(&|q| q.per_page = n)
            />
            <p class="muted" aria-live="polite">
                {move || chosen_text(&chosen.read(), single)}
            </p>
        </fieldset>
    }
}

/// The site filter of `q`, or (`sites` false) its cost-center filter.
fn filter(q: &UsersQuery, sites: bool) -> &Option<String> {
    if sites {
        &q.site_id
    } else {
        &q.cost_center_id
    }
}

/// [`filter`], to change.
fn filter_mut(q: &mut UsersQuery, sites: bool) -> &mut Option<String> {
    if sites {
        &mut q.site_id
    } else {
        &mut q.cost_center_id
    }
}

/// What is picked so far, in words.
fn chosen_text(chosen: &BTreeMap<u32, UserRow>, single: bool) -> String {
    match (chosen.len(), single) {
        (0, _) => "No user selected.".to_owned(),
        (_, true) => chosen
            .values()
            .next()
            .map(|u| format!("Selected: {}.", u.name))
            .unwrap_or_default(),
        (1, false) => "1 user selected.".to_owned(),
        (n, false) => format!("{n} users selected."),
    }
}

/// A column title that sorts the list by `key`: a first click ascending, the next descending.
#[component]
fn SortHeader(key: SortKey, title: &'static str, query: RwSignal<UsersQuery>) -> impl IntoView {
    let state = move || query.with(|q| (q.sort == key).then_some(q.descending));
    view! {
        <th aria-sort=move || match state() {
            Some(true) => "descending",
            Some(false) => "ascending",
            None => "none",
        }>
            <button
                type="button"
                class="th-sort"
                on:click=move |_| {
                    let descending = state() == Some(false);
                    query
                        .update(|q| {
                            q.descending = descending;
                            q.sort = key;
                            q.page = 1;
                        })
                }
            >
                {title}
                <span class="sort-arrow" aria-hidden="true">
                    {move || match state() {
                        Some(true) => "▼",
                        Some(false) => "▲",
                        None => "",
                    }}
                </span>
            </button>
        </th>
    }
}

/// One user's row: its checkbox (or radio button), disabled when the user already holds
/// `license`.
#[component]
fn UserOption(
    user: UserRow,
    license: &'static str,
    chosen: RwSignal<BTreeMap<u32, UserRow>>,
    single: bool,
) -> impl IntoView {
    let has = user.licenses.iter().any(|l| l == license);
    let id = user.id;
    let row = user.clone();
    let toggle = move |ev| {
        let on = event_target_checked(&ev);
        chosen.update(|c| {
            if single {
                c.clear();
            }
            if on {
                c.insert(id, row.clone());
            } else {
                c.remove(&id);
            }
        });
    };
    view! {
        <tr class:row-disabled=has>
            <td>
                <input
                    type=if single { "radio" } else { "checkbox" }
                    name="pick-user"
                    aria-label=format!("Select {}", user.name)
                    disabled=has
                    prop:checked=move || chosen.with(|c| c.contains_key(&id))
                    on:change=toggle
                />
            </td>
            <td class="cell-strong">
                {user.name.clone()}
                {has.then(|| view! { <span class="muted">{format!(" (has {license})")}</span> })}
            </td>
            <td>{user.extension}</td>
            <td>{user.email}</td>
            <td>{user.site_name}</td>
            <td>{user.cost_center_name}</td>
        </tr>
    }
}
