//! `/users/:id/activate`: activating a user who was added but never activated, by assigning
//! their credentials through the Add User wizard's own fields and rules, then submitting at
//! the version the admin saw.

use domain::activation::activation_errors;
use domain::error::FieldError;
use domain::users_query::UserRow;
use domain::UserStatus;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;

use crate::api::use_api;
use crate::components::loaded::Loaded;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::pages::add_users::{
    emergency_label, Draft, Flow, OneChange, Step, SubmitBar, Wizard, WizardFrame,
};
use crate::routes::{AppRoute, Gated};

/// Loads the account view and the user, then shows the activation flow (or why there is none).
#[component]
pub fn ActivatePage() -> impl IntoView {
    let (loaded, id) = super::flow_data();
    view! {
        <Gated route=AppRoute::ActivateUser(id)>
            <Loaded
                resource=loaded
                what="the user to activate"
                loading="Loading the user…"
                let:loaded
            >
                {match loaded {
                    (view, user) if user.row.status == UserStatus::NotActivated => {
                        view! { <WizardFrame view=view flow=flow(user.row) /> }.into_any()
                    }
                    (_, user) => {
                        let user = user.row;
                        view! {
                            <div class="empty-state">
                                <h1>"Already activated"</h1>
                                <p>
                                    {format!(
                                        "{} has already activated; their credentials are theirs to change.",
                                        user.name,
                                    )}
                                </p>
                                <A href=AppRoute::User(user.id).href() attr:class="btn btn-primary">
                                    {format!("Back to {}", user.name)}
                                </A>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </Loaded>
        </Gated>
    }
}

/// The wizard's flow for activating `user`: credentials with the emergency location, then
/// review and submit, in a draft of its own.
fn flow(user: UserRow) -> Flow {
    let intro = format!(
        "{} · ext. {} gets a password, a PIN and a security question now, and can sign in at once. Nothing changes until you submit.",
        user.email, user.extension
    );
    let (start, check, review) = (user.clone(), user.email.clone(), user.clone());
    Flow {
        route: AppRoute::ActivateUser(user.id),
        title: format!("Activate {}", user.name),
        intro,
        cancel: AppRoute::User(user.id),
        draft_suffix: format!(" activate {}", user.id),
        start: Arc::new(move |_, owner| Draft::activating(&start, owner)),
        steps: |_| vec![Step::Credentials, Step::Review],
        check: Arc::new(move |draft, cx| {
            // The wizard's fields are those of its first row.
            activation_errors(&check, &draft.activation(), cx)
                .into_iter()
                .map(|e| FieldError::new(format!("rows[0].{}", e.field), e.message))
                .collect()
        }),
        review: Arc::new(move |_| view! { <ActivateReview user=review.clone() /> }.into_any()),
    }
}

/// The last step: what the activation does, and submit.
#[component]
fn ActivateReview(user: UserRow) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let api = use_api();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let (id, version, name) = (user.id, user.version, user.name.clone());
    let change = OneChange::new(
        move |draft: &Draft| {
            let (api, request, key) = (
                api.clone(),
                draft.activation(),
                draft.idempotency_key.clone(),
            );
            async move { api.activate_user(id, &request, version, &key).await }
        },
        move |_| {
            toasts.show(ToastKind::Success, format!("{name} is activated."));
            navigate(&AppRoute::User(id).path(), NavigateOptions::default());
        },
    );
    let failure = change.failure;
    let emergency = move || {
        wizard.draft.with(|d| {
            let choice = d.activation().credentials.emergency;
            wizard.view.with_value(|v| {
                emergency_label(
                    choice.as_ref(),
                    v,
                    "None yet (the user is asked at first sign-in)",
                )
            })
        })
    };
    let temporary = move || {
        wizard.draft.with(|d| {
            if d.activation().credentials.temporary_password {
                "Temporary: they set their own at first sign-in"
            } else {
                "Kept as you set it"
            }
        })
    };
    let stale = move || failure.get().is_some_and(|e| matches!(e.status, 409 | 412));
    view! {
        <dl class="summary-list">
            <dt>"User"</dt>
            <dd>{format!("{} · ext. {} · {}", user.name, user.extension, user.email)}</dd>
            <dt>"Becomes"</dt>
            <dd>"Enabled: signs in and takes calls at once; no invite is sent"</dd>
            <dt>"Password"</dt>
            <dd>{temporary}</dd>
            <dt>"Emergency address"</dt>
            <dd>{emergency}</dd>
        </dl>
        <SubmitBar
            pending=change.pending
            failure=failure
            on_submit=change.on_submit
            retry_note="Submitting again is safe: the user is activated once."
            confirm_title="Activate – Confirm"
        />
        {move || {
            stale()
                .then(|| {
                    view! {
                        <A href=AppRoute::User(id).href() attr:class="btn">
                            {format!("Back to {}", user.name)}
                        </A>
                    }
                })
        }}
    }
}
