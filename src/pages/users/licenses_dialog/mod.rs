//! A user's licenses from the Users page (and their own page): what they hold (name and quantity) and, for roles that
//! manage licenses, Edit licenses: the user license that goes with the type (upgrades only from
//! inventory) and add-ons. Removing a user license first shows what it deletes, with this
//! user's figures, and needs Continue.

mod choices;
mod held;
mod notices;
mod stock;

use std::collections::BTreeSet;

use domain::add_users::license_for;
use domain::inventory::LicenseKind;
use domain::licenses::{EditLicenses, UserLicenses};
use domain::users_query::UserRow;
use domain::{Permission, UserType};
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::loaded::Loaded;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::session::permission_gate;

use choices::{AddOnChoices, UserLicenseChoices};
use held::HeldLicenses;
use notices::{DataLossWarning, FreedLicenses, PurchaseAgreement, ReadOnlyNotices, SaveFailure};
use stock::Stock;

#[component]
pub fn LicensesDialog(
    row: UserRow,
    #[prop(into)] on_close: Callback<()>,
    /// Called after a change was saved (to reload the list).
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    view! {
        <Dialog title=format!("Licenses of {}", row.name) on_close=on_close>
            <UserLicensesForm id=row.id on_close=on_close on_done=on_done />
        </Dialog>
    }
}

/// Loads the licenses of the user `id`, then shows [`LicensesForm`] for them: the Edit
/// licenses dialog's body, and the Services and permissions section of the user's page.
#[component]
pub fn UserLicensesForm(
    id: u32,
    #[prop(into)] on_close: Callback<()>,
    /// Called after a change was saved.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let loaded = LocalResource::new(move || {
        let api = api.clone();
        async move { api.user_licenses(id).await }
    });
    view! {
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
    }
}

/// What the user holds, and (for roles that manage licenses) the edit of their user license
/// and add-ons.
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
    let mobile = current.user_type == UserType::Mobile;
    let editable = !mobile && read_only.is_none();
    let user_type = RwSignal::new(current.user_type);
    let held_add_ons: BTreeSet<LicenseKind> = current
        .held
        .iter()
        .copied()
        .filter(|k| k.is_add_on())
        .collect();
    let add_ons = RwSignal::new(held_add_ons.clone());
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
    let frees = Memo::new(move |_| {
        removes_user_license() || add_ons.with(|a| held_add_ons.iter().any(|k| !a.contains(k)))
    });
    let stock = Stock {
        offers: current.offers.clone(),
        may_buy,
    };
    // The chosen licenses that no spare covers: bought on save, at these monthly prices.
    let (spares, held_now) = (stock.clone(), current.held.clone());
    let to_buy = Memo::new(move |_| {
        let chosen = license_for(user_type.get())
            .into_iter()
            .chain(add_ons.get());
        spares.to_buy(chosen, &held_now)
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            let note = saved_note(frees.get(), cancel_freed.get_untracked());
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
            cancel_freed: frees.get() && cancel_freed.get_untracked(),
            buy_missing: buying,
        });
    };
    view! {
        <HeldLicenses held=current.held.clone() />
        <ReadOnlyNotices read_only=read_only mobile=mobile />
        <form class="licenses-form" on:submit=submit>
            <UserLicenseChoices
                editable=editable
                stock=stock.clone()
                old_license=old_license
                user_type=user_type
                confirming_loss=confirming_loss
            />
            <AddOnChoices editable=editable stock=stock held=current.held add_ons=add_ons />
            <FreedLicenses frees=frees may_buy=may_buy cancel_freed=cancel_freed />
            <PurchaseAgreement to_buy=to_buy agreed=agreed must_agree=must_agree />
            <DataLossWarning shown=confirming_loss loss=current.loss />
            <SaveFailure
                failure=Signal::derive(move || save.value().get().and_then(Result::err))
                on_reload=on_reload
            />
            <FormActions
                editable=editable
                on_close=on_close
                pending=save.pending()
                confirming_loss=confirming_loss
            />
        </form>
    }
}

/// What the success toast adds about the licenses the edit freed (if any): cancelled, or back in
/// inventory and still billed.
fn saved_note(frees: bool, cancelled: bool) -> &'static str {
    match (frees, cancelled) {
        (true, true) => " The freed licenses were cancelled: their charge stops.",
        (true, false) => " The freed licenses are back in inventory; billing for them continues until you request a partial cancellation.",
        _ => "",
    }
}

/// The form's footer: Cancel and Save (or Continue and save) when editable, else only Close.
#[component]
fn FormActions(
    editable: bool,
    on_close: Callback<()>,
    #[prop(into)] pending: Signal<bool>,
    confirming_loss: RwSignal<bool>,
) -> impl IntoView {
    if editable {
        view! {
            <DialogActions
                on_cancel=on_close
                disabled=pending
                confirm=move || {
                    if pending.get() {
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
    }
}
