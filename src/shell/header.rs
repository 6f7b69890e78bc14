//! The console header: product, account context, navigation and the signed-in admin.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::session::use_session;

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
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
                <A href="/users">"Users"</A>
            </nav>
            <div class="admin">
                <span class="admin-name">{move || session.get().admin.name}</span>
                <span class="admin-role muted">{move || session.get().role.name}</span>
            </div>
        </header>
    }
}
