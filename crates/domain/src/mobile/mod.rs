//! Mobile users: who they are, their calls in the current billing cycle and whether the
//! 10-call charge applies, and the ways to manage them: replace with a DigitalLine
//! ([`digital_line`]), keep as they are, or delete ([`plan_delete_mobile_users`]).

mod digital_line;

pub use crate::records::CallUsage;
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::effects::Effect;
use crate::error::ApiError;
use crate::inventory::LicenseKind;
pub use crate::licenses::SeenUser;
use crate::permissions::{Permission, Role};
use crate::prices::license_monthly_cents;
use crate::users::{User, UserType};

pub use digital_line::{digital_line_errors, plan_digital_line, DigitalLineRequest};

/// A Mobile user with this many qualified calls (made or received) in a billing cycle is
/// charged for that cycle as a DigitalLine.
pub const CHARGE_CALLS: u32 = 10;

/// The charging rule in words, as every page says it: "10 or more calls".
pub fn charged_calls() -> String {
    format!("{CHARGE_CALLS} or more calls")
}

/// Whether a cycle with `calls` calls is charged.
pub fn is_charged(calls: u32) -> bool {
    calls >= CHARGE_CALLS
}

/// The current billing cycle: the calendar month (UTC) holding `now_unix`, as
/// `[start, end)` Unix seconds.
pub fn billing_cycle(now_unix: u64) -> (u64, u64) {
    let today = DateTime::from_timestamp(now_unix as i64, 0)
        .unwrap_or_default()
        .date_naive();
    let start = today.with_day(1).expect("every month has a first day");
    let end = start + Months::new(1);
    let unix = |day: NaiveDate| day.and_time(NaiveTime::MIN).and_utc().timestamp() as u64;
    (unix(start), unix(end))
}

/// One Mobile user as the Mobile Users page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MobileUser {
    /// The user's record (what a DigitalLine conversion starts from).
    #[serde(flatten)]
    pub user: User,
    pub name: String,
    pub site: String,
    pub cost_center: String,
    /// Calls made or received this billing cycle.
    pub calls: u32,
    /// 10 or more calls: this cycle is charged.
    pub charged: bool,
}

/// What `GET /api/v1/mobile-users` returns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MobileUsers {
    /// Every Mobile user, the most calls first (then by name).
    pub users: Vec<MobileUser>,
    pub cycle_start: u64,
    pub cycle_end: u64,
    /// What a charged cycle costs (the account's DigitalLine price), in cents.
    pub monthly_cents: u64,
}

/// Calls this cycle of one user.
pub fn calls_of(data: &AccountData, user_id: u32) -> u32 {
    data.call_usage
        .iter()
        .find(|u| u.user_id == user_id)
        .map_or(0, |u| u.calls)
}

/// Every Mobile user of the account with this cycle's calls.
pub fn mobile_users(data: &AccountData, now_unix: u64) -> MobileUsers {
    let (cycle_start, cycle_end) = billing_cycle(now_unix);
    let mut users: Vec<MobileUser> = data
        .users
        .iter()
        .filter(|u| u.user_type == UserType::Mobile)
        .map(|u| {
            let calls = calls_of(data, u.id);
            MobileUser {
                user: u.clone(),
                name: u.full_name(),
                site: data
                    .site(&u.site_id)
                    .map_or_else(String::new, |s| s.name.clone()),
                cost_center: data
                    .cost_center(&u.cost_center_id)
                    .map_or_else(String::new, |c| c.name.clone()),
                calls,
                charged: is_charged(calls),
            }
        })
        .collect();
    users.sort_by(|a, b| b.calls.cmp(&a.calls).then_with(|| a.name.cmp(&b.name)));
    MobileUsers {
        users,
        cycle_start,
        cycle_end,
        monthly_cents: license_monthly_cents(LicenseKind::Office),
    }
}

/// Body of `POST /api/v1/mobile-users/deletions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeleteMobileUsers {
    pub users: Vec<SeenUser>,
}

/// The reply: how many were deleted, and who is still charged for this cycle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MobileUsersDeleted {
    pub deleted: u32,
    pub still_charged: Vec<String>,
}

/// Decides a deletion of Mobile users, all or nothing: the role must manage users; each user
/// must still be a Mobile user at the version the admin saw (else 412, nothing is deleted).
pub fn plan_delete_mobile_users(
    data: &AccountData,
    role: &Role,
    request: &DeleteMobileUsers,
) -> Result<(MobileUsersDeleted, Vec<Effect>), ApiError> {
    role.require(Permission::ManageUsers)?;
    if request.users.is_empty() {
        return Err(ApiError::new(
            400,
            "bad_request",
            "Select the Mobile users to delete.",
        ));
    }
    let mut effects = Vec::new();
    let mut still_charged = Vec::new();
    for seen in &request.users {
        let user = mobile_user_at(data, seen.id, seen.version)?;
        if effects
            .iter()
            .any(|e| matches!(e, Effect::UserDeleted { user_id } if *user_id == user.id))
        {
            continue;
        }
        if is_charged(calls_of(data, user.id)) {
            still_charged.push(user.full_name());
        }
        effects.push(Effect::UserDeleted { user_id: user.id });
    }
    let reply = MobileUsersDeleted {
        deleted: effects.len() as u32,
        still_charged,
    };
    Ok((reply, effects))
}

/// The Mobile user `id` as the admin saw them at `version`: 412 when they are gone, changed or
/// no longer a Mobile user, so the admin reloads and decides again.
fn mobile_user_at(data: &AccountData, id: u32, version: u32) -> Result<&User, ApiError> {
    let stale = |message: String| ApiError::new(412, "stale_version", message);
    let user = data.users.iter().find(|u| u.id == id).ok_or_else(|| {
        stale("One of these users was deleted by someone else since you loaded the list. Reload it, then try again; nothing was changed.".into())
    })?;
    if user.version != version || user.user_type != UserType::Mobile {
        return Err(stale(format!(
            "{} was changed by someone else since you loaded the list. Reload it, then try again; nothing was changed.",
            user.full_name()
        )));
    }
    Ok(user)
}

#[cfg(test)]
mod tests;
