//! Step 4: how each user is set up (send invite, schedule invite, assign credentials, activate
//! later) and their role.

use domain::add_users::{Credentials, EmergencyChoice, Setup, SECURITY_QUESTIONS};
use leptos::prelude::*;

use super::fields::{SelectField, TextField};
use super::role_dialog::RoleDialog;
use super::{Draft, Wizard};
use crate::components::role_choices::permissions_text;
use crate::format::{local_input_value, parse_local, time_zone};

#[component]
pub fn SetupStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let count = Memo::new(move |_| wizard.draft.with(|d| d.request.rows.len()));
    let zone = time_zone();
    view! {
        <p class="muted">
            {format!("Scheduled invites are sent at the time you pick in your time zone ({zone}).")}
        </p>
        <div class="user-rows" role="list" aria-label="Setup and role">
            <For each=move || 0..count.get() key=|i| *i let:index>
                <SetupRow index=index />
            </For>
        </div>
    }
}

/// Row `index`'s setup option and role, then the fields its setup option needs.
#[component]
fn SetupRow(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let name = move || wizard.row_name(index);
    let unique = move || wizard.draft.with(|d| d.request.require_unique_emails);
    let kinds = Signal::derive(move || {
        let mut kinds = Vec::new();
        if unique() {
            kinds.push(("send-invite".to_owned(), "Send invite".to_owned()));
            kinds.push(("schedule-invite".into(), "Schedule invite".into()));
        }
        kinds.push((
            "assign-credentials".into(),
            "Activate by assigning credentials".into(),
        ));
        kinds.push(("activate-later".into(), "Activate later".into()));
        kinds
    });
    let kind = Signal::derive(move || {
        match wizard.row(index).setup {
            Setup::SendInvite => "send-invite",
            Setup::ScheduleInvite { .. } => "schedule-invite",
            Setup::AssignCredentials(_) => "assign-credentials",
            Setup::ActivateLater => "activate-later",
        }
        .to_owned()
    });
    // Re-render the option's fields only when the option changes, so typing keeps focus.
    let setup_kind = Memo::new(move |_| kind.get());
    let set_kind = Callback::new(move |k: String| {
        let tomorrow = (js_sys::Date::now() / 1000.0) as u64 + 86_400;
        wizard.edit_row(index, move |r| {
            r.setup = match k.as_str() {
                "schedule-invite" => Setup::ScheduleInvite {
                    send_at_unix: tomorrow - tomorrow % 3600,
                },
                "assign-credentials" => Setup::AssignCredentials(Box::new(Credentials {
                    temporary_password: true,
                    ..Credentials::default()
                })),
                "activate-later" => Setup::ActivateLater,
                _ => Setup::SendInvite,
            }
        })
    });
    view! {
        <div class="user-row setup-row" role="listitem" aria-label=name>
            <span class="row-number" aria-hidden="true">
                {index + 1}
            </span>
            <strong class="row-name">{name}</strong>
            <SelectField
                label="Setup option"
                field=format!("rows[{index}].setup")
                options=kinds
                value=kind
                on_change=set_kind
            />
            <AssignedRole index=index />
            {move || match setup_kind.get().as_str() {
                "schedule-invite" => view! { <SendAtField index=index /> }.into_any(),
                "assign-credentials" => view! { <CredentialsFields index=index /> }.into_any(),
                _ => ().into_any(),
            }}
        </div>
    }
}

/// Row `index`'s role with its permissions and an Edit role button, and the dialog it opens.
#[component]
fn AssignedRole(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let name = move || wizard.row_name(index);
    let role = move || {
        let id = wizard.row(index).role_id;
        wizard
            .view
            .with_value(|v| v.roles.iter().find(|r| r.id == id).cloned())
    };
    let role_error = wizard.error(format!("rows[{index}].roleId"));
    let editing_role = RwSignal::new(false);
    view! {
        <div class="field assigned-role">
            <span class="label">"Assigned role"</span>
            <span>
                <strong>{move || role().map(|r| r.name).unwrap_or_else(|| "None".into())}</strong>
                " "
                <button
                    class="btn btn-small"
                    aria-label=move || format!("Edit role for {}", name())
                    on:click=move |_| editing_role.set(true)
                >
                    "Edit role"
                </button>
            </span>
            <p class="muted role-permissions">
                {move || role().map(|r| permissions_text(&r)).unwrap_or_default()}
            </p>
            {move || role_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
        {move || {
            editing_role
                .get()
                .then(|| {
                    view! {
                        <RoleDialog
                            who=name()
                            current=wizard.row(index).role_id
                            on_save=Callback::new(move |id: String| {
                                wizard.edit_row(index, move |r| r.role_id = id);
                                editing_role.set(false);
                            })
                            on_close=move |_| editing_role.set(false)
                        />
                    }
                })
        }}
    }
}

/// When row `index`'s scheduled invite is sent.
#[component]
fn SendAtField(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let send_at = Signal::derive(move || match wizard.row(index).setup {
        Setup::ScheduleInvite { send_at_unix } => local_input_value(send_at_unix),
        _ => String::new(),
    });
    let set_send_at = Callback::new(move |v: String| {
        if let Some(at) = parse_local(&v) {
            wizard.edit_row(index, move |r| {
                r.setup = Setup::ScheduleInvite { send_at_unix: at };
            });
        }
    });
    view! {
        <TextField
            label="Send the invite at"
            field=format!("rows[{index}].sendAt")
            kind="datetime-local"
            value=send_at
            on_input=set_send_at
        />
    }
}

/// The credential fields of "Activate by assigning credentials".
#[component]
pub fn CredentialsFields(index: usize) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let key = move |name: &str| format!("rows[{index}].{name}");
    let creds = move || {
        wizard
            .draft
            .with(|d| match d.request.rows.get(index).map(|r| &r.setup) {
                Some(Setup::AssignCredentials(c)) => (**c).clone(),
                _ => Credentials::default(),
            })
    };
    let get = move |read: fn(&Credentials) -> String| Signal::derive(move || read(&creds()));
    let set = move |write: fn(&mut Credentials, String)| {
        Callback::new(move |value: String| {
            wizard.edit(|d| {
                if let Some(Setup::AssignCredentials(c)) =
                    d.request.rows.get_mut(index).map(|r| &mut r.setup)
                {
                    write(c, value);
                }
            })
        })
    };
    let questions = Signal::derive(|| {
        SECURITY_QUESTIONS
            .iter()
            .map(|q| ((*q).to_owned(), (*q).to_owned()))
            .collect()
    });
    view! {
        <fieldset class="credentials">
            <legend>"Credentials"</legend>
            <TextField
                label="Password"
                field=key("password")
                kind="password"
                autocomplete="new-password"
                value=get(|c| c.password.clone())
                on_input=set(|c, v| c.password = v)
            />
            <TextField
                label="Re-enter password"
                field=key("passwordAgain")
                kind="password"
                autocomplete="new-password"
                value=get(|c| c.password_again.clone())
                on_input=set(|c, v| c.password_again = v)
            />
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || creds().temporary_password
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        wizard
                            .edit(|d| {
                                if let Some(Setup::AssignCredentials(c)) = d
                                    .request
                                    .rows
                                    .get_mut(index)
                                    .map(|r| &mut r.setup)
                                {
                                    c.temporary_password = on;
                                }
                            });
                    }
                />
                "Temporary password (the user sets their own at first sign-in)"
            </label>
            <TextField
                label="PIN"
                field=key("pin")
                kind="password"
                value=get(|c| c.pin.clone())
                on_input=set(|c, v| c.pin = v)
            />
            <TextField
                label="Re-enter PIN"
                field=key("pinAgain")
                kind="password"
                value=get(|c| c.pin_again.clone())
                on_input=set(|c, v| c.pin_again = v)
            />
            <SelectField
                label="Security question"
                field=key("securityQuestion")
                options=questions
                placeholder="Choose a question"
                value=get(|c| c.security_question.clone())
                on_change=set(|c, v| c.security_question = v)
            />
            <TextField
                label="Answer"
                field=key("securityAnswer")
                value=get(|c| c.security_answer.clone())
                on_input=set(|c, v| c.security_answer = v)
            />
            <EmergencyFields
                index=index
                source=EmergencySlot::CREDENTIALS
                placeholder="None yet (the user is asked at first sign-in)"
            />
        </fieldset>
    }
}

/// The location picker's value for "New location…".
const NEW_LOCATION: &str = "new";

/// Where a row's emergency choice lives in the draft: with the assigned credentials in the
/// wizard, beside the row in a DigitalLine conversion.
#[derive(Clone, Copy)]
pub struct EmergencySlot {
    read: fn(&Draft, usize) -> Option<EmergencyChoice>,
    write: fn(&mut Draft, usize, Option<EmergencyChoice>),
}

impl EmergencySlot {
    /// In "Activate by assigning credentials".
    pub const CREDENTIALS: Self = Self {
        read: |d, i| match d.request.rows.get(i).map(|r| &r.setup) {
            Some(Setup::AssignCredentials(c)) => c.emergency.clone(),
            _ => None,
        },
        write: |d, i, choice| {
            if let Some(Setup::AssignCredentials(c)) =
                d.request.rows.get_mut(i).map(|r| &mut r.setup)
            {
                c.emergency = choice;
            }
        },
    };
    /// A DigitalLine conversion's.
    pub const DIGITAL_LINE: Self = Self {
        read: |d, _| d.emergency.clone(),
        write: |d, _, choice| d.emergency = choice,
    };
}

/// The emergency response location of row `index`: one of the account's (searched by nickname,
/// street or city), or a new one.
#[component]
pub fn EmergencyFields(
    index: usize,
    /// Where the choice is kept.
    source: EmergencySlot,
    /// What the picker says when nothing is chosen.
    placeholder: &'static str,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let slot = source;
    let choice = move || wizard.draft.with(|d| (slot.read)(d, index));
    let is_new_location = Memo::new(move |_| matches!(choice(), Some(EmergencyChoice::New { .. })));
    // Narrows the select to the locations whose nickname or address holds it (the one chosen
    // always stays).
    let search = RwSignal::new(String::new());
    let chosen_id = move || match choice() {
        Some(EmergencyChoice::Existing { location_id }) => location_id,
        _ => String::new(),
    };
    let locations = Signal::derive(move || {
        let needle = search.with(|s| s.trim().to_lowercase());
        let chosen = chosen_id();
        let mut all: Vec<(String, String)> = wizard.view.with_value(|v| {
            v.emergency_locations
                .iter()
                .map(|l| {
                    let label = format!("{}: {}, {}", l.nickname, l.address.street, l.address.city);
                    (l.id.clone(), label)
                })
                .filter(|(id, label)| *id == chosen || label.to_lowercase().contains(&needle))
                .collect()
        });
        all.push((NEW_LOCATION.to_owned(), "New location…".to_owned()));
        all
    });
    let search_id = format!("emergency-search-{index}");
    view! {
        <div class="field">
            <label for=search_id.clone()>"Search locations"</label>
            <input
                id=search_id
                type="search"
                placeholder="Nickname, street or city"
                prop:value=move || search.get()
                on:input=move |ev| search.set(event_target_value(&ev))
            />
        </div>
        <SelectField
            label="Emergency response location"
            field=format!("rows[{index}].emergency")
            options=locations
            placeholder=placeholder
            value=Signal::derive(move || match choice() {
                Some(EmergencyChoice::Existing { location_id }) => location_id,
                Some(EmergencyChoice::New { .. }) => NEW_LOCATION.to_owned(),
                None => String::new(),
            })
            on_change=Callback::new(move |id: String| {
                wizard
                    .edit(|d| {
                        let site_id = d
                            .request
                            .rows
                            .get(index)
                            .map(|r| r.site_id.clone())
                            .unwrap_or_default();
                        let picked = match id.as_str() {
                            "" => None,
                            NEW_LOCATION => {
                                Some(EmergencyChoice::New {
                                    nickname: String::new(),
                                    site_id,
                                    street: String::new(),
                                    city: String::new(),
                                    state: String::new(),
                                    postal_code: String::new(),
                                    country: "US".into(),
                                })
                            }
                            _ => {
                                Some(EmergencyChoice::Existing {
                                    location_id: id,
                                })
                            }
                        };
                        (slot.write)(d, index, picked);
                    })
            })
        />
        {move || {
            is_new_location.get().then(|| view! { <NewLocationFields index=index source=slot /> })
        }}
    }
}

/// Nickname, site and address of a new emergency response location.
#[component]
fn NewLocationFields(index: usize, source: EmergencySlot) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let slot = source;
    let key = move |name: &str| format!("rows[{index}].{name}");
    let location = move || wizard.draft.with(|d| (slot.read)(d, index));
    type Part = fn(&EmergencyChoice) -> String;
    let get =
        move |read: Part| Signal::derive(move || location().map(|l| read(&l)).unwrap_or_default());
    let set = move |write: fn(&mut EmergencyChoice, String)| {
        Callback::new(move |value: String| {
            wizard.edit(|d| {
                if let Some(mut l) = (slot.read)(d, index) {
                    write(&mut l, value);
                    (slot.write)(d, index, Some(l));
                }
            })
        })
    };
    macro_rules! part {
        ($name:ident) => {
            (
                get(|l| match l {
                    EmergencyChoice::New { $name, .. } => $name.clone(),
                    _ => String::new(),
                }),
                set(|l, v| {
                    if let EmergencyChoice::New { $name, .. } = l {
                        *$name = v
                    }
                }),
            )
        };
    }
    let (nickname, set_nickname) = part!(nickname);
    let (site, set_site) = part!(site_id);
    let (street, set_street) = part!(street);
    let (city, set_city) = part!(city);
    let (state, set_state) = part!(state);
    let (postal, set_postal) = part!(postal_code);
    let (country, set_country) = part!(country);
    let multi_site = wizard.view.with_value(|v| v.account.multi_site);
    let sites = wizard.options(|v| {
        v.sites
            .iter()
            .map(|x| (x.id.clone(), x.name.clone()))
            .collect()
    });
    view! {
        <fieldset class="new-location">
            <legend>"New emergency response location"</legend>
            <TextField
                label="Nickname"
                field=key("emergencyNickname")
                value=nickname
                on_input=set_nickname
            />
            {multi_site
                .then(|| {
                    view! {
                        <SelectField
                            label="Location site"
                            field=key("emergencySite")
                            options=sites
                            value=site
                            on_change=set_site
                        />
                    }
                })}
            <TextField
                label="Street"
                field=key("emergencyStreet")
                value=street
                on_input=set_street
                autocomplete="street-address"
            />
            <TextField label="City" field=key("emergencyCity") value=city on_input=set_city />
            <TextField
                label="State or province"
                field=key("emergencyState")
                value=state
                on_input=set_state
            />
            <TextField
                label="Postal code"
                field=key("emergencyPostalCode")
                value=postal
                on_input=set_postal
            />
            <TextField
                label="Country"
                field=key("emergencyCountry")
                value=country
                on_input=set_country
            />
        </fieldset>
    }
}
