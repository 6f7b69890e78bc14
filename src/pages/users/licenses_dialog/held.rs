//! The licenses the user holds, as the licenses dialog lists them first.

use domain::inventory::LicenseKind;
use leptos::prelude::*;

/// The "Licenses held" section: a table of each license and its quantity, or that there is none.
#[component]
pub(super) fn HeldLicenses(held: Vec<LicenseKind>) -> impl IntoView {
    view! {
        <section aria-labelledby="held-heading">
            <h3 id="held-heading">"Licenses held"</h3>
            {if held.is_empty() {
                view! { <p class="muted">"No license (a free user)."</p> }.into_any()
            } else {
                view! {
                    <table class="review-table">
                        <caption class="visually-hidden">"Licenses held"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"License"</th>
                                <th scope="col">"Quantity"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {held
                                .iter()
                                .map(|k| {
                                    view! {
                                        <tr>
                                            <td>{k.label()}</td>
                                            <td>"1"</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}
