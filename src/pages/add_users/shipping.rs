//! Where purchased phones ship: one address for all, or per device in the Ship to multiple
//! addresses window (tick devices, pick an address, Assign to selected, Done), with addresses
//! added or edited in a dialog and saved with the users on submit.

use std::collections::BTreeSet;

use domain::add_users::{address_problems, new_address_id, shipping_addresses, PhoneChoice};
use domain::inventory::Address;
use leptos::prelude::*;

use super::fields::{field_id, SelectField};
use super::Wizard;
use crate::components::dialog::{Dialog, DialogActions, DoneActions};

/// One purchased phone: its row, who it is for, the model and where it ships.
#[derive(Clone, PartialEq)]
struct Device {
    row: usize,
    user: String,
    model: String,
    address_id: String,
}

/// The shipping choices, shown once any row buys a phone.
#[component]
pub fn ShippingPanel() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let devices = Memo::new(move |_| purchased_devices(wizard));
    let addresses = Memo::new(move |_| {
        wizard.draft.with(|d| {
            wizard
                .view
                .with_value(|v| shipping_addresses(&d.request, v))
        })
    });
    let one = RwSignal::new(
        devices.with_untracked(|d| d.windows(2).all(|w| w[0].address_id == w[1].address_id)),
    );
    // The address picked in the panel: where all ship, or what "Assign" gives the selected.
    let chosen = RwSignal::new(
        devices
            .with_untracked(|d| d.first().map(|d| d.address_id.clone()))
            .unwrap_or_default(),
    );
    let selected = RwSignal::new(BTreeSet::<usize>::new());
    let ship = move |rows: Vec<usize>, to: String| {
        wizard.edit(|d| {
            for row in rows {
                if let Some(PhoneChoice::Purchase { address_id, .. }) =
                    d.request.rows.get_mut(row).map(|r| &mut r.phone)
                {
                    address_id.clone_from(&to);
                }
                wizard.touch(&format!("rows[{row}].shipping"));
            }
        })
    };
    let ship_all = move |to: String| {
        ship(
            devices.with_untracked(|d| d.iter().map(|d| d.row).collect()),
            to,
        )
    };
    // The Ship to multiple addresses window, as in the seed: tick devices, pick an address,
    // Assign to selected, Done.
    let per_device = RwSignal::new(false);
    let set_mode = Callback::new(move |to_one: bool| {
        one.set(to_one);
        if to_one {
            ship_all(chosen.get_untracked());
        } else {
            per_device.set(true);
        }
    });
    let pick = Callback::new(move |to: String| {
        chosen.set(to.clone());
        if one.get_untracked() {
            ship_all(to);
        }
    });
    let assign = Callback::new(move |()| {
        let rows: Vec<usize> = selected.get_untracked().into_iter().collect();
        ship(rows, chosen.get_untracked());
        selected.set(BTreeSet::new());
    });
    let editing = RwSignal::new(None::<Address>);
    let save = Callback::new(move |address: Address| {
        let id = address.id.clone();
        wizard.edit(
            |d| match d.request.addresses.iter_mut().find(|a| a.id == id) {
                Some(existing) => *existing = address,
                None => d.request.addresses.push(address),
            },
        );
        editing.set(None);
        pick.run(id);
    });

    // The address select and its buttons: in the panel for one address, in the window per
    // device.
    let picker = move || {
        view! {
            <div class="shipping-actions">
                <AddressPicker
                    one=one
                    addresses=addresses
                    chosen=chosen
                    selected=selected
                    on_pick=pick
                    on_assign=assign
                />
                <AddressButtons addresses=addresses chosen=chosen editing=editing.write_only() />
            </div>
        }
    };
    view! {
        <fieldset class="shipping">
            <legend>"Shipping for purchased phones"</legend>
            <ShipModeChoice one=one on_change=set_mode />
            {move || {
                if one.get() {
                    picker().into_any()
                } else if per_device.get() {
                    ().into_any()
                } else {
                    view! {
                        <DeviceTable
                            devices=devices
                            addresses=addresses
                            selected=selected
                            pickable=false
                        />
                        <div class="shipping-actions">
                            <button class="btn" on:click=move |_| per_device.set(true)>
                                "Change addresses per device"
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
        </fieldset>
        {move || {
            per_device
                .get()
                .then(|| {
                    view! {
                        <Dialog
                            title="Ship to multiple addresses".to_owned()
                            on_close=move |_| per_device.set(false)
                            wide=true
                        >
                            <p class="muted">
                                "Tick devices, pick an address, then Assign to selected. Done when every device ships where it should."
                            </p>
                            <DeviceTable
                                devices=devices
                                addresses=addresses
                                selected=selected
                                pickable=true
                            />
                            {picker()}
                            <DoneActions on_done=move |()| per_device.set(false) />
                        </Dialog>
                    }
                })
        }}
        {move || {
            editing
                .get()
                .map(|address| {
                    view! {
                        <AddressDialog
                            address=address
                            on_save=save
                            on_close=move |_| editing.set(None)
                        />
                    }
                })
        }}
    }
}

/// The purchased phones in the draft, in row order.
fn purchased_devices(wizard: Wizard) -> Vec<Device> {
    wizard.draft.with(|d| {
        d.request
            .rows
            .iter()
            .enumerate()
            .filter_map(|(row, r)| match &r.phone {
                PhoneChoice::Purchase { sku, address_id } => Some(Device {
                    row,
                    user: wizard.row_name(row),
                    model: wizard.view.with_value(|v| {
                        v.catalog
                            .iter()
                            .find(|c| &c.sku == sku)
                            .map_or_else(|| "Model not chosen".into(), |c| c.model.clone())
                    }),
                    address_id: address_id.clone(),
                }),
                _ => None,
            })
            .collect::<Vec<_>>()
    })
}

/// The two radios: ship all devices to one address, or to several.
#[component]
fn ShipModeChoice(
    /// Whether all devices ship to one address.
    #[prop(into)]
    one: Signal<bool>,
    /// Called with the mode chosen: `true` for one address.
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="radio">
            <input
                type="radio"
                name="ship-mode"
                prop:checked=move || one.get()
                on:change=move |_| on_change.run(true)
            />
            "Ship all devices to one address"
        </label>
        <label class="radio">
            <input
                type="radio"
                name="ship-mode"
                prop:checked=move || !one.get()
                on:change=move |_| on_change.run(false)
            />
            "Ship to multiple addresses"
        </label>
    }
}

/// The address select: where all devices ship, or, with several addresses, what "Assign to
/// selected" gives the ticked devices.
#[component]
fn AddressPicker(
    /// Whether all devices ship to one address.
    #[prop(into)]
    one: Signal<bool>,
    addresses: Memo<Vec<Address>>,
    /// The address picked.
    #[prop(into)]
    chosen: Signal<String>,
    /// The devices ticked for "Assign to selected".
    #[prop(into)]
    selected: Signal<BTreeSet<usize>>,
    on_pick: Callback<String>,
    /// Ships the ticked devices to the address picked.
    on_assign: Callback<()>,
) -> impl IntoView {
    let options = Signal::derive(move || {
        addresses.with(|all| {
            all.iter()
                .map(|a| {
                    (
                        a.id.clone(),
                        format!("{}: {}, {}", a.name, a.street, a.city),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let select = move |label: &'static str| {
        view! {
            <SelectField
                label=label
                field="shipTo"
                options=options
                value=chosen
                placeholder="Choose an address"
                on_change=on_pick
            />
        }
    };
    move || {
        if one.get() {
            select("Ship all devices to").into_any()
        } else {
            let count = move || selected.with(BTreeSet::len);
            view! {
                {select("Address")}
                <button
                    class="btn"
                    on:click=move |_| on_assign.run(())
                    disabled=move || count() == 0 || chosen.with(String::is_empty)
                >
                    {move || format!("Assign to selected ({})", count())}
                </button>
            }
            .into_any()
        }
    }
}

/// "Add address", and "Edit address" for the one picked: each opens the address dialog.
#[component]
fn AddressButtons(
    addresses: Memo<Vec<Address>>,
    /// The address picked.
    #[prop(into)]
    chosen: Signal<String>,
    /// Set to the address the dialog adds or edits.
    editing: WriteSignal<Option<Address>>,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let add = move |_| {
        let id = wizard.draft.with_untracked(|d| new_address_id(&d.request));
        editing.set(Some(Address {
            id,
            name: String::new(),
            street: String::new(),
            city: String::new(),
            state: String::new(),
            postal_code: String::new(),
            country: "United States".into(),
        }));
    };
    let edit = move |_| {
        let current = chosen.get_untracked();
        editing.set(addresses.with_untracked(|all| all.iter().find(|a| a.id == current).cloned()));
    };
    view! {
        <button class="btn" on:click=add>
            "Add address"
        </button>
        <button class="btn" on:click=edit disabled=move || chosen.with(String::is_empty)>
            "Edit address"
        </button>
    }
}

/// The purchased devices and where each ships; with `pickable`, a checkbox each for "Assign
/// to selected".
#[component]
fn DeviceTable(
    devices: Memo<Vec<Device>>,
    addresses: Memo<Vec<Address>>,
    selected: RwSignal<BTreeSet<usize>>,
    pickable: bool,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let all_selected = move || {
        devices.with(|d| !d.is_empty() && d.iter().all(|d| selected.with(|s| s.contains(&d.row))))
    };
    let toggle_all = move |ev| {
        let on = event_target_checked(&ev);
        selected.set(if on {
            devices.with_untracked(|d| d.iter().map(|d| d.row).collect())
        } else {
            BTreeSet::new()
        });
    };
    view! {
        <table class="data-table devices-table">
            <caption class="visually-hidden">"Purchased devices"</caption>
            <thead>
                <tr>
                    {pickable
                        .then(|| {
                            view! {
                                <th scope="col">
                                    <input
                                        type="checkbox"
                                        aria-label="Select all devices"
                                        prop:checked=all_selected
                                        on:change=toggle_all
                                    />
                                </th>
                            }
                        })} <th scope="col">"User"</th> <th scope="col">"Phone"</th>
                    <th scope="col">"Ships to"</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || devices.get()
                    key=|d| (d.row, d.user.clone(), d.model.clone(), d.address_id.clone())
                    let:device
                >
                    {
                        let row = device.row;
                        let to = addresses
                            .with(|all| {
                                all.iter()
                                    .find(|a| a.id == device.address_id)
                                    .map(|a| a.name.clone())
                            });
                        let error = wizard.error(format!("rows[{row}].shipping"));
                        let error_id = format!(
                            "{}-error",
                            field_id(&format!("rows[{row}].shipping")),
                        );
                        view! {
                            <tr>
                                {pickable
                                    .then(|| {
                                        view! {
                                            <td>
                                                <input
                                                    type="checkbox"
                                                    aria-label=format!(
                                                        "Select {}'s {}",
                                                        device.user,
                                                        device.model,
                                                    )
                                                    prop:checked=move || { selected.with(|s| s.contains(&row)) }
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        selected
                                                            .update(|s| {
                                                                if on {
                                                                    s.insert(row);
                                                                } else {
                                                                    s.remove(&row);
                                                                }
                                                            });
                                                    }
                                                />
                                            </td>
                                        }
                                    })} <td>{device.user.clone()}</td>
                                <td>{device.model.clone()}</td>
                                <td>
                                    {to.unwrap_or_else(|| "Not chosen".into())}
                                    <p id=error_id class="field-error" aria-live="polite">
                                        {move || error.get()}
                                    </p>
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}

/// Adds or edits one shipping address; checks it with the domain's rules before saving.
#[component]
fn AddressDialog(
    address: Address,
    #[prop(into)] on_save: Callback<Address>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let is_new = address
        .id
        .starts_with(domain::add_users::NEW_ADDRESS_PREFIX)
        && address.name.is_empty();
    let title = if is_new {
        "Add a shipping address"
    } else {
        "Edit shipping address"
    };
    let draft = RwSignal::new(address);
    let tried = RwSignal::new(false);
    let problems = Memo::new(move |_| {
        draft.with(|a| {
            let mut all: Vec<(&'static str, &'static str)> =
                address_problems(&a.street, &a.city, &a.state, &a.postal_code, &a.country);
            if a.name.trim().is_empty() {
                all.insert(
                    0,
                    ("name", "Give the address a name, like \"Head office\"."),
                );
            }
            all
        })
    });
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if problems.with_untracked(Vec::is_empty) {
            on_save.run(draft.get_untracked());
        }
    };
    type Part = fn(&mut Address) -> &mut String;
    let parts: [(&'static str, &'static str, &'static str, Part); 6] = [
        ("name", "Name", "organization", |a| &mut a.name),
        ("street", "Street", "street-address", |a| &mut a.street),
        ("city", "City", "address-level2", |a| &mut a.city),
        ("state", "State or province", "address-level1", |a| {
            &mut a.state
        }),
        ("postalCode", "Postal code", "postal-code", |a| {
            &mut a.postal_code
        }),
        ("country", "Country", "country-name", |a| &mut a.country),
    ];
    view! {
        <Dialog title=title on_close=on_close>
            <form class="address-form" on:submit=save novalidate>
                {parts
                    .into_iter()
                    .map(|(part, label, autocomplete, get)| {
                        let id = format!("address-{part}");
                        let error_id = format!("{id}-error");
                        let described = error_id.clone();
                        let error = move || {
                            tried
                                .get()
                                .then(|| {
                                    problems
                                        .with(|p| {
                                            p.iter().find(|(p, _)| *p == part).map(|(_, m)| *m)
                                        })
                                })
                                .flatten()
                        };
                        view! {
                            <div class="field" class:field-invalid=move || error().is_some()>
                                <label for=id.clone()>{label}</label>
                                <input
                                    id=id
                                    type="text"
                                    autocomplete=autocomplete
                                    prop:value=move || get(&mut draft.get()).clone()
                                    on:input=move |ev| {
                                        let value = event_target_value(&ev);
                                        draft.update(|a| *get(a) = value);
                                    }
                                    aria-invalid=move || error().is_some().then_some("true")
                                    aria-describedby=move || {
                                        error().is_some().then(|| described.clone())
                                    }
                                />
                                <p id=error_id class="field-error" aria-live="polite">
                                    {error}
                                </p>
                            </div>
                        }
                    })
                    .collect_view()}
                <DialogActions on_cancel=on_close confirm="Save address".to_owned() />
            </form>
        </Dialog>
    }
}
