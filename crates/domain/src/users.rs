//! Users with extensions: their type, status and the record the API returns.

use serde::{Deserialize, Serialize};

/// The four kinds of user an account can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum UserType {
    /// Full license: messaging, video and phone.
    Office,
    /// Free, no license: messaging and limited video, no direct calls.
    VideoPro,
    /// Meeting license: messaging and video, no direct calls.
    VideoProPlus,
    /// Free: messaging and video, no direct calls.
    Mobile,
}

impl UserType {
    pub const ALL: [UserType; 4] = [
        Self::Office,
        Self::VideoPro,
        Self::VideoProPlus,
        Self::Mobile,
    ];

    /// The name admins see.
    pub fn label(self) -> &'static str {
        match self {
            Self::Office => "Office",
            Self::VideoPro => "Video Pro",
            Self::VideoProPlus => "Video Pro+",
            Self::Mobile => "Mobile",
        }
    }

    /// The value used in URLs and API parameters.
    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        slug.parse().ok()
    }

    /// Free users pay as a full user in any billing cycle with more than 10 calls.
    pub fn is_free(self) -> bool {
        matches!(self, Self::VideoPro | Self::Mobile)
    }
}

/// Where a user is in their life cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum UserStatus {
    Enabled,
    /// Added, but the user has not activated (invite pending or activate later).
    NotActivated,
    Disabled,
}

impl UserStatus {
    pub const ALL: [UserStatus; 3] = [Self::Enabled, Self::NotActivated, Self::Disabled];

    pub fn label(self) -> &'static str {
        match self {
            Self::Enabled => "Enabled",
            Self::NotActivated => "Not activated",
            Self::Disabled => "Disabled",
        }
    }

    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        slug.parse().ok()
    }
}

/// A user with an extension, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: u32,
    /// The Mailbox ID admins use in bulk files.
    pub mailbox_id: u64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub extension: String,
    pub user_type: UserType,
    pub site_id: String,
    pub cost_center_id: String,
    pub status: UserStatus,
    pub role_id: String,
    /// Optimistic-concurrency version, bumped on every change.
    pub version: u32,
    /// When the last welcome email with the activation link went out (Unix seconds), while
    /// the user has not activated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_at: Option<u64>,
    /// When a scheduled welcome email goes out (Unix seconds), until it has gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_at: Option<u64>,
}

impl User {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_match_serde() {
        for t in UserType::ALL {
            assert_eq!(UserType::from_slug(t.slug()), Some(t));
            assert_eq!(serde_json_str(&t), t.slug());
        }
        for s in UserStatus::ALL {
            assert_eq!(UserStatus::from_slug(s.slug()), Some(s));
            assert_eq!(serde_json_str(&s), s.slug());
        }
        assert_eq!(UserType::from_slug("Office"), None);
    }

    #[test]
    fn only_video_pro_and_mobile_are_free() {
        let free: Vec<_> = UserType::ALL.into_iter().filter(|t| t.is_free()).collect();
        assert_eq!(free, [UserType::VideoPro, UserType::Mobile]);
    }

    fn serde_json_str<T: Serialize>(v: &T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }
}

/// Body of `PATCH /api/v1/users/{id}`: the fields to change. The version the admin saw goes in
/// the `If-Match` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
}

/// Decides whether `patch` may be applied to `user` by an admin with `role`, who saw the user
/// at `seen_version`; on success returns the updated user (version bumped).
pub fn plan_patch_user(
    user: &User,
    patch: &UserPatch,
    seen_version: u32,
    role: &crate::permissions::Role,
) -> Result<User, crate::error::ApiError> {
    use crate::error::{ApiError, FieldError};
    role.require(crate::permissions::Permission::ManageUsers)?;
    if seen_version != user.version {
        return Err(ApiError::new(
            412,
            "stale_version",
            format!("{} was changed by someone else since you loaded the list. Reload to see the latest, then try again.", user.full_name()),
        ));
    }
    let mut next = user.clone();
    if let Some(status) = patch.status {
        match (user.status, status) {
            (from, to) if from == to => {}
            (_, UserStatus::NotActivated) => {
                return Err(ApiError::validation(vec![FieldError::new(
                    "status",
                    "A user can't be set back to Not activated.",
                )]))
            }
            (UserStatus::NotActivated, UserStatus::Enabled) => {
                return Err(ApiError::validation(vec![FieldError::new(
                    "status",
                    format!("{} hasn't activated yet; they are enabled when they accept the invite or get credentials.", user.full_name()),
                )]))
            }
            (_, to) => next.status = to,
        }
    }
    if next != *user {
        next.version += 1;
    }
    Ok(next)
}

/// Decides `PATCH /api/v1/users/{id}` for the sandbox and the server alike: the role must allow
/// it, the user must exist, the request must say which version it changes (`If-Match`), and
/// [`plan_patch_user`] must allow the change. Returns the user as it will be and the effects to apply (none when
/// nothing changes).
pub fn plan_patch_request(
    data: &crate::account::AccountData,
    id: &str,
    patch: &UserPatch,
    if_match: Option<u32>,
    role: &crate::permissions::Role,
) -> Result<(User, Vec<crate::effects::Effect>), crate::error::ApiError> {
    use crate::error::ApiError;
    role.require(crate::permissions::Permission::ManageUsers)?;
    let user = id
        .parse::<u32>()
        .ok()
        .and_then(|id| data.users.iter().find(|u| u.id == id))
        .ok_or_else(|| ApiError::not_found("That user no longer exists."))?;
    let seen = if_match.ok_or_else(ApiError::version_required)?;
    let updated = plan_patch_user(user, patch, seen, role)?;
    let effects = if updated == *user {
        Vec::new()
    } else {
        vec![crate::effects::Effect::UserUpdated {
            user: updated.clone(),
        }]
    };
    Ok((updated, effects))
}

/// The user with `id` that a change seen at `if_match` is for, with that version: 404 when
/// there is none, 428 when the request names no version. Whether the version is stale is the
/// change's own rule (its message says where to look again).
pub(crate) fn user_to_change(
    data: &crate::account::AccountData,
    id: u32,
    if_match: Option<u32>,
) -> Result<(&User, u32), crate::error::ApiError> {
    use crate::error::ApiError;
    let user = data
        .users
        .iter()
        .find(|u| u.id == id)
        .ok_or_else(|| ApiError::not_found("That user no longer exists."))?;
    let seen = if_match.ok_or_else(ApiError::version_required)?;
    Ok((user, seen))
}

/// The user with `id` as the admin saw them on their page (`If-Match`): 404 when there is
/// none, 428 when the request names no version, 412 when someone else changed them since.
pub(crate) fn user_on_page(
    data: &crate::account::AccountData,
    id: u32,
    if_match: Option<u32>,
) -> Result<&User, crate::error::ApiError> {
    let (user, seen) = user_to_change(data, id, if_match)?;
    if seen != user.version {
        return Err(crate::error::ApiError::new(
            412,
            "stale_version",
            format!(
                "{} was changed by someone else since you opened their page. Reload to see the latest, then try again.",
                user.full_name()
            ),
        ));
    }
    Ok(user)
}

#[cfg(test)]
mod patch_tests {
    use super::*;
    use crate::permissions::{Persona, Role};

    fn role(p: Persona) -> Role {
        Role {
            id: p.role_id().into(),
            name: p.description().into(),
            permissions: p.permissions(),
            admin: true,
        }
    }

    fn user(status: UserStatus) -> User {
        User {
            id: 1,
            mailbox_id: 1,
            first_name: "Ava".into(),
            last_name: "Chen".into(),
            email: "ava@x.example".into(),
            extension: "101".into(),
            user_type: UserType::Office,
            site_id: "site-1".into(),
            cost_center_id: "cc-1".into(),
            status,
            role_id: "role-standard".into(),
            version: 3,
            invited_at: None,
            invite_at: None,
        }
    }

    fn to(status: UserStatus) -> UserPatch {
        UserPatch {
            status: Some(status),
        }
    }

    #[test]
    fn disabling_and_enabling_bumps_the_version() {
        let admin = role(Persona::SuperAdmin);
        let disabled = plan_patch_user(
            &user(UserStatus::Enabled),
            &to(UserStatus::Disabled),
            3,
            &admin,
        )
        .unwrap();
        assert_eq!(
            (disabled.status, disabled.version),
            (UserStatus::Disabled, 4)
        );
        let enabled = plan_patch_user(&disabled, &to(UserStatus::Enabled), 4, &admin).unwrap();
        assert_eq!((enabled.status, enabled.version), (UserStatus::Enabled, 5));
        let same = plan_patch_user(&enabled, &to(UserStatus::Enabled), 5, &admin).unwrap();
        assert_eq!(same.version, 5, "a no-op does not bump the version");
    }

    #[test]
    fn read_only_admins_are_refused_before_anything_else() {
        let err = plan_patch_user(
            &user(UserStatus::Enabled),
            &to(UserStatus::Disabled),
            99,
            &role(Persona::ReadOnly),
        )
        .unwrap_err();
        assert_eq!((err.status, err.code.as_str()), (403, "forbidden"));
    }

    #[test]
    fn a_stale_version_is_rejected_with_412() {
        let err = plan_patch_user(
            &user(UserStatus::Enabled),
            &to(UserStatus::Disabled),
            2,
            &role(Persona::SuperAdmin),
        )
        .unwrap_err();
        assert_eq!((err.status, err.code.as_str()), (412, "stale_version"));
    }

    #[test]
    fn users_who_never_activated_cannot_be_enabled_by_an_admin() {
        let admin = role(Persona::SuperAdmin);
        let err = plan_patch_user(
            &user(UserStatus::NotActivated),
            &to(UserStatus::Enabled),
            3,
            &admin,
        )
        .unwrap_err();
        assert_eq!(err.field_errors[0].field, "status");
        assert!(plan_patch_user(
            &user(UserStatus::Enabled),
            &to(UserStatus::NotActivated),
            3,
            &admin
        )
        .is_err());
        assert!(plan_patch_user(
            &user(UserStatus::NotActivated),
            &to(UserStatus::Disabled),
            3,
            &admin
        )
        .is_ok());
    }

    #[test]
    fn a_patch_request_needs_an_existing_user_and_a_version() {
        let data = crate::seed::generate(crate::seed::Dataset::Standard);
        let admin = role(Persona::SuperAdmin);
        let patch = to(UserStatus::Disabled);
        let err = plan_patch_request(&data, "999999", &patch, Some(1), &admin).unwrap_err();
        assert_eq!(err.status, 404);
        let err = plan_patch_request(&data, "abc", &patch, Some(1), &admin).unwrap_err();
        assert_eq!(err.status, 404);
        let target = data
            .users
            .iter()
            .find(|u| u.status == UserStatus::Enabled)
            .unwrap();
        let id = target.id.to_string();
        let err = plan_patch_request(&data, &id, &patch, None, &admin).unwrap_err();
        assert_eq!((err.status, err.code.as_str()), (428, "version_required"));
        let (user, effects) =
            plan_patch_request(&data, &id, &patch, Some(target.version), &admin).unwrap();
        assert_eq!(user.status, UserStatus::Disabled);
        assert_eq!(effects.len(), 1);
        let (_, none) = plan_patch_request(
            &data,
            &id,
            &to(UserStatus::Enabled),
            Some(target.version),
            &admin,
        )
        .unwrap();
        assert!(none.is_empty(), "a no-op changes nothing");
    }
}
