//! The Users page header: title, user count and the page's actions.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::menu::{MenuButton, MenuItem};
use crate::routes::AppRoute;

/// The page title, the user count and the page's actions (More: the bulk upgrade; Add users).
#[component]
pub fn UsersHeader(
    /// Users the query matches; `None` until the first page loads.
    #[prop(into)]
    total: Signal<Option<u32>>,
    #[prop(into)] can_license: Signal<bool>,
    /// Opens Upgrade to Office in bulk.
    #[prop(into)]
    on_bulk_upgrade: Callback<()>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1>"Users"</h1>
                <p class="muted">"Users with extensions"</p>
            </div>
            <div class="header-actions">
                <p class="count" aria-live="polite">
                    {move || match total.get() {
                        Some(total) => {
                            format!("{} user{}", total, if total == 1 { "" } else { "s" })
                        }
                        None => String::new(),
                    }}
                </p>
                {move || {
                    can_license
                        .get()
                        .then(|| {
                            view! {
                                <MenuButton
                                    id="users-more"
                                    label="More"
                                    menu_label="More actions for users"
                                >
                                    <MenuItem
                                        label="Upgrade to Office licenses in bulk"
                                        on_select=on_bulk_upgrade
                                    />
                                </MenuButton>
                            }
                        })
                }}
                <AddUsersButton />
            </div>
        </header>
    }
}

/// Add users: a link to the wizard, or a disabled button saying why when the role may not.
#[component]
fn AddUsersButton() -> impl IntoView {
    let can_add = crate::session::permission_gate(domain::Permission::ManageUsers);
    move || match can_add.get() {
        Ok(()) => view! {
            <A href=AppRoute::AddUsers.href() attr:class="btn btn-primary">
                "Add users"
            </A>
        }
        .into_any(),
        Err(reason) => view! {
            <button
                class="btn btn-primary"
                aria-disabled="true"
                title=reason.clone()
                aria-describedby="add-users-why"
            >
                "Add users"
            </button>
            <span id="add-users-why" class="visually-hidden">
                {reason}
            </span>
        }
        .into_any(),
    }
}
