//! The bar shown while accounts are ticked.

use std::collections::HashSet;

use domain::accounts::AccountRow;
use domain::users_query::Page;
use leptos::prelude::*;

/// While accounts are ticked: how many, Unlink selected and Clear selection.
#[component]
pub fn SelectionBar(
    /// The ids of the ticked accounts.
    selected: RwSignal<HashSet<String>>,
    /// The page of accounts on screen.
    loaded: Memo<Option<Page<AccountRow>>>,
    /// Where Unlink selected puts the accounts to confirm.
    unlinking: RwSignal<Option<Vec<AccountRow>>>,
) -> impl IntoView {
    move || {
        let n = selected.with(HashSet::len);
        (n > 0).then(|| {
            view! {
                <div class="selection-bar" role="region" aria-label="Selection">
                    <span>{format!("{n} selected")}</span>
                    <button
                        class="btn btn-danger"
                        on:click=move |_| {
                            let picked = selected
                                .with_untracked(|s| {
                                    loaded
                                        .with_untracked(|l| {
                                            l.iter()
                                                .flat_map(|p| p.items.iter())
                                                .filter(|a| s.contains(&a.id))
                                                .cloned()
                                                .collect::<Vec<_>>()
                                        })
                                });
                            unlinking.set(Some(picked));
                        }
                    >
                        {format!("Unlink selected ({n})")}
                    </button>
                    <button class="btn btn-quiet" on:click=move |_| selected.set(HashSet::new())>
                        "Clear selection"
                    </button>
                </div>
            }
        })
    }
}
