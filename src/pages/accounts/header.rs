//! The top of the Multi-Account Access page: its header, and the search of the linked accounts.

use leptos::prelude::*;

use crate::session::use_session;

/// The page title, the account signed in to, and Link account (or why the role may not).
#[component]
pub fn AccountsHeader(
    can_manage: Signal<Result<(), String>>,
    /// Opens the link dialog.
    #[prop(into)]
    on_link: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let own = move || session.with(|s| format!("{} ({})", s.account.name, s.account.id));
    view! {
        <header class="page-header">
            <div>
                <h1>"Multi-Account Access"</h1>
                <p class="muted">
                    {move || {
                        format!("Accounts linked to {}, the account you are signed in to.", own())
                    }}
                </p>
            </div>
            <div class="header-actions">
                {move || match can_manage.get() {
                    Ok(()) => {
                        view! {
                            <button class="btn btn-primary" on:click=move |_| on_link.run(())>
                                "Link account"
                            </button>
                        }
                            .into_any()
                    }
                    Err(reason) => view! { <p class="muted">{reason}</p> }.into_any(),
                }}
            </div>
        </header>
    }
}

/// The search box, showing the search in the URL.
#[component]
pub fn AccountsSearch(
    #[prop(into)] q: Signal<String>,
    /// Called with the search as typed.
    #[prop(into)]
    on_search: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="field-search">
            <span class="visually-hidden">"Search accounts"</span>
            <input
                type="search"
                placeholder="Search by name, account ID or main number"
                prop:value=move || q.get()
                on:input=move |ev| on_search.run(event_target_value(&ev))
            />
        </label>
    }
}
