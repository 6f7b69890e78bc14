//! Which account a request works in: the portal's own, or the linked account its tab was opened
//! in with a launch token (named by the `X-Switchboard-Account` header the SPA sends from such a
//! tab). Decided with the caller's session ([`crate::auth::caller_and_account`]): only that
//! session can grant access to an account the request names.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::auth::caller_and_account;
use crate::failure::Failure;
use crate::state::AppState;

/// The account a handler works in (from the portal's state, the router's).
pub struct Tenant(pub AppState);

impl FromRequestParts<AppState> for Tenant {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, home: &AppState) -> Result<Self, Failure> {
        caller_and_account(parts, home).map(|(_, state)| Tenant(state))
    }
}
