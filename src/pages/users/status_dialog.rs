//! Confirming a status change (disable or enable a user), safe to retry.

use domain::users_query::UserRow;
use domain::{UserPatch, UserStatus};
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::{Dialog, DialogActions, Tone};
use crate::components::toasts::{use_toasts, ToastKind};

/// Asks before changing `user` to `target`; calls `on_done` after a change (or a stale-version
/// refusal, so the list reloads) and `on_close` when dismissed.
#[component]
pub fn StatusDialog(
    user: UserRow,
    target: UserStatus,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_done: Callback<()>,
    /// What the button that loads the user again after a stale refusal says.
    #[prop(default = "Reload the list")]
    reload: &'static str,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    // One key for this change, reused by Retry, so it never applies twice.
    let key = new_idempotency_key();
    let (id, version, name) = (user.id, user.version, user.name.clone());
    let action = Action::new_local(move |_: &()| {
        let (api, key) = (api.clone(), key.clone());
        async move {
            api.patch_user(
                id,
                &UserPatch {
                    status: Some(target),
                },
                version,
                &key,
            )
            .await
        }
    });
    let done_name = name.clone();
    Effect::new(move |_| {
        if let Some(Ok(updated)) = action.value().get() {
            let verb = if updated.status == UserStatus::Disabled {
                "Disabled"
            } else {
                "Enabled"
            };
            toasts.show(ToastKind::Success, format!("{verb} {done_name}."));
            on_done.run(());
        }
    });
    let error = move || action.value().get().and_then(Result::err);
    let disabling = target == UserStatus::Disabled;
    let title = format!("{} {}?", if disabling { "Disable" } else { "Enable" }, name);
    let explanation = if disabling {
        "They won't be able to sign in, make or receive calls, or get messages until you enable them again. Their extension, numbers and licenses stay assigned."
    } else {
        "They can sign in, make and receive calls again right away."
    };
    view! {
        <Dialog title=title on_close=on_close>
            <p>
                {format!("{} · ext. {} · {}", user.email, user.extension, user.user_type.label())}
            </p>
            <p>{explanation}</p>
            {move || {
                error()
                    .map(|e| {
                        let stale = matches!(e.status, 409 | 412);
                        view! {
                            <div class="notice notice-error" role="alert">
                                <p>{e.message.clone()}</p>
                                {stale
                                    .then(|| {
                                        view! {
                                            <button class="btn" on:click=move |_| on_done.run(())>
                                                {reload}
                                            </button>
                                        }
                                    })}
                            </div>
                        }
                    })
            }}
            <DialogActions
                on_cancel=on_close
                tone=if disabling { Tone::Danger } else { Tone::Primary }
                disabled=move || action.pending().get()
                on_confirm=move |_| {
                    action.dispatch(());
                }
                confirm=move || {
                    match (action.pending().get(), error().is_some(), disabling) {
                        (true, _, _) => "Saving…",
                        (false, true, _) => "Try again",
                        (false, false, true) => "Disable user",
                        (false, false, false) => "Enable user",
                    }
                        .to_owned()
                }
            />
        </Dialog>
    }
}
