//! `/users/:id`: one user's own page, opened from their name on the Users page: who they are,
//! where they sit in the account, and their setup, with what can be done from it.

pub mod activate;
mod delete;
mod details;
pub mod equip;
mod invites;
mod phones;
mod release;
mod role;
mod services;

use domain::add_users::AddUsersView;
use domain::user_page::UserDetail;
use domain::users_query::UserRow;
use domain::{ApiError, Permission, UserStatus};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

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
    // The section the address names is brought into view once, when the user is first drawn:
    // the browser looked for it on arrival, before it was there.
    let arrived = StoredValue::new(false);
    Effect::new(move |_| {
        if loaded.with(|l| matches!(l, Some(Ok(_)))) && !arrived.get_value() {
            arrived.set_value(true);
            request_animation_frame(pin_named_section);
        }
    });
    view! {
        <section class="page">
            <A href=AppRoute::Users.href() attr:class="back-link">
                "← Users"
            </A>
            <Loaded resource=loaded what="this user" loading="Loading the user…" let:user>
                <UserHeader user=user.row.clone() />
                <SectionNav />
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

/// The sections of the page, each the id of its section and its heading.
const SECTIONS: [(&str, &str); 5] = [
    ("details", "Details"),
    ("services", "Services and permissions"),
    ("phones", "Phones & Numbers"),
    ("setup", "Setup"),
    ("delete", "Delete user"),
];

/// Links to each section; the address keeps the one followed (`/users/5#phones`), so a reload
/// or a shared link opens there.
#[component]
fn SectionNav() -> impl IntoView {
    let hash = use_location().hash;
    view! {
        <nav class="section-nav" aria-label="Sections of this page">
            <ul>
                {SECTIONS
                    .map(|(id, label)| {
                        let href = format!("#{id}");
                        let current = href.clone();
                        view! {
                            <li>
                                <a
                                    href=href
                                    aria-current=move || {
                                        (hash.get() == current).then_some("location")
                                    }
                                >
                                    {label}
                                </a>
                            </li>
                        }
                    })
                    .to_vec()}
            </ul>
        </nav>
    }
}

/// The section the address's `#` names (`#phones`), if it is one of the page's.
fn named_section() -> Option<web_sys::Element> {
    let id = window().location().hash().ok()?;
    let id = id.strip_prefix('#')?;
    SECTIONS
        .iter()
        .any(|(s, _)| *s == id)
        .then(|| document().get_element_by_id(id))
        .flatten()
}

/// Brings the section the address names into view and keeps it there while the sections
/// above it load and grow, until the admin scrolls, clicks or types.
fn pin_named_section() {
    let Some(section) = named_section() else {
        return;
    };
    section.scroll_into_view();
    let pin = Closure::<dyn FnMut()>::new(move || section.scroll_into_view());
    let Ok(observer) = web_sys::ResizeObserver::new(pin.as_ref().unchecked_ref()) else {
        return;
    };
    if let Some(body) = document().body() {
        observer.observe(&body);
    }
    // Held until the first interaction, which disconnects the observer and drops it.
    let mut pin = Some(pin);
    let stop = Closure::<dyn FnMut()>::new(move || {
        observer.disconnect();
        pin.take();
    });
    let once = web_sys::AddEventListenerOptions::new();
    once.set_once(true);
    once.set_passive(true);
    for event in ["wheel", "touchstart", "pointerdown", "keydown"] {
        let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
            event,
            stop.as_ref().unchecked_ref(),
            &once,
        );
    }
    // Each listener calls `stop` at most once; the few bytes it keeps live with the app.
    stop.forget();
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
        <section id="setup" class="user-section" aria-labelledby="setup-heading">
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
