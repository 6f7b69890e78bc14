//! What the licenses form says, each while it applies: why its fields are read only, what
//! becomes of the licenses the edit frees, the charge to agree to, the data a removal deletes,
//! and why saving failed.

use domain::inventory::LicenseKind;
use domain::licenses::DataLoss;
use domain::ApiError;
use leptos::prelude::*;

use crate::format::money;

/// Why the fields are read only: the role's reason, and for a Mobile user where it is replaced.
#[component]
pub(super) fn ReadOnlyNotices(
    /// Why this role may not manage licenses, if it may not.
    read_only: Option<String>,
    mobile: bool,
) -> impl IntoView {
    view! {
        {read_only
            .map(|reason| {
                view! { <p class="notice">{format!("{reason} These fields are read only.")}</p> }
            })}
        {mobile
            .then(|| {
                view! {
                    <p class="notice">
                        "Mobile users are replaced with a DigitalLine from the Mobile users page."
                    </p>
                }
            })}
    }
}

/// While the edit frees licenses: the choice to cancel them (for roles that may buy), else a note
/// that they stay billed in inventory.
#[component]
pub(super) fn FreedLicenses(
    #[prop(into)] frees: Signal<bool>,
    may_buy: bool,
    cancel_freed: RwSignal<bool>,
) -> impl IntoView {
    move || {
        frees
            .get()
            .then(|| {
                if may_buy {
                    view! {
                        <label class="checkbox">
                            <input
                                type="checkbox"
                                prop:checked=move || cancel_freed.get()
                                on:change=move |ev| cancel_freed.set(event_target_checked(&ev))
                            />
                            "Also cancel the licenses this frees: their monthly charge stops and they leave inventory"
                        </label>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="muted">
                            "Freed licenses go back to inventory. Billing for them continues until a billing admin requests a partial cancellation."
                        </p>
                    }
                        .into_any()
                }
            })
    }
}

/// While a chosen license must be bought: the checkbox agreeing to its monthly charge, and the
/// error when saving without it.
#[component]
pub(super) fn PurchaseAgreement(
    /// The licenses to buy, with their monthly prices in cents.
    #[prop(into)]
    to_buy: Signal<Vec<(LicenseKind, u64)>>,
    agreed: RwSignal<bool>,
    /// Set once saving was tried without agreeing.
    #[prop(into)]
    must_agree: Signal<bool>,
) -> impl IntoView {
    move || {
        (!to_buy.with(Vec::is_empty))
            .then(|| {
                let items = to_buy
                    .get()
                    .iter()
                    .map(|(k, c)| format!("{} {}/month", k.label(), money(*c)))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <div class="field">
                        <label class="checkbox">
                            <input
                                type="checkbox"
                                aria-describedby="agree-error"
                                aria-invalid=move || (must_agree.get() && !agreed.get()).to_string()
                                prop:checked=move || agreed.get()
                                on:change=move |ev| agreed.set(event_target_checked(&ev))
                            />
                            {format!("I agree to buy and be charged for: {items}")}
                        </label>
                        <p id="agree-error" class="field-error" aria-live="polite">
                            {move || {
                                (must_agree.get() && !agreed.get())
                                    .then_some(
                                        "Agree to the monthly charge to buy the license, or choose one from inventory.",
                                    )
                            }}
                        </p>
                    </div>
                }
            })
    }
}

/// While a user license removal awaits Continue: the warning listing the data it deletes.
#[component]
pub(super) fn DataLossWarning(
    #[prop(into)] shown: Signal<bool>,
    /// This user's figures.
    loss: DataLoss,
) -> impl IntoView {
    move || {
        shown
            .get()
            .then(|| {
                view! {
                    <div class="notice notice-warning" role="alert">
                        <p>
                            <strong>"Removing the user license deletes this user's:"</strong>
                        </p>
                        <ul>
                            <li>
                                {format!("Call history ({} entries)", loss.call_history_entries)}
                            </li>
                            <li>
                                {format!(
                                    "Call forwarding settings ({} rules)",
                                    loss.call_forwarding_rules,
                                )}
                            </li>
                            <li>
                                {format!(
                                    "Voicemails ({}) and voicemail greetings ({})",
                                    loss.voicemails,
                                    loss.greetings,
                                )}
                            </li>
                            <li>
                                {format!("Device activation ({} devices)", loss.activated_devices)}
                            </li>
                        </ul>
                        <p>
                            "Call recordings stay available to admins. Copy or export what you need first."
                        </p>
                    </div>
                }
            })
    }
}

/// After a failed save: its message, and for a stale user (412) a button reloading the licenses.
#[component]
pub(super) fn SaveFailure(
    #[prop(into)] failure: Signal<Option<ApiError>>,
    #[prop(into)] on_reload: Callback<()>,
) -> impl IntoView {
    move || {
        failure.get().map(|e| {
            let stale = e.status == 412;
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{e.message.clone()}</p>
                    {stale
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="btn"
                                    on:click=move |_| on_reload.run(())
                                >
                                    "Reload"
                                </button>
                            }
                        })}
                </div>
            }
        })
    }
}
