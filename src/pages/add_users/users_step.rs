//! Step 2: the users, one row each: email, names, site and cost center (multi-site accounts),
//! and the extension (filled in, editable). Add several rows at once, duplicate a row, remove
//! one; "Require unique email IDs" on by default.

use domain::add_users::{NewUser, Setup, MAX_ROWS};
use leptos::prelude::*;

use super::fields::{SelectField, TextField};
use super::Wizard;
use crate::components::toasts::{use_toasts, ToastKind};

#[component]
pub fn UsersStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let multi_site = wizard.view.with_value(|v| v.account.multi_site);
    let count = Memo::new(move |_| wizard.draft.with(|d| d.request.rows.len()));
    let to_add = RwSignal::new("1".to_owned());
    let add = move |_| {
        let n = to_add
            .get_untracked()
            .trim()
            .parse::<usize>()
            .unwrap_or(1)
            .max(1);
        wizard.edit(|d| wizard.view.with_value(|v| d.add_rows(v, n)));
    };
    let unique = Memo::new(move |_| wizard.draft.with(|d| d.request.require_unique_emails));
    let rows_error = wizard.error(String::from("rows"));
    view! {
        <label class="checkbox">
            <input
                type="checkbox"
                prop:checked=move || unique.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    wizard
                        .edit(|d| {
                            d.request.require_unique_emails = on;
                            for row in d.request.rows.iter_mut().filter(|_| !on) {
                                if matches!(
                                    row.setup,
                                    Setup::SendInvite | Setup::ScheduleInvite { .. }
                                ) {
                                    row.setup = Setup::ActivateLater;
                                }
                            }
                        });
                }
            />
            "Require unique email IDs"
        </label>
        <p class="muted">
            "Tip: paste rows copied from a spreadsheet into an Email box (columns: email, first name, last name"
            {multi_site.then_some(", site, cost center")}", extension)."
        </p>
        {move || {
            (!unique.get())
                .then(|| {
                    view! {
                        <p class="note">
                            "Without unique emails, invites can't be sent: these users are set to activate later, or you can assign credentials on the Setup step."
                        </p>
                    }
                })
        }}
        <div class="user-rows" role="list" aria-label="Users to add">
            <For each=move || wizard.draft.with(|d| d.keys().to_vec()) key=|k| *k let:row_key>
                <UserRowEditor row_key=row_key multi_site=multi_site />
            </For>
        </div>
        {move || {
            rows_error
                .get()
                .map(|m| {
                    view! {
                        <p class="field-error" role="alert">
                            {m}
                        </p>
                    }
                })
        }}
        <div class="add-rows">
            <label for="rows-to-add" class="visually-hidden">
                "How many rows to add"
            </label>
            <input
                id="rows-to-add"
                type="number"
                min="1"
                max=MAX_ROWS.to_string()
                class="input-narrow"
                prop:value=move || to_add.get()
                on:input=move |ev| to_add.set(event_target_value(&ev))
            />
            <button class="btn" on:click=add disabled=move || { count.get() >= MAX_ROWS }>
                "Add"
            </button>
            <span class="muted">{move || format!("{} of {MAX_ROWS} users", count.get())}</span>
        </div>
    }
}

/// The editor of one row, found by its key wherever the row is now (its number, field names
/// and errors follow it when rows above are removed or duplicated).
#[component]
fn UserRowEditor(row_key: u32, multi_site: bool) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let index = Memo::new(move |_| {
        wizard
            .draft
            .with(|d| d.position(row_key))
            .unwrap_or(usize::MAX)
    });
    let key =
        move |name: &'static str| Signal::derive(move || format!("rows[{}].{name}", index.get()));
    let get = move |read: fn(&NewUser) -> String| {
        Signal::derive(move || {
            wizard.draft.with(|d| {
                d.request
                    .rows
                    .get(index.get())
                    .map(read)
                    .unwrap_or_default()
            })
        })
    };
    let set = move |write: fn(&mut NewUser, String)| {
        Callback::new(move |value: String| {
            wizard.edit_row(index.get_untracked(), |row| write(row, value))
        })
    };
    let sites = wizard.options(|v| {
        v.sites
            .iter()
            .map(|x| (x.id.clone(), x.name.clone()))
            .collect()
    });
    let cost_centers = wizard.options(|v| {
        v.cost_centers
            .iter()
            .map(|x| (x.id.clone(), x.name.clone()))
            .collect()
    });
    view! {
        <div
            class="user-row"
            role="listitem"
            aria-label=move || format!("User {}", index.get() + 1)
        >
            <span class="row-number" aria-hidden="true">
                {move || index.get() + 1}
            </span>
            <TextField
                label="Email"
                field=key("email")
                kind="email"
                value=get(|r| r.email.clone())
                on_input=set(|r, v| r.email = v)
                on_paste_grid=paste_grid(wizard, index)
            />
            <TextField
                label="First name"
                field=key("firstName")
                value=get(|r| r.first_name.clone())
                on_input=set(|r, v| r.first_name = v)
            />
            <TextField
                label="Last name"
                field=key("lastName")
                value=get(|r| r.last_name.clone())
                on_input=set(|r, v| r.last_name = v)
            />
            {multi_site
                .then(|| {
                    view! {
                        <SelectField
                            label="Site"
                            field=key("siteId")
                            options=sites
                            value=get(|r| r.site_id.clone())
                            on_change=set(|r, v| r.site_id = v)
                        />
                        <SelectField
                            label="Cost center"
                            field=key("costCenterId")
                            options=cost_centers
                            value=get(|r| r.cost_center_id.clone())
                            on_change=set(|r, v| r.cost_center_id = v)
                        />
                    }
                })}
            <TextField
                label="Extension"
                field=key("extension")
                value=get(|r| r.extension.clone())
                on_input=set(|r, v| r.extension = v)
            />
            <RowActions index=index />
        </div>
    }
}

/// Fills rows from spreadsheet cells pasted into row `index`'s email, and says how many
/// pasted lines didn't fit.
fn paste_grid(wizard: Wizard, index: Memo<usize>) -> Callback<String> {
    let toasts = use_toasts();
    Callback::new(move |text: String| {
        let mut left = 0;
        wizard.edit(|d| {
            left = wizard
                .view
                .with_value(|v| d.paste(v, index.get_untracked(), &text));
        });
        wizard.touch("*");
        if left > 0 {
            toasts.show(
                ToastKind::Error,
                format!(
                    "{left} pasted line{} didn't fit: 25 users at a time.",
                    if left == 1 { "" } else { "s" },
                ),
            );
        }
    })
}

/// Duplicate and Remove for the row now at `index`.
#[component]
fn RowActions(index: Memo<usize>) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let count = Memo::new(move |_| wizard.draft.with(|d| d.request.rows.len()));
    let who = move || wizard.row_name(index.get());
    view! {
        <div class="row-actions">
            <button
                class="btn btn-small"
                aria-label=move || format!("Duplicate {}", who())
                disabled=move || { count.get() >= MAX_ROWS }
                on:click=move |_| {
                    wizard
                        .edit(|d| {
                            wizard.view.with_value(|v| d.duplicate_row(v, index.get_untracked()))
                        })
                }
            >
                "Duplicate"
            </button>
            <button
                class="btn btn-small btn-quiet"
                aria-label=move || format!("Remove {}", who())
                disabled=move || { count.get() <= 1 }
                on:click=move |_| wizard.edit(|d| d.remove_row(index.get_untracked()))
            >
                "Remove"
            </button>
        </div>
    }
}
