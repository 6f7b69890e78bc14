//! Editing who a user is and where they sit, from the Details section of their page: name,
//! email, extension, site, cost center and role, checked by the Add User wizard's own rules
//! (the same clash rules for email and extension) over the account as the user's own change
//! sees it. A move to another cost center takes the user's licenses along.

use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::add_users::{
    validate, AddUsersRequest, AddUsersView, Context, NumberChoice, PhoneChoice,
};
use crate::effects::Effect;
use crate::equipment::user_license;
use crate::error::{ApiError, FieldError};
use crate::permissions::{Permission, Role};
use crate::users::{user_on_page, User};

/// Body of `PUT /api/v1/users/{id}/details` (with `If-Match`): the details as they should be.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserDetails {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub extension: String,
    pub site_id: String,
    pub cost_center_id: String,
    pub role_id: String,
}

impl UserDetails {
    /// `user`'s details as they are.
    pub fn of(user: &User) -> Self {
        Self {
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            email: user.email.clone(),
            extension: user.extension.clone(),
            site_id: user.site_id.clone(),
            cost_center_id: user.cost_center_id.clone(),
            role_id: user.role_id.clone(),
        }
    }

    /// The value of the field named `field` (as [`FIELDS`] names them); empty for another name.
    pub fn get(&self, field: &str) -> &str {
        self.slot(field).map_or("", |s| s.as_str())
    }

    /// Sets the field named `field` (as [`FIELDS`] names them); another name changes nothing.
    pub fn set(&mut self, field: &str, value: String) {
        if let Some(slot) = self.slot_mut(field) {
            *slot = value;
        }
    }

    fn slot(&self, field: &str) -> Option<&String> {
        let d = self;
        Some(match field {
            "firstName" => &d.first_name,
            "lastName" => &d.last_name,
            "email" => &d.email,
            "extension" => &d.extension,
            "siteId" => &d.site_id,
            "costCenterId" => &d.cost_center_id,
            "roleId" => &d.role_id,
            _ => return None,
        })
    }

    fn slot_mut(&mut self, field: &str) -> Option<&mut String> {
        let d = self;
        Some(match field {
            "firstName" => &mut d.first_name,
            "lastName" => &mut d.last_name,
            "email" => &mut d.email,
            "extension" => &mut d.extension,
            "siteId" => &mut d.site_id,
            "costCenterId" => &mut d.cost_center_id,
            "roleId" => &mut d.role_id,
            _ => return None,
        })
    }

    /// `user` with these details (trimmed), version unchanged.
    pub fn applied_to(&self, user: &User) -> User {
        User {
            first_name: self.first_name.trim().to_owned(),
            last_name: self.last_name.trim().to_owned(),
            email: self.email.trim().to_owned(),
            extension: self.extension.trim().to_owned(),
            site_id: self.site_id.clone(),
            cost_center_id: self.cost_center_id.clone(),
            role_id: self.role_id.clone(),
            ..user.clone()
        }
    }
}

/// The fields of the details, as the wizard's row (and the errors) name them.
pub const FIELDS: [&str; 7] = [
    "firstName",
    "lastName",
    "email",
    "extension",
    "siteId",
    "costCenterId",
    "roleId",
];

/// Every problem with giving `user` these details, keyed by the field (`email`, `extension`…):
/// the wizard's rules over `cx.data`, the account as the user's own change sees it
/// ([`AddUsersView::keeping`]); a move to another cost center needs Manage cost centers.
pub fn details_errors(user: &User, details: &UserDetails, cx: &Context) -> Vec<FieldError> {
    let after = details.applied_to(user);
    let request = AddUsersRequest::of_user(
        &after,
        after.user_type,
        PhoneChoice::DesktopApp,
        NumberChoice::None,
    );
    let mut errors: Vec<FieldError> = validate(&request, cx)
        .into_iter()
        .filter_map(|e| {
            let field = e.field.strip_prefix("rows[0].")?;
            FIELDS
                .contains(&field)
                .then(|| FieldError::new(field, e.message))
        })
        .collect();
    let moves = after.cost_center_id != user.cost_center_id;
    if moves && !cx.role.can(Permission::ManageCostCenters) {
        errors.push(FieldError::new(
            "costCenterId",
            "Your role can't move users to another cost center; ask an admin who manages cost centers.",
        ));
    }
    errors
}

/// Decides a details edit: the role must manage users, the user must be as the admin saw them
/// (`If-Match`: 428 without, 412 when stale), and every rule must pass (400 with each problem at
/// its field). A move to another cost center takes the user's licenses along.
pub fn plan_details(
    data: &AccountData,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
    details: &UserDetails,
    now_unix: u64,
) -> Result<(User, Vec<Effect>), ApiError> {
    role.require(Permission::ManageUsers)?;
    let user = user_on_page(data, id, if_match)?;
    let view = AddUsersView::of(data).keeping(user, user_license(data, user));
    let cx = Context {
        data: &view,
        role,
        now_unix,
    };
    let errors = details_errors(user, details, &cx);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let after = details.applied_to(user);
    if after == *user {
        return Ok((user.clone(), Vec::new()));
    }
    let edited = User {
        version: user.version + 1,
        ..after
    };
    let mut effects = vec![Effect::UserUpdated {
        user: edited.clone(),
    }];
    if edited.cost_center_id != user.cost_center_id {
        for license in data.licenses.iter().filter(|l| l.assignee == Some(id)) {
            let license_id = license.id.clone();
            effects.push(Effect::LicenseUnassigned {
                license_id: license_id.clone(),
            });
            effects.push(Effect::LicenseMoved {
                license_id: license_id.clone(),
                cost_center_id: edited.cost_center_id.clone(),
            });
            effects.push(Effect::LicenseAssigned {
                license_id,
                user_id: id,
            });
        }
    }
    Ok((edited, effects))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::Persona;
    use crate::seed::{generate, persona_role as role, Dataset};

    const NOW: u64 = 1_800_000_000;

    fn licensed(data: &AccountData) -> User {
        data.users
            .iter()
            .find(|u| data.licenses.iter().any(|l| l.assignee == Some(u.id)))
            .cloned()
            .unwrap()
    }

    /// A cost center other than `user`'s.
    fn elsewhere(data: &AccountData, user: &User) -> String {
        let other = data
            .cost_centers
            .iter()
            .find(|c| c.id != user.cost_center_id);
        other.unwrap().id.clone()
    }

    #[test]
    fn details_are_saved_and_licenses_follow_a_move_to_another_cost_center() {
        let mut data = generate(Dataset::Standard);
        let user = licensed(&data);
        let other = elsewhere(&data, &user);
        let details = UserDetails {
            first_name: " Renamed ".into(),
            cost_center_id: other.clone(),
            ..UserDetails::of(&user)
        };
        let (edited, effects) = plan_details(
            &data,
            &role(Persona::SuperAdmin),
            user.id,
            Some(user.version),
            &details,
            NOW,
        )
        .unwrap();
        assert_eq!(edited.first_name, "Renamed");
        assert_eq!(edited.version, user.version + 1);
        effects.iter().for_each(|e| e.apply(&mut data));
        for license in data.licenses.iter().filter(|l| l.assignee == Some(user.id)) {
            assert_eq!(license.cost_center_id, other);
        }
    }

    #[test]
    fn the_wizards_clash_rules_apply_but_the_users_own_email_and_extension_are_theirs() {
        let data = generate(Dataset::Standard);
        let user = licensed(&data);
        let taken = data.users.iter().find(|u| u.id != user.id).unwrap();
        let admin = role(Persona::SuperAdmin);
        let plan = |details: &UserDetails| {
            plan_details(&data, &admin, user.id, Some(user.version), details, NOW)
        };
        let unchanged = plan(&UserDetails::of(&user)).unwrap();
        assert!(unchanged.1.is_empty(), "nothing to change");
        let clash = plan(&UserDetails {
            email: taken.email.to_uppercase(),
            extension: taken.extension.clone(),
            ..UserDetails::of(&user)
        })
        .unwrap_err();
        let fields: Vec<&str> = clash
            .field_errors
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["email", "extension"]);
    }

    #[test]
    fn a_move_needs_cost_center_management_and_an_edit_the_current_version() {
        let data = generate(Dataset::Standard);
        let user = licensed(&data);
        let other = elsewhere(&data, &user);
        let moved = UserDetails {
            cost_center_id: other,
            ..UserDetails::of(&user)
        };
        let refused = plan_details(
            &data,
            &role(Persona::UsersAdminNoCostCenters),
            user.id,
            Some(user.version),
            &moved,
            NOW,
        )
        .unwrap_err();
        assert_eq!(refused.field_errors[0].field, "costCenterId");
        let stale = plan_details(
            &data,
            &role(Persona::SuperAdmin),
            user.id,
            Some(user.version + 1),
            &moved,
            NOW,
        );
        assert_eq!(stale.unwrap_err().status, 412);
    }
}
