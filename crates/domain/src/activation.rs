//! Activating a user who was added but never activated (Activate later, or an invite not
//! accepted yet), from the user's page: the admin assigns their credentials, checked by the
//! same rules as the Add User wizard's "Activate by assigning credentials", or sends (again)
//! the welcome email with the activation link.

use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::add_users::plan::new_location;
use crate::add_users::rules::check_credentials;
use crate::add_users::{Context, Credentials};
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
/// a new activation link now. Nothing to say yet; an object, so options can come.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {}

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
/// but for the credentials: the email goes to the outbox at once, and the user records when.
pub fn plan_send_invite(
    data: &AccountData,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
    now_unix: u64,
) -> Result<(User, Vec<Effect>), ApiError> {
    let user = waiting_user(data, role, id, if_match)?;
    let invited = User {
        invited_at: Some(now_unix),
        version: user.version + 1,
        ..user.clone()
    };
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
            plan_send_invite(&data, &role(p), user.id, seen, NOW)
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
            NOW,
        );
        assert_eq!(again.unwrap_err().status, 409);
    }
}
