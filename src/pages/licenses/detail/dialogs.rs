//! The detail page's dialogs: confirming a change, reassigning, assigning one by one and in
//! bulk.

use domain::api::Endpoint;
use domain::licenses::{
    Changed, DeleteNumber, HeldLicense, InventoryItem, InventoryType, Unassign,
};
use leptos::prelude::*;

use crate::components::dialog::{Dialog, DialogActions};
use crate::pages::licenses::assign::{AssignDialog, ReassignDialog};
use crate::pages::licenses::bulk::BulkAssignDialog;
use crate::pages::licenses::change::{change_action, confirm_label, ChangeFailure};

/// A change waiting for the admin's confirmation.
#[derive(Clone, PartialEq)]
pub struct Pending {
    title: String,
    message: String,
    endpoint: Endpoint,
    body: serde_json::Value,
}

impl Pending {
    /// Unassigning `licenses`, asked with `title` and `message`.
    pub fn unassign(title: String, message: &str, licenses: Vec<HeldLicense>) -> Self {
        Self {
            title,
            message: message.into(),
            endpoint: Endpoint::Unassign,
            body: serde_json::to_value(Unassign { licenses }).expect("plain data"),
        }
    }

    /// Deleting the additional number `item`.
    pub fn delete_number(item: &InventoryItem) -> Self {
        Self {
            title: format!("Delete {}?", item.label),
            message: "The number leaves the account and its monthly charge stops. It may not be possible to get it back.".into(),
            endpoint: Endpoint::DeleteNumber,
            body: serde_json::to_value(DeleteNumber {
                e164: item.id.clone(),
            })
            .expect("plain data"),
        }
    }
}

/// Whichever dialog is open: the pending change's confirmation, reassigning an item, bulk
/// assigning via file, or assigning.
#[component]
pub fn DetailDialogs(
    kind: InventoryType,
    pending: RwSignal<Option<Pending>>,
    reassigning: RwSignal<Option<InventoryItem>>,
    bulk: RwSignal<bool>,
    assigning: RwSignal<bool>,
    /// Loads the page again.
    reload: Callback<()>,
    /// Runs when a change went through, with what it did ("assigned").
    done: Callback<(Changed, &'static str)>,
) -> impl IntoView {
    view! {
        {move || {
            pending
                .get()
                .map(|p| {
                    view! {
                        <ConfirmChange
                            pending=p
                            on_close=move |_| pending.set(None)
                            on_reload=move |_| {
                                pending.set(None);
                                reload.run(());
                            }
                            on_done=move |c| done.run((c, "changed"))
                        />
                    }
                })
        }}
        {move || {
            reassigning
                .get()
                .map(|item| {
                    view! {
                        <ReassignDialog
                            item=item
                            on_close=move |_| reassigning.set(None)
                            on_reload=move |_| {
                                reassigning.set(None);
                                reload.run(());
                            }
                            on_done=move |c| {
                                reassigning.set(None);
                                done.run((c, "reassigned"));
                            }
                        />
                    }
                })
        }}
        {move || {
            bulk.get()
                .then(|| {
                    view! {
                        <BulkAssignDialog
                            kind=kind
                            on_close=move |_| bulk.set(false)
                            on_finished=move |_| reload.run(())
                        />
                    }
                })
        }}
        {move || {
            (assigning.get() && kind.license().is_some())
                .then(|| {
                    view! {
                        <AssignDialog
                            kind=kind.license().expect("add-on")
                            on_close=move |_| assigning.set(false)
                            on_done=move |c| done.run((c, "assigned"))
                        />
                    }
                })
        }}
    }
}

/// Asks before a change (the title names it; the button says Confirm, as in the portals admins
/// know), sends it (safe to retry: one idempotency key per dialog), and says
/// what went wrong in place.
#[component]
fn ConfirmChange(
    pending: Pending,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_reload: Callback<()>,
    #[prop(into)] on_done: Callback<Changed>,
) -> impl IntoView {
    let Pending {
        title,
        message,
        endpoint,
        body,
    } = pending;
    let send = change_action(endpoint, on_done);
    view! {
        <Dialog title=title on_close=on_close>
            <p>{message}</p>
            <ChangeFailure
                action=send
                on_reload=on_reload
                retry_note="Trying again is safe: the change is applied once."
            />
            <DialogActions
                on_cancel=on_close
                confirm=confirm_label(send, "Confirm")
                disabled=move || send.pending().get()
                on_confirm=move |_| {
                    send.dispatch(body.clone());
                }
            />
        </Dialog>
    }
}
