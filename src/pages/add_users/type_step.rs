//! Step 1: which kind of user to add, each explained.

use domain::mobile::charged_calls;
use domain::UserType;
use leptos::prelude::*;

use super::Wizard;

fn explanation(user_type: UserType) -> &'static str {
    match user_type {
        UserType::Office => "Full license: messages, video and phone, with a direct number and a desk phone if you like.",
        UserType::VideoPro => "Free, no license: messages and limited video; no direct calls.",
        UserType::VideoProPlus => "Meeting license: messages and video; no direct calls.",
        UserType::Mobile => "Free: messages and video; no direct calls.",
    }
}

#[component]
pub fn TypeStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let chosen = move || wizard.draft.with(|d| d.request.user_type);
    let has_meeting_licenses = wizard.view.with_value(|v| {
        v.spare_licenses
            .iter()
            .any(|l| l.kind == domain::inventory::LicenseKind::VideoProPlus)
    });
    view! {
        <fieldset class="type-choices">
            <legend>"What kind of users are you adding?"</legend>
            {UserType::ALL
                .into_iter()
                .map(|t| {
                    let unavailable = t == UserType::VideoProPlus && !has_meeting_licenses
                        && !wizard.can_purchase.get_untracked();
                    view! {
                        <label class="type-choice" class:selected=move || chosen() == t>
                            <input
                                type="radio"
                                name="user-type"
                                value=t.slug()
                                checked=move || chosen() == t
                                disabled=unavailable
                                on:change=move |_| wizard.edit(|d| d.request.user_type = t)
                            />
                            <span class="type-name">{t.label()}</span>
                            <span class="muted">{explanation(t)}</span>
                            {unavailable
                                .then(|| {
                                    view! {
                                        <span class="muted">
                                            "No meeting licenses left, and your role can't buy them."
                                        </span>
                                    }
                                })}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <p class="note">
            {format!(
                "Free users (Video Pro and Mobile) can only receive calls through the Auto-Receptionist and call out with RingOut. In any billing cycle where a free user makes or receives {}, the account pays for them as a full user that month.",
                charged_calls(),
            )}
        </p>
        {move || {
            (!wizard.can_purchase.get())
                .then(|| {
                    view! {
                        <p class="note">
                            "Your role can't purchase: you can add users with the licenses, phones and numbers already in inventory. Ask a billing admin to buy more."
                        </p>
                    }
                })
        }}
    }
}
