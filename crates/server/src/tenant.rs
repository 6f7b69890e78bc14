//! Which account a request works in: the portal's own, or the linked account its tab was opened
//! in, named by the `X-Switchboard-Account` header the SPA sends from such a tab.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use domain::accounts::launch::ACCOUNT_HEADER;
use domain::ApiError;

use crate::failure::Failure;
use crate::state::AppState;

/// The account a handler works in (from the portal's state, the router's).
pub struct Tenant(pub AppState);

impl FromRequestParts<AppState> for Tenant {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, home: &AppState) -> Result<Self, Failure> {
        tenant_of(&parts.headers, home).map(Tenant)
    }
}

/// The account the request's header names, or the portal's own without one.
pub fn tenant_of(headers: &HeaderMap, home: &AppState) -> Result<AppState, Failure> {
    match headers.get(ACCOUNT_HEADER) {
        None => Ok(home.clone()),
        Some(value) => {
            let id = value.to_str().map_err(|_| {
                Failure(ApiError::new(
                    400,
                    "bad_request",
                    format!("The {ACCOUNT_HEADER} header is not a valid account id."),
                ))
            })?;
            home.account(id.trim())
        }
    }
}
