//! Short-lived notices in a live region ("Saved", "Couldn't save").

use std::time::Duration;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
    Info,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Toast {
    id: u32,
    kind: ToastKind,
    message: String,
}

/// The toast queue, shared by context.
#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u32>,
}

impl Toasts {
    /// Shows a message for a few seconds (errors stay until dismissed).
    pub fn show(&self, kind: ToastKind, message: impl Into<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update(|t| {
            t.push(Toast {
                id,
                kind,
                message: message.into(),
            })
        });
        if kind != ToastKind::Error {
            let this = *self;
            set_timeout(move || this.dismiss(id), Duration::from_secs(6));
        }
    }

    fn dismiss(&self, id: u32) {
        self.items.update(|t| t.retain(|toast| toast.id != id));
    }
}

pub fn provide_toasts() {
    provide_context(Toasts {
        items: RwSignal::new(Vec::new()),
        next_id: StoredValue::new(1),
    });
}

pub fn use_toasts() -> Toasts {
    expect_context()
}

/// Where toasts appear; render once in the shell.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.items.get() key=|t| t.id let:toast>
                <div
                    class="toast"
                    class:toast-error=toast.kind == ToastKind::Error
                    class:toast-success=toast.kind == ToastKind::Success
                >
                    <span>{toast.message.clone()}</span>
                    <button
                        class="btn-icon"
                        aria-label="Dismiss notification"
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
