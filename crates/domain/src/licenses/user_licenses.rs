//! One user's licenses: what they hold, what could be given to them, what a removal deletes,
//! and the planner behind "Edit licenses" (change the user license, add or remove add-ons).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::plans::{find_spare, give};
use crate::account::AccountData;
use crate::add_users::license_for;
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::inventory::{next_license_number, License, LicenseKind};
use crate::permissions::{Permission, Role};
use crate::prices::license_monthly_cents;
use crate::rng::Rng;
use crate::users::{User, UserType};

/// The user's data that removing their user license or deleting them loses for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DataLoss {
    pub call_history_entries: u32,
    pub call_forwarding_rules: u32,
    pub voicemails: u32,
    pub greetings: u32,
    pub activated_devices: u32,
    /// Recorded calls: kept when a license is removed, lost when the user is deleted.
    #[serde(default)]
    pub call_recordings: u32,
}

/// A license kind that could be given to the user, and how many are available for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    pub kind: LicenseKind,
    /// Spare ones in the user's cost center (plus other cost centers' when the admin may
    /// move licenses).
    pub available: u32,
    /// What a new one costs a month, when none is spare and the admin may buy.
    pub monthly_cents: u64,
}

/// `GET /api/v1/users/{id}/licenses`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UserLicenses {
    pub user_id: u32,
    pub name: String,
    pub version: u32,
    pub user_type: UserType,
    /// Every license the user holds, user license first.
    pub held: Vec<LicenseKind>,
    pub offers: Vec<Offer>,
    pub loss: DataLoss,
}

/// Body of `PUT /api/v1/users/{id}/licenses` (with `If-Match`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EditLicenses {
    /// Office, Video Pro+ (each needs its license) or Video Pro (free).
    pub user_type: UserType,
    pub add_ons: Vec<LicenseKind>,
    /// Cancel the licenses this edit frees (their charge stops and they leave inventory)
    /// instead of returning them to inventory. Needs the Purchase permission.
    #[serde(default)]
    pub cancel_freed: bool,
    /// Buy the licenses no spare covers, the admin having agreed to their monthly charge.
    /// Needs the Purchase permission.
    #[serde(default)]
    pub buy_missing: bool,
}

/// The user's data a license removal would delete: the seeded account's figures, the same on
/// every back end.
pub fn data_loss(user: &User) -> DataLoss {
    let mut rng = Rng::new(u64::from(user.id) * 7919 + 17);
    let mut n = |max: usize| rng.below(max + 1) as u32;
    DataLoss {
        call_history_entries: n(400),
        call_forwarding_rules: n(4),
        voicemails: n(30),
        greetings: n(3),
        activated_devices: n(3),
        call_recordings: n(25),
    }
}

/// What the Edit licenses dialog shows for a user.
pub fn user_licenses(data: &AccountData, role: &Role, user_id: u32) -> Option<UserLicenses> {
    let user = data.users.iter().find(|u| u.id == user_id)?;
    let mut held: Vec<LicenseKind> = data
        .licenses
        .iter()
        .filter(|l| l.assignee == Some(user.id))
        .map(|l| l.kind)
        .collect();
    held.sort();
    let may_move = role.can(Permission::ManageCostCenters);
    let offers = [
        LicenseKind::Office,
        LicenseKind::VideoProPlus,
        LicenseKind::LargeMeetings,
        LicenseKind::LiveReports,
        LicenseKind::PushToTalk,
    ]
    .into_iter()
    .map(|kind| Offer {
        kind,
        monthly_cents: license_monthly_cents(kind),
        available: data
            .licenses
            .iter()
            .filter(|l| {
                l.kind == kind
                    && l.assignee.is_none()
                    && (may_move || l.cost_center_id == user.cost_center_id)
            })
            .count() as u32,
    })
    .collect();
    Some(UserLicenses {
        user_id: user.id,
        name: user.full_name(),
        version: user.version,
        user_type: user.user_type,
        held,
        offers,
        loss: data_loss(user),
    })
}

/// Changes a user's licenses: the user license that goes with the new type (the old one returns
/// to inventory), and the add-ons asked for (taken from inventory) or no longer asked for
/// (returned). Upgrades only use licenses in inventory.
pub fn plan_edit_licenses(
    data: &AccountData,
    role: &Role,
    user_id: u32,
    seen_version: Option<u32>,
    request: &EditLicenses,
) -> Result<(User, Vec<Effect>), ApiError> {
    role.require(Permission::ManageLicenses)?;
    let user = data
        .users
        .iter()
        .find(|u| u.id == user_id)
        .ok_or_else(|| ApiError::not_found("That user no longer exists."))?;
    let seen = seen_version.ok_or_else(ApiError::version_required)?;
    if seen != user.version {
        return Err(ApiError::new(
            412,
            "stale_version",
            format!(
                "{} was changed by someone else since you opened this. Reload to see the current licenses.",
                user.full_name()
            ),
        ));
    }
    if user.user_type == UserType::Mobile || request.user_type == UserType::Mobile {
        return Err(ApiError::validation(vec![FieldError::new(
            "userType",
            "Mobile users are replaced with a DigitalLine from the Mobile users page.",
        )]));
    }
    let wanted: HashSet<LicenseKind> = request.add_ons.iter().copied().collect();
    if wanted.iter().any(|k| !k.is_add_on()) {
        return Err(ApiError::validation(vec![FieldError::new(
            "addOns",
            "Only add-on licenses go here; the user license follows the user type.",
        )]));
    }
    if request.buy_missing && !role.can(Permission::Purchase) {
        return Err(ApiError::validation(vec![FieldError::new(
            "buyMissing",
            format!(
                "Your role ({}) can't buy licenses. Ask a billing admin to buy one.",
                role.name
            ),
        )]));
    }
    if request.cancel_freed && !role.can(Permission::Purchase) {
        return Err(ApiError::validation(vec![FieldError::new(
            "cancelFreed",
            format!(
                "Your role ({}) can't cancel licenses. Leave them in inventory; a billing admin can cancel them later.",
                role.name
            ),
        )]));
    }
    let may_move = role.can(Permission::ManageCostCenters);
    let mut effects = Vec::new();
    let mut errors = Vec::new();
    let mut taken = HashSet::new();
    let mut next_license = next_license_number(&data.licenses);
    let mut take = |kind: LicenseKind, field: &str, effects: &mut Vec<Effect>| match find_spare(
        &data.licenses,
        kind,
        &user.cost_center_id,
        may_move,
        &taken,
    ) {
        Some(license) => {
            taken.insert(license.id.clone());
            give(license, user, effects);
        }
        None if request.buy_missing => {
            effects.push(Effect::LicenseAdded {
                license: License {
                    id: format!("lic-{next_license}"),
                    kind,
                    cost_center_id: user.cost_center_id.clone(),
                    assignee: Some(user.id),
                },
            });
            next_license += 1;
        }
        None => {
            let buy = if role.can(Permission::Purchase) {
                " Choose to buy one and agree to its monthly charge."
            } else {
                " Ask a billing admin to buy one."
            };
            errors.push(FieldError::new(
                field,
                format!(
                    "No {} license is available for this user.{buy}",
                    kind.label()
                ),
            ));
        }
    };
    let release = |kind: LicenseKind, effects: &mut Vec<Effect>| {
        for l in data
            .licenses
            .iter()
            .filter(|l| l.kind == kind && l.assignee == Some(user.id))
        {
            let license_id = l.id.clone();
            effects.push(if request.cancel_freed {
                Effect::LicenseCancelled { license_id }
            } else {
                Effect::LicenseUnassigned { license_id }
            });
        }
    };

    let (from, to) = (license_for(user.user_type), license_for(request.user_type));
    if from != to {
        if let Some(old) = from {
            release(old, &mut effects);
        }
        if let Some(new) = to {
            take(new, "userType", &mut effects);
        }
    }
    let holds = |kind: LicenseKind| {
        data.licenses
            .iter()
            .any(|l| l.kind == kind && l.assignee == Some(user.id))
    };
    for kind in [
        LicenseKind::LargeMeetings,
        LicenseKind::LiveReports,
        LicenseKind::PushToTalk,
    ] {
        match (holds(kind), wanted.contains(&kind)) {
            (false, true) => take(kind, "addOns", &mut effects),
            (true, false) => release(kind, &mut effects),
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let mut updated = user.clone();
    if updated.user_type != request.user_type || !effects.is_empty() {
        updated.user_type = request.user_type;
        updated.version += 1;
        effects.insert(
            0,
            Effect::UserUpdated {
                user: updated.clone(),
            },
        );
    }
    Ok((updated, effects))
}
