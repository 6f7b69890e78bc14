//! Unassign, next to each phone and number on a user's page: after a confirmation saying what
//! it means, the phone or number goes back to inventory. Safe to retry.

use domain::equipment::ReleaseRequest;
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::{Dialog, Tone};
use crate::components::failure::ChangeFooter;
use crate::components::toasts::{use_toasts, ToastKind};

/// What is taken back: a phone (by id, with its model) or a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Held {
    Phone { id: String, model: String },
    Number(String),
}

impl Held {
    fn name(&self) -> &str {
        match self {
            Held::Phone { model, .. } => model,
            Held::Number(e164) => e164,
        }
    }
}

/// The Unassign button for `held` of `user` (seen at `version`), and its confirmation.
#[component]
pub fn UnassignButton(
    held: Held,
    id: u32,
    version: u32,
    user: String,
    #[prop(into)] disabled: Signal<bool>,
    /// After the change (or a refusal that needs a reload).
    on_changed: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let label = format!("Unassign {} from {user}", held.name());
    view! {
        <button
            class="btn btn-small"
            aria-label=label
            disabled=move || disabled.get()
            on:click=move |_| open.set(true)
        >
            "Unassign"
        </button>
        {move || {
            open.get()
                .then(|| {
                    view! {
                        <UnassignDialog
                            held=held.clone()
                            id=id
                            version=version
                            user=user.clone()
                            on_close=move |_| open.set(false)
                            on_done=move |_| {
                                open.set(false);
                                on_changed.run(());
                            }
                        />
                    }
                })
        }}
    }
}

#[component]
fn UnassignDialog(
    held: Held,
    id: u32,
    version: u32,
    user: String,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let key = new_idempotency_key();
    let release = match &held {
        Held::Phone { id, .. } => ReleaseRequest {
            phones: vec![id.clone()],
            numbers: Vec::new(),
        },
        Held::Number(e164) => ReleaseRequest {
            phones: Vec::new(),
            numbers: vec![e164.clone()],
        },
    };
    let action = Action::new_local(move |_: &()| {
        let (api, key, release) = (api.clone(), key.clone(), release.clone());
        async move { api.release_equipment(id, &release, version, &key).await }
    });
    let name = held.name().to_owned();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            toasts.show(ToastKind::Success, format!("{name} is back in inventory."));
            on_done.run(());
        }
    });
    let error = move || action.value().get().and_then(Result::err);
    let meaning = match &held {
        Held::Phone { .. } => format!(
            "{user} can no longer use this phone. It goes back to inventory, ready for someone else."
        ),
        Held::Number(_) => format!(
            "Callers of this number no longer reach {user}; they are still reached at their extension. The number goes back to inventory and stays billed until it is deleted."
        ),
    };
    view! {
        <Dialog title=format!("Unassign {}?", held.name()) on_close=on_close>
            <p>{meaning}</p>
            <ChangeFooter
                error=Signal::derive(error)
                pending=action.pending()
                on_cancel=on_close
                on_confirm=move |_| {
                    action.dispatch(());
                }
                on_reload=on_done
                reload="Reload the user"
                retry_note="Trying again is safe: it is taken back once."
                working="Unassigning…"
                idle="Unassign"
                tone=Tone::Danger
            />
        </Dialog>
    }
}
