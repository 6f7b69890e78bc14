//! The page for an address the console doesn't have.

use crate::routes::AppRoute;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page empty-state">
            <h1>"Page not found"</h1>
            <p>
                "There is nothing at this address. It may have moved, or the link may be mistyped."
            </p>
            <A href=AppRoute::Users.href() attr:class="btn btn-primary">
                "Go to Users"
            </A>
        </section>
    }
}
