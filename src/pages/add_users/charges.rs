//! The charges of a draft: the spare licenses that move between cost centers, the itemised
//! one-time and monthly charges, and the Confirm window a submit that buys anything opens
//! (the charges with the acknowledgment, Next, then Submit).

use domain::add_users::{
    allocate_licenses, charges, effective_cost_center, license_for, AccountView, AddUsersRequest,
    AddUsersView, Charges, LicenseSource, ACKNOWLEDGED_CHARGES,
};
use domain::Role;
use leptos::prelude::*;

use super::Wizard;
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::table_scroller::TableScroller;
use crate::format::money;

/// The itemised charges of the draft (one-time and monthly) and the spare licenses that move,
/// following every change; Submit confirms them.
#[component]
pub fn ChargesSection() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let bill = Memo::new(move |_| {
        let role = wizard.role.get();
        wizard
            .draft
            .with(|d| wizard.view.with_value(|v| charges(&d.request, v, &role)))
    });
    view! {
        <section class="charges" aria-labelledby="charges-heading">
            <h3 id="charges-heading">"Charges"</h3>
            <LicenseMoves />
            {move || {
                let bill = bill.get();
                if bill.is_purchase() {
                    view! {
                        <ChargesTable bill=bill />
                        <p class="muted">
                            "Submit shows these charges again to confirm before anything is bought."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p>
                            "Nothing to buy: every license, phone and number comes from inventory."
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The spare licenses taken from another cost center, when there are any.
#[component]
fn LicenseMoves() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let moves = Memo::new(move |_| {
        let role = wizard.role.get();
        wizard.draft.with(|d| {
            wizard
                .view
                .with_value(|v| license_moves(&d.request, v, &role))
        })
    });
    move || {
        (!moves.with(Vec::is_empty)).then(|| {
            view! {
                <div class="notice license-moves">
                    <p>
                        "No charge for these: your role manages cost centers, so spare licenses move to the users' cost centers."
                    </p>
                    <ul>
                        {moves.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// Spare licenses taken from another cost center (admins who manage cost centers), one
/// sentence each.
fn license_moves(request: &AddUsersRequest, v: &AddUsersView, role: &Role) -> Vec<String> {
    let cost_center = |id: &str| v.cost_center(id).map_or("", |c| c.name.as_str()).to_owned();
    let kind = license_for(request.user_type).map_or("", |k| k.label());
    allocate_licenses(request, v, role)
        .into_iter()
        .zip(&request.rows)
        .filter_map(|(source, row)| match source {
            Some(LicenseSource::Inventory {
                moved_from: Some(from),
                ..
            }) => Some(format!(
                "A spare {kind} license for {} {} moves from {} to {}.",
                row.first_name,
                row.last_name,
                cost_center(&from),
                cost_center(effective_cost_center(row, v)),
            )),
            _ => None,
        })
        .collect()
}

/// The table of what `bill` buys, line by line, with the one-time and monthly totals.
#[component]
fn ChargesTable(bill: Charges) -> impl IntoView {
    view! {
        <TableScroller label="Itemised charges">
            <table class="charges-table">
                <thead>
                    <tr>
                        <th scope="col">"Item"</th>
                        <th scope="col">"Qty"</th>
                        <th scope="col">"One-time"</th>
                        <th scope="col">"Monthly"</th>
                    </tr>
                </thead>
                <tbody>
                    {bill
                        .lines
                        .iter()
                        .map(|l| {
                            view! {
                                <tr>
                                    <td>{l.item.clone()}</td>
                                    <td>{l.quantity}</td>
                                    <td>{money(l.one_time_cents * u64::from(l.quantity))}</td>
                                    <td>{money(l.monthly_cents * u64::from(l.quantity))}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">
                            "Total"
                        </th>
                        <td>{money(bill.one_time_total_cents)}</td>
                        <td>{format!("{} / month", money(bill.monthly_total_cents))}</td>
                    </tr>
                </tfoot>
            </table>
        </TableScroller>
    }
}

/// The checkbox acknowledging the charges, and its error once touched.
#[component]
fn AcknowledgeCharges() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let acknowledged = move || wizard.draft.with(|d| d.request.acknowledged_charges);
    let ack_error = wizard.error(String::from(ACKNOWLEDGED_CHARGES));
    view! {
        <label class="checkbox">
            <input
                type="checkbox"
                prop:checked=acknowledged
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    wizard.touch(ACKNOWLEDGED_CHARGES);
                    wizard.edit(|d| d.request.acknowledged_charges = on);
                }
            />
            "I acknowledge these charges will be added to the account's bill."
        </label>
        {move || ack_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
    }
}

/// What Submit buys, in money: now, and on the monthly bill.
fn purchase_sentence(bill: &Charges) -> String {
    let (once, monthly) = (bill.one_time_total_cents, bill.monthly_total_cents);
    let what = match (once, monthly) {
        (_, 0) => format!("{} now; nothing is added to the monthly bill", money(once)),
        (0, _) => format!(
            "{} a month on the account's bill; nothing is charged now",
            money(monthly)
        ),
        _ => format!(
            "{} now, and {} a month on the account's bill",
            money(once),
            money(monthly)
        ),
    };
    format!("Submit to buy what is listed: {what}.")
}

/// The Confirm window of a submit that buys anything (`title`, "Add Users – Confirm"): the
/// charges and the acknowledgment, Next, then what Submit does. Nothing is bought without it.
#[component]
pub fn ConfirmCharges(title: &'static str) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    move || {
        wizard.confirming.get().map(|go| {
            let bill = wizard.bill();
            let what = purchase_sentence(&bill);
            // On the second page: the charges were acknowledged, Submit is next.
            let submit_page = RwSignal::new(false);
            let close = move || wizard.confirming.set(None);
            view! {
                <Dialog title=title on_close=move |_| close()>
                    {move || {
                        if submit_page.get() {
                            view! { <p>{what.clone()}</p> }.into_any()
                        } else {
                            view! {
                                <ChargesTable bill=bill.clone() />
                                <AcknowledgeCharges />
                            }
                                .into_any()
                        }
                    }}
                    <DialogActions
                        on_cancel=move |_| close()
                        confirm=move || {
                            if submit_page.get() { "Submit" } else { "Next" }.to_owned()
                        }
                        on_confirm=move |_| {
                            if submit_page.get_untracked() {
                                close();
                                go.run(());
                            } else {
                                wizard.touch(ACKNOWLEDGED_CHARGES);
                                submit_page
                                    .set(
                                        wizard
                                            .draft
                                            .with_untracked(|d| d.request.acknowledged_charges),
                                    );
                            }
                        }
                    >
                        {move || {
                            submit_page
                                .get()
                                .then(|| {
                                    view! {
                                        <button
                                            class="btn"
                                            on:click=move |_| submit_page.set(false)
                                        >
                                            "Back"
                                        </button>
                                    }
                                })
                        }}
                    </DialogActions>
                </Dialog>
            }
        })
    }
}
