//! A modal dialog on the native `<dialog>` element: focus is trapped, Escape closes.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::html;
use leptos::prelude::*;

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// A modal dialog, open while it is mounted.
#[component]
pub fn Dialog(
    /// The heading, also the dialog's accessible name.
    #[prop(into)]
    title: String,
    /// Called on Escape (and by the caller's own Cancel buttons).
    #[prop(into)]
    on_close: Callback<()>,
    /// Room for a table (980px instead of 560px).
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    let heading_id = format!("dialog-title-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    Effect::new(move |_| {
        if let Some(dialog) = node.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    let label_id = heading_id.clone();
    view! {
        <dialog node_ref=node class="dialog" class:dialog-wide=wide aria-labelledby=label_id
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_close.run(());
            }>
            <h2 id=heading_id class="dialog-title">{title}</h2>
            {children()}
        </dialog>
    }
}
