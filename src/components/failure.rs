//! What a failed change says in a dialog: the message, each field's problem when there are
//! several, that trying again is safe, and for a stale list a way to reload it.

use domain::ApiError;
use leptos::prelude::*;

use crate::components::dialog::{DialogActions, Tone};

#[component]
pub fn FailureNotice(
    #[prop(into)] error: Signal<Option<ApiError>>,
    /// Reloads the list a stale change (412) was made on.
    #[prop(into)]
    on_reload: Callback<()>,
    /// Why trying again is safe, shown after a failure that may pass on a retry.
    #[prop(default = None, into)]
    retry_note: Option<&'static str>,
    /// What the reload button says.
    #[prop(default = "Reload the list")]
    reload: &'static str,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let stale = e.status == 412;
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{e.message.clone()}</p>
                    {(e.field_errors.len() > 1)
                        .then(|| {
                            view! {
                                <ul>
                                    {e
                                        .field_errors
                                        .iter()
                                        .map(|f| view! { <li>{f.message.clone()}</li> })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                    {retry_note
                        .filter(|_| e.is_retryable())
                        .map(|note| view! { <p class="muted">{note}</p> })}
                    {stale
                        .then(|| {
                            view! {
                                <button class="btn" on:click=move |_| on_reload.run(())>
                                    {reload}
                                </button>
                            }
                        })}
                </div>
            }
        })
    }
}

/// A confirm button's label: `working` while the change is on its way, "Try again" after a
/// failure that may pass on a retry, else `idle`.
pub fn confirm_text(pending: bool, error: Option<&ApiError>, working: &str, idle: &str) -> String {
    if pending {
        working.to_owned()
    } else if error.is_some_and(ApiError::is_retryable) {
        "Try again".to_owned()
    } else {
        idle.to_owned()
    }
}

/// The end of a dialog that makes one change: its failure (with a reload for a stale record
/// and why trying again is safe), then Cancel and the confirming button, whose label follows
/// the request ([`confirm_text`]).
#[component]
pub fn ChangeFooter(
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] on_cancel: Callback<()>,
    #[prop(into)] on_confirm: Callback<()>,
    /// Loads the record again after a stale refusal; the button says `reload`.
    #[prop(into)]
    on_reload: Callback<()>,
    reload: &'static str,
    retry_note: &'static str,
    /// The button while the request is on its way ("Deleting…"), and before it ("Delete user").
    working: &'static str,
    idle: &'static str,
    #[prop(optional, into)] tone: Signal<Tone>,
) -> impl IntoView {
    view! {
        <FailureNotice error=error on_reload=on_reload reload=reload retry_note=retry_note />
        <DialogActions
            on_cancel=on_cancel
            tone=tone
            on_confirm=on_confirm
            disabled=pending
            confirm=move || confirm_text(pending.get(), error.get().as_ref(), working, idle)
        />
    }
}
