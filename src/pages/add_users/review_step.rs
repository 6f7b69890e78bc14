//! Step 5: review every user, the itemised charges (one-time and monthly, see `charges`) with
//! the acknowledgment when anything is bought, the Missing Emergency Address prompt, and submit.

use domain::add_users::{
    shipping_addresses, AddUsersResult, AddUsersView, EmergencyChoice, NewUser, NumberChoice,
    PhoneChoice, Setup,
};
use domain::inventory::Address;
use domain::ApiError;
use leptos::prelude::*;

use super::{ChargesSection, ConfirmCharges, Wizard};
use crate::api::use_api;
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::table_scroller::TableScroller;

/// The review of the draft: the users, the charges and submit (confirming first when some
/// users have no emergency address).
#[component]
pub fn ReviewStep(#[prop(into)] on_done: Callback<AddUsersResult>) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let api = use_api();
    let submit = Action::new_local(move |_: &()| {
        let api = api.clone();
        let (request, key) = wizard
            .draft
            .with_untracked(|d| (d.request.clone(), d.idempotency_key.clone()));
        async move { api.add_users(&request, &key).await }
    });
    let failure = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(result)) => on_done.run(result),
        Some(Err(error)) => {
            wizard.touch("*");
            failure.set(Some(error));
        }
        None => {}
    });
    let missing_emergency = RwSignal::new(false);
    let send = Callback::new(move |()| {
        failure.set(None);
        submit.dispatch(());
    });
    let on_submit = Callback::new(move |_| {
        if !wizard.ready_to_submit(failure) {
            return;
        }
        let lacks = wizard.draft.with_untracked(|d| {
            d.request
                .rows
                .iter()
                .any(|r| matches!(&r.setup, Setup::AssignCredentials(c) if c.emergency.is_none()))
        });
        if lacks {
            missing_emergency.set(true);
        } else {
            wizard.submit(failure, send);
        }
    });
    let on_continue = Callback::new(move |_| wizard.submit(failure, send));
    view! {
        <UsersTable />
        <ChargesSection />
        <SubmitBar
            pending=submit.pending()
            failure=failure
            on_submit=on_submit
            retry_note="Submitting again is safe: users are created once."
            confirm_title="Add Users – Confirm"
        />
        <MissingEmergencyDialog open=missing_emergency on_continue=on_continue />
    }
}

/// The table of the users to add, one row each with its phone, number and setup.
#[component]
fn UsersTable() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let rows = move || {
        wizard.draft.with(|d| {
            let addresses = wizard
                .view
                .with_value(|v| shipping_addresses(&d.request, v));
            d.request
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let phone = wizard.view.with_value(|v| phone_label(r, v, &addresses));
                    let number = number_label(r);
                    let setup = match &r.setup {
                        Setup::SendInvite => "Send invite",
                        Setup::ScheduleInvite { .. } => "Schedule invite",
                        Setup::AssignCredentials(_) => "Assign credentials",
                        Setup::ActivateLater => "Activate later",
                    };
                    view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td>{format!("{} {}", r.first_name, r.last_name)}</td>
                            <td>{r.email.clone()}</td>
                            <td>{r.extension.clone()}</td>
                            <td>{phone}</td>
                            <td>{number}</td>
                            <td>{setup}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <TableScroller label="Users to add">
            <table class="review-table">
                <caption class="visually-hidden">"Users to add"</caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Ext."</th>
                        <th scope="col">"Phone"</th>
                        <th scope="col">"Number"</th>
                        <th scope="col">"Setup"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroller>
    }
}

/// The Missing Emergency Address prompt while `open`: Back closes it, Yes, continue submits.
#[component]
fn MissingEmergencyDialog(
    open: RwSignal<bool>,
    /// Submits anyway.
    on_continue: Callback<()>,
) -> impl IntoView {
    move || {
        open.get().then(|| {
            view! {
                <Dialog title="Missing Emergency Address" on_close=move |_| open.set(false)>
                    <p>
                        "Some users activated with credentials have no emergency response location. They can't make or receive calls until one is added, and will be asked for their address when they first sign in."
                    </p>
                    <DialogActions
                        on_cancel=move |_| open.set(false)
                        cancel="Back"
                        confirm="Yes, continue".to_owned()
                        on_confirm=move |_| {
                            open.set(false);
                            on_continue.run(());
                        }
                    />
                </Dialog>
            }
        })
    }
}

/// What a row's phone is, as the review lists it.
pub fn phone_label(row: &NewUser, v: &AddUsersView, addresses: &[Address]) -> String {
    match &row.phone {
        PhoneChoice::DesktopApp => "App only".to_owned(),
        PhoneChoice::Inventory { phone_id } => v
            .spare_phones
            .iter()
            .find(|p| &p.id == phone_id)
            .map_or_else(String::new, |p| {
                format!("{} ({}) from inventory", p.model, p.mac)
            }),
        PhoneChoice::Purchase { sku, address_id } => {
            let model = v
                .catalog
                .iter()
                .find(|c| &c.sku == sku)
                .map_or(sku.as_str(), |c| c.model.as_str());
            let to = addresses
                .iter()
                .find(|a| &a.id == address_id)
                .map_or("", |a| a.name.as_str());
            format!("New {model}, ship to {to}")
        }
        PhoneChoice::BringOwn => "Own SIP device".to_owned(),
    }
}

/// An emergency response location as the review lists it: an existing one by nickname and
/// address, a new one marked New, or `none`.
pub fn emergency_label(choice: Option<&EmergencyChoice>, v: &AddUsersView, none: &str) -> String {
    match choice {
        Some(EmergencyChoice::Existing { location_id }) => v
            .emergency_locations
            .iter()
            .find(|l| &l.id == location_id)
            .map_or_else(String::new, |l| {
                format!("{}: {}, {}", l.nickname, l.address.street, l.address.city)
            }),
        Some(EmergencyChoice::New {
            nickname,
            street,
            city,
            ..
        }) => format!("New: {nickname}: {street}, {city}"),
        None => none.to_owned(),
    }
}

/// A row's number, or a dash.
pub fn number_label(row: &NewUser) -> String {
    match &row.number {
        NumberChoice::Inventory { e164 } | NumberChoice::New { e164, .. } => e164.clone(),
        NumberChoice::None => "—".to_owned(),
    }
}

/// The submit button (Try again after a retryable failure) and what went wrong, above it.
#[component]
pub fn SubmitBar(
    #[prop(into)] pending: Signal<bool>,
    failure: RwSignal<Option<ApiError>>,
    #[prop(into)] on_submit: Callback<()>,
    /// Why submitting again is safe.
    retry_note: &'static str,
    /// The title of the Confirm window a submit that buys anything opens.
    confirm_title: &'static str,
) -> impl IntoView {
    view! {
        <ConfirmCharges title=confirm_title />
        {move || {
            failure
                .get()
                .map(|e| {
                    view! {
                        <div class="notice notice-error" role="alert">
                            <p>
                                {if e.status == 400 {
                                    "Some fields need attention. Go Back to the steps marked and fix them; nothing was changed."
                                        .to_owned()
                                } else {
                                    e.message.clone()
                                }}
                            </p>
                            {e.is_retryable().then(|| view! { <p class="muted">{retry_note}</p> })}
                        </div>
                    }
                })
        }}
        <div class="wizard-submit">
            <button
                class="btn btn-primary"
                on:click=move |_| on_submit.run(())
                disabled=move || pending.get()
            >
                {move || {
                    if pending.get() {
                        "Submitting…"
                    } else if failure.get().is_some_and(|e| e.is_retryable()) {
                        "Try again"
                    } else {
                        "Submit"
                    }
                }}
            </button>
        </div>
    }
}
