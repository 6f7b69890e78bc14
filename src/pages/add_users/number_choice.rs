//! A row's number, chosen in a window as in the seed (Select, then Number Inventory or New
//! Numbers, then Done): one from number inventory, or a new one by state or province, area code
//! and number; or none, for user types that need none (Video Pro+).

use domain::add_users::{area_codes, needs_number, numbers_for_sale, NumberChoice, STATES};
use domain::inventory::NumberKind;
use leptos::prelude::*;

use crate::components::dialog::{Dialog, DoneActions};

use super::fields::{field_id, SelectField, WindowField};
use super::phones_step::options;
use super::Wizard;

/// Row `index`'s number, as in the seed: what is chosen, and **Select**, which opens the number
/// window. Its error shows here, and Next with an error focuses the button.
#[component]
pub fn NumberFields(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let optional = Memo::new(move |_| !wizard.draft.with(|d| needs_number(d.request.user_type)));
    let field = format!("rows[{index}].number");
    let error = wizard.error(field.clone());
    let open = RwSignal::new(false);
    let chosen = move || match wizard.row(index).number {
        NumberChoice::Inventory { e164 } if !e164.is_empty() => format!("{e164} · from inventory"),
        NumberChoice::New {
            state,
            area_code,
            e164,
        } if !e164.is_empty() => format!("{e164} · new ({state}, {area_code})"),
        NumberChoice::None if optional.get() => "No number".to_owned(),
        _ => "None chosen".to_owned(),
    };
    view! {
        <WindowField
            label="Number"
            id=format!("{}-select", field_id(&field))
            summary=Signal::derive(chosen)
            verb=Signal::stored("Select")
            button_name=Signal::derive(move || {
                format!("Select a number for {}", wizard.row_name(index))
            })
            error=error
            open=open
            window=ViewFn::from(move || {
                view! { <NumberDialog index=index on_close=move |()| open.set(false) /> }
            })
        />
    }
}

/// The number window of row `index`: Number Inventory or New Numbers (or, when the user type
/// needs none, No number), the fields of the one chosen, and Done. Each choice is kept in the
/// draft as it is made.
#[component]
fn NumberDialog(index: usize, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let can_buy = wizard.can_purchase;
    let optional = Memo::new(move |_| !wizard.draft.with(|d| needs_number(d.request.user_type)));
    let number_kind = Memo::new(move |_| match wizard.row(index).number {
        NumberChoice::New { .. } => "new",
        NumberChoice::None if optional.get() => "none",
        _ => "inventory",
    });
    let set_number_kind = move |kind: &'static str| {
        wizard.touch(&format!("rows[{index}].number"));
        wizard.edit_row(index, move |r| {
            r.number = match kind {
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
    };
    let kinds = move || {
        let mut kinds = Vec::new();
        if optional.get() {
            kinds.push(("none", "No number (not needed without direct calls)"));
        }
        kinds.push(("inventory", "Number Inventory"));
        if can_buy.get() {
            kinds.push(("new", "New Numbers"));
        }
        kinds
    };
    view! {
        <Dialog title=format!("Number for {}", wizard.row_name(index)) on_close=on_close>
            <fieldset class="number-kinds">
                <legend>"Where the number comes from"</legend>
                {move || {
                    kinds()
                        .into_iter()
                        .map(|(kind, label)| {
                            view! {
                                <label class="checkbox">
                                    <input
                                        type="radio"
                                        name=format!("number-kind-{index}")
                                        prop:checked=move || number_kind.get() == kind
                                        on:change=move |_| set_number_kind(kind)
                                    />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            {move || match number_kind.get() {
                "new" => view! { <NewNumberFields index=index /> }.into_any(),
                "none" => ().into_any(),
                _ => view! { <InventoryNumberField index=index /> }.into_any(),
            }}
            <DoneActions on_done=on_close />
        </Dialog>
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
