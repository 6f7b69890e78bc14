//! A row's phone: the kind (desktop app, inventory, purchase, bring your own) and, for the kinds
//! that need one, the phone from inventory or the model to purchase.

use domain::add_users::PhoneChoice;
use leptos::prelude::*;

use super::fields::SelectField;
use super::phones_step::options;
use super::Wizard;

/// The phone select of row `index`, then the fields its kind needs.
#[component]
pub fn PhoneFields(
    index: usize,
    /// Set while the catalog is open.
    browsing: RwSignal<bool>,
    /// Sets the model to purchase.
    select_sku: Callback<String>,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let can_buy = wizard.can_purchase;
    let phone_kind = Signal::derive(move || {
        match wizard.row(index).phone {
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
        let first_address = first_shipping_address(wizard);
        wizard.edit_row(index, move |r| {
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
        })
    });
    // The sub-fields re-render only when the kind of phone changes, never while editing it,
    // so focus stays where the admin is.
    let phone_kind_now = Memo::new(move |_| phone_kind.get());

    view! {
        <SelectField
            label="Phone"
            field=format!("rows[{index}].phoneKind")
            options=phone_kinds
            value=phone_kind
            on_change=set_phone_kind
        />
        {move || match phone_kind_now.get().as_str() {
            "inventory" => view! { <InventoryPhoneField index=index /> }.into_any(),
            "purchase" => {
                view! { <PurchaseFields index=index browsing=browsing select_sku=select_sku /> }
                    .into_any()
            }
            _ => ().into_any(),
        }}
    }
}

/// Where a newly bought phone ships: where the others already do (or to the first address).
fn first_shipping_address(wizard: Wizard) -> String {
    wizard
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
        })
}

/// The select of a spare phone from inventory for row `index`.
#[component]
fn InventoryPhoneField(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
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
    let phone_id = Signal::derive(move || match wizard.row(index).phone {
        PhoneChoice::Inventory { phone_id } => phone_id,
        _ => String::new(),
    });
    let choose = Callback::new(move |phone_id: String| {
        wizard.edit_row(index, move |r| {
            r.phone = PhoneChoice::Inventory { phone_id };
        })
    });

    view! {
        <SelectField
            label="Inventory phone"
            field=format!("rows[{index}].phone")
            options=spare_phones
            value=phone_id
            placeholder="Choose a phone"
            on_change=choose
        />
    }
}

/// The select of a catalog model to purchase for row `index`, and a button opening the catalog.
#[component]
fn PurchaseFields(
    index: usize,
    /// Set while the catalog is open.
    browsing: RwSignal<bool>,
    /// Sets the model to purchase.
    select_sku: Callback<String>,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
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
    let sku = Signal::derive(move || match wizard.row(index).phone {
        PhoneChoice::Purchase { sku, .. } => sku,
        _ => String::new(),
    });

    view! {
        <SelectField
            label="Model to purchase"
            field=format!("rows[{index}].phone")
            options=catalog
            value=sku
            placeholder="Choose a model"
            on_change=select_sku
        />
        <button
            class="btn btn-small browse-catalog"
            aria-label=move || format!("Browse catalog for {}", wizard.row_name(index))
            on:click=move |_| browsing.set(true)
        >
            "Browse catalog"
        </button>
    }
}
