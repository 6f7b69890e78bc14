//! Deleting Mobile users after the warning: what is lost for good, and who is still charged
//! for this cycle. One idempotency key for the dialog's life, so Try again deletes once.

use domain::mobile::{charged_calls, DeleteMobileUsers, MobileUser, MobileUsersDeleted, SeenUser};
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::{Dialog, DialogActions, Tone};
use crate::components::failure::{confirm_text, FailureNotice};
use crate::components::toasts::{use_toasts, ToastKind};
use crate::components::understood::UnderstoodCheckbox;

#[component]
pub fn DeleteDialog(
    users: Vec<MobileUser>,
    #[prop(into)] on_close: Callback<()>,
    /// After a deletion, or to reload a stale list.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let key = new_idempotency_key();
    let request = DeleteMobileUsers {
        users: users
            .iter()
            .map(|u| SeenUser {
                id: u.user.id,
                version: u.user.version,
            })
            .collect(),
    };
    let action = Action::new_local(move |_: &()| {
        let (api, key, request) = (api.clone(), key.clone(), request.clone());
        async move { api.delete_mobile_users(&request, &key).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(done)) = action.value().get() {
            toasts.show(ToastKind::Success, deleted_message(&done));
            on_done.run(());
        }
    });
    let understood = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let error = move || action.value().get().and_then(Result::err);
    let count = users.len();
    let title = match users.as_slice() {
        [one] => format!("Delete {}?", one.name),
        _ => format!("Delete {count} Mobile users?"),
    };
    let confirm = move |_| {
        tried.set(true);
        if understood.get_untracked() {
            action.dispatch(());
        }
    };
    view! {
        <Dialog title=title on_close=on_close>
            <DeleteWarning users=users />
            <UnderstoodCheckbox understood=understood tried=tried />
            <FailureNotice
                error=Signal::derive(error)
                on_reload=on_done
                retry_note="Trying again is safe: users are deleted once."
            />
            <DialogActions
                on_cancel=on_close
                tone=Tone::Danger
                on_confirm=confirm
                disabled=move || action.pending().get()
                confirm=move || {
                    let idle = if count == 1 {
                        "Delete user".to_owned()
                    } else {
                        format!("Delete {count} users")
                    };
                    confirm_text(action.pending().get(), error().as_ref(), "Deleting…", &idle)
                }
            />
        </Dialog>
    }
}

/// The success toast: how many were deleted, and who is still charged for this cycle.
fn deleted_message(done: &MobileUsersDeleted) -> String {
    let mut message = format!(
        "Deleted {} Mobile user{}.",
        done.deleted,
        if done.deleted == 1 { "" } else { "s" }
    );
    if !done.still_charged.is_empty() {
        message.push_str(&format!(
            " Still charged for this cycle: {}.",
            done.still_charged.join(", ")
        ));
    }
    message
}

/// Who is deleted, what they lose for good, and (when any is) who is still charged this cycle.
#[component]
fn DeleteWarning(users: Vec<MobileUser>) -> impl IntoView {
    let charged: Vec<&MobileUser> = users.iter().filter(|u| u.charged).collect();
    let charged_note = (!charged.is_empty()).then(|| {
        let names: Vec<String> = charged
            .iter()
            .map(|u| format!("{} ({} calls)", u.name, u.calls))
            .collect();
        view! {
            <p class="notice notice-warning">
                {format!(
                    "Still charged for this billing cycle: {}. Users deleted mid-cycle after {rule} are charged for the cycle.",
                    names.join(", "),
                    rule = charged_calls(),
                )}
            </p>
        }
    });
    view! {
        <ul class="delete-list">
            {users
                .iter()
                .map(|u| {
                    view! {
                        <li>
                            {format!("{} · ext. {} · {}", u.name, u.user.extension, u.user.email)}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p class="notice notice-error">
            "Their messages, greetings, call handling rules and recorded calls are lost and cannot be recovered. They can no longer use the phone system."
        </p>
        {charged_note}
    }
}
