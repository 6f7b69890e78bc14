//! Browsing the phone catalog: search, a category filter, each model's details, and Select.

use domain::add_users::{categories, search_catalog};
use leptos::prelude::*;

use super::Wizard;
use crate::components::dialog::{Dialog, DialogActions};
use crate::format::money;

/// A dialog listing the catalog; `on_select` gets the chosen model's SKU.
#[component]
pub fn CatalogDialog(
    /// Who the phone is for, in the title.
    who: String,
    #[prop(into)] on_select: Callback<String>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let search = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let all_categories: Vec<String> = wizard.view.with_value(|v| {
        categories(&v.catalog)
            .into_iter()
            .map(str::to_owned)
            .collect()
    });
    let found = Memo::new(move |_| {
        let (search, category) = (search.get(), category.get());
        wizard.view.with_value(|v| {
            search_catalog(
                &v.catalog,
                &search,
                (!category.is_empty()).then_some(category.as_str()),
            )
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
        })
    });
    view! {
        <Dialog title=format!("Choose a phone for {who}") on_close=on_close>
            <div class="catalog-filters">
                <label class="field">
                    <span>"Search"</span>
                    <input
                        type="search"
                        placeholder="Brand, model or feature"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>"Category"</span>
                    <select on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="">"All categories"</option>
                        {all_categories
                            .into_iter()
                            .map(|c| view! { <option value=c.clone()>{c.clone()}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <p class="muted" aria-live="polite">
                {move || {
                    format!(
                        "{} model{}",
                        found.with(Vec::len),
                        if found.with(Vec::len) == 1 { "" } else { "s" },
                    )
                }}
            </p>
            <ul class="catalog-list">
                {move || {
                    found
                        .get()
                        .into_iter()
                        .map(|phone| {
                            let sku = phone.sku.clone();
                            let name = format!("{} {}", phone.brand, phone.model);
                            view! {
                                <li class="catalog-item">
                                    <div>
                                        <strong>{name.clone()}</strong>
                                        <span class="chip">{phone.category.clone()}</span>
                                        <p class="muted">{phone.description.clone()}</p>
                                    </div>
                                    <div class="catalog-buy">
                                        <span class="price">
                                            {money(u64::from(phone.price_cents))}
                                        </span>
                                        <button
                                            class="btn btn-primary btn-small"
                                            aria-label=format!("Select {name}")
                                            on:click=move |_| on_select.run(sku.clone())
                                        >
                                            "Select"
                                        </button>
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <DialogActions on_cancel=on_close />
        </Dialog>
    }
}
