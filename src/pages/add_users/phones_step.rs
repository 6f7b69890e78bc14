//! Step 3 (Office and Video Pro+): each user's phone (desktop app, inventory, purchase, bring
//! your own) with its shipping address, and number (inventory or a new one by state or province,
//! area code and number).

use domain::add_users::{area_codes, numbers_for_sale, NumberChoice, PhoneChoice, STATES};
use leptos::prelude::*;

use super::fields::SelectField;
use super::Wizard;

#[component]
pub fn PhonesStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let count = Memo::new(move |_| wizard.draft.with(|d| d.request.rows.len()));
    view! {
        <p class="muted">"Choose a phone and a number for each user. Rows can differ."</p>
        <div class="user-rows" role="list" aria-label="Phones and numbers">
            <For each=move || 0..count.get() key=|i| *i let:index>
                <PhoneRow index=index />
            </For>
        </div>
    }
}

fn options(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    pairs.into_iter().collect()
}

#[component]
fn PhoneRow(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let key = move |name: &str| format!("rows[{index}].{name}");
    let row = move || {
        wizard
            .draft
            .with(|d| d.request.rows.get(index).cloned().unwrap_or_default())
    };
    let edit = move |change: Box<dyn FnOnce(&mut domain::add_users::NewUser)>| {
        wizard.edit(|d| {
            if let Some(r) = d.request.rows.get_mut(index) {
                change(r);
            }
        })
    };
    let name = move || {
        let r = row();
        let n = format!("{} {}", r.first_name, r.last_name)
            .trim()
            .to_owned();
        if n.is_empty() {
            format!("User {}", index + 1)
        } else {
            n
        }
    };
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
        let first_address = wizard.view.with_value(|v| {
            v.shipping_addresses
                .first()
                .map(|a| a.id.clone())
                .unwrap_or_default()
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
    let addresses = Signal::derive(move || {
        wizard.view.with_value(|v| {
            options(v.shipping_addresses.iter().map(|a| {
                (
                    a.id.clone(),
                    format!("{}: {}, {}", a.name, a.street, a.city),
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
    let spare_numbers = Signal::derive(move || {
        wizard.view.with_value(|v| {
            options(v.spare_numbers.iter().map(|n| {
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
            }))
        })
    });
    let states = Signal::derive(|| {
        options(
            STATES
                .iter()
                .map(|(code, name, _)| ((*code).to_owned(), (*name).to_owned())),
        )
    });

    view! {
        <div class="user-row phone-row" role="listitem" aria-label=name>
            <span class="row-number" aria-hidden="true">{index + 1}</span>
            <strong class="row-name">{name}</strong>
            <SelectField label="Phone" field=format!("rows[{index}].phoneKind") options=phone_kinds value=phone_kind on_change=set_phone_kind />
            {move || match row().phone {
                PhoneChoice::Inventory { phone_id } => view! {
                    <SelectField label="Inventory phone" field=key("phone") options=spare_phones value=Signal::derive(move || phone_id.clone())
                        placeholder="Choose a phone"
                        on_change=Callback::new(move |id: String| edit(Box::new(move |r| r.phone = PhoneChoice::Inventory { phone_id: id }))) />
                }.into_any(),
                PhoneChoice::Purchase { sku, address_id } => {
                    let (sku2, address2) = (sku.clone(), address_id.clone());
                    view! {
                        <SelectField label="Model to purchase" field=key("phone") options=catalog value=Signal::derive(move || sku.clone())
                            placeholder="Choose a model"
                            on_change=Callback::new(move |s: String| { let a = address2.clone(); edit(Box::new(move |r| r.phone = PhoneChoice::Purchase { sku: s, address_id: a })) }) />
                        <SelectField label="Ship to" field=key("shipping") options=addresses value=Signal::derive(move || address_id.clone())
                            placeholder="Choose an address"
                            on_change=Callback::new(move |a: String| { let s = sku2.clone(); edit(Box::new(move |r| r.phone = PhoneChoice::Purchase { sku: s, address_id: a })) }) />
                    }.into_any()
                }
                _ => ().into_any(),
            }}
            <SelectField label="Number" field=format!("rows[{index}].numberKind") options=number_kinds value=number_kind on_change=set_number_kind />
            {move || match row().number {
                NumberChoice::New { state, area_code, e164 } => {
                    let codes = {
                        let state = state.clone();
                        Signal::derive(move || options(area_codes(&state).iter().map(|c| ((*c).to_owned(), (*c).to_owned()))))
                    };
                    let offered = {
                        let (state, area_code) = (state.clone(), area_code.clone());
                        Signal::derive(move || wizard.view.with_value(|v| options(numbers_for_sale(&state, &area_code, v).into_iter().map(|n| (n.clone(), n)))))
                    };
                    let (s1, s2, a2) = (state.clone(), state.clone(), area_code.clone());
                    view! {
                        <SelectField label="State or province" field=format!("rows[{index}].numberState") options=states value=Signal::derive(move || s1.clone())
                            placeholder="Choose"
                            on_change=Callback::new(move |st: String| edit(Box::new(move |r| r.number = NumberChoice::New { state: st, area_code: String::new(), e164: String::new() }))) />
                        <SelectField label="Area code" field=format!("rows[{index}].numberAreaCode") options=codes value=Signal::derive(move || area_code.clone())
                            placeholder="Choose"
                            on_change=Callback::new(move |ac: String| { let st = s2.clone(); edit(Box::new(move |r| r.number = NumberChoice::New { state: st, area_code: ac, e164: String::new() })) }) />
                        <SelectField label="New number" field=key("number") options=offered value=Signal::derive(move || e164.clone())
                            placeholder="Choose a number"
                            on_change=Callback::new(move |n: String| { let (st, ac) = (state.clone(), a2.clone()); edit(Box::new(move |r| r.number = NumberChoice::New { state: st, area_code: ac, e164: n })) }) />
                    }.into_any()
                }
                NumberChoice::Inventory { e164 } => view! {
                    <SelectField label="Number from inventory" field=key("number") options=spare_numbers value=Signal::derive(move || e164.clone())
                        placeholder="Choose a number"
                        on_change=Callback::new(move |n: String| edit(Box::new(move |r| r.number = NumberChoice::Inventory { e164: n }))) />
                }.into_any(),
                NumberChoice::None => view! {
                    <SelectField label="Number from inventory" field=key("number") options=spare_numbers value=Signal::derive(String::new)
                        placeholder="Choose a number"
                        on_change=Callback::new(move |n: String| edit(Box::new(move |r| r.number = NumberChoice::Inventory { e164: n }))) />
                }.into_any(),
            }}
        </div>
    }
}
