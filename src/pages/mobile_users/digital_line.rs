//! `/mobile-users/:id/digital-line`: replacing a Mobile user with a DigitalLine through the
//! Add User wizard's own steps (phone and number with shipping, emergency address, charges),
//! then submitting the conversion at the version the admin saw.

use domain::add_users::shipping_addresses;
use domain::mobile::{digital_line_errors, MobileUser};
use domain::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;

use crate::api::use_api;
use crate::components::loaded::Loaded;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::pages::add_users::{
    emergency_label, number_label, phone_label, ChargesSection, Draft, Flow, OneChange, Step,
    SubmitBar, Wizard, WizardFrame,
};
use crate::routes::{use_id_param, AppRoute, Gated};

/// Loads the account view and the Mobile user, then shows the wizard's conversion flow.
#[component]
pub fn DigitalLinePage() -> impl IntoView {
    let api = use_api();
    let id = use_id_param();
    let loaded = LocalResource::new(move || {
        let (api, id) = (api.clone(), id.get());
        async move {
            let view = api.add_users_view().await?;
            let users = api.mobile_users().await?;
            let user = users.users.into_iter().find(|u| Some(u.user.id) == id);
            Ok::<_, ApiError>((view, user))
        }
    });
    view! {
        <Gated route=AppRoute::DigitalLine(id.get_untracked().unwrap_or_default())>
            <Loaded
                resource=loaded
                what="what a DigitalLine needs"
                loading="Loading the user and the account's inventory…"
                let:loaded
            >
                {match loaded {
                    (view, Some(user)) => {
                        view! { <WizardFrame view=view flow=flow(user) /> }.into_any()
                    }
                    (_, None) => {
                        view! {
                            <div class="empty-state">
                                <h1>"Not a Mobile user"</h1>
                                <p>
                                    "This user is no longer a Mobile user of this account: they were deleted or already have a DigitalLine."
                                </p>
                                <A href=AppRoute::MobileUsers.href() attr:class="btn btn-primary">
                                    "Back to Mobile users"
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

/// The wizard's flow for replacing `user` with a DigitalLine: its phone, number, emergency
/// address and charges, in a draft of its own.
fn flow(user: MobileUser) -> Flow {
    let intro = format!(
        "{} · ext. {} becomes an Office user with a phone, a number and an emergency address. Nothing changes until you submit.",
        user.user.email, user.user.extension
    );
    let (start, check, review) = (user.clone(), user.clone(), user.clone());
    Flow {
        route: AppRoute::DigitalLine(user.user.id),
        title: format!("Replace {} with a DigitalLine", user.name),
        intro,
        cancel: AppRoute::MobileUsers,
        draft_suffix: format!(" digital-line {}", user.user.id),
        start: Arc::new(move |_, owner| Draft::converting(&start.user, owner)),
        steps: |_| vec![Step::Phones, Step::Emergency, Step::Review],
        check: Arc::new(move |draft, cx| {
            digital_line_errors(&check.user, &draft.digital_line(), cx)
        }),
        review: Arc::new(move |_| view! { <DigitalLineReview user=review.clone() /> }.into_any()),
    }
}

/// The last step: the DigitalLine as chosen, its charges, and submit.
#[component]
fn DigitalLineReview(user: MobileUser) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let api = use_api();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let (id, version, name) = (user.user.id, user.user.version, user.name.clone());
    let change = OneChange::new(
        move |draft: &Draft| {
            let (api, request, key) = (
                api.clone(),
                draft.digital_line(),
                draft.idempotency_key.clone(),
            );
            async move {
                api.replace_with_digital_line(id, &request, version, &key)
                    .await
            }
        },
        move |_| {
            toasts.show(ToastKind::Success, format!("{name} now has a DigitalLine."));
            navigate(&AppRoute::MobileUsers.path(), NavigateOptions::default());
        },
    );
    let failure = change.failure;
    let summary = move || {
        wizard.draft.with(|d| {
            let row = d.request.rows.first().cloned().unwrap_or_default();
            wizard.view.with_value(|v| {
                let addresses = shipping_addresses(&d.request, v);
                let emergency = emergency_label(d.emergency.as_ref(), v, "—");
                (
                    phone_label(&row, v, &addresses),
                    number_label(&row),
                    emergency,
                )
            })
        })
    };
    let license_error = wizard.error(String::from("license"));
    let stale = move || failure.get().is_some_and(|e| e.status == 412);
    view! {
        <dl class="summary-list">
            <dt>"User"</dt>
            <dd>
                {format!("{} · ext. {} · {}", user.name, user.user.extension, user.user.email)}
            </dd>
            <dt>"Becomes"</dt>
            <dd>"Office user (DigitalLine): calls in and out from the apps and a desk phone"</dd>
            <dt>"Phone"</dt>
            <dd>{move || summary().0}</dd>
            <dt>"Number"</dt>
            <dd>{move || summary().1}</dd>
            <dt>"Emergency address"</dt>
            <dd>{move || summary().2}</dd>
        </dl>
        <ChargesSection />
        {move || license_error.get().map(|m| view! { <p class="notice notice-error">{m}</p> })}
        <SubmitBar
            pending=change.pending
            failure=failure
            on_submit=change.on_submit
            retry_note="Submitting again is safe: the DigitalLine is added once."
            confirm_title="Replace with a DigitalLine – Confirm"
        />
        {move || {
            stale()
                .then(|| {
                    view! {
                        <A href=AppRoute::MobileUsers.href() attr:class="btn">
                            "Back to Mobile users"
                        </A>
                    }
                })
        }}
    }
}
