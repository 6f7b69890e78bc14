//! Step 3 (Office and Video Pro+): each user's phone (desktop app, inventory, purchase, bring
//! your own) with its shipping address, and number (inventory or a new one by state or province,
//! area code and number).

use domain::add_users::PhoneChoice;
use leptos::prelude::*;

use super::catalog::CatalogDialog;
use super::number_choice::NumberFields;
use super::phone_choice::PhoneFields;
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

/// `(value, label)` pairs for a `SelectField`.
pub(super) fn options(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    pairs.into_iter().collect()
}

/// One user's row: their name, phone and number, and the catalog while they browse it.
#[component]
fn PhoneRow(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let name = move || wizard.row_name(index);
    let select_sku = Callback::new(move |value: String| {
        wizard.edit_row(index, move |r| {
            if let PhoneChoice::Purchase { sku, .. } = &mut r.phone {
                *sku = value;
            }
        })
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
            <PhoneFields index=index browsing=browsing select_sku=select_sku />
            <NumberFields index=index />
        </div>
    }
}
