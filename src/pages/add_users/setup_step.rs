//! Step 4: how each user is set up (send invite, schedule invite, assign credentials, activate
//! later) and their role.

use domain::add_users::{Credentials, Setup, SECURITY_QUESTIONS};
use leptos::prelude::*;

use super::emergency::{EmergencySlot, EmergencyWindow};
use super::fields::{SelectField, TextField};
use super::role_dialog::RoleDialog;
use super::Wizard;
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
            <EmergencyWindow
                index=index
                source=EmergencySlot::CREDENTIALS
                placeholder="None yet (the user is asked at first sign-in)"
            />
        </fieldset>
    }
}
