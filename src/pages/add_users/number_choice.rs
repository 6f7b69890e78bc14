//! A row's number: one from number inventory, or a new one by state or province, area code and
//! number; or none, for user types that need none (Video Pro+).

use domain::add_users::{area_codes, needs_number, numbers_for_sale, NumberChoice, STATES};
use domain::inventory::NumberKind;
use leptos::prelude::*;

use super::fields::SelectField;
use super::phones_step::options;
use super::Wizard;

/// The number select of row `index`, then the fields its kind needs.
#[component]
pub fn NumberFields(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let can_buy = wizard.can_purchase;
    let optional = Memo::new(move |_| !wizard.draft.with(|d| needs_number(d.request.user_type)));
    let number_kind = Signal::derive(move || {
        match wizard.row(index).number {
            NumberChoice::New { .. } => "new",
            NumberChoice::None if optional.get() => "none",
            _ => "inventory",
        }
        .to_owned()
    });
    let number_kinds = Signal::derive(move || {
        let mut kinds = Vec::new();
        if optional.get() {
            kinds.push((
                "none".to_owned(),
                "No number (not needed without direct calls)".to_owned(),
            ));
        }
        kinds.push(("inventory".to_owned(), "From number inventory".to_owned()));
        if can_buy.get() {
            kinds.push(("new".into(), "New number".into()));
        }
        kinds
    });
    let set_number_kind = Callback::new(move |kind: String| {
        wizard.edit_row(index, move |r| {
            r.number = match kind.as_str() {
                "new" => NumberChoice::New {
                    state: String::new(),
                    area_code: String::new(),
                    e164: String::new(),
                },
                "none" => NumberChoice::None,
                _ => NumberChoice::Inventory {
                    e164: String::new(),
                },
            }
        })
    });
    // The sub-fields re-render only when the kind of number changes, never while editing it,
    // so focus stays where the admin is.
    let number_kind_now = Memo::new(move |_| number_kind.get());

    view! {
        <SelectField
            label="Number"
            field=format!("rows[{index}].numberKind")
            options=number_kinds
            value=number_kind
            on_change=set_number_kind
        />
        {move || match number_kind_now.get().as_str() {
            "new" => view! { <NewNumberFields index=index /> }.into_any(),
            "none" => ().into_any(),
            _ => view! { <InventoryNumberField index=index /> }.into_any(),
        }}
    }
}

/// A part of row `index`'s number choice, empty when the choice has none.
fn number_part(
    wizard: Wizard,
    index: usize,
    read: fn(&NumberChoice) -> Option<String>,
) -> Signal<String> {
    Signal::derive(move || read(&wizard.row(index).number).unwrap_or_default())
}

/// The number row `index` has chosen, from inventory or new.
fn chosen_number(wizard: Wizard, index: usize) -> Signal<String> {
    number_part(wizard, index, |n| match n {
        NumberChoice::Inventory { e164 } | NumberChoice::New { e164, .. } => Some(e164.clone()),
        NumberChoice::None => None,
    })
}

/// The select of a spare number for row `index`: local numbers of the user's site, and toll-free
/// numbers.
#[component]
fn InventoryNumberField(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let spare_numbers = Signal::derive(move || {
        let site_id = wizard.row(index).site_id;
        wizard.view.with_value(|v| {
            options(
                v.spare_numbers
                    .iter()
                    .filter(|n| n.site_id == site_id || n.kind == NumberKind::TollFree)
                    .map(|n| {
                        let site = v
                            .sites
                            .iter()
                            .find(|s| s.id == n.site_id)
                            .map_or("", |s| s.name.as_str());
                        let kind = if n.kind == NumberKind::TollFree {
                            "toll-free"
                        } else {
                            "local"
                        };
                        (n.e164.clone(), format!("{} · {kind} · {site}", n.e164))
                    }),
            )
        })
    });

    view! {
        <SelectField
            label="Number from inventory"
            field=format!("rows[{index}].number")
            options=spare_numbers
            value=chosen_number(wizard, index)
            placeholder="Choose a number"
            on_change=Callback::new(move |n: String| {
                wizard.edit_row(index, move |r| r.number = NumberChoice::Inventory { e164: n })
            })
        />
    }
}

/// The selects of a new number for row `index`: state or province, area code, then one of the
/// numbers for sale there.
#[component]
fn NewNumberFields(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let state = number_part(wizard, index, |n| match n {
        NumberChoice::New { state, .. } => Some(state.clone()),
        _ => None,
    });
    let area_code = number_part(wizard, index, |n| match n {
        NumberChoice::New { area_code, .. } => Some(area_code.clone()),
        _ => None,
    });
    let states = Signal::derive(|| {
        options(
            STATES
                .iter()
                .map(|(code, name, _)| ((*code).to_owned(), (*name).to_owned())),
        )
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
            wizard.edit_row(index, move |r| {
                if let NumberChoice::New {
                    state,
                    area_code,
                    e164,
                } = &mut r.number
                {
                    change(state, area_code, e164, value);
                }
            })
        })
    };

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
            field=format!("rows[{index}].number")
            options=offered
            value=chosen_number(wizard, index)
            placeholder="Choose a number"
            on_change=set_new_number(|_, _, e164, v| *e164 = v)
        />
    }
}
