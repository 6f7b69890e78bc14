//! The bar above the Users table while rows are selected.

use std::collections::HashSet;

use leptos::prelude::*;

/// How many rows are selected, Upgrade to Office and Clear selection; nothing when none are.
#[component]
pub fn SelectionBar(
    selected: RwSignal<HashSet<u32>>,
    #[prop(into)] can_license: Signal<bool>,
    /// Opens Upgrade to Office for the selected rows.
    #[prop(into)]
    on_upgrade: Callback<()>,
) -> impl IntoView {
    move || {
        let n = selected.with(HashSet::len);
        (n > 0).then(|| {
            view! {
                <div class="selection-bar" role="region" aria-label="Selection">
                    <span>{format!("{n} selected on this page")}</span>
                    {can_license
                        .get_untracked()
                        .then(|| {
                            view! {
                                <button class="btn" on:click=move |_| on_upgrade.run(())>
                                    "Upgrade to Office"
                                </button>
                            }
                        })}
                    <button class="btn btn-quiet" on:click=move |_| selected.set(HashSet::new())>
                        "Clear selection"
                    </button>
                </div>
            }
        })
    }
}
