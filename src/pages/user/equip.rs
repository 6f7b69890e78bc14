//! `/users/:id/phone`: giving an Office or Video Pro+ user a phone and a number through the
//! Add User wizard's own Phones step (inventory, purchase with shipping, their own device; a
//! number from inventory or a new one), then the charges and submit at the version the admin saw.

use domain::add_users::{has_phone, shipping_addresses, AddUsersView};
use domain::equipment::equipment_errors;
use domain::user_page::UserDetail;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;

use crate::api::use_api;
use crate::components::loaded::Loaded;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::pages::add_users::{
    number_label, phone_label, ChargesSection, Draft, Flow, OneChange, Step, SubmitBar, Wizard,
    WizardFrame,
};
use crate::routes::{AppRoute, Gated};

/// Loads the account view and the user, then shows the Phones step for them (or why not).
#[component]
pub fn EquipPage() -> impl IntoView {
    let (loaded, id) = super::flow_data();
    view! {
        <Gated route=AppRoute::EquipUser(id)>
            <Loaded
                resource=loaded
                what="what a phone and number need"
                loading="Loading the user and the account's inventory…"
                let:loaded
            >
                {match loaded {
                    (view, user) if has_phone(user.row.user_type) => {
                        let view = view.keeping(&user.record, user.user_license.as_ref());
                        view! { <WizardFrame view=view flow=flow(user) /> }.into_any()
                    }
                    (_, user) => view! { <NoPhone user=user /> }.into_any(),
                }}
            </Loaded>
        </Gated>
    }
}

/// Why a Mobile or Video Pro user gets no phone here, and where to go instead.
#[component]
fn NoPhone(user: UserDetail) -> impl IntoView {
    view! {
        <div class="empty-state">
            <h1>"No phone for this user type"</h1>
            <p>
                {format!(
                    "{} is a {} user: they have no desk phone or direct number. Give them an Office or Video Pro+ license first{}.",
                    user.row.name,
                    user.row.user_type.label(),
                    if user.row.user_type == domain::UserType::Mobile {
                        ", or replace them with a DigitalLine from Mobile users"
                    } else {
                        ""
                    },
                )}
            </p>
            <A href=AppRoute::User(user.row.id).href() attr:class="btn btn-primary">
                {format!("Back to {}", user.row.name)}
            </A>
        </div>
    }
}

/// The wizard's flow for giving `user` a phone and a number, in a draft of its own.
fn flow(user: UserDetail) -> Flow {
    let intro = format!(
        "{} · ext. {} keeps their licenses; pick a phone, a number or both. Nothing changes until you submit.",
        user.row.email, user.row.extension
    );
    let id = user.row.id;
    let (start, check, review) = (user.record.clone(), user.record.clone(), user.clone());
    Flow {
        route: AppRoute::EquipUser(id),
        title: format!("Add a phone or number for {}", user.row.name),
        intro,
        cancel: AppRoute::User(id),
        draft_suffix: format!(" equip {id}"),
        start: Arc::new(move |_, owner| Draft::equipping(&start, owner)),
        steps: |_| vec![Step::Phones, Step::Review],
        check: Arc::new(move |draft, cx| equipment_errors(&check, &draft.equipment(), cx)),
        review: Arc::new(move |_| view! { <EquipReview user=review.clone() /> }.into_any()),
    }
}

/// The last step: the phone and number as chosen, their charges, and submit.
#[component]
fn EquipReview(user: UserDetail) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let api = use_api();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let (id, version, name) = (user.row.id, user.row.version, user.row.name.clone());
    let change = OneChange::new(
        move |draft: &Draft| {
            let (api, request, key) = (
                api.clone(),
                draft.equipment(),
                draft.idempotency_key.clone(),
            );
            async move { api.equip_user(id, &request, version, &key).await }
        },
        move |_| {
            toasts.show(
                ToastKind::Success,
                format!("{name} has their new phone and number."),
            );
            navigate(&AppRoute::User(id).path(), NavigateOptions::default());
        },
    );
    let failure = change.failure;
    let summary = move || {
        wizard.draft.with(|d| {
            let row = d.request.rows.first().cloned().unwrap_or_default();
            wizard.view.with_value(|v: &AddUsersView| {
                let addresses = shipping_addresses(&d.request, v);
                (phone_label(&row, v, &addresses), number_label(&row))
            })
        })
    };
    let stale = move || failure.get().is_some_and(|e| e.status == 412);
    view! {
        <dl class="summary-list">
            <dt>"User"</dt>
            <dd>
                {format!("{} · ext. {} · {}", user.row.name, user.row.extension, user.row.email)}
            </dd>
            <dt>"Phone"</dt>
            <dd>{move || summary().0}</dd>
            <dt>"Number"</dt>
            <dd>{move || summary().1}</dd>
        </dl>
        <ChargesSection />
        <SubmitBar
            pending=change.pending
            failure=failure
            on_submit=change.on_submit
            retry_note="Submitting again is safe: the phone and number are given once."
            confirm_title="Add phone or number – Confirm"
        />
        {move || {
            stale()
                .then(|| {
                    view! {
                        <A href=AppRoute::User(id).href() attr:class="btn">
                            "Back to the user's page"
                        </A>
                    }
                })
        }}
    }
}
