//! Delete user, from the user's own page, for every user type: the warning with what this user
//! loses for good and what goes back to inventory, the tick box, then the Users list. One
//! idempotency key for the dialog's life, so Try again deletes once.

use domain::mobile::charged_calls;
use domain::user_page::{UserDeleted, UserDetail};
use domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::{Dialog, Tone};
use crate::components::failure::ChangeFooter;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::components::understood::UnderstoodCheckbox;
use crate::format::count;
use crate::routes::AppRoute;
use crate::session::permission_gate;

/// The Delete user button (disabled with the reason for roles that may not manage users) and
/// its dialog.
#[component]
pub fn DeleteSection(
    user: UserDetail,
    /// To load the user again after a stale refusal.
    #[prop(into)]
    on_reload: Callback<()>,
) -> impl IntoView {
    let may = permission_gate(Permission::ManageUsers);
    // Asked for from the Users page's More menu: opened once, and the address forgets it so a
    // reload of the user doesn't open it again.
    let asked =
        use_query_map().with_untracked(|q| q.get(super::ACTION).as_deref() == Some(super::DELETE));
    let open = RwSignal::new(asked && may.get_untracked().is_ok());
    if asked {
        let (navigate, path) = (use_navigate(), AppRoute::User(user.row.id).path());
        Effect::new(move |_| {
            let replace = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            navigate(&path, replace);
        });
    }
    view! {
        <section id="delete" class="user-section" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete user"</h2>
            <p class="muted">
                "Deleting removes the user from the account. Their licenses, phones and numbers go back to inventory."
            </p>
            <button
                class="btn btn-danger"
                disabled=move || may.get().is_err()
                aria-describedby="delete-refused"
                on:click=move |_| open.set(true)
            >
                "Delete user"
            </button>
            <p id="delete-refused" class="muted">
                {move || may.get().err()}
            </p>
            {move || {
                open.get()
                    .then(|| {
                        view! {
                            <DeleteUserDialog
                                user=user.clone()
                                on_close=move |_| open.set(false)
                                on_reload=move |_| {
                                    open.set(false);
                                    on_reload.run(());
                                }
                            />
                        }
                    })
            }}
        </section>
    }
}

/// Asks before deleting `user`; after the deletion, the Users list.
#[component]
fn DeleteUserDialog(
    user: UserDetail,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_reload: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let key = new_idempotency_key();
    let (id, version) = (user.row.id, user.row.version);
    let action = Action::new_local(move |_: &()| {
        let (api, key) = (api.clone(), key.clone());
        async move { api.delete_user(id, version, &key).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(done)) = action.value().get() {
            toasts.show(ToastKind::Success, deleted_message(&done));
            navigate(&AppRoute::Users.href(), Default::default());
        }
    });
    let understood = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let error = move || action.value().get().and_then(Result::err);
    let title = format!("Delete {}?", user.row.name);
    view! {
        <Dialog title=title on_close=on_close>
            <DeleteWarning user=user />
            <UnderstoodCheckbox understood=understood tried=tried />
            <ChangeFooter
                error=Signal::derive(error)
                pending=action.pending()
                on_cancel=on_close
                on_confirm=move |_| {
                    tried.set(true);
                    if understood.get_untracked() {
                        action.dispatch(());
                    }
                }
                on_reload=on_reload
                reload="Reload the user"
                retry_note="Trying again is safe: the user is deleted once."
                working="Deleting…"
                idle="Delete user"
                tone=Tone::Danger
            />
        </Dialog>
    }
}

/// What the user loses for good, what goes back to inventory, and a Mobile user's charge.
#[component]
fn DeleteWarning(user: UserDetail) -> impl IntoView {
    let loss = user.loss;
    let lost = [
        (loss.voicemails, "voicemail", "voicemails"),
        (loss.greetings, "greeting", "greetings"),
        (
            loss.call_forwarding_rules,
            "call handling rule",
            "call handling rules",
        ),
        (loss.call_recordings, "recorded call", "recorded calls"),
        (
            loss.call_history_entries,
            "call history entry",
            "call history entries",
        ),
    ]
    .map(|(n, one, many)| count(n as usize, one, many));
    let licenses = if user.row.licenses.is_empty() {
        "no licenses (a free user)".to_owned()
    } else {
        user.row.licenses.join(", ")
    };
    let on_order = user.phones.iter().filter(|p| p.on_order).count();
    let returned = format!(
        "Back to inventory: {licenses}; {}; {}.",
        count(user.phones.len() - on_order, "phone", "phones"),
        count(user.numbers.len(), "number", "numbers"),
    );
    let charged = user.charged.then(|| {
        view! {
            <p class="notice notice-warning">
                {format!(
                    "{} made or received {} calls this billing cycle, so this cycle is still charged. Mobile users deleted mid-cycle after {rule} are charged for the cycle.",
                    user.row.name,
                    user.calls,
                    rule = charged_calls(),
                )}
            </p>
        }
    });
    view! {
        <p>
            {format!(
                "{} · ext. {} · {}",
                user.row.email,
                user.row.extension,
                user.row.user_type.label(),
            )}
        </p>
        <div class="notice notice-error">
            <div>
                <p>
                    "Lost for good: they can no longer use the phone system, and these can't be recovered:"
                </p>
                <ul>{lost.map(|line| view! { <li>{line}</li> }).to_vec()}</ul>
            </div>
        </div>
        <p>{returned}</p>
        {(on_order > 0)
            .then(|| {
                view! {
                    <p>
                        {format!(
                            "Cancelled with them: {}.",
                            count(on_order, "phone on order", "phones on order"),
                        )}
                    </p>
                }
            })}
        {charged}
    }
}

/// The success toast: who was deleted and what went back to inventory.
fn deleted_message(done: &UserDeleted) -> String {
    let mut message = format!(
        "Deleted {}. Back to inventory: {}, {}, {}.",
        done.name,
        count(done.licenses as usize, "license", "licenses"),
        count(done.phones as usize, "phone", "phones"),
        count(done.numbers as usize, "number", "numbers"),
    );
    if done.still_charged {
        message.push_str(" This billing cycle is still charged.");
    }
    message
}
