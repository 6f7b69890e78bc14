//! The licenses form's choices: the user license that goes with the type, then add-ons, each
//! saying whether it is held, how many are in inventory, or how to get one when none is.

use std::collections::BTreeSet;

use domain::add_users::license_for;
use domain::inventory::LicenseKind;
use domain::UserType;
use leptos::prelude::*;

use super::stock::Stock;

const ADD_ONS: [LicenseKind; 3] = [
    LicenseKind::LargeMeetings,
    LicenseKind::LiveReports,
    LicenseKind::PushToTalk,
];

/// The "User license" radios for Office, Video Pro+ and Video Pro, each saying what it needs.
#[component]
pub(super) fn UserLicenseChoices(
    editable: bool,
    stock: Stock,
    /// The user license held now, if any.
    old_license: Option<LicenseKind>,
    user_type: RwSignal<UserType>,
    /// Cleared on a new choice, so a removal is confirmed again.
    confirming_loss: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <fieldset disabled=!editable>
            <legend>"User license"</legend>
            {[UserType::Office, UserType::VideoProPlus, UserType::VideoPro]
                .into_iter()
                .map(|t| {
                    let license = license_for(t);
                    let count = license.map(|k| stock.available(k));
                    let holds = license.is_some() && license == old_license;
                    let blocked = count == Some(0) && !holds && !stock.may_buy;
                    let note = match (license, count) {
                        (None, _) => "free".to_owned(),
                        (Some(_), _) if holds => "held now".to_owned(),
                        (Some(k), Some(0)) => stock.none_spare(k),
                        (Some(_), Some(n)) => format!("{n} in inventory"),
                        (Some(_), None) => String::new(),
                    };
                    view! {
                        <label class="radio">
                            <input
                                type="radio"
                                name="user-license"
                                disabled=blocked
                                prop:checked=move || user_type.get() == t
                                on:change=move |_| {
                                    user_type.set(t);
                                    confirming_loss.set(false);
                                }
                            />
                            {format!("{} ({note})", t.label())}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The "Add-ons" checkboxes, each saying whether it is held or how to get one.
#[component]
pub(super) fn AddOnChoices(
    editable: bool,
    stock: Stock,
    /// Every license the user holds now.
    held: Vec<LicenseKind>,
    add_ons: RwSignal<BTreeSet<LicenseKind>>,
) -> impl IntoView {
    view! {
        <fieldset disabled=!editable>
            <legend>"Add-ons"</legend>
            {ADD_ONS
                .into_iter()
                .map(|k| {
                    let holds = held.contains(&k);
                    let count = stock.available(k);
                    let blocked = !holds && count == 0 && !stock.may_buy;
                    view! {
                        <label class="checkbox">
                            <input
                                type="checkbox"
                                disabled=blocked
                                prop:checked=move || add_ons.with(|a| a.contains(&k))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    add_ons
                                        .update(|a| {
                                            if on {
                                                a.insert(k);
                                            } else {
                                                a.remove(&k);
                                            }
                                        });
                                }
                            />
                            {format!(
                                "{} ({})",
                                k.label(),
                                match (holds, count) {
                                    (true, _) => "held now".to_owned(),
                                    (false, 0) => stock.none_spare(k),
                                    (false, n) => format!("{n} in inventory"),
                                },
                            )}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
