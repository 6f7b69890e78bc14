//! The app root: providers (config, API, session, toasts), the router and the shell.

use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;

use crate::api::{provide_api, use_api, ApiClient, HttpTransport, Sandbox};
use crate::components::error_view::ErrorView;
use crate::components::toasts::{provide_toasts, use_toasts, ToastKind, ToastRegion};
use crate::config::{Config, Mode};
use crate::routes::AppRoutes;
use crate::session::SessionState;
use crate::shell::{ConfigNotice, Header, SandboxBar, SessionEndedDialog, SignInPage};

/// Mounts the app into the configured element (or the body).
pub fn mount(config: Config, problems: Vec<String>, document: &web_sys::Document) {
    let target = document
        .query_selector(&config.mount)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body())
        .expect("a mount element or body");
    target.set_inner_html("");
    leptos::mount::mount_to(
        target,
        move || view! { <App config=config problems=problems /> },
    )
    .forget();
}

/// Until the host portal hands over the session (embedded in an iframe): says so in the mount
/// element.
pub fn waiting_for_host(config: &Config, document: &web_sys::Document) {
    if let Some(target) = document.query_selector(&config.mount).ok().flatten() {
        target.set_inner_html(
            r#"<div class="app-loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span>Waiting for the portal to sign you in…</div>"#,
        );
    }
}

/// Everything: providers, shell and routes.
#[component]
pub fn App(config: Config, problems: Vec<String>) -> impl IntoView {
    let state = SessionState::new(config.mode == Mode::Live && config.auth_token.is_none());
    let client = match config.mode {
        Mode::Sandbox => ApiClient::sandbox(Sandbox::new(
            config.dataset,
            config.latency_ms,
            config.timeout_ms,
        )),
        Mode::Live => ApiClient::http(
            HttpTransport::new(
                config.api_base.clone(),
                config.auth_token.clone(),
                crate::tab_account::current(),
            ),
            config.auth_token.is_none().then_some(state),
        ),
    }
    .with_timeout(config.timeout_ms);
    provide_api(client);
    provide_context(config.mode);
    provide_context(crate::url::BasePath(config.base_path.clone()));
    provide_toasts();
    provide_context(state);
    let base = config.base_path.clone();
    // Before the router reads the address: a tab opened from Accounts drops its token from it.
    let launch = crate::tab_account::take_launch_token(&config.base_path);
    let home = format!("{}/accounts", config.base_path);
    view! {
        <Router base=base>
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <ConfigNotice problems=problems />
            {(config.mode == Mode::Sandbox).then(|| view! { <SandboxBar /> })}
            <SessionGate launch=launch home=home>
                <Header />
                <main id="main" class="main" tabindex="-1">
                    <AppRoutes />
                </main>
            </SessionGate>
            <ToastRegion />
        </Router>
    }
}

/// Loads the session, then shows its children; a loading state before, an error view with
/// Retry if it fails, and the sign-in page when a live server says nobody is signed in. A session
/// that ends mid-work is renewed in a dialog over the page, so nothing on it is lost.
/// Refetches when the sandbox persona changes. A tab opened from Accounts first redeems its
/// launch token; if that is refused, it says why and links back to the portal's Accounts page.
#[component]
fn SessionGate(
    /// The launch token this tab was opened with.
    launch: Option<String>,
    /// The portal's Accounts page, for a refused launch.
    home: String,
    children: ChildrenFn,
) -> impl IntoView {
    let api = use_api();
    let state = SessionState::expect();
    let launch = StoredValue::new(launch);
    let toasts = use_toasts();
    // The loaded session goes into the shared state the pages read.
    let loaded = LocalResource::new(move || {
        state.track_reload();
        let api = api.clone();
        let token = launch.try_update_value(Option::take).flatten();
        async move {
            let answer = match token {
                Some(token) => api.redeem_launch(&token).await,
                None => api.session().await,
            };
            match &answer {
                Ok(session) => state.signed_in(session.clone()),
                // Already signed in: keep working with the session we have, and say the
                // reload failed.
                Err(error) if error.status != 401 && state.is_loaded_untracked() => toasts.show(
                    ToastKind::Error,
                    format!("Couldn't reload your session: {}", error.message),
                ),
                Err(_) => {}
            }
            answer
        }
    });
    let on_signed_in = Callback::new(move |session: domain::Session| state.signed_in(session));
    // Memos, so a session reload (persona switch) doesn't re-create the pages.
    let ready = Memo::new(move |_| state.is_loaded());
    let needs_sign_in = Memo::new(move |_| state.is_ended());
    let failed = Memo::new(move |_| {
        if ready.get() {
            None
        } else {
            loaded.get().and_then(Result::err)
        }
    });
    let children = StoredValue::new(children);
    move || {
        if ready.get() {
            let renew = move || {
                needs_sign_in.get().then(|| {
                    view! {
                        <SessionEndedDialog
                            email=state.email()
                            on_signed_in=on_signed_in
                            on_close=move |_| state.dismiss_ended()
                        />
                    }
                })
            };
            view! {
                {children.with_value(|c| c())}
                {renew}
            }
            .into_any()
        } else if needs_sign_in.get() {
            view! { <SignInPage on_signed_in=on_signed_in /> }.into_any()
        } else if let Some(error) = failed.get().filter(|e| e.code.starts_with("launch_")) {
            view! {
                <main id="main" class="main">
                    <div class="error-view" role="alert">
                        <h1>"This account couldn't be opened"</h1>
                        <p>{error.message}</p>
                        <a class="btn btn-primary" href=home.clone() rel="external">
                            "Go to Accounts"
                        </a>
                    </div>
                </main>
            }
            .into_any()
        } else if let Some(error) = failed.get() {
            view! {
                <main id="main" class="main">
                    <ErrorView error=error what="your session" on_retry=move |_| state.reload() />
                </main>
            }
            .into_any()
        } else {
            view! {
                <div class="app-loading" role="status" aria-live="polite">
                    <span class="spinner" aria-hidden="true"></span>
                    "Signing in…"
                </div>
            }
            .into_any()
        }
    }
}
