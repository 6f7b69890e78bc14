//! The tick box a destructive change waits for.

use leptos::prelude::*;

/// "I understand this can't be undone", and why to tick it once confirming was tried without.
#[component]
pub fn UnderstoodCheckbox(understood: RwSignal<bool>, tried: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="checkbox">
            <input
                type="checkbox"
                prop:checked=move || understood.get()
                aria-describedby="delete-understood-error"
                on:change=move |ev| understood.set(event_target_checked(&ev))
            />
            "I understand this can't be undone"
        </label>
        <p id="delete-understood-error" class="field-error">
            {move || {
                (tried.get() && !understood.get())
                    .then_some("Tick the box to confirm you understand what is lost.")
            }}
        </p>
    }
}
