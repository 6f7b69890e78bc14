//! The charges of a draft: the spare licenses that move between cost centers, the itemised
//! one-time and monthly charges, and the acknowledgment when anything is bought.

use domain::add_users::{
    allocate_licenses, charges, effective_cost_center, license_for, AccountView, AddUsersRequest,
    AddUsersView, Charges, LicenseSource,
};
use domain::Role;
use leptos::prelude::*;

use super::Wizard;
use crate::format::money;

/// The itemised charges of the draft (one-time and monthly), the spare licenses that move,
/// and the acknowledgment when anything is bought.
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
                        <AcknowledgeCharges />
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
    }
}

/// The checkbox acknowledging the charges, and its error once touched.
#[component]
fn AcknowledgeCharges() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let acknowledged = move || wizard.draft.with(|d| d.request.acknowledged_charges);
    let ack_error = wizard.error(String::from("acknowledgedCharges"));
    view! {
        <label class="checkbox">
            <input
                type="checkbox"
                prop:checked=acknowledged
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    wizard.touch("acknowledgedCharges");
                    wizard.edit(|d| d.request.acknowledged_charges = on);
                }
            />
            "I acknowledge these charges will be added to the account's bill."
        </label>
        {move || ack_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
    }
}
