//! A user's licenses from the Users page: what they hold (name and quantity) and, for roles that
//! manage licenses, Edit licenses: the user license that goes with the type (upgrades only from
//! inventory) and add-ons. Removing a user license first shows what it deletes, with this
//! user's figures, and needs Continue.

use std::collections::BTreeSet;

use domain::add_users::license_for;
use domain::inventory::LicenseKind;
use domain::licenses::{EditLicenses, UserLicenses};
use domain::users_query::UserRow;
use domain::{ApiError, Permission, UserType};
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::loaded::Loaded;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::format::money;
use crate::session::permission_gate;

const ADD_ONS: [LicenseKind; 3] = [
    LicenseKind::LargeMeetings,
    LicenseKind::LiveReports,
    LicenseKind::PushToTalk,
];

#[component]
pub fn LicensesDialog(
    row: UserRow,
    #[prop(into)] on_close: Callback<()>,
    /// Called after a change was saved (to reload the list).
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let id = row.id;
    let load_api = api.clone();
    let loaded = LocalResource::new(move || {
        let api = load_api.clone();
        async move { api.user_licenses(id).await }
    });
    view! {
        <Dialog title=format!("Licenses of {}", row.name) on_close=on_close>
            <Loaded
                resource=loaded
                what="the user's licenses"
                loading="Loading licenses…"
                let:current
            >
                <LicensesForm
                    current=current
                    on_close=on_close
                    on_done=on_done
                    on_reload=move |_| loaded.refetch()
                />
            </Loaded>
        </Dialog>
    }
}

#[component]
fn LicensesForm(
    current: UserLicenses,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_done: Callback<()>,
    #[prop(into)] on_reload: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let gate = permission_gate(Permission::ManageLicenses);
    let read_only = gate.get_untracked().err();
    // Buying a missing license and cancelling a freed one both belong to roles that may buy.
    let may_buy = permission_gate(Permission::Purchase)
        .get_untracked()
        .is_ok();
    let cancel_freed = RwSignal::new(false);
    let agreed = RwSignal::new(false);
    let must_agree = RwSignal::new(false);
    let editable = current.user_type != UserType::Mobile && read_only.is_none();
    let user_type = RwSignal::new(current.user_type);
    let add_ons = RwSignal::new(
        current
            .held
            .iter()
            .copied()
            .filter(|k| k.is_add_on())
            .collect::<BTreeSet<_>>(),
    );
    let confirming_loss = RwSignal::new(false);
    let key = new_idempotency_key();
    let (user_id, version, name) = (current.user_id, current.version, current.name.clone());
    let save = Action::new_local(move |edit: &EditLicenses| {
        let (api, edit, key) = (api.clone(), edit.clone(), key.clone());
        async move { api.edit_licenses(user_id, &edit, version, &key).await }
    });
    let old_license = license_for(current.user_type);
    let removes_user_license =
        move || old_license.is_some() && license_for(user_type.get()) != old_license;
    let held_add_ons: Vec<LicenseKind> = current
        .held
        .iter()
        .copied()
        .filter(|k| k.is_add_on())
        .collect();
    let frees = Memo::new(move |_| {
        removes_user_license() || add_ons.with(|a| held_add_ons.iter().any(|k| !a.contains(k)))
    });
    let frees_any = move || frees.get();
    // The chosen licenses that no spare covers: bought on save, at these monthly prices.
    let (spares, held_now) = (current.offers.clone(), current.held.clone());
    let to_buy = Memo::new(move |_| {
        let chosen = license_for(user_type.get())
            .into_iter()
            .chain(add_ons.get());
        chosen
            .filter(|k| !held_now.contains(k))
            .filter_map(|k| {
                spares
                    .iter()
                    .find(|o| o.kind == k && o.available == 0)
                    .map(|o| (k, o.monthly_cents))
            })
            .collect::<Vec<_>>()
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            let note = match (frees_any(), cancel_freed.get_untracked()) {
                (true, true) => " The freed licenses were cancelled: their charge stops.",
                (true, false) => " The freed licenses are back in inventory; billing for them continues until you request a partial cancellation.",
                _ => "",
            };
            toasts.show(
                ToastKind::Success,
                format!("Licenses of {name} updated.{note}"),
            );
            on_done.run(());
        }
    });
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let buying = to_buy.with_untracked(|b| !b.is_empty());
        if buying && !agreed.get_untracked() {
            must_agree.set(true);
            return;
        }
        if removes_user_license() && !confirming_loss.get_untracked() {
            confirming_loss.set(true);
            return;
        }
        save.dispatch(EditLicenses {
            user_type: user_type.get_untracked(),
            add_ons: add_ons.with_untracked(|a| a.iter().copied().collect()),
            cancel_freed: frees_any() && cancel_freed.get_untracked(),
            buy_missing: buying,
        });
    };
    let available = |offers: &[domain::licenses::Offer], kind: LicenseKind| {
        offers
            .iter()
            .find(|o| o.kind == kind)
            .map_or(0, |o| o.available)
    };
    let offers = current.offers.clone();
    let held = current.held.clone();
    let price_of = offers.clone();
    let none_spare = move |k: LicenseKind| {
        let cents = price_of
            .iter()
            .find(|o| o.kind == k)
            .map_or(0, |o| o.monthly_cents);
        if may_buy {
            format!("none in inventory: buy one for {}/month", money(cents))
        } else {
            "none in inventory: a billing admin can buy one".to_owned()
        }
    };
    let loss = current.loss;
    let failure = move || save.value().get().and_then(Result::err);
    view! {
        <section aria-labelledby="held-heading">
            <h3 id="held-heading">"Licenses held"</h3>
            {if held.is_empty() {
                view! { <p class="muted">"No license (a free user)."</p> }.into_any()
            } else {
                view! {
                    <table class="review-table">
                        <caption class="visually-hidden">"Licenses held"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"License"</th>
                                <th scope="col">"Quantity"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {held
                                .iter()
                                .map(|k| {
                                    view! {
                                        <tr>
                                            <td>{k.label()}</td>
                                            <td>"1"</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
        {read_only
            .clone()
            .map(|reason| {
                view! { <p class="notice">{format!("{reason} These fields are read only.")}</p> }
            })}
        {(current.user_type == UserType::Mobile)
            .then(|| {
                view! {
                    <p class="notice">
                        "Mobile users are replaced with a DigitalLine from the Mobile users page."
                    </p>
                }
            })}
        <form class="licenses-form" on:submit=submit>
            <fieldset disabled=!editable>
                <legend>"User license"</legend>
                {[UserType::Office, UserType::VideoProPlus, UserType::VideoPro]
                    .into_iter()
                    .map(|t| {
                        let license = license_for(t);
                        let count = license.map(|k| available(&offers, k));
                        let holds = license.is_some() && license == old_license;
                        let blocked = count == Some(0) && !holds && !may_buy;
                        let note = match (license, count) {
                            (None, _) => "free".to_owned(),
                            (Some(_), _) if holds => "held now".to_owned(),
                            (Some(k), Some(0)) => none_spare(k),
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
            <fieldset disabled=!editable>
                <legend>"Add-ons"</legend>
                {ADD_ONS
                    .into_iter()
                    .map(|k| {
                        let holds = held.contains(&k);
                        let count = available(&offers, k);
                        let blocked = !holds && count == 0 && !may_buy;
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
                                        (false, 0) => none_spare(k),
                                        (false, n) => format!("{n} in inventory"),
                                    },
                                )}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {move || {
                frees_any()
                    .then(|| {
                        if may_buy {
                            view! {
                                <label class="checkbox">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || cancel_freed.get()
                                        on:change=move |ev| {
                                            cancel_freed.set(event_target_checked(&ev))
                                        }
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
            }}
            {move || {
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
                                        aria-invalid=move || {
                                            (must_agree.get() && !agreed.get()).to_string()
                                        }
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
            }}
            {move || {
                confirming_loss
                    .get()
                    .then(|| {
                        view! {
                            <div class="notice notice-warning" role="alert">
                                <p>
                                    <strong>
                                        "Removing the user license deletes this user's:"
                                    </strong>
                                </p>
                                <ul>
                                    <li>
                                        {format!(
                                            "Call history ({} entries)",
                                            loss.call_history_entries,
                                        )}
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
                                        {format!(
                                            "Device activation ({} devices)",
                                            loss.activated_devices,
                                        )}
                                    </li>
                                </ul>
                                <p>
                                    "Call recordings stay available to admins. Copy or export what you need first."
                                </p>
                            </div>
                        }
                    })
            }}
            {move || {
                failure()
                    .map(|e: ApiError| {
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
            }}
            {if editable {
                view! {
                    <DialogActions
                        on_cancel=on_close
                        disabled=move || save.pending().get()
                        confirm=move || {
                            if save.pending().get() {
                                "Saving…"
                            } else if confirming_loss.get() {
                                "Continue and save"
                            } else {
                                "Save"
                            }
                                .to_owned()
                        }
                    />
                }
                    .into_any()
            } else {
                view! { <DialogActions on_cancel=on_close cancel="Close" /> }.into_any()
            }}
        </form>
    }
}
