//! Sending a license or number change from a dialog: one idempotency key for the dialog's
//! life (so Try again never acts twice), and the failure shown in place.

use domain::licenses::Changed;
use domain::ApiError;
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};

/// The change's action: dispatch the JSON body; `on_done` runs once it succeeds.
pub type ChangeAction = Action<serde_json::Value, Result<Changed, ApiError>>;

/// An action posting to `path` (under `/api/v1/`) with one key however often it is retried.
pub fn change_action(path: &'static str, on_done: Callback<Changed>) -> ChangeAction {
    let api = use_api();
    let key = new_idempotency_key();
    let action = Action::new_local(move |body: &serde_json::Value| {
        let (api, body, key) = (api.clone(), body.clone(), key.clone());
        async move { api.inventory_change(path, &body, &key).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(changed)) = action.value().get() {
            on_done.run(changed);
        }
    });
    action
}

/// What went wrong, with each field's message; for a stale list, a way to reload it.
#[component]
pub fn ChangeFailure(action: ChangeAction, #[prop(into)] on_reload: Callback<()>) -> impl IntoView {
    move || {
        action.value().get().and_then(Result::err).map(|e| {
            let stale = e.status == 412;
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{e.message.clone()}</p>
                    {(e.field_errors.len() > 1).then(|| view! {
                        <ul>{e.field_errors.iter().map(|f| view! { <li>{f.message.clone()}</li> }).collect_view()}</ul>
                    })}
                    {stale.then(|| view! { <button class="btn" on:click=move |_| on_reload.run(())>"Reload the list"</button> })}
                </div>
            }
        })
    }
}

/// The label of a dialog's confirm button: working, Try again after a retryable failure, or
/// `label`.
pub fn confirm_label(action: ChangeAction, label: &'static str) -> impl Fn() -> &'static str {
    move || {
        if action.pending().get() {
            "Working…"
        } else if action
            .value()
            .get()
            .is_some_and(|r| r.is_err_and(|e| e.is_retryable()))
        {
            "Try again"
        } else {
            label
        }
    }
}
