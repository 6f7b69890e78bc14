//! Step 3 (Office and Video Pro+): each user's phone (desktop app, inventory, purchase, bring
//! your own) with its shipping address, and number (inventory or a new one by state or province,
//! area code and number).

use domain::add_users::{area_codes, numbers_for_sale, NewUser, NumberChoice, PhoneChoice, STATES};
use leptos::prelude::*;

use super::catalog::CatalogDialog;
use super::fields::SelectField;
use super::shipping::ShippingPanel;
use super::Wizard;

#[component]
pub fn PhonesStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let count = Memo::new(move |_| wizard.draft.with(|d| d.request.rows.len()));
    let buying = Memo::new(move |_| {
        wizard.draft.with(|d| {
            d.request
                .rows
                .iter()
                .any(|r| matches!(r.phone, PhoneChoice::Purchase { .. }))
        })
    });
    view! {
        <p class="muted">
            {move || {
                if count.get() == 1 {
                    "Choose the phone and the number."
                } else {
                    "Choose a phone and a number for each user. Rows can differ."
                }
            }}
        </p>
        <div class="user-rows" role="list" aria-label="Phones and numbers">
            <For each=move || 0..count.get() key=|i| *i let:index>
                <PhoneRow index=index />
            </For>
        </div>
        {move || buying.get().then(|| view! { <ShippingPanel /> })}
    }
}

fn options(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    pairs.into_iter().collect()
}

#[component]
fn PhoneRow(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let key = move |name: &str| format!("rows[{index}].{name}");
    let row = move || wizard.row(index);
    let edit = move |change: Box<dyn FnOnce(&mut NewUser)>| wizard.edit_row(index, change);
    let name = move || wizard.row_name(index);
    let can_buy = wizard.can_purchase;

    let phone_kind = Signal::derive(move || {
        match row().phone {
            PhoneChoice::DesktopApp => "desktop-app",
            PhoneChoice::Inventory { .. } => "inventory",
            PhoneChoice::Purchase { .. } => "purchase",
            PhoneChoice::BringOwn => "bring-own",
        }
        .to_owned()
    });
    let phone_kinds = Signal::derive(move || {
        let mut kinds = vec![
            (
                "desktop-app".to_owned(),
                "Desktop & mobile app only".to_owned(),
            ),
            ("inventory".into(), "Phone from inventory".into()),
        ];
        if can_buy.get() {
            kinds.push(("purchase".into(), "Purchase a phone".into()));
        }
        kinds.push(("bring-own".into(), "Bring your own SIP device".into()));
        kinds
    });
    let set_phone_kind = Callback::new(move |kind: String| {
        // A newly bought phone ships where the others already do (or to the first address).
        let first_address = wizard
            .draft
            .with_untracked(|d| {
                d.request.rows.iter().find_map(|r| match &r.phone {
                    PhoneChoice::Purchase { address_id, .. } if !address_id.is_empty() => {
                        Some(address_id.clone())
                    }
                    _ => None,
                })
            })
            .unwrap_or_else(|| {
                wizard.view.with_value(|v| {
                    v.shipping_addresses
                        .first()
                        .map(|a| a.id.clone())
                        .unwrap_or_default()
                })
            });
        edit(Box::new(move |r| {
            r.phone = match kind.as_str() {
                "inventory" => PhoneChoice::Inventory {
                    phone_id: String::new(),
                },
                "purchase" => PhoneChoice::Purchase {
                    sku: String::new(),
                    address_id: first_address,
                },
                "bring-own" => PhoneChoice::BringOwn,
                _ => PhoneChoice::DesktopApp,
            }
        }))
    });
    let spare_phones = Signal::derive(move || {
        wizard.view.with_value(|v| {
            options(v.spare_phones.iter().map(|p| {
                let site = v
                    .sites
                    .iter()
                    .find(|s| s.id == p.site_id)
                    .map_or("", |s| s.name.as_str());
                (p.id.clone(), format!("{} · {} · {site}", p.model, p.mac))
            }))
        })
    });
    let catalog = Signal::derive(move || {
        wizard.view.with_value(|v| {
            options(v.catalog.iter().map(|c| {
                (
                    c.sku.clone(),
                    format!(
                        "{} {} ({}) · ${:.2}",
                        c.brand,
                        c.model,
                        c.category,
                        f64::from(c.price_cents) / 100.0
                    ),
                )
            }))
        })
    });
    let number_kind = Signal::derive(move || {
        match row().number {
            NumberChoice::New { .. } => "new",
            _ => "inventory",
        }
        .to_owned()
    });
    let number_kinds = Signal::derive(move || {
        let mut kinds = vec![("inventory".to_owned(), "From number inventory".to_owned())];
        if can_buy.get() {
            kinds.push(("new".into(), "New number".into()));
        }
        kinds
    });
    let set_number_kind = Callback::new(move |kind: String| {
        edit(Box::new(move |r| {
            r.number = if kind == "new" {
                NumberChoice::New {
                    state: String::new(),
                    area_code: String::new(),
                    e164: String::new(),
                }
            } else {
                NumberChoice::Inventory {
                    e164: String::new(),
                }
            }
        }))
    });
    // Local numbers of the user's site, and toll-free numbers.
    let spare_numbers = Signal::derive(move || {
        let site_id = row().site_id;
        wizard.view.with_value(|v| {
            options(
                v.spare_numbers
                    .iter()
                    .filter(|n| {
                        n.site_id == site_id || n.kind == domain::inventory::NumberKind::TollFree
                    })
                    .map(|n| {
                        let site = v
                            .sites
                            .iter()
                            .find(|s| s.id == n.site_id)
                            .map_or("", |s| s.name.as_str());
                        let kind = if n.kind == domain::inventory::NumberKind::TollFree {
                            "toll-free"
                        } else {
                            "local"
                        };
                        (n.e164.clone(), format!("{} · {kind} · {site}", n.e164))
                    }),
            )
        })
    });
    let states = Signal::derive(|| {
        options(
            STATES
                .iter()
                .map(|(code, name, _)| ((*code).to_owned(), (*name).to_owned())),
        )
    });

    // The sub-fields re-render only when the kind of choice changes, never while editing it,
    // so focus stays where the admin is.
    let phone_kind_now = Memo::new(move |_| phone_kind.get());
    let number_kind_now = Memo::new(move |_| number_kind.get());
    let phone_part = move |read: fn(&PhoneChoice) -> Option<String>| {
        Signal::derive(move || read(&row().phone).unwrap_or_default())
    };
    let number_part = move |read: fn(&NumberChoice) -> Option<String>| {
        Signal::derive(move || read(&row().number).unwrap_or_default())
    };
    let phone_id = phone_part(|p| match p {
        PhoneChoice::Inventory { phone_id } => Some(phone_id.clone()),
        _ => None,
    });
    let sku = phone_part(|p| match p {
        PhoneChoice::Purchase { sku, .. } => Some(sku.clone()),
        _ => None,
    });
    let e164 = number_part(|n| match n {
        NumberChoice::Inventory { e164 } | NumberChoice::New { e164, .. } => Some(e164.clone()),
        NumberChoice::None => None,
    });
    let state = number_part(|n| match n {
        NumberChoice::New { state, .. } => Some(state.clone()),
        _ => None,
    });
    let area_code = number_part(|n| match n {
        NumberChoice::New { area_code, .. } => Some(area_code.clone()),
        _ => None,
    });
    let codes = Signal::derive(move || {
        options(
            area_codes(&state.get())
                .iter()
                .map(|c| ((*c).to_owned(), (*c).to_owned())),
        )
    });
    let offered = Signal::derive(move || {
        let (state, area_code) = (state.get(), area_code.get());
        wizard.view.with_value(|v| {
            options(
                numbers_for_sale(&state, &area_code, v)
                    .into_iter()
                    .map(|n| (n.clone(), n)),
            )
        })
    });
    let set_new_number = move |change: fn(&mut String, &mut String, &mut String, String)| {
        Callback::new(move |value: String| {
            edit(Box::new(move |r| {
                if let NumberChoice::New {
                    state,
                    area_code,
                    e164,
                } = &mut r.number
                {
                    change(state, area_code, e164, value);
                }
            }))
        })
    };
    let select_sku = Callback::new(move |value: String| {
        edit(Box::new(move |r| {
            if let PhoneChoice::Purchase { sku, .. } = &mut r.phone {
                *sku = value;
            }
        }))
    });
    let browsing = RwSignal::new(false);

    view! {
        {move || {
            browsing
                .get()
                .then(|| {
                    view! {
                        <CatalogDialog
                            who=name()
                            on_select=Callback::new(move |chosen: String| {
                                wizard.touch(&format!("rows[{index}].phone"));
                                select_sku.run(chosen);
                                browsing.set(false);
                            })
                            on_close=move |_| browsing.set(false)
                        />
                    }
                })
        }}
        <div class="user-row phone-row" role="listitem" aria-label=name>
            <span class="row-number" aria-hidden="true">
                {index + 1}
            </span>
            <strong class="row-name">{name}</strong>
            <SelectField
                label="Phone"
                field=format!("rows[{index}].phoneKind")
                options=phone_kinds
                value=phone_kind
                on_change=set_phone_kind
            />
            {move || match phone_kind_now.get().as_str() {
                "inventory" => {
                    view! {
                        <SelectField
                            label="Inventory phone"
                            field=key("phone")
                            options=spare_phones
                            value=phone_id
                            placeholder="Choose a phone"
                            on_change=Callback::new(move |id: String| edit(
                                Box::new(move |r| {
                                    r.phone = PhoneChoice::Inventory {
                                        phone_id: id,
                                    };
                                }),
                            ))
                        />
                    }
                        .into_any()
                }
                "purchase" => {
                    view! {
                        <SelectField
                            label="Model to purchase"
                            field=key("phone")
                            options=catalog
                            value=sku
                            placeholder="Choose a model"
                            on_change=select_sku
                        />
                        <button
                            class="btn btn-small browse-catalog"
                            aria-label=move || format!("Browse catalog for {}", name())
                            on:click=move |_| browsing.set(true)
                        >
                            "Browse catalog"
                        </button>
                    }
                        .into_any()
                }
                _ => ().into_any(),
            }}
            <SelectField
                label="Number"
                field=format!("rows[{index}].numberKind")
                options=number_kinds
                value=number_kind
                on_change=set_number_kind
            />
            {move || match number_kind_now.get().as_str() {
                "new" => {
                    view! {
                        <SelectField
                            label="State or province"
                            field=format!("rows[{index}].numberState")
                            options=states
                            value=state
                            placeholder="Choose"
                            on_change=set_new_number(|state, area, e164, v| {
                                *state = v;
                                area.clear();
                                e164.clear();
                            })
                        />
                        <SelectField
                            label="Area code"
                            field=format!("rows[{index}].numberAreaCode")
                            options=codes
                            value=area_code
                            placeholder="Choose"
                            on_change=set_new_number(|_, area, e164, v| {
                                *area = v;
                                e164.clear();
                            })
                        />
                        <SelectField
                            label="New number"
                            field=key("number")
                            options=offered
                            value=e164
                            placeholder="Choose a number"
                            on_change=set_new_number(|_, _, e164, v| *e164 = v)
                        />
                    }
                        .into_any()
                }
                _ => {
                    view! {
                        <SelectField
                            label="Number from inventory"
                            field=key("number")
                            options=spare_numbers
                            value=e164
                            placeholder="Choose a number"
                            on_change=Callback::new(move |n: String| edit(
                                Box::new(move |r| r.number = NumberChoice::Inventory { e164: n }),
                            ))
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
