//! Services and permissions: the user's licenses with the Users page's own Edit licenses form
//! (one implementation); read only, with the reason, for roles that may not manage licenses.

use leptos::prelude::*;

use crate::pages::users::licenses_dialog::UserLicensesForm;

#[component]
pub fn ServicesSection(
    id: u32,
    /// After a saved change, or Cancel, to load the user again.
    on_changed: Callback<()>,
) -> impl IntoView {
    view! {
        <section id="services" class="user-section" aria-labelledby="services-heading">
            <h2 id="services-heading">"Services and permissions"</h2>
            <UserLicensesForm id=id on_close=on_changed on_done=on_changed />
        </section>
    }
}
