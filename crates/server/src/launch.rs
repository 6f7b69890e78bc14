//! Opening a linked account in a new tab: issuing the one-time launch token, and redeeming it
//! for a cookie session of that account (its own cookie, so the portal's tab stays where it is).
//! Tokens live in the portal's database, whichever account issued them.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::accounts::launch::{openable, plan_launch, redeem_launch, IssuedLaunch, LaunchRequest};
use domain::{ApiError, Persona};
use rusqlite::{params, OptionalExtension};

use crate::auth::{self, digest, Caller};
use crate::failure::{parse_body, Failure};
use crate::routes::signed_in;
use crate::state::AppState;
use crate::writes;

/// `POST /accounts/{id}/launch`: a token that opens linked account `id`, once, within a minute.
/// Retrying is harmless: each try gets a token of its own and unused ones expire.
/// Only the portal's own account opens others: its links are the ones a launched tab's session
/// is checked against on every request.
pub async fn issue(
    State(home): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    if caller.launched.is_some() {
        return Err(Failure(ApiError::forbidden(
            "Open other accounts from the Accounts page of your own account, not from an account opened in a tab.",
        )));
    }
    let issued = plan_launch(&home.data(), &caller.role, &id, auth::now())?;
    let token = auth::new_secret();
    let conn = home.db();
    conn.execute(
        "DELETE FROM launch_tokens WHERE expires_at <= ?1",
        [auth::now()],
    )?;
    conn.execute(
        "INSERT INTO launch_tokens (token_hash, account_id, expires_at) VALUES (?1, ?2, ?3)",
        params![digest(&token), issued.account.id, issued.expires_at],
    )?;
    Ok((StatusCode::CREATED, Json(issued.grant(token))).into_response())
}

/// `POST /auth/launch`: takes the token (so it never works twice) and, if the account is still
/// linked and not locked, signs the tab in to it as that account's super admin, with a session
/// kept beside the link in the portal's database.
pub async fn redeem(
    State(home): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    writes::require_json(&headers)?;
    let request: LaunchRequest = parse_body(&body)?;
    let taken: Option<(String, u64)> = home
        .db()
        .query_row(
            "DELETE FROM launch_tokens WHERE token_hash = ?1 RETURNING account_id, expires_at",
            [digest(&request.token)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let issued = taken.and_then(|(id, expires_at)| {
        let data = home.data();
        let account = data.portal_accounts.iter().find(|p| p.id == id)?.clone();
        Some(IssuedLaunch {
            account,
            expires_at,
        })
    });
    let account = redeem_launch(issued, auth::now())?;
    openable(&home.data(), &account.id)?;
    let state = home.account(&account.id)?;
    let admin_id = auth::persona_admin(&state.db(), Persona::SuperAdmin)?;
    let started = auth::start_launched_session(&home, &home.db(), &account.id, admin_id)?;
    signed_in(&state, &headers, started)
}
