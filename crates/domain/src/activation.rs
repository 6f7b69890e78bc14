//! Activating a user who was added but never activated (Activate later, or an invite not
//! accepted yet), from the user's page: the admin assigns their credentials, checked by the
//! same rules as the Add User wizard's "Activate by assigning credentials", or sends (again)
//! the welcome email with the activation link.

use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::add_users::plan::new_location;
use crate::add_users::rules::check_credentials;
use crate::add_users::{send_at_problem, Context, Credentials};
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::outbox::{next_message_id, welcome_message};
use crate::permissions::{Permission, Role};
use crate::users::{user_on_page, User, UserStatus};

/// Body of `POST /api/v1/users/{id}/activation` (with `If-Match`: the version the admin saw).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Activation {
    /// Password, PIN, security question and emergency response location, as in the wizard.
    /// They go to the phone system; the console keeps none of them.
    pub credentials: Credentials,
}

/// Body of `POST /api/v1/users/{id}/invites` (with `If-Match`): sends the welcome email with
/// a new activation link now, or schedules it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InviteRequest {
    /// When to send it (Unix seconds, 5 minutes to 30 days ahead); now when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_at_unix: Option<u64>,
}

/// Every problem with activating the user of `email` by `request`, keyed by the credential's
/// field (`password`, `pinAgain`, `emergencyCity`…).
pub fn activation_errors(email: &str, request: &Activation, cx: &Context) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_credentials(email, &request.credentials, cx, &mut |name, message| {
        errors.push(FieldError::new(name, message))
    });
    errors
}

/// Decides an activation: the role must manage users, the user must exist (404) and still be
/// as the admin saw them (`If-Match`: 428 without, 412 when stale), not activated yet (409
/// for an active or disabled user), and the credentials must pass the wizard's rules (400 with
/// each problem at its field). The user is enabled; a new emergency location is added.
pub fn plan_activation(
    data: &AccountData,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
    request: &Activation,
    now_unix: u64,
) -> Result<(User, Vec<Effect>), ApiError> {
    let user = waiting_user(data, role, id, if_match)?;
    let cx = Context {
        data,
        role,
        now_unix,
    };
    let errors = activation_errors(&user.email, request, &cx);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let activated = User {
        status: UserStatus::Enabled,
        version: user.version + 1,
        invited_at: None,
        invite_at: None,
        ..user.clone()
    };
    let mut effects = vec![Effect::UserUpdated {
        user: activated.clone(),
    }];
    let number = data.emergency_locations.len() + 1;
    let emergency = request.credentials.emergency.as_ref();
    if let Some(location) = new_location(emergency, number, &user.site_id, data) {
        effects.push(Effect::EmergencyLocationAdded { location });
    }
    Ok((activated, effects))
}

/// The user `id` an admin who manages users may activate: seen at its version (`If-Match`:
/// 428 without, 412 when stale) and not activated yet (409).
fn waiting_user<'a>(
    data: &'a AccountData,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
) -> Result<&'a User, ApiError> {
    role.require(Permission::ManageUsers)?;
    let user = user_on_page(data, id, if_match)?;
    if user.status != UserStatus::NotActivated {
        return Err(ApiError::new(
            409,
            "already_activated",
            format!(
                "{} has already activated; their credentials are theirs to change.",
                user.full_name()
            ),
        ));
    }
    Ok(user)
}

/// Decides sending the welcome email to the user `id`, by the rules of [`plan_activation`]
/// but for the credentials. Now: the email goes to the outbox at once, the user records when,
/// and a scheduled one is no longer due. At a time: the user records it (400 at `sendAt` for a
/// time too soon or too far) and [`due_invites`] sends it then.
pub fn plan_send_invite(
    data: &AccountData,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
    request: &InviteRequest,
    now_unix: u64,
) -> Result<(User, Vec<Effect>), ApiError> {
    let user = waiting_user(data, role, id, if_match)?;
    if let Some(at) = request.send_at_unix {
        if let Some(problem) = send_at_problem(at, now_unix) {
            return Err(ApiError::validation(vec![FieldError::new(
                "sendAt", problem,
            )]));
        }
        let scheduled = User {
            invite_at: Some(at),
            version: user.version + 1,
            ..user.clone()
        };
        let effects = vec![Effect::UserUpdated {
            user: scheduled.clone(),
        }];
        return Ok((scheduled, effects));
    }
    let invited = invite_sent(user, now_unix);
    let message = welcome_message(
        next_message_id(&data.outbox),
        &data.account.name,
        &invited,
        now_unix,
    );
    let effects = vec![
        Effect::UserUpdated {
            user: invited.clone(),
        },
        Effect::MessageSent { message },
    ];
    Ok((invited, effects))
}

/// Decides cancelling the user `id`'s scheduled invite (`DELETE /users/{id}/invites`), by the
/// rules of [`plan_send_invite`]; 409 when none is scheduled.
pub fn plan_cancel_invite(
    data: &AccountData,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
) -> Result<(User, Vec<Effect>), ApiError> {
    let user = waiting_user(data, role, id, if_match)?;
    if user.invite_at.is_none() {
        return Err(ApiError::new(
            409,
            "no_scheduled_invite",
            format!("No invite is scheduled for {}.", user.full_name()),
        ));
    }
    let cancelled = User {
        invite_at: None,
        version: user.version + 1,
        ..user.clone()
    };
    let effects = vec![Effect::UserUpdated {
        user: cancelled.clone(),
    }];
    Ok((cancelled, effects))
}

/// The scheduled invites due at `now_unix`, sent: each user records when, and their welcome
/// email goes to the outbox dated at its scheduled time. Empty when none is due.
pub fn due_invites(data: &AccountData, now_unix: u64) -> Vec<Effect> {
    let due = data.users.iter().filter(|u| {
        u.status == UserStatus::NotActivated && u.invite_at.is_some_and(|at| at <= now_unix)
    });
    let mut effects = Vec::new();
    for (id, user) in (next_message_id(&data.outbox)..).zip(due) {
        let at = user.invite_at.unwrap_or(now_unix);
        let invited = invite_sent(user, at);
        let message = welcome_message(id, &data.account.name, &invited, at);
        effects.push(Effect::UserUpdated { user: invited });
        effects.push(Effect::MessageSent { message });
    }
    effects
}

/// `user` once their welcome email went out at `at`: nothing is scheduled any more.
fn invite_sent(user: &User, at: u64) -> User {
    User {
        invited_at: Some(at),
        invite_at: None,
        version: user.version + 1,
        ..user.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::add_users::EmergencyChoice;
    use crate::permissions::Persona;
    use crate::seed::{generate, persona_role as role, Dataset};

    const NOW: u64 = 1_800_000_000;

    fn with_status(data: &AccountData, status: UserStatus) -> User {
        data.users
            .iter()
            .find(|u| u.status == status)
            .cloned()
            .unwrap()
    }

    fn good() -> Activation {
        Activation {
            credentials: Credentials {
                emergency: None,
                ..crate::add_users::tests::credentials()
            },
        }
    }

    fn plan(
        data: &AccountData,
        p: Persona,
        user: &User,
        seen: Option<u32>,
        a: &Activation,
    ) -> Result<(User, Vec<Effect>), ApiError> {
        plan_activation(data, &role(p), user.id, seen, a, NOW)
    }

    #[test]
    fn a_user_not_activated_is_enabled_with_good_credentials() {
        let data = generate(Dataset::Standard);
        let user = with_status(&data, UserStatus::NotActivated);
        let (activated, effects) = plan(
            &data,
            Persona::SuperAdmin,
            &user,
            Some(user.version),
            &good(),
        )
        .unwrap();
        assert_eq!(activated.status, UserStatus::Enabled);
        assert_eq!(activated.version, user.version + 1);
        assert_eq!(effects, vec![Effect::UserUpdated { user: activated }]);
    }

    #[test]
    fn a_new_emergency_location_is_added_with_the_activation() {
        let data = generate(Dataset::Standard);
        let user = with_status(&data, UserStatus::NotActivated);
        let mut request = good();
        request.credentials.emergency = Some(EmergencyChoice::New {
            nickname: "Home office".into(),
            site_id: user.site_id.clone(),
            street: "12 Elm Row".into(),
            city: "Austin".into(),
            state: "TX".into(),
            postal_code: "78701".into(),
            country: "United States".into(),
        });
        let (_, effects) = plan(
            &data,
            Persona::SuperAdmin,
            &user,
            Some(user.version),
            &request,
        )
        .unwrap();
        assert!(
            matches!(&effects[1], Effect::EmergencyLocationAdded { location } if location.nickname == "Home office")
        );
        assert_eq!(effects.len(), 2);
    }

    #[test]
    fn bad_credentials_are_refused_at_their_fields() {
        let data = generate(Dataset::Standard);
        let user = with_status(&data, UserStatus::NotActivated);
        let mut request = good();
        request.credentials.password = "short".into();
        request.credentials.pin_again = "2581".into();
        request.credentials.emergency = Some(EmergencyChoice::Existing {
            location_id: "nowhere".into(),
        });
        let error = plan(
            &data,
            Persona::SuperAdmin,
            &user,
            Some(user.version),
            &request,
        )
        .unwrap_err();
        assert_eq!(error.status, 400);
        let fields: Vec<&str> = error
            .field_errors
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(
            fields,
            ["password", "passwordAgain", "pinAgain", "emergency"]
        );
    }

    #[test]
    fn only_a_user_not_yet_activated_seen_at_its_version_by_a_users_admin_is_activated() {
        let data = generate(Dataset::Standard);
        let user = with_status(&data, UserStatus::NotActivated);
        let refused =
            |p, user: &User, seen| plan(&data, p, user, seen, &good()).unwrap_err().status;
        assert_eq!(refused(Persona::ReadOnly, &user, Some(user.version)), 403);
        assert_eq!(refused(Persona::SuperAdmin, &user, None), 428);
        assert_eq!(
            refused(Persona::SuperAdmin, &user, Some(user.version + 1)),
            412
        );
        for status in [UserStatus::Enabled, UserStatus::Disabled] {
            let other = with_status(&data, status);
            assert_eq!(
                refused(Persona::SuperAdmin, &other, Some(other.version)),
                409
            );
        }
        let gone = User {
            id: 999_999,
            ..user.clone()
        };
        assert_eq!(refused(Persona::SuperAdmin, &gone, Some(user.version)), 404);
    }

    #[test]
    fn an_invite_puts_the_welcome_email_in_the_outbox_and_records_when() {
        let data = generate(Dataset::Standard);
        let user = with_status(&data, UserStatus::NotActivated);
        let (invited, effects) = plan_send_invite(
            &data,
            &role(Persona::SuperAdmin),
            user.id,
            Some(user.version),
            &InviteRequest::default(),
            NOW,
        )
        .unwrap();
        assert_eq!(invited.invited_at, Some(NOW));
        assert_eq!(invited.status, UserStatus::NotActivated);
        let Effect::MessageSent { message } = &effects[1] else {
            panic!("no email in {effects:?}")
        };
        assert_eq!(message.to, user.email);
        assert!(message.subject.starts_with("Welcome to "));
        assert!(message.body.contains("activation link"));
        assert_eq!(message.id, crate::outbox::next_message_id(&data.outbox));
        let refused = |p, seen| {
            plan_send_invite(
                &data,
                &role(p),
                user.id,
                seen,
                &InviteRequest::default(),
                NOW,
            )
            .unwrap_err()
            .status
        };
        assert_eq!(refused(Persona::ReadOnly, Some(user.version)), 403);
        assert_eq!(refused(Persona::SuperAdmin, Some(user.version + 1)), 412);
        let active = with_status(&data, UserStatus::Enabled);
        let again = plan_send_invite(
            &data,
            &role(Persona::SuperAdmin),
            active.id,
            Some(active.version),
            &InviteRequest::default(),
            NOW,
        );
        assert_eq!(again.unwrap_err().status, 409);
    }

    fn at(send_at_unix: u64) -> InviteRequest {
        InviteRequest {
            send_at_unix: Some(send_at_unix),
        }
    }

    #[test]
    fn a_scheduled_invite_is_sent_when_due_and_not_before() {
        let mut data = generate(Dataset::Standard);
        let user = with_status(&data, UserStatus::NotActivated);
        let admin = role(Persona::SuperAdmin);
        let when = NOW + 3600;
        let (scheduled, effects) =
            plan_send_invite(&data, &admin, user.id, Some(user.version), &at(when), NOW).unwrap();
        assert_eq!(scheduled.invite_at, Some(when));
        assert_eq!(effects.len(), 1, "nothing is sent yet: {effects:?}");
        for effect in &effects {
            effect.apply(&mut data);
        }
        assert!(due_invites(&data, when - 1).is_empty());
        let outbox = data.outbox.len();
        for effect in due_invites(&data, when) {
            effect.apply(&mut data);
        }
        let sent = data.users.iter().find(|u| u.id == user.id).unwrap();
        assert_eq!((sent.invited_at, sent.invite_at), (Some(when), None));
        assert_eq!(data.outbox.len(), outbox + 1);
        let message = data.outbox.last().unwrap();
        assert_eq!(
            (message.to.as_str(), message.sent_at),
            (user.email.as_str(), when)
        );
        assert!(due_invites(&data, when + 60).is_empty(), "sent once");
    }

    #[test]
    fn a_scheduled_invite_is_five_minutes_to_thirty_days_ahead_and_can_be_cancelled() {
        let mut data = generate(Dataset::Standard);
        let user = with_status(&data, UserStatus::NotActivated);
        let admin = role(Persona::SuperAdmin);
        for too in [NOW + 60, NOW + 31 * 86_400] {
            let refused =
                plan_send_invite(&data, &admin, user.id, Some(user.version), &at(too), NOW)
                    .unwrap_err();
            assert_eq!(refused.field_errors[0].field, "sendAt");
        }
        let refused = plan_cancel_invite(&data, &admin, user.id, Some(user.version));
        assert_eq!(refused.unwrap_err().status, 409, "nothing scheduled yet");
        let when = NOW + 600;
        let (_, effects) =
            plan_send_invite(&data, &admin, user.id, Some(user.version), &at(when), NOW).unwrap();
        effects.iter().for_each(|e| e.apply(&mut data));
        let version = user.version + 1;
        let (cancelled, effects) =
            plan_cancel_invite(&data, &admin, user.id, Some(version)).unwrap();
        assert_eq!(cancelled.invite_at, None);
        effects.iter().for_each(|e| e.apply(&mut data));
        assert!(due_invites(&data, when).is_empty());
    }
}
