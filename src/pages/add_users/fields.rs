//! Inputs bound to one field of the draft, each with its error right below it, tied to it for
//! assistive technology (`aria-invalid`, `aria-describedby`) and announced as it appears (the
//! error's paragraph is a polite live region that is always there).

use leptos::prelude::*;

use super::Wizard;

/// A text input for field `field` (e.g. `rows[2].email`).
#[component]
pub fn TextField(
    /// The visible label (or, with `hide_label`, the accessible name only).
    #[prop(into)]
    label: String,
    /// The field's name in the request; it follows its row when rows above it are removed.
    #[prop(into)]
    field: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] hide_label: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Called instead of pasting when the clipboard holds several spreadsheet cells.
    #[prop(optional, into)]
    on_paste_grid: Option<Callback<String>>,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let error = wizard.error(field);
    let id = move || field.with(|f| field_id(f));
    let error_id = move || format!("{}-error", id());
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id class:visually-hidden=hide_label>
                {label}
            </label>
            <input
                id=id
                type=kind.unwrap_or("text")
                autocomplete=autocomplete.unwrap_or("off")
                prop:value=move || value.get()
                on:input=move |ev| {
                    field.with_untracked(|f| wizard.touch(f));
                    on_input.run(event_target_value(&ev));
                }
                on:paste=move |ev: web_sys::ClipboardEvent| {
                    let Some(on_grid) = on_paste_grid else { return };
                    let text = ev
                        .clipboard_data()
                        .and_then(|d| d.get_data("text/plain").ok())
                        .unwrap_or_default();
                    if domain::add_users::is_grid(&text) {
                        ev.prevent_default();
                        on_grid.run(text);
                    }
                }
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || error.get().is_some().then(error_id)
            />
            <p id=error_id class="field-error" aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

/// A select for field `field`, with `(value, label)` options.
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    /// The field's name in the request; it follows its row when rows above it are removed.
    #[prop(into)]
    field: Signal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(optional)] hide_label: bool,
    /// Shown first with an empty value, when nothing is chosen yet.
    #[prop(optional, into)]
    placeholder: Option<String>,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let error = wizard.error(field);
    let id = move || field.with(|f| field_id(f));
    let error_id = move || format!("{}-error", id());
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id class:visually-hidden=hide_label>
                {label}
            </label>
            <select
                id=id
                on:change=move |ev| {
                    field.with_untracked(|f| wizard.touch(f));
                    on_change.run(event_target_value(&ev));
                }
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || error.get().is_some().then(error_id)
            >
                {placeholder
                    .clone()
                    .map(|p| {
                        view! {
                            <option value="" selected=move || value.get().is_empty()>
                                {p}
                            </option>
                        }
                    })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == value.get();
                            view! {
                                <option value=v selected=selected>
                                    {l}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <p id=error_id class="field-error" aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

/// A choice made in a window, as the seed's Select / Add buttons are: `label`, what is chosen
/// (`summary`), and a button (showing `verb`, named `button_name`) that sets `open`. `error`
/// shows beneath and marks the button invalid, so Next with an error focuses it. `window` is
/// drawn while `open` holds.
#[component]
pub fn WindowField(
    label: &'static str,
    /// The button's element id.
    id: String,
    #[prop(into)] summary: Signal<String>,
    #[prop(into)] verb: Signal<&'static str>,
    #[prop(into)] button_name: Signal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    open: RwSignal<bool>,
    window: ViewFn,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    view! {
        <div class="field window-field" class:field-invalid=move || error.get().is_some()>
            <span class="field-label" aria-hidden="true">
                {label}
            </span>
            <div class="window-chosen">
                <span>{summary}</span>
                <button
                    type="button"
                    class="btn btn-small"
                    id=id
                    aria-label=button_name
                    aria-haspopup="dialog"
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=move || error.get().is_some().then(|| described_by.clone())
                    on:click=move |_| open.set(true)
                >
                    {verb}
                </button>
            </div>
            <p id=error_id class="field-error" aria-live="polite">
                {move || error.get()}
            </p>
            {move || open.get().then(|| window.run())}
        </div>
    }
}

/// An element id for a field name: `rows[2].email` → `f-rows-2-email`.
pub fn field_id(field: &str) -> String {
    let mut id = String::from("f-");
    for c in field.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id.replace("--", "-").trim_end_matches('-').to_owned()
}
