//! The console header: product, account context, navigation and the signed-in admin.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::app::{OwnSession, SignedOut};
use crate::components::toasts::{use_toasts, ToastKind};
use crate::session::{use_session, SessionContext};
use crate::url::href;

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
                <span class="brand-mark" aria-hidden="true">"◎"</span>
                <span class="brand-name">"Switchboard"</span>
            </div>
            <div class="account" title="The account you are working in">
                <span class="account-name">{move || session.get().account.name}</span>
                <span class="chip">{move || if session.get().account.multi_site { "Multi-site" } else { "Single site" }}</span>
            </div>
            <nav class="nav" aria-label="Main">
                <A href=href("/users")>"Users"</A>
                <A href=href("/mobile-users")>"Mobile users"</A>
                <A href=href("/licenses")>"Licenses & Inventory"</A>
                <A href=href("/jobs")>"Bulk jobs"</A>
                <A href=href("/outbox")>"Outbox"</A>
                <A href=href("/accounts")>"Accounts"</A>
            </nav>
            <div class="admin">
                <span class="admin-name">{move || session.get().admin.name}</span>
                <span class="admin-role muted">{move || session.get().role.name}</span>
            </div>
            {expect_context::<OwnSession>().0.then(|| view! { <SignOut /> })}
        </header>
    }
}

/// Ends the session on the server, then shows the sign-in page.
#[component]
fn SignOut() -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let ctx = expect_context::<SessionContext>();
    let signed_out = expect_context::<SignedOut>().0;
    let action = Action::new_local(move |_: &()| {
        let api = api.clone();
        async move { api.sign_out().await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            signed_out.set(true);
            ctx.0.set(None);
        }
        Some(Err(error)) if error.status != 401 => toasts.show(
            ToastKind::Error,
            format!("Couldn't sign out: {}", error.message),
        ),
        _ => {}
    });
    view! {
        <button class="btn btn-small" on:click=move |_| { action.dispatch(()); } disabled=move || action.pending().get()>
            "Sign out"
        </button>
    }
}
