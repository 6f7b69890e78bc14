//! Opening a linked account in a new tab: the one-time, short-lived launch token the tab redeems
//! for a session of that account (never a password in a URL), and the account's console data.

use serde::{Deserialize, Serialize};

use super::PortalAccount;
use crate::account::AccountData;
use crate::error::ApiError;
use crate::permissions::Role;
use crate::seed::{self, Dataset};

/// How long a launch token can be redeemed after it was issued.
pub const LAUNCH_TTL_SECS: u64 = 60;

/// The request header naming the account a tab works in, when it is not the one signed in at
/// first (a tab opened from Accounts). Without it, requests go to the portal's own account.
pub const ACCOUNT_HEADER: &str = "x-switchboard-account";

/// What `POST /accounts/{id}/launch` answers: the token the new tab redeems, once, before
/// `expires_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LaunchGrant {
    pub token: String,
    pub account_id: String,
    pub account_name: String,
    /// Unix seconds.
    pub expires_at: u64,
}

/// The body of `POST /auth/launch`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LaunchRequest {
    pub token: String,
}

/// A launch token as the back end keeps it until it is redeemed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IssuedLaunch {
    pub account: PortalAccount,
    /// Unix seconds.
    pub expires_at: u64,
}

impl IssuedLaunch {
    /// What the admin's tab gets for this launch, kept under `token`.
    pub fn grant(&self, token: String) -> LaunchGrant {
        LaunchGrant {
            token,
            account_id: self.account.id.clone(),
            account_name: self.account.name.clone(),
            expires_at: self.expires_at,
        }
    }
}

/// The portal account `id` if it can be worked in from this one (`data`, the portal's own
/// account): linked here and not locked. Asked when a token is issued, when it is redeemed, and
/// on every request of a tab opened with one, so unlinking (or a lock) ends such tabs at once.
pub fn openable<'a>(data: &'a AccountData, id: &str) -> Result<&'a PortalAccount, ApiError> {
    let linked = data.linked_accounts.iter().any(|l| l.id == id);
    let account = data
        .portal_accounts
        .iter()
        .find(|p| p.id == id)
        .filter(|_| linked)
        .ok_or_else(|| {
            ApiError::not_found(
                "This account is no longer linked here, so it can't be opened. Reload the list.",
            )
        })?;
    if account.locked {
        return Err(ApiError::new(
            423,
            "account_locked",
            format!(
                "{} is locked after too many failed sign-ins, so it can't be opened until its admin unlocks it.",
                account.name
            ),
        ));
    }
    Ok(account)
}

/// Decides whether the admin may open account `id` from this one: it must be [`openable`] and
/// the role must include Multi-Account Access. Returns the account to issue a token for.
pub fn plan_launch(
    data: &AccountData,
    role: &Role,
    id: &str,
    now_unix: u64,
) -> Result<IssuedLaunch, ApiError> {
    role.require(crate::permissions::Permission::MultiAccountAccess)?;
    Ok(IssuedLaunch {
        account: openable(data, id)?.clone(),
        expires_at: now_unix + LAUNCH_TTL_SECS,
    })
}

/// Redeems a token: `issued` is what the back end held for it (already removed, so a second
/// try finds nothing). An unknown, used or expired token is refused with what to do.
pub fn redeem_launch(
    issued: Option<IssuedLaunch>,
    now_unix: u64,
) -> Result<PortalAccount, ApiError> {
    match issued {
        Some(issued) if now_unix < issued.expires_at => Ok(issued.account),
        Some(_) => Err(ApiError::new(
            401,
            "launch_expired",
            format!(
                "This link to open an account has expired: it works for {LAUNCH_TTL_SECS} seconds. Close this tab and choose Open again on the Accounts page."
            ),
        )),
        None => Err(ApiError::new(
            401,
            "launch_invalid",
            "This link to open an account was already used or is not valid: each one works once. Close this tab and choose Open again on the Accounts page.",
        )),
    }
}

/// The console data of a linked account opened in its own tab: the standard demo account under
/// that account's id, name and main number. It has no linked accounts of its own.
pub fn launched_account(account: &PortalAccount) -> AccountData {
    let mut data = seed::generate(Dataset::Standard);
    data.account.id.clone_from(&account.id);
    data.account.name.clone_from(&account.name);
    data.account.main_number.clone_from(&account.main_number);
    data.portal_accounts.clear();
    data.linked_accounts.clear();
    data
}

/// The SPA path (under its base path) that redeems `token`; the token travels in the fragment,
/// so it is neither sent with the page request nor kept in server logs.
pub fn launch_path(token: &str) -> String {
    format!("/launch#token={token}")
}

/// The token in a `/launch` page's fragment (`#token=…`).
pub fn token_in_fragment(hash: &str) -> Option<&str> {
    hash.strip_prefix('#')
        .unwrap_or(hash)
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .filter(|t| !t.is_empty())
}
