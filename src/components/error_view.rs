//! The one view for a failed load: what went wrong and a Retry button.

use domain::ApiError;
use leptos::prelude::*;

/// Shows `error` with a Retry button that calls `on_retry`.
#[component]
pub fn ErrorView(
    /// What failed.
    error: ApiError,
    /// What the data was, e.g. "users".
    #[prop(into)]
    what: String,
    /// Called when the admin asks to try again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let detail = match error.status {
        0 => "The server could not be reached.".to_owned(),
        status => format!("Error {status} ({})", error.code),
    };
    view! {
        <div class="error-view" role="alert">
            <h2>{format!("Couldn't load {what}")}</h2>
            <p>{error.message.clone()}</p>
            <p class="muted">{detail}</p>
            <button class="btn btn-primary" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
    }
}
