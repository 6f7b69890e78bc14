//! The per-row More menu, drawn once at page level so virtualised rows can scroll under it.

use domain::users_query::UserRow;
use domain::{Permission, UserStatus};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::focus_by_id;
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
    let list = NodeRef::<html::Div>::new();
    let row_id = menu.row.id;
    let close = Callback::new(move |_| {
        on_close.run(());
        focus_by_id(&format!("more-{row_id}"));
    });
    Effect::new(move |_| {
        if let Some(el) = list.get() {
            focus_item(&el, 0, 0);
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(el) = list.get_untracked() else {
            return;
        };
        match ev.key().as_str() {
            "Escape" | "Tab" => {
                ev.prevent_default();
                close.run(());
            }
            "ArrowDown" => {
                ev.prevent_default();
                focus_item(&el, current_index(&el), 1);
            }
            "ArrowUp" => {
                ev.prevent_default();
                focus_item(&el, current_index(&el), -1);
            }
            _ => {}
        }
    };
    let row = menu.row;
    let style = format!("top: {}px; right: {}px", menu.top, menu.right);
    let menu_label = format!("Actions for {}", row.name);
    view! {
        <div class="menu-backdrop" on:click=move |_| close.run(())></div>
        <div
            class="menu"
            role="menu"
            aria-label=menu_label
            node_ref=list
            style=style
            on:keydown=on_keydown
        >
            <CopyEmailItem email=row.email.clone() on_close=close />
            <PageItem label="Edit user" route=AppRoute::User(row.id) />
            <button
                role="menuitem"
                class="menu-item"
                tabindex="-1"
                on:click={
                    let row = row.clone();
                    move |_| {
                        on_close.run(());
                        on_licenses.run(row.clone());
                    }
                }
            >
                "Edit licenses"
            </button>
            <StatusItem row=row.clone() on_close=on_close on_status=on_status />
            <PageItem
                label="Delete user"
                route=AppRoute::User(row.id)
                query=vec![(ACTION, DELETE.to_owned())]
            />
        </div>
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
        <button
            role="menuitem"
            class="menu-item"
            tabindex="-1"
            on:click=move |_| navigate(&route.with_query(&query), Default::default())
        >
            {label}
        </button>
    }
}

/// Copy email: copies the row's email, says so in a toast, and closes the menu.
#[component]
fn CopyEmailItem(
    email: String,
    /// Closes the menu and gives focus back to its button.
    on_close: Callback<()>,
) -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <button
            role="menuitem"
            class="menu-item"
            tabindex="-1"
            on:click=move |_| {
                copy_text(&email);
                toasts.show(ToastKind::Success, format!("Copied {email}"));
                on_close.run(());
            }
        >
            "Copy email"
        </button>
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

fn items(menu: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let list = menu.query_selector_all("[role=menuitem]").ok();
    let n = list.as_ref().map_or(0, |l| l.length());
    (0..n)
        .filter_map(|i| list.as_ref()?.item(i)?.dyn_into().ok())
        .collect()
}

fn current_index(menu: &web_sys::HtmlElement) -> usize {
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    items(menu)
        .iter()
        .position(|i| {
            active
                .as_ref()
                .is_some_and(|a| a == i.as_ref() as &web_sys::Element)
        })
        .unwrap_or(0)
}

fn focus_item(menu: &web_sys::HtmlElement, from: usize, step: isize) {
    let all = items(menu);
    if all.is_empty() {
        return;
    }
    let n = all.len() as isize;
    let index = ((from as isize + step) % n + n) % n;
    let _ = all[index as usize].focus();
}

fn copy_text(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}
