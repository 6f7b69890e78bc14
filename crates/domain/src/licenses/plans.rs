//! Planners for the detail view's changes: assign add-on licenses to users, unassign them,
//! reassign one, and delete an additional number. Each checks the role first, then refuses
//! stale input (a license held by someone else than the admin saw) with 412, then decides
//! the effects.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::inventory::{License, LicenseKind};
use crate::permissions::{Permission, Role};
use crate::users::User;

/// Most licenses one request may change.
pub const MAX_CHANGES: usize = 10_000;

/// Body of `POST /api/v1/licenses/assignments`: spare add-ons of a cost center to users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AssignAddOns {
    pub kind: LicenseKind,
    /// Where the spare licenses come from.
    pub cost_center_id: String,
    pub user_ids: Vec<u32>,
}

/// A license as the admin saw it: its id and who held it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HeldLicense {
    pub id: String,
    pub assignee: u32,
}

/// Body of `POST /api/v1/licenses/unassignments`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Unassign {
    pub licenses: Vec<HeldLicense>,
}

/// Body of `POST /api/v1/licenses/reassignments`: one license from its holder to another user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Reassign {
    pub license: HeldLicense,
    pub to_user_id: u32,
}

fn stale(message: impl Into<String>) -> ApiError {
    ApiError::new(412, "stale_version", message)
}

/// Whether `user` may take a license of `kind` from `cost_center_id`: not already holding
/// one, and in that cost center unless the role manages cost centers (then it moves).
fn check_taker(
    data: &AccountData,
    role: &Role,
    user: &User,
    kind: LicenseKind,
    cost_center_id: &str,
) -> Result<(), String> {
    if data
        .licenses
        .iter()
        .any(|l| l.kind == kind && l.assignee == Some(user.id))
    {
        return Err(format!(
            "{} already has a {} license.",
            user.full_name(),
            kind.label()
        ));
    }
    if user.cost_center_id != cost_center_id && !role.can(Permission::ManageCostCenters) {
        let theirs = data
            .cost_center(&user.cost_center_id)
            .map_or("another cost center", |c| c.name.as_str());
        return Err(format!(
            "{} is in {theirs}; your role can only assign licenses to users of the license's cost center.",
            user.full_name()
        ));
    }
    Ok(())
}

/// A spare license of `kind` for a user of `cost_center_id`: one of that cost center first,
/// then (when `may_move`) any other, skipping `taken`.
pub(crate) fn find_spare<'a>(
    licenses: &'a [License],
    kind: LicenseKind,
    cost_center_id: &str,
    may_move: bool,
    taken: &HashSet<String>,
) -> Option<&'a License> {
    let spare = |l: &&License| l.kind == kind && l.assignee.is_none() && !taken.contains(&l.id);
    let mut all = licenses.iter().filter(spare);
    all.clone()
        .find(|l| l.cost_center_id == cost_center_id)
        .or_else(|| all.find(|_| may_move))
}

/// The effects that give `license` to `user`, moving it to the user's cost center first.
pub(crate) fn give(license: &License, user: &User, effects: &mut Vec<Effect>) {
    if license.cost_center_id != user.cost_center_id {
        effects.push(Effect::LicenseMoved {
            license_id: license.id.clone(),
            cost_center_id: user.cost_center_id.clone(),
        });
    }
    effects.push(Effect::LicenseAssigned {
        license_id: license.id.clone(),
        user_id: user.id,
    });
}

/// The effects that make `user` an Office user holding `license`.
pub(crate) fn upgrade(user: &User, license: &License, effects: &mut Vec<Effect>) {
    let mut upgraded = user.clone();
    upgraded.user_type = crate::users::UserType::Office;
    upgraded.version += 1;
    effects.push(Effect::UserUpdated { user: upgraded });
    give(license, user, effects);
}

/// Assigns spare add-on licenses of a cost center, one per user.
pub fn plan_assign_add_ons(
    data: &AccountData,
    role: &Role,
    request: &AssignAddOns,
) -> Result<Vec<Effect>, ApiError> {
    role.require(Permission::ManageLicenses)?;
    if !request.kind.is_add_on() {
        return Err(ApiError::validation(vec![FieldError::new(
            "kind",
            "Only add-on licenses are assigned here; change user licenses from the user.",
        )]));
    }
    let Some(cost_center) = data.cost_center(&request.cost_center_id) else {
        return Err(ApiError::validation(vec![FieldError::new(
            "costCenterId",
            "Choose a cost center with available licenses.",
        )]));
    };
    if request.user_ids.is_empty() || request.user_ids.len() > MAX_CHANGES {
        return Err(ApiError::validation(vec![FieldError::new(
            "userIds",
            "Select the users to assign licenses to.",
        )]));
    }
    let spare: Vec<&License> = data
        .licenses
        .iter()
        .filter(|l| {
            l.kind == request.kind
                && l.assignee.is_none()
                && l.cost_center_id == request.cost_center_id
        })
        .collect();
    let mut errors = Vec::new();
    if spare.len() < request.user_ids.len() {
        errors.push(FieldError::new(
            "userIds",
            format!(
                "{} has {} {} license{} available; select at most that many users.",
                cost_center.name,
                spare.len(),
                request.kind.label(),
                if spare.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    let mut seen = HashSet::new();
    let mut takers = Vec::new();
    for (i, id) in request.user_ids.iter().enumerate() {
        let field = format!("userIds[{i}]");
        match data.users.iter().find(|u| u.id == *id) {
            None => errors.push(FieldError::new(field, format!("User {id} doesn't exist."))),
            Some(_) if !seen.insert(*id) => {
                errors.push(FieldError::new(field, "This user is selected twice."))
            }
            Some(user) => match check_taker(data, role, user, request.kind, &cost_center.id) {
                Ok(()) => takers.push(user),
                Err(message) => errors.push(FieldError::new(field, message)),
            },
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let mut effects = Vec::new();
    for (license, user) in spare.into_iter().zip(takers) {
        give(license, user, &mut effects);
    }
    Ok(effects)
}

/// Returns add-on licenses to inventory. Every license must still be held by whom the admin
/// saw, or nothing changes (412).
pub fn plan_unassign(
    data: &AccountData,
    role: &Role,
    request: &Unassign,
) -> Result<Vec<Effect>, ApiError> {
    role.require(Permission::ManageLicenses)?;
    if request.licenses.is_empty() || request.licenses.len() > MAX_CHANGES {
        return Err(ApiError::validation(vec![FieldError::new(
            "licenses",
            "Select the licenses to unassign.",
        )]));
    }
    let mut effects = Vec::new();
    let mut changed = 0;
    for held in &request.licenses {
        let license = data
            .licenses
            .iter()
            .find(|l| l.id == held.id)
            .ok_or_else(|| ApiError::not_found(format!("License {} doesn't exist.", held.id)))?;
        if !license.kind.is_add_on() {
            return Err(ApiError::validation(vec![FieldError::new(
                "licenses",
                "User licenses are changed from the user, where what is lost is shown first.",
            )]));
        }
        if license.assignee != Some(held.assignee) {
            changed += 1;
            continue;
        }
        effects.push(Effect::LicenseUnassigned {
            license_id: license.id.clone(),
        });
    }
    if changed > 0 {
        return Err(stale(format!(
            "{changed} of the selected licenses changed hands since the list was loaded. Reload the list and select again; nothing was unassigned."
        )));
    }
    Ok(effects)
}

/// Moves one add-on license from its holder to another user.
pub fn plan_reassign(
    data: &AccountData,
    role: &Role,
    request: &Reassign,
) -> Result<Vec<Effect>, ApiError> {
    role.require(Permission::ManageLicenses)?;
    let license = data
        .licenses
        .iter()
        .find(|l| l.id == request.license.id)
        .ok_or_else(|| ApiError::not_found("That license doesn't exist."))?;
    if !license.kind.is_add_on() {
        return Err(ApiError::validation(vec![FieldError::new(
            "license",
            "Only add-on licenses are reassigned here.",
        )]));
    }
    if license.assignee != Some(request.license.assignee) {
        return Err(stale(
            "This license changed hands since the list was loaded. Reload the list and try again.",
        ));
    }
    let to = data
        .users
        .iter()
        .find(|u| u.id == request.to_user_id)
        .ok_or_else(|| ApiError::validation(vec![FieldError::new("toUserId", "Choose a user.")]))?;
    if to.id == request.license.assignee {
        return Err(ApiError::validation(vec![FieldError::new(
            "toUserId",
            "Choose someone other than the current holder.",
        )]));
    }
    check_taker(data, role, to, license.kind, &license.cost_center_id)
        .map_err(|message| ApiError::validation(vec![FieldError::new("toUserId", message)]))?;
    let mut effects = vec![Effect::LicenseUnassigned {
        license_id: license.id.clone(),
    }];
    give(license, to, &mut effects);
    Ok(effects)
}

/// Body of `POST /api/v1/numbers/deletions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeleteNumber {
    pub e164: String,
}

/// Deletes an additional local or toll-free number nobody holds (never the main number).
pub fn plan_delete_number(
    data: &AccountData,
    role: &Role,
    request: &DeleteNumber,
) -> Result<Vec<Effect>, ApiError> {
    role.require(Permission::ManageLicenses)?;
    let e164 = request.e164.as_str();
    let number = data
        .numbers
        .iter()
        .find(|n| n.e164 == e164)
        .ok_or_else(|| ApiError::not_found(format!("{e164} is not a number of this account.")))?;
    if e164 == data.account.main_number {
        return Err(ApiError::new(
            409,
            "conflict",
            "The account's main number can't be deleted.",
        ));
    }
    if let Some(holder) = number.assignee {
        let name = data
            .users
            .iter()
            .find(|u| u.id == holder)
            .map_or_else(|| "a user".to_owned(), User::full_name);
        return Err(ApiError::new(
            409,
            "conflict",
            format!("{e164} is assigned to {name}; unassign it from the user first."),
        ));
    }
    Ok(vec![Effect::NumberDeleted {
        e164: e164.to_owned(),
    }])
}

/// A user as the admin saw them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SeenUser {
    pub id: u32,
    pub version: u32,
}

/// Body of `POST /api/v1/licenses/upgrades`: Video Pro users to Office, each with an Office
/// license from inventory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpgradeToOffice {
    pub users: Vec<SeenUser>,
}

/// Upgrades Video Pro users to Office, all or nothing: every user must still be a Video Pro
/// user at the version the admin saw, and inventory must hold an Office license for each
/// (their cost center's, or another's when the role manages cost centers).
pub fn plan_upgrade_to_office(
    data: &AccountData,
    role: &Role,
    request: &UpgradeToOffice,
) -> Result<Vec<Effect>, ApiError> {
    role.require(Permission::ManageLicenses)?;
    if request.users.is_empty() || request.users.len() > MAX_CHANGES {
        return Err(ApiError::validation(vec![FieldError::new(
            "users",
            "Select the Video users to upgrade.",
        )]));
    }
    let may_move = role.can(Permission::ManageCostCenters);
    let mut taken = HashSet::new();
    let mut seen_ids = HashSet::new();
    let (mut effects, mut errors, mut stale_count) = (Vec::new(), Vec::new(), 0);
    for (i, seen) in request.users.iter().enumerate() {
        let field = format!("users[{i}]");
        let Some(user) = data.users.iter().find(|u| u.id == seen.id) else {
            errors.push(FieldError::new(
                field,
                format!("User {} doesn't exist.", seen.id),
            ));
            continue;
        };
        if !seen_ids.insert(user.id) {
            errors.push(FieldError::new(
                field,
                format!("{} is listed twice.", user.full_name()),
            ));
        } else if user.version != seen.version {
            stale_count += 1;
        } else if user.user_type != crate::users::UserType::VideoPro {
            errors.push(FieldError::new(
                field,
                format!("{} is not a Video Pro user.", user.full_name()),
            ));
        } else if let Some(license) = find_spare(
            &data.licenses,
            LicenseKind::Office,
            &user.cost_center_id,
            may_move,
            &taken,
        ) {
            taken.insert(license.id.clone());
            upgrade(user, license, &mut effects);
        } else {
            errors.push(FieldError::new(
                field,
                format!(
                    "No Office license is left for {}. Buy more, or select fewer users.",
                    user.full_name()
                ),
            ));
        }
    }
    if stale_count > 0 {
        return Err(stale(format!(
            "{stale_count} of the selected users changed since the list was loaded. Reload the list and select again; nobody was upgraded."
        )));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(effects)
}
