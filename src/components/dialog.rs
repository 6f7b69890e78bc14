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
        <dialog
            node_ref=node
            class="dialog"
            class:dialog-wide=wide
            aria-labelledby=label_id
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_close.run(());
            }
        >
            <h2 id=heading_id class="dialog-title">
                {title}
            </h2>
            {children()}
        </dialog>
    }
}

/// How a dialog's confirming button looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// The dialog's main action.
    #[default]
    Primary,
    /// An action that deletes, removes or disables.
    Danger,
}

/// A dialog's footer: the button that closes it, any other buttons (children), then the one
/// that confirms.
#[component]
pub fn DialogActions(
    /// Closes the dialog.
    #[prop(into)]
    on_cancel: Callback<()>,
    /// The closing button's text; "Cancel" unless said ("Close", "Back").
    #[prop(optional)]
    cancel: Option<&'static str>,
    /// The confirming button's text, which may follow its request ("Saving…", "Try again");
    /// none for a dialog that only closes.
    #[prop(optional, into)]
    confirm: Option<Signal<String>>,
    /// Called by the confirming button; without it, the button submits the dialog's form.
    #[prop(optional, into)]
    on_confirm: Option<Callback<()>>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional, into)] tone: Signal<Tone>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="dialog-actions">
            <button type="button" class="btn" on:click=move |_| on_cancel.run(())>
                {cancel.unwrap_or("Cancel")}
            </button>
            {children.map(|c| c())}
            {confirm
                .map(|label| {
                    view! {
                        <button
                            type=if on_confirm.is_some() { "button" } else { "submit" }
                            class="btn"
                            class:btn-primary=move || tone.get() == Tone::Primary
                            class:btn-danger=move || tone.get() == Tone::Danger
                            disabled=disabled
                            on:click=move |_| {
                                if let Some(confirm) = on_confirm {
                                    confirm.run(())
                                }
                            }
                        >
                            {label}
                        </button>
                    }
                })}
        </div>
    }
}

/// The footer of a window whose choices are kept as they are made: one Done that closes it.
#[component]
pub fn DoneActions(#[prop(into)] on_done: Callback<()>) -> impl IntoView {
    view! {
        <div class="dialog-actions">
            <button type="button" class="btn btn-primary" on:click=move |_| on_done.run(())>
                "Done"
            </button>
        </div>
    }
}

/// The end of an inline form (not a dialog): its submit button, saying `working` while the
/// request is on its way and `idle` before, and Cancel.
#[component]
pub fn FormActions(
    #[prop(into)] pending: Signal<bool>,
    idle: &'static str,
    working: &'static str,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="header-actions">
            <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                {move || if pending.get() { working } else { idle }}
            </button>
            <button type="button" class="btn" on:click=move |_| on_cancel.run(())>
                "Cancel"
            </button>
        </div>
    }
}
