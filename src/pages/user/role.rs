//! Edit role on a user's page: the account's roles with what each may do, as in the wizard,
//! saved as a details edit at the version shown.

use domain::user_details::UserDetails;
use domain::{Permission, User};
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::Dialog;
use crate::components::failure::ChangeFooter;
use crate::components::loaded::Loaded;
use crate::components::role_choices::RoleChoices;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::session::permission_gate;

/// Edit role next to the user's role (disabled for roles that may not manage users; the
/// reason is under Edit details), and its dialog.
#[component]
pub fn EditRoleButton(
    user: User,
    /// After the change, or a stale refusal's reload, to load the user again.
    on_changed: Callback<()>,
) -> impl IntoView {
    let may = permission_gate(Permission::ManageUsers);
    let open = RwSignal::new(false);
    let label = format!("Edit role for {}", user.full_name());
    view! {
        <button
            class="btn btn-small"
            aria-label=label
            aria-describedby="details-refused"
            disabled=move || may.get().is_err()
            on:click=move |_| open.set(true)
        >
            "Edit role"
        </button>
        {move || {
            open.get()
                .then(|| {
                    view! {
                        <EditRoleDialog
                            user=user.clone()
                            on_close=Callback::new(move |()| open.set(false))
                            on_done=Callback::new(move |()| {
                                open.set(false);
                                on_changed.run(());
                            })
                        />
                    }
                })
        }}
    }
}

/// Every role with its permissions; Save role changes the user's at the version shown.
#[component]
fn EditRoleDialog(user: User, on_close: Callback<()>, on_done: Callback<()>) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let roles = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.add_users_view().await.map(|v| v.roles) }
        }
    });
    let chosen = RwSignal::new(user.role_id.clone());
    // One key per role asked for, so Try again changes the role once.
    let key = StoredValue::new(new_idempotency_key());
    Effect::new(move |_| {
        chosen.track();
        key.set_value(new_idempotency_key());
    });
    let name = user.full_name();
    let action = Action::new_local(move |_: &()| {
        let (api, key) = (api.clone(), key.get_value());
        let mut details = UserDetails::of(&user);
        details.role_id = chosen.get_untracked();
        let (id, version) = (user.id, user.version);
        async move { api.edit_details(id, &details, version, &key).await }
    });
    Effect::new({
        let name = name.clone();
        move |_| {
            if let Some(Ok(_)) = action.value().get() {
                let role = roles.get().and_then(Result::ok).and_then(|roles| {
                    roles
                        .into_iter()
                        .find(|r| r.id == chosen.get_untracked())
                        .map(|r| r.name)
                });
                let role = role.unwrap_or_else(|| "the chosen role".into());
                toasts.show(
                    ToastKind::Success,
                    format!("{name} now has the role {role}."),
                );
                on_done.run(());
            }
        }
    });
    let error = move || action.value().get().and_then(Result::err);
    view! {
        <Dialog title=format!("Edit role for {name}") on_close=on_close>
            <Loaded
                resource=roles
                what="the account's roles"
                loading="Loading the roles…"
                let:roles
            >
                <RoleChoices roles=roles chosen=chosen />
            </Loaded>
            <ChangeFooter
                error=Signal::derive(error)
                pending=action.pending()
                on_cancel=on_close
                on_confirm=move |_| {
                    action.dispatch(());
                }
                on_reload=on_done
                reload="Reload the user"
                retry_note="Trying again is safe: the role is changed once."
                working="Saving…"
                idle="Save role"
            />
        </Dialog>
    }
}
