//! Signing in to a live server: the sign-in page, and the same form in a dialog when a session
//! ends mid-work (so nothing on the page underneath is lost).

use domain::auth::Credentials;
use domain::{ApiError, Session};
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::dialog::Dialog;

/// The email and password form. Checks the fields before sending, shows each problem at its
/// field, and keeps what was typed when the server refuses.
#[component]
pub fn SignInForm(
    /// Called with the new session.
    #[prop(into)]
    on_signed_in: Callback<Session>,
    /// Prefills the email (re-sign-in after a session ended).
    #[prop(optional, into)]
    email: String,
) -> impl IntoView {
    let api = use_api();
    let email = RwSignal::new(email);
    let password = RwSignal::new(String::new());
    let field_errors = RwSignal::new(Vec::<domain::FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(move |credentials: &Credentials| {
        let api = api.clone();
        let credentials = credentials.clone();
        async move { api.sign_in(&credentials).await }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(session)) => on_signed_in.run(session),
        Some(Err(error)) => {
            field_errors.set(error.field_errors.clone());
            failure.set((error.field_errors.is_empty()).then_some(error));
        }
        None => {}
    });
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let credentials = Credentials {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let problems = credentials.problems();
        failure.set(None);
        if problems.is_empty() {
            field_errors.set(Vec::new());
            submit.dispatch(credentials);
        } else {
            field_errors.set(problems);
        }
    };
    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            field_errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message.clone())
            })
        })
    };
    let busy = submit.pending();
    view! {
        <form class="form sign-in-form" on:submit=on_submit novalidate>
            {move || {
                failure
                    .get()
                    .map(|error| {
                        view! {
                            <div class="notice notice-error" role="alert">
                                {error.message}
                            </div>
                        }
                    })
            }}
            <Field
                label="Email"
                name="email"
                kind="email"
                autocomplete="username"
                value=email
                error=error_for("email")
            />
            <Field
                label="Password"
                name="password"
                kind="password"
                autocomplete="current-password"
                value=password
                error=error_for("password")
            />
            <button class="btn btn-primary" type="submit" disabled=move || busy.get()>
                {move || if busy.get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}

/// A labelled text input with its error below it, tied together for assistive technology.
#[component]
fn Field(
    label: &'static str,
    name: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let input_id = format!("sign-in-{name}");
    let error_id = format!("sign-in-{name}-error");
    let described = error_id.clone();
    view! {
        <div class="field">
            <label for=input_id.clone()>{label}</label>
            <input
                id=input_id
                type=kind
                name=name
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || error.get().is_some().then(|| described.clone())
            />
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p id=error_id.clone() class="field-error">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The page shown before anyone has signed in.
#[component]
pub fn SignInPage(#[prop(into)] on_signed_in: Callback<Session>) -> impl IntoView {
    view! {
        <main id="main" class="sign-in-page">
            <div class="sign-in-card">
                <div class="brand">
                    <span class="brand-mark" aria-hidden="true">
                        "◎"
                    </span>
                    <span class="brand-name">"Switchboard"</span>
                </div>
                <h1>"Sign in to your admin console"</h1>
                <SignInForm on_signed_in=on_signed_in />
            </div>
        </main>
    }
}

/// Shown over the page when the server ends the session mid-work.
#[component]
pub fn SessionEndedDialog(
    email: String,
    #[prop(into)] on_signed_in: Callback<Session>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Dialog title="Your session has ended" on_close=on_close>
            <p>
                "Sign in again to carry on. Your work on this page is kept; retry what you were doing afterwards."
            </p>
            <SignInForm on_signed_in=on_signed_in email=email />
        </Dialog>
    }
}
