//! The frame around every page: header and navigation, configuration notice, sandbox bar.

mod header;
mod sandbox_bar;
mod sign_in;

pub use header::Header;
pub use sandbox_bar::SandboxBar;
pub use sign_in::{SessionEndedDialog, SignInForm, SignInPage};

use leptos::prelude::*;

/// Lists configuration problems found in the host page, dismissible.
#[component]
pub fn ConfigNotice(problems: Vec<String>) -> impl IntoView {
    let open = RwSignal::new(!problems.is_empty());
    move || {
        open.get().then(|| {
            let items = problems
                .iter()
                .map(|p| view! { <li>{p.clone()}</li> })
                .collect_view();
            view! {
                <div class="notice notice-warning" role="alert">
                    <div>
                        <strong>"Configuration problems"</strong>
                        <ul>{items}</ul>
                    </div>
                    <button class="btn btn-quiet" on:click=move |_| open.set(false)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}
