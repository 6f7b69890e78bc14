//! A waiting user's invites, in the Setup section of their page: Send (or Resend) invite now,
//! Schedule invite at a time in the admin's time zone, Cancel scheduled invite. Each change is
//! made against the version the page shows and is safe to retry.

use domain::users_query::UserRow;
use domain::{ApiError, Permission};
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::FormActions;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::format::{local_input_value, local_time, parse_local, time_zone};
use crate::session::permission_gate;

/// What the admin asks of the user's invite.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ask {
    SendNow,
    SendAt(u64),
    Cancel,
}

/// When the last invite went out and when the next is scheduled, the three buttons, and the
/// form that picks the time.
#[component]
pub fn Invites(
    user: UserRow,
    /// After a change, to load the user again.
    on_changed: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let may = permission_gate(Permission::ManageUsers);
    let (id, version, email) = (user.id, user.version, user.email.clone());
    // One key per kind of change for this version of the user: a retry after a lost answer
    // acts once; the page loads a new version after each change.
    let keys = [(); 3].map(|_| new_idempotency_key());
    let act = Action::new_local(move |ask: &Ask| {
        let (api, ask, keys) = (api.clone(), *ask, keys.clone());
        async move {
            match ask {
                Ask::SendNow => api.send_invite(id, version, None, &keys[0]).await,
                Ask::SendAt(at) => api.send_invite(id, version, Some(at), &keys[1]).await,
                Ask::Cancel => api.cancel_invite(id, version, &keys[2]).await,
            }
            .map(|_| ask)
        }
    });
    let failure = RwSignal::new(None::<ApiError>);
    let scheduling = RwSignal::new(false);
    Effect::new(move |_| match act.value().get() {
        Some(Ok(ask)) => {
            let said = match ask {
                Ask::SendNow => format!("Welcome email sent to {email}; it is in the Outbox."),
                Ask::SendAt(at) => format!("Invite scheduled for {}.", local_time(at)),
                Ask::Cancel => "Scheduled invite cancelled.".to_owned(),
            };
            toasts.show(ToastKind::Success, said);
            on_changed.run(());
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let run = move |ask: Ask| {
        failure.set(None);
        act.dispatch(ask);
    };
    let busy = move || act.pending().get() || may.get().is_err();
    let send_label = if user.invited_at.is_some() {
        "Resend invite"
    } else {
        "Send invite"
    };
    let scheduled = user.invite_at;
    view! {
        {user.invited_at.map(|at| view! { <p>{format!("Invite sent {}.", local_time(at))}</p> })}
        {scheduled
            .map(|at| {
                view! {
                    <p>
                        <strong>{format!("Invite scheduled for {}", local_time(at))}</strong>
                        {format!(" ({}).", time_zone())}
                    </p>
                }
            })}
        <div class="header-actions">
            <button class="btn" disabled=busy on:click=move |_| run(Ask::SendNow)>
                {send_label}
            </button>
            <button
                class="btn"
                disabled=busy
                aria-expanded=move || scheduling.get().to_string()
                on:click=move |_| scheduling.update(|open| *open = !*open)
            >
                {if scheduled.is_some() { "Change scheduled time" } else { "Schedule invite" }}
            </button>
            {scheduled
                .map(|_| {
                    view! {
                        <button class="btn" disabled=busy on:click=move |_| run(Ask::Cancel)>
                            "Cancel scheduled invite"
                        </button>
                    }
                })}
        </div>
        {move || {
            scheduling
                .get()
                .then(|| {
                    view! {
                        <ScheduleForm
                            initial=scheduled
                            failure=failure
                            pending=act.pending()
                            on_schedule=Callback::new(move |at| run(Ask::SendAt(at)))
                            on_cancel=Callback::new(move |()| scheduling.set(false))
                        />
                    }
                })
        }}
        <InviteFailure failure=failure on_reload=on_changed />
    }
}

/// "Send the invite at", in the admin's time zone, with the rule's message at the field.
#[component]
fn ScheduleForm(
    /// The time scheduled already, else tomorrow at the full hour.
    initial: Option<u64>,
    failure: RwSignal<Option<ApiError>>,
    #[prop(into)] pending: Signal<bool>,
    on_schedule: Callback<u64>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let tomorrow = (js_sys::Date::now() / 1000.0) as u64 + 86_400;
    let value = RwSignal::new(local_input_value(
        initial.unwrap_or(tomorrow - tomorrow % 3600),
    ));
    let typed_wrong = RwSignal::new(false);
    let field_error = move || {
        if typed_wrong.get() {
            return Some("Pick a date and a time.".to_owned());
        }
        failure.with(|f| {
            f.as_ref()?
                .field_errors
                .iter()
                .find(|e| e.field == "sendAt")
                .map(|e| e.message.clone())
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_local(&value.get_untracked()) {
            Some(at) => {
                typed_wrong.set(false);
                on_schedule.run(at);
            }
            None => typed_wrong.set(true),
        }
    };
    view! {
        <form class="inline-form" on:submit=submit>
            <div class="field" class:field-invalid=move || field_error().is_some()>
                <label for="invite-send-at">"Send the invite at"</label>
                <input
                    id="invite-send-at"
                    type="datetime-local"
                    prop:value=move || value.get()
                    aria-invalid=move || field_error().is_some().to_string()
                    aria-describedby="invite-send-at-help invite-send-at-error"
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <p id="invite-send-at-help" class="muted">
                    {format!("Your time zone ({}); 5 minutes to 30 days ahead.", time_zone())}
                </p>
                <p id="invite-send-at-error" class="field-error">
                    {field_error}
                </p>
            </div>
            <FormActions
                pending=pending
                idle="Schedule"
                working="Scheduling…"
                on_cancel=on_cancel
            />
        </form>
    }
}

/// A failed invite change that isn't about the time: its message, and for a stale page a way to
/// load the user again.
#[component]
fn InviteFailure(failure: RwSignal<Option<ApiError>>, on_reload: Callback<()>) -> impl IntoView {
    move || {
        failure
            .get()
            .filter(|e| e.field_errors.iter().all(|f| f.field != "sendAt"))
            .map(|e| {
                let stale = matches!(e.status, 409 | 412);
                view! {
                    <div class="notice notice-error" role="alert">
                        <p>{e.message}</p>
                        {stale
                            .then(|| {
                                view! {
                                    <button class="btn" on:click=move |_| on_reload.run(())>
                                        "Reload the user"
                                    </button>
                                }
                            })}
                    </div>
                }
            })
    }
}
