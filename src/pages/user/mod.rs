//! `/users/:id`: one user's own page, opened from their name on the Users page: who they are,
//! where they sit in the account, and their setup, with what can be done from it.

pub mod activate;
mod delete;
mod details;
pub mod equip;
mod invites;
mod phones;
mod release;
mod services;

use domain::add_users::AddUsersView;
use domain::user_page::UserDetail;
use domain::users_query::UserRow;
use domain::{ApiError, Permission, UserStatus};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::loaded::Loaded;
use crate::pages::users::status_dialog::StatusDialog;
use crate::routes::{use_id_param, AppRoute};
use crate::session::permission_gate;
use delete::DeleteSection;
use details::Details;
use invites::Invites;
use phones::PhonesSection;
use services::ServicesSection;

/// The query parameter that opens an action of the page on arrival (`?action=delete`).
pub const ACTION: &str = "action";
/// `action=delete`: the Delete user dialog, from the Users page's More menu.
pub const DELETE: &str = "delete";

/// What a flow of a user's starts from: the wizard's view of the account, and the user.
type FlowData = LocalResource<Result<(AddUsersView, UserDetail), ApiError>>;

/// The wizard's view of the account and the user the address names, loaded for a flow of
/// theirs (activation, a phone and number), with the user's id.
fn flow_data() -> (FlowData, u32) {
    let api = use_api();
    let id = use_id_param();
    let loaded = LocalResource::new(move || {
        let (api, id) = (api.clone(), id.get().unwrap_or_default());
        async move { Ok((api.add_users_view().await?, api.user(id).await?)) }
    });
    (loaded, id.get_untracked().unwrap_or_default())
}

/// Loads the user named by the address and shows their page.
#[component]
pub fn UserPage() -> impl IntoView {
    let api = use_api();
    let id = use_id_param();
    let loaded = LocalResource::new(move || {
        let (api, id) = (api.clone(), id.get());
        async move { api.user(id.unwrap_or_default()).await }
    });
    view! {
        <section class="page">
            <A href=AppRoute::Users.href() attr:class="back-link">
                "← Users"
            </A>
            <Loaded resource=loaded what="this user" loading="Loading the user…" let:user>
                <UserHeader user=user.row.clone() />
                <Details user=user.clone() on_changed=Callback::new(move |()| loaded.refetch()) />
                <ServicesSection
                    id=user.row.id
                    on_changed=Callback::new(move |()| loaded.refetch())
                />
                <PhonesSection
                    user=user.clone()
                    on_changed=Callback::new(move |()| loaded.refetch())
                />
                <SetupSection user=user.row.clone() on_changed=move |_| loaded.refetch() />
                <DeleteSection user=user on_reload=move |_| loaded.refetch() />
            </Loaded>
        </section>
    }
}

/// The user's name, with their email, extension and type under it.
#[component]
fn UserHeader(user: UserRow) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1>{user.name.clone()}</h1>
                <p class="muted">
                    {format!(
                        "{} · ext. {} · {}",
                        user.email,
                        user.extension,
                        user.user_type.label(),
                    )}
                </p>
            </div>
        </header>
    }
}

/// Where the user is in their life cycle and what can be done from there: a user not
/// activated yet is sent the welcome email (again) or activated by assigning credentials (for
/// admins who manage users).
#[component]
fn SetupSection(
    user: UserRow,
    /// After a change, to load the user again.
    #[prop(into)]
    on_changed: Callback<()>,
) -> impl IntoView {
    let may = permission_gate(Permission::ManageUsers);
    let invites = (user.status == UserStatus::NotActivated)
        .then(|| view! { <Invites user=user.clone() on_changed=on_changed /> });
    let status = (user.status != UserStatus::NotActivated)
        .then(|| view! { <StatusButton user=user.clone() on_changed=on_changed /> });
    let state = match user.status {
        UserStatus::NotActivated => {
            "They can't sign in or take calls until they accept an invite or get credentials."
        }
        UserStatus::Enabled => "They sign in and take calls.",
        UserStatus::Disabled => "They can't sign in, make or receive calls until enabled again.",
    };
    let activate = (user.status == UserStatus::NotActivated).then(|| {
        let href = AppRoute::ActivateUser(user.id).href();
        view! {
            {move || match may.get() {
                Ok(()) => {
                    view! {
                        <A href=href.clone() attr:class="btn btn-primary">
                            "Activate by assigning credentials"
                        </A>
                    }
                        .into_any()
                }
                Err(reason) => {
                    view! {
                        <button class="btn" disabled aria-describedby="activate-refused">
                            "Activate by assigning credentials"
                        </button>
                        <p id="activate-refused" class="muted">
                            {reason}
                        </p>
                    }
                        .into_any()
                }
            }}
        }
    });
    view! {
        <section class="user-section" aria-labelledby="setup-heading">
            <h2 id="setup-heading">"Setup"</h2>
            <p>
                <strong>{user.status.label()}</strong>
                {format!(" · {state}")}
            </p>
            {invites}
            <div class="header-actions">{activate} {status}</div>
        </section>
    }
}

/// Disable (or Enable) user, after the same confirmation as on the Users page.
#[component]
fn StatusButton(
    user: UserRow,
    /// After the change (or a stale refusal), to load the user again.
    on_changed: Callback<()>,
) -> impl IntoView {
    let may = permission_gate(Permission::ManageUsers);
    let target = if user.status == UserStatus::Disabled {
        UserStatus::Enabled
    } else {
        UserStatus::Disabled
    };
    let label = if target == UserStatus::Disabled {
        "Disable user"
    } else {
        "Enable user"
    };
    let open = RwSignal::new(false);
    view! {
        <button class="btn" disabled=move || may.get().is_err() on:click=move |_| open.set(true)>
            {label}
        </button>
        {move || {
            open.get()
                .then(|| {
                    view! {
                        <StatusDialog
                            user=user.clone()
                            target=target
                            reload="Reload the user"
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
