//! The filters of an items list (a detail view, the Download list): search, site and cost
//! center, plus whatever the list adds after them. A change starts again at page 1.

use domain::licenses::ItemsQuery;
use leptos::prelude::*;

use crate::api::use_api;

/// Sets one filter of a query from a field's value (empty means "all").
pub type SetFilter = fn(&mut ItemsQuery, Option<String>);

/// Search, site and cost center for `query`; `on_change` gets the changed query (page 1).
/// `id` prefixes the fields' ids; `children` are the list's own filters.
#[component]
pub fn ItemFilters(
    id: &'static str,
    #[prop(into)] query: Signal<ItemsQuery>,
    #[prop(into)] on_change: Callback<ItemsQuery>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let api = use_api();
    let directory = LocalResource::new(move || {
        let api = api.clone();
        async move { api.directory().await.ok() }
    });
    let set = move |f: SetFilter, ev: leptos::ev::Event| {
        on_change.run(changed(query.get_untracked(), f, &event_target_value(&ev)));
    };
    let search_id = format!("{id}-search");
    view! {
        <div class="filters" role="search">
            <div class="field">
                <label for=search_id.clone()>"Search"</label>
                <input
                    id=search_id
                    type="search"
                    placeholder="Name, email or number"
                    prop:value=move || query.with(|q| q.search.clone())
                    on:change=move |ev| set(|q, v| q.search = v.unwrap_or_default(), ev)
                />
            </div>
            <FilterSelect
                id=format!("{id}-site")
                label="Site"
                all="All sites"
                options=Signal::derive(move || {
                    directory
                        .get()
                        .flatten()
                        .map(|d| d.sites.into_iter().map(|s| (s.id, s.name)).collect())
                        .unwrap_or_default()
                })
                value=Signal::derive(move || query.with(|q| q.site_id.clone()))
                on_change=move |ev| set(|q, v| q.site_id = v, ev)
            />
            <FilterSelect
                id=format!("{id}-cost-center")
                label="Cost center"
                all="All cost centers"
                options=Signal::derive(move || {
                    directory
                        .get()
                        .flatten()
                        .map(|d| d.cost_centers.into_iter().map(|c| (c.id, c.name)).collect())
                        .unwrap_or_default()
                })
                value=Signal::derive(move || query.with(|q| q.cost_center_id.clone()))
                on_change=move |ev| set(|q, v| q.cost_center_id = v, ev)
            />
            {children.map(|c| c())}
        </div>
    }
}

/// `query` with one filter set from `value`, back at page 1.
pub fn changed(mut query: ItemsQuery, f: SetFilter, value: &str) -> ItemsQuery {
    f(&mut query, (!value.is_empty()).then(|| value.to_owned()));
    query.page = 1;
    query
}

/// A filter select: "all" first, then `(value, label)` options.
#[component]
pub(super) fn FilterSelect(
    id: String,
    label: &'static str,
    all: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<Option<String>>,
    #[prop(into)] on_change: Callback<leptos::ev::Event>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id on:change=move |ev| on_change.run(ev)>
                <option value="">{all}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = value.with(|c| c.as_ref() == Some(&v));
                            view! {
                                <option value=v selected=selected>
                                    {l}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
