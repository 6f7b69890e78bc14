//! The per-row More menu, drawn once at page level so virtualised rows can scroll under it.

use domain::users_query::UserRow;
use domain::{Permission, UserStatus};
use leptos::prelude::*;

use crate::components::focus_by_id;
use crate::components::menu::{MenuItem, MenuList};
use crate::components::toasts::{use_toasts, ToastKind};
use crate::pages::user::{ACTION, DELETE};
use crate::routes::AppRoute;
use crate::session::permission_gate;
use leptos_router::hooks::use_navigate;

/// Where the menu is open: the row and the button's position.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenRowMenu {
    pub row: UserRow,
    pub top: f64,
    pub right: f64,
}

/// The open menu; closes on Escape, outside click or choice. `on_status` asks to change the
/// row's status (the caller confirms first).
#[component]
pub fn RowMenu(
    menu: OpenRowMenu,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_status: Callback<(UserRow, UserStatus)>,
    /// Opens Edit licenses for the row.
    #[prop(into)]
    on_licenses: Callback<UserRow>,
) -> impl IntoView {
    let row_id = menu.row.id;
    let close = Callback::new(move |_| {
        on_close.run(());
        focus_by_id(&format!("more-{row_id}"));
    });
    let row = menu.row;
    let style = format!("top: {}px; right: {}px", menu.top, menu.right);
    let menu_label = format!("Actions for {}", row.name);
    view! {
        <MenuList label=menu_label style=style on_close=close>
            <CopyEmailItem email=row.email.clone() />
            <PageItem label="Edit user" route=AppRoute::User(row.id) />
            <MenuItem
                label="Edit licenses"
                on_select={
                    let row = row.clone();
                    move |()| on_licenses.run(row.clone())
                }
            />
            <StatusItem row=row.clone() on_close=on_close on_status=on_status />
            <PageItem
                label="Delete user"
                route=AppRoute::User(row.id)
                query=vec![(ACTION, DELETE.to_owned())]
            />
        </MenuList>
    }
}

/// A menu item that opens `route` (with `query`): the user's own page, for what is done there.
#[component]
fn PageItem(
    label: &'static str,
    route: AppRoute,
    #[prop(optional)] query: Vec<(&'static str, String)>,
) -> impl IntoView {
    let navigate = use_navigate();
    view! {
        <MenuItem
            label=label
            on_select=move |()| navigate(&route.with_query(&query), Default::default())
        />
    }
}

/// Copy email: copies the row's email, says so in a toast, and closes the menu.
#[component]
fn CopyEmailItem(email: String) -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <MenuItem
            label="Copy email"
            on_select=move |()| {
                copy_text(&email);
                toasts.show(ToastKind::Success, format!("Copied {email}"));
            }
        />
    }
}

/// Disable user or Enable user, none for a user not yet activated, or disabled with the reason
/// when the role may not.
#[component]
fn StatusItem(
    row: UserRow,
    on_close: Callback<()>,
    on_status: Callback<(UserRow, UserStatus)>,
) -> impl IntoView {
    let gate = permission_gate(Permission::ManageUsers);
    let target = if row.status == UserStatus::Disabled {
        UserStatus::Enabled
    } else {
        UserStatus::Disabled
    };
    let status_label = if target == UserStatus::Disabled {
        "Disable user"
    } else {
        "Enable user"
    };
    let status_blocked = row.status == UserStatus::NotActivated && target == UserStatus::Enabled;
    move || match gate.get() {
        Ok(()) if !status_blocked => {
            let row = row.clone();
            view! {
                <button
                    role="menuitem"
                    class="menu-item"
                    class:danger=target == UserStatus::Disabled
                    tabindex="-1"
                    on:click=move |_| {
                        on_close.run(());
                        on_status.run((row.clone(), target));
                    }
                >
                    {status_label}
                </button>
            }
            .into_any()
        }
        Ok(()) => ().into_any(),
        Err(reason) => view! {
            <button
                role="menuitem"
                class="menu-item"
                tabindex="-1"
                aria-disabled="true"
                title=reason.clone()
            >
                {status_label}
                <span class="menu-reason">{reason.clone()}</span>
            </button>
        }
        .into_any(),
    }
}

fn copy_text(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}
