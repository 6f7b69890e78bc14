//! Sending a change answered with [`Changed`] (licenses, numbers, linked accounts) from a dialog: one idempotency key for the dialog's
//! life (so Try again never acts twice), and the failure shown in place.

use domain::api::Endpoint;
use domain::licenses::Changed;
use domain::ApiError;
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::failure::{confirm_text, FailureNotice};

/// The change's action: dispatch the JSON body; `on_done` runs once it succeeds.
pub type ChangeAction = Action<serde_json::Value, Result<Changed, ApiError>>;

/// An action posting to `endpoint` with one key however often it is retried.
pub fn change_action(endpoint: Endpoint, on_done: Callback<Changed>) -> ChangeAction {
    let api = use_api();
    let key = new_idempotency_key();
    let action = Action::new_local(move |body: &serde_json::Value| {
        let (api, body, key) = (api.clone(), body.clone(), key.clone());
        async move { api.post_change(endpoint, &body, &key).await }
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
pub fn ChangeFailure(
    action: ChangeAction,
    #[prop(into)] on_reload: Callback<()>,
    /// Why trying again is safe.
    #[prop(default = None, into)]
    retry_note: Option<&'static str>,
) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! { <FailureNotice error=error on_reload=on_reload retry_note=retry_note /> }
}

/// The label of a dialog's confirm button: working, Try again after a retryable failure, or
/// `label`.
pub fn confirm_label(action: ChangeAction, label: &'static str) -> impl Fn() -> String {
    move || {
        let error = action.value().get().and_then(Result::err);
        confirm_text(action.pending().get(), error.as_ref(), "Working…", label)
    }
}
