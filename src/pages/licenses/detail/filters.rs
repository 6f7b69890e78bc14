//! The detail page's filters, with the item state beside the shared ones.

use domain::licenses::{ItemState, ItemsQuery};
use leptos::prelude::*;

use crate::pages::licenses::filters::{changed, ItemFilters};

/// The shared item filters plus a "State" select (in use, available, or both).
#[component]
pub fn DetailFilters(query: Memo<ItemsQuery>, go: Callback<ItemsQuery>) -> impl IntoView {
    view! {
        <ItemFilters id="items" query=query on_change=go>
            <div class="field">
                <label for="items-state">"State"</label>
                <select
                    id="items-state"
                    on:change=move |ev| {
                        go.run(
                            changed(
                                query.get_untracked(),
                                |q, v| q.state = v.and_then(|s| ItemState::from_slug(&s)),
                                &event_target_value(&ev),
                            ),
                        )
                    }
                >
                    <option value="">"In use and available"</option>
                    {[ItemState::InUse, ItemState::Available]
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option
                                    value=s.slug()
                                    selected=move || query.with(|q| q.state == Some(s))
                                >
                                    {s.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </ItemFilters>
    }
}
