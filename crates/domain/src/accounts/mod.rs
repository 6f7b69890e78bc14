//! Multi-Account Access: the other accounts of the portal an admin links to this one (by that
//! account's credentials), listed 20 to a page, searched, renamed and unlinked, each with the
//! status of its eight services.

pub mod launch;
mod status;

pub use crate::records::{LinkedAccount, PortalAccount};
use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::auth::looks_like_email;
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::permissions::{Permission, Role};
use crate::users_query::Page;

pub use status::{service_status, Service, ServiceState, ServiceStatus, REFRESH_SECS};

/// Linked accounts are listed this many to a page.
pub const PER_PAGE: u32 = 20;
/// The longest name an admin may give a linked account.
pub const MAX_NAME_LEN: usize = 64;

/// One linked account as the accounts page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AccountRow {
    pub id: String,
    pub name: String,
    /// The account's own name (differs from `name` when the admins renamed it here).
    pub official_name: String,
    pub main_number: String,
    pub version: u32,
    pub services: Vec<ServiceStatus>,
    /// When the services were last checked (Unix seconds).
    pub checked_at: u64,
}

/// The query of `GET /api/v1/accounts` from its pairs: `q` (default empty) and `page`
/// (default 1; anything not a number is the first page).
pub fn accounts_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (String, u32) {
    let (mut q, mut page) = (String::new(), 1);
    for (key, value) in pairs {
        match key {
            "q" => q = value.to_owned(),
            "page" => page = value.parse().unwrap_or(1),
            _ => {}
        }
    }
    (q, page)
}

/// The linked accounts whose name, own name, id or main number holds `q` (any case), by name,
/// page `page` (from 1; past the end gives the last page) of [`PER_PAGE`].
pub fn list_accounts(data: &AccountData, q: &str, page: u32, now_unix: u64) -> Page<AccountRow> {
    let needle = q.trim().to_lowercase();
    let mut rows: Vec<AccountRow> = data
        .linked_accounts
        .iter()
        .filter_map(|link| {
            let portal = data.portal_accounts.iter().find(|p| p.id == link.id)?;
            let haystack = [&link.name, &portal.name, &portal.id, &portal.main_number];
            haystack
                .iter()
                .any(|s| s.to_lowercase().contains(&needle))
                .then(|| AccountRow {
                    id: link.id.clone(),
                    name: link.name.clone(),
                    official_name: portal.name.clone(),
                    main_number: portal.main_number.clone(),
                    version: link.version,
                    services: service_status(&link.id, now_unix),
                    checked_at: status::checked_at(now_unix),
                })
        })
        .collect();
    rows.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.id.cmp(&b.id))
    });
    let total = rows.len() as u32;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let items = rows
        .into_iter()
        .skip(((page - 1) * PER_PAGE) as usize)
        .take(PER_PAGE as usize)
        .collect();
    Page {
        items,
        total,
        page,
        per_page: PER_PAGE,
    }
}

/// A name for a linked account: trimmed, not empty, at most [`MAX_NAME_LEN`] characters, no
/// control characters.
pub fn name_problem(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        Some("Enter a name for the account.".into())
    } else if name.chars().count() > MAX_NAME_LEN {
        Some(format!("Keep the name to {MAX_NAME_LEN} characters."))
    } else if name.chars().any(char::is_control) {
        Some("The name can't contain control characters.".into())
    } else {
        None
    }
}

/// Body of `POST /api/v1/accounts/links`: the other account's admin credentials, and the name
/// to list it under (its own name when empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct LinkRequest {
    pub email: String,
    pub password: String,
    pub name: String,
}

impl LinkRequest {
    /// What is missing before the request is worth sending.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let email = self.email.trim();
        if email.is_empty() {
            errors.push(FieldError::new(
                "email",
                "Enter the email of an admin of that account.",
            ));
        } else if !looks_like_email(email) {
            errors.push(FieldError::new(
                "email",
                "Enter an email address like name@example.com.",
            ));
        }
        if self.password.is_empty() {
            errors.push(FieldError::new("password", "Enter that admin's password."));
        }
        if !self.name.trim().is_empty() {
            if let Some(problem) = name_problem(&self.name) {
                errors.push(FieldError::new("name", problem));
            }
        }
        errors
    }
}

/// The portal account whose admin signs in with `email`.
pub fn portal_account_of<'a>(data: &'a AccountData, email: &str) -> Option<&'a PortalAccount> {
    let email = email.trim();
    data.portal_accounts
        .iter()
        .find(|p| p.admin_email.eq_ignore_ascii_case(email))
}

/// Decides a link. `password_ok` is the back end's verdict on the password for the account
/// whose admin has that email (false when no account has it), so a wrong email and a wrong
/// password read the same. A locked account (423) and one already linked (409) are refused
/// with what to do.
pub fn plan_link(
    data: &AccountData,
    role: &Role,
    request: &LinkRequest,
    password_ok: bool,
    now_unix: u64,
) -> Result<(LinkedAccount, Vec<Effect>), ApiError> {
    role.require(Permission::MultiAccountAccess)?;
    let problems = request.problems();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let portal = portal_account_of(data, &request.email)
        .filter(|_| password_ok)
        .ok_or_else(|| {
            ApiError::validation(vec![FieldError::new(
                "password",
                "That email and password don't match an admin of any account you can link.",
            )])
        })?;
    if portal.locked {
        return Err(ApiError::new(
            423,
            "account_locked",
            format!(
                "{} is locked after too many failed sign-ins. Unlock it from its own admin console, then link it again.",
                portal.name
            ),
        ));
    }
    if let Some(linked) = data.linked_accounts.iter().find(|l| l.id == portal.id) {
        return Err(ApiError::new(
            409,
            "already_linked",
            format!("{} is already linked, as \"{}\".", portal.name, linked.name),
        ));
    }
    let link = LinkedAccount {
        id: portal.id.clone(),
        name: match request.name.trim() {
            "" => portal.name.clone(),
            name => name.to_owned(),
        },
        linked_at: now_unix,
        version: 1,
    };
    Ok((link.clone(), vec![Effect::AccountLinked { link }]))
}

/// Body of `POST /api/v1/accounts/unlinks`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UnlinkRequest {
    pub accounts: Vec<String>,
}

/// Decides an unlink, all or nothing: every account named must still be linked (else 412).
pub fn plan_unlink(
    data: &AccountData,
    role: &Role,
    request: &UnlinkRequest,
) -> Result<Vec<Effect>, ApiError> {
    role.require(Permission::MultiAccountAccess)?;
    if request.accounts.is_empty() {
        return Err(ApiError::new(
            400,
            "bad_request",
            "Select the accounts to unlink.",
        ));
    }
    let mut effects: Vec<Effect> = Vec::new();
    for id in &request.accounts {
        if !data.linked_accounts.iter().any(|l| &l.id == id) {
            return Err(ApiError::new(
                412,
                "stale_version",
                "One of these accounts was unlinked by someone else since you loaded the list. Reload it, then try again; nothing was unlinked.",
            ));
        }
        let effect = Effect::AccountUnlinked {
            account_id: id.clone(),
        };
        if !effects.contains(&effect) {
            effects.push(effect);
        }
    }
    Ok(effects)
}

/// Body of `PATCH /api/v1/accounts/{id}` (with `If-Match`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenameAccount {
    pub name: String,
}

/// Decides a rename of the linked account `id` the admin saw at `if_match`.
pub fn plan_rename(
    data: &AccountData,
    role: &Role,
    id: &str,
    if_match: Option<u32>,
    request: &RenameAccount,
) -> Result<(LinkedAccount, Vec<Effect>), ApiError> {
    role.require(Permission::MultiAccountAccess)?;
    let link = data
        .linked_accounts
        .iter()
        .find(|l| l.id == id)
        .ok_or_else(|| ApiError::not_found("That account is no longer linked."))?;
    let seen = if_match.ok_or_else(ApiError::version_required)?;
    if seen != link.version {
        return Err(ApiError::new(
            412,
            "stale_version",
            format!(
                "{} was renamed by someone else since you loaded the list. Reload to see the latest, then try again.",
                link.name
            ),
        ));
    }
    if let Some(problem) = name_problem(&request.name) {
        return Err(ApiError::validation(vec![FieldError::new("name", problem)]));
    }
    let name = request.name.trim().to_owned();
    if name == link.name {
        return Ok((link.clone(), Vec::new()));
    }
    let renamed = LinkedAccount {
        name,
        version: link.version + 1,
        ..link.clone()
    };
    Ok((
        renamed.clone(),
        vec![Effect::AccountRenamed { link: renamed }],
    ))
}

#[cfg(test)]
mod tests;
