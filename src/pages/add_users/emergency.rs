//! A row's emergency response location, as in the seed: Add (or Change) next to the user opens
//! a window to search the account's locations and pick one, or make a new one (nickname, site,
//! address), then Done. The DigitalLine conversion shows the same fields as a step of its own.

use domain::add_users::{EmergencyChoice, Setup};
use leptos::prelude::*;

use super::draft::EMERGENCY_FIELDS;
use super::fields::{field_id, SelectField, TextField, WindowField};
use super::{Draft, Wizard};
use crate::components::dialog::{Dialog, DoneActions};

/// Row `index`'s location: what is chosen, and Add (or Change), which opens the window. The
/// choice's first error shows here too, and Next with an error focuses the button.
#[component]
pub fn EmergencyWindow(
    index: usize,
    /// Where the choice is kept.
    source: EmergencySlot,
    /// What is said while nothing is chosen.
    placeholder: &'static str,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let choice = Memo::new(move |_| wizard.draft.with(|d| (source.read)(d, index)));
    let errors = EMERGENCY_FIELDS.map(|f| wizard.error(format!("rows[{index}].{f}")));
    let error = Signal::derive(move || errors.iter().find_map(|e| e.get()));
    let summary = move || match choice.get() {
        None => placeholder.to_owned(),
        Some(EmergencyChoice::Existing { location_id }) => wizard.view.with_value(|v| {
            v.emergency_locations
                .iter()
                .find(|l| l.id == location_id)
                .map_or(location_id, |l| {
                    format!("{}: {}, {}", l.nickname, l.address.street, l.address.city)
                })
        }),
        Some(EmergencyChoice::New { nickname, .. }) if nickname.trim().is_empty() => {
            "A new location".to_owned()
        }
        Some(EmergencyChoice::New { nickname, .. }) => format!("New: {nickname}"),
    };
    let verb = move || {
        if choice.with(Option::is_some) {
            "Change"
        } else {
            "Add"
        }
    };
    let open = RwSignal::new(false);
    view! {
        <WindowField
            label="Emergency response location"
            id=format!("{}-button", field_id(&format!("rows[{index}].emergency")))
            summary=Signal::derive(summary)
            verb=Signal::derive(verb)
            button_name=Signal::derive(move || {
                format!("{} an emergency response location for {}", verb(), wizard.row_name(index))
            })
            error=error
            open=open
            window=ViewFn::from(move || {
                view! {
                    <Dialog
                        title=format!("Emergency response location for {}", wizard.row_name(index))
                        on_close=move |()| open.set(false)
                    >
                        <EmergencyFields index=index source=source placeholder=placeholder />
                        <DoneActions on_done=move |()| open.set(false) />
                    </Dialog>
                }
            })
        />
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
