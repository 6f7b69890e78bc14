//! Linking another account with its admin's credentials: every problem at its field, a locked
//! or already linked account said above the form, nothing typed lost on a failure.

use domain::accounts::LinkRequest;
use domain::FieldError;
use leptos::prelude::*;

use crate::api::{key_for, use_api};
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::toasts::{use_toasts, ToastKind};

#[component]
pub fn LinkDialog(
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let form = RwSignal::new(LinkRequest::default());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let sent = StoredValue::new(None::<(LinkRequest, String)>);
    let action = Action::new_local(move |(request, key): &(LinkRequest, String)| {
        let (api, request, key) = (api.clone(), request.clone(), key.clone());
        async move { api.link_account(&request, &key).await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(link)) => {
            toasts.show(ToastKind::Success, format!("Linked {}.", link.name));
            on_done.run(());
        }
        Some(Err(error)) => errors.set(if error.field_errors.is_empty() {
            vec![FieldError::new("", error.message)]
        } else {
            error.field_errors
        }),
        None => {}
    });
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let request = form.get_untracked();
        let problems = request.problems();
        if !problems.is_empty() {
            errors.set(problems);
            focus_first_invalid();
            return;
        }
        errors.set(Vec::new());
        // One key per credentials sent: Try again acts once, corrected credentials are new.
        action.dispatch(key_for(sent, request));
    };
    let general = error_of(errors.into(), "");
    view! {
        <Dialog title="Link account" on_close=on_close>
            <p>
                "Sign in as an admin of the account to link. The password is checked once and never stored here."
            </p>
            {move || {
                general()
                    .map(|m| {
                        view! {
                            <div class="notice notice-error" role="alert">
                                <p>{m}</p>
                            </div>
                        }
                    })
            }}
            <form class="form" on:submit=submit novalidate>
                <LinkField
                    name="email"
                    label="Admin email of that account"
                    kind="email"
                    form=form
                    errors=errors
                    read=|f| f.email.clone()
                    write=|f, v| f.email = v
                />
                <LinkField
                    name="password"
                    label="Password"
                    kind="password"
                    form=form
                    errors=errors
                    read=|f| f.password.clone()
                    write=|f, v| f.password = v
                />
                <LinkField
                    name="name"
                    label="Show it here as (optional)"
                    kind="text"
                    form=form
                    errors=errors
                    read=|f| f.name.clone()
                    write=|f, v| f.name = v
                />
                <DialogActions
                    on_cancel=on_close
                    disabled=move || action.pending().get()
                    confirm=move || {
                        if action.pending().get() { "Linking…" } else { "Link account" }
                            .to_owned()
                    }
                />
            </form>
        </Dialog>
    }
}

/// The message of the error at `field` ("" for the form as a whole), if any.
fn error_of(
    errors: Signal<Vec<FieldError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        errors.with(|e| {
            e.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }
}

/// One field of the form, `name` in the request, with its error under it.
#[component]
fn LinkField(
    name: &'static str,
    label: &'static str,
    /// The input's type.
    kind: &'static str,
    form: RwSignal<LinkRequest>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    /// The field's value in the request.
    read: fn(&LinkRequest) -> String,
    /// Sets the field's value in the request.
    write: fn(&mut LinkRequest, String),
) -> impl IntoView {
    let id = format!("link-{name}");
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    let error = error_of(errors, name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                autocomplete="off"
                prop:value=move || form.with(read)
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=described
                on:input=move |ev| form.update(|f| write(f, event_target_value(&ev)))
            />
            <p id=error_id class="field-error" aria-live="polite">
                {error}
            </p>
        </div>
    }
}

/// Moves focus to the first field marked invalid.
fn focus_first_invalid() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .query_selector("dialog [aria-invalid='true']")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
