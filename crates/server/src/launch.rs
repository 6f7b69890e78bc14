//! Opening a linked account in a new tab: issuing the one-time launch token, and redeeming it
//! for a cookie session of that account (its own cookie, so the portal's tab stays where it is).
//! Tokens live in the portal's database, whichever account issued them.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::accounts::launch::{plan_launch, redeem_launch, IssuedLaunch, LaunchRequest};
use domain::Persona;
use rusqlite::{params, OptionalExtension};

use crate::auth::{self, digest, start_session, Caller, Kind};
use crate::failure::{parse_body, Failure};
use crate::routes::signed_in;
use crate::state::AppState;
use crate::tenant::Tenant;
use crate::writes;

/// `POST /accounts/{id}/launch`: a token that opens linked account `id`, once, within a minute.
/// Retrying is harmless: each try gets a token of its own and unused ones expire.
pub async fn issue(
    State(home): State<AppState>,
    Tenant(state): Tenant,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    let issued = plan_launch(&state.data(), &caller.role, &id, auth::now())?;
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

/// `POST /auth/launch`: takes the token (so it never works twice) and signs the tab in to its
/// account as that account's super admin.
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
    let state = home.account(&account.id)?;
    let started = {
        let conn = state.db();
        let admin_id = auth::persona_admin(&conn, Persona::SuperAdmin)?;
        start_session(&conn, admin_id, Kind::Cookie)?
    };
    signed_in(&state, started)
}
