//! The console header: product, account context, navigation and the signed-in admin.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::routes::AppRoute;
use crate::session::{use_session, SessionState};

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    // Tabs opened in other accounts are told apart by their titles too.
    Effect::new(move |_| {
        let name = session.with(|s| s.account.name.clone());
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{name} · Switchboard"));
        }
    });
    view! {
        <header class="header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">
                    "◎"
                </span>
                <span class="brand-name">"Switchboard"</span>
            </div>
            <div class="account" title="The account you are working in">
                <span class="account-name">{move || session.get().account.name}</span>
                <span class="chip">
                    {move || {
                        if session.get().account.multi_site { "Multi-site" } else { "Single site" }
                    }}
                </span>
            </div>
            <HeaderMenu>
                <nav class="nav" aria-label="Main">
                    <A href=AppRoute::Users.href()>"Users"</A>
                    <A href=AppRoute::MobileUsers.href()>"Mobile users"</A>
                    <A href=AppRoute::Licenses.href()>"Licenses & Inventory"</A>
                    <A href=AppRoute::Jobs.href()>"Bulk jobs"</A>
                    <A href=AppRoute::Outbox.href()>"Outbox"</A>
                    <A href=AppRoute::Accounts.href()>"Accounts"</A>
                </nav>
                <div class="admin">
                    <span class="admin-name">{move || session.get().admin.name}</span>
                    <span class="admin-role muted">{move || session.get().role.name}</span>
                </div>
                {SessionState::expect().own().then(|| view! { <SignOut /> })}
            </HeaderMenu>
        </header>
    }
}

/// The navigation, the admin and Sign out: in the header's row on a wide screen; on a narrow
/// one behind a Menu button (the disclosure pattern), closed again by a link, Escape or the
/// button.
#[component]
fn HeaderMenu(children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    // A link chosen in the menu opens its page; the menu has done its job.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let target = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
        if target.and_then(|t| t.closest("a").ok().flatten()).is_some() {
            open.set(false);
        }
    };
    view! {
        <button
            class="btn btn-small menu-toggle"
            node_ref=toggle
            aria-expanded=move || open.get().to_string()
            aria-controls="header-menu"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Menu"
        </button>
        <div
            id="header-menu"
            class="header-menu"
            class:open=open
            on:keydown=on_keydown
            on:click=on_click
        >
            {children()}
        </div>
    }
}

/// Ends the session on the server, then shows the sign-in page.
#[component]
fn SignOut() -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let state = SessionState::expect();
    let action = Action::new_local(move |_: &()| {
        let api = api.clone();
        async move {
            match api.sign_out().await {
                Ok(()) => state.sign_out(),
                Err(error) if error.status != 401 => toasts.show(
                    ToastKind::Error,
                    format!("Couldn't sign out: {}", error.message),
                ),
                Err(_) => {}
            }
        }
    });
    view! {
        <button
            class="btn btn-small"
            on:click=move |_| {
                action.dispatch(());
            }
            disabled=move || action.pending().get()
        >
            "Sign out"
        </button>
    }
}
