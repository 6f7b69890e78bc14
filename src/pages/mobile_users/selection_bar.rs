//! The bar shown while Mobile users are ticked.

use std::collections::HashSet;

use leptos::prelude::*;

/// While users are ticked: how many, Delete selected (or why the role may not), and Clear
/// selection.
#[component]
pub fn SelectionBar(
    selected: RwSignal<HashSet<u32>>,
    can_manage: Signal<Result<(), String>>,
    /// Asks to delete the ticked users (the dialog confirms first).
    on_delete: Callback<()>,
) -> impl IntoView {
    move || {
        let n = selected.with(HashSet::len);
        (n > 0).then(|| {
            view! {
                <div class="selection-bar" role="region" aria-label="Selection">
                    <span>{format!("{n} selected")}</span>
                    {move || match can_manage.get() {
                        Ok(()) => {
                            view! {
                                <button class="btn btn-danger" on:click=move |_| on_delete.run(())>
                                    {format!("Delete selected ({n})")}
                                </button>
                            }
                                .into_any()
                        }
                        Err(reason) => view! { <span class="muted">{reason}</span> }.into_any(),
                    }}
                    <button class="btn btn-quiet" on:click=move |_| selected.set(HashSet::new())>
                        "Clear selection"
                    </button>
                </div>
            }
        })
    }
}
