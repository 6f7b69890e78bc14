//! Search box and filters of the Users list. Changes go to the URL through `on_change`.

use std::time::Duration;

use domain::users_query::UsersQuery;
use domain::{Directory, UserStatus, UserType};
use leptos::prelude::*;

/// Debounce for the search box.
const SEARCH_DELAY: Duration = Duration::from_millis(250);

/// The filter bar. `on_change` gets the new query and whether it should replace the history
/// entry (typing) rather than add one (a filter choice).
#[component]
pub fn FilterBar(
    #[prop(into)] query: Signal<UsersQuery>,
    #[prop(into)] directory: Signal<Option<Directory>>,
    multi_site: bool,
    #[prop(into)] on_change: Callback<(UsersQuery, bool)>,
) -> impl IntoView {
    let type_sel = Signal::derive(move || query.with(|q| q.user_type.map(|t| t.slug().to_owned())));
    let status_sel = Signal::derive(move || query.with(|q| q.status.map(|s| s.slug().to_owned())));
    let site_sel = Signal::derive(move || query.with(|q| q.site_id.clone()));
    let cc_sel = Signal::derive(move || query.with(|q| q.cost_center_id.clone()));

    view! {
        <div class="filters" role="search">
            <SearchBox query=query on_change=on_change />
            <FilterSelect
                label="Type"
                all="All types"
                current=type_sel
                apply=|q, v| q.user_type = v.and_then(|v| UserType::from_slug(&v))
                query=query
                on_change=on_change
            >
                {UserType::ALL
                    .into_iter()
                    .map(|t| option(t.slug().into(), t.label().into(), type_sel))
                    .collect_view()}
            </FilterSelect>
            {multi_site
                .then(|| {
                    view! {
                        <FilterSelect
                            label="Site"
                            all="All sites"
                            current=site_sel
                            apply=|q, v| q.site_id = v
                            query=query
                            on_change=on_change
                        >
                            {move || {
                                directory
                                    .get()
                                    .map(|d| {
                                        d.sites
                                            .into_iter()
                                            .map(|s| option(s.id, s.name, site_sel))
                                            .collect_view()
                                    })
                            }}
                        </FilterSelect>
                        <FilterSelect
                            label="Cost center"
                            all="All cost centers"
                            current=cc_sel
                            apply=|q, v| q.cost_center_id = v
                            query=query
                            on_change=on_change
                        >
                            {move || {
                                directory
                                    .get()
                                    .map(|d| {
                                        d.cost_centers
                                            .into_iter()
                                            .map(|c| option(c.id, c.name, cc_sel))
                                            .collect_view()
                                    })
                            }}
                        </FilterSelect>
                    }
                })}
            <FilterSelect
                label="Status"
                all="All statuses"
                current=status_sel
                apply=|q, v| q.status = v.and_then(|v| UserStatus::from_slug(&v))
                query=query
                on_change=on_change
            >
                {UserStatus::ALL
                    .into_iter()
                    .map(|s| option(s.slug().into(), s.label().into(), status_sel))
                    .collect_view()}
            </FilterSelect>
            {move || {
                query
                    .with(UsersQuery::is_filtered)
                    .then(|| {
                        view! {
                            <button
                                class="btn btn-quiet"
                                on:click=move |_| {
                                    on_change.run((query.get_untracked().cleared(), false))
                                }
                            >
                                "Clear filters"
                            </button>
                        }
                    })
            }}
        </div>
    }
}

/// The search box: the URL follows it after a pause in typing (or at once on Enter),
/// replacing the history entry.
#[component]
fn SearchBox(query: Signal<UsersQuery>, on_change: Callback<(UsersQuery, bool)>) -> impl IntoView {
    let text = RwSignal::new(query.get_untracked().search);
    let generation = StoredValue::new(0u32);
    let pending = StoredValue::new(false);
    // Follow the URL (back/forward, Clear) unless the admin is mid-typing.
    Effect::new(move |_| {
        let search = query.with(|q| q.search.clone());
        if !pending.get_value() && text.get_untracked().trim() != search {
            text.set(search);
        }
    });
    let commit_search = move || {
        pending.set_value(false);
        let value = text.get_untracked().trim().to_owned();
        if value != query.with_untracked(|q| q.search.clone()) {
            let q = UsersQuery {
                search: value,
                page: 1,
                ..query.get_untracked()
            };
            on_change.run((q, true));
        }
    };
    let on_input = move |ev| {
        text.set(event_target_value(&ev));
        pending.set_value(true);
        let g = generation.get_value() + 1;
        generation.set_value(g);
        set_timeout(
            move || {
                // The page may have gone since the keystroke: then there is nothing to search.
                if generation.try_get_value() == Some(g) {
                    commit_search()
                }
            },
            SEARCH_DELAY,
        );
    };
    view! {
        <label class="field field-search">
            <span class="sr-only">"Search users"</span>
            <input
                type="search"
                placeholder="Search name, email or extension"
                maxlength="100"
                prop:value=text
                on:input=on_input
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        generation.update_value(|g| *g += 1);
                        commit_search();
                    }
                }
            />
        </label>
    }
}

/// One filter's labelled select: "All …" (no filter) first, then its choices (`children`).
/// A choice puts the query with `apply`'s change, back on page 1, in a new history entry.
#[component]
fn FilterSelect(
    label: &'static str,
    /// The text of the no-filter choice.
    all: &'static str,
    /// The chosen value's slug or id; `None` for no filter.
    current: Signal<Option<String>>,
    /// Sets the filter in the query (`None` to clear it).
    apply: fn(&mut UsersQuery, Option<String>),
    query: Signal<UsersQuery>,
    on_change: Callback<(UsersQuery, bool)>,
    children: Children,
) -> impl IntoView {
    let on_select = move |ev| {
        let value = event_target_value(&ev);
        let mut q = query.get_untracked();
        apply(&mut q, (!value.is_empty()).then_some(value));
        q.page = 1;
        on_change.run((q, false));
    };
    view! {
        <label class="field field-inline">
            <span>{label}</span>
            <select on:change=on_select>
                <option value="" selected=move || current.get().is_none()>
                    {all}
                </option>
                {children()}
            </select>
        </label>
    }
}

/// A filter's choice, selected while it is `current`.
fn option(value: String, label: String, current: Signal<Option<String>>) -> impl IntoView {
    let v = value.clone();
    view! {
        <option value=value selected=move || current.get().as_deref() == Some(v.as_str())>
            {label}
        </option>
    }
}
