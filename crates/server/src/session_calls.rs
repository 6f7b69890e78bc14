//! The calls each back end answers its own way, because sessions travel differently: signing
//! in (a cookie session, or a bearer token for a host portal), signing out, and redeeming a
//! launch token for a cookie session of a linked account (its own cookie, so the portal's tab
//! stays where it is).

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::accounts::launch::{openable, redeem_launch, IssuedLaunch, LaunchRequest};
use domain::auth::{Credentials, TokenGrant};
use domain::Persona;
use rusqlite::OptionalExtension;

use crate::auth::{self, authenticate, start_session, Caller, Started};
use crate::failure::Failure;
use crate::secrets::digest;
use crate::sessions::Kind;
use crate::state::AppState;
use crate::{clock, tokens};

/// Signs in to the portal's own account, whatever account the request names: a linked account
/// is only ever opened through a launch token.
pub fn sign_in(
    home: &AppState,
    headers: &HeaderMap,
    credentials: &Credentials,
) -> Result<Response, Failure> {
    let started = start_session_for(home, credentials, Kind::Cookie)?;
    signed_in(home, headers, started)
}

/// A bearer token of the portal's own account, whatever account the request names.
pub fn issue_token(home: &AppState, credentials: &Credentials) -> Result<Response, Failure> {
    let started = start_session_for(home, credentials, Kind::Bearer)?;
    let grant = TokenGrant {
        token: started.secret,
        token_type: "Bearer".into(),
        expires_at: started.expires_at,
    };
    Ok((StatusCode::CREATED, Json(grant)).into_response())
}

/// Ends the caller's session (and clears its cookie) or revokes its token.
pub fn sign_out(
    home: &AppState,
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
) -> Result<Response, Failure> {
    auth::blocking(|| caller.sign_out(home))?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if caller.kind == Kind::Cookie {
        set_cookie(&mut response, state, headers, "");
    }
    Ok(response)
}

/// Takes the token (so it never works twice) and, if the account is still linked and not
/// locked, signs the tab in to it as that account's super admin, with a session kept beside the
/// link in the portal's database.
pub fn redeem_launch_token(
    home: &AppState,
    headers: &HeaderMap,
    request: &LaunchRequest,
) -> Result<Response, Failure> {
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
    let account = redeem_launch(issued, clock::now())?;
    openable(&home.data(), &account.id)?;
    let state = home.account(&account.id)?;
    let admin_id = auth::persona_admin(&state.db(), Persona::SuperAdmin)?;
    let started = auth::start_launched_session(home, &home.db(), &account.id, admin_id)?;
    signed_in(&state, headers, started)
}

/// The answer that starts a cookie session in `state`'s account: the session, and its cookie
/// (for a request with `headers`).
fn signed_in(state: &AppState, headers: &HeaderMap, started: Started) -> Result<Response, Failure> {
    let session = auth::session_for(state, started.admin_id, started.csrf_token)?;
    let mut response = Json(session).into_response();
    set_cookie(&mut response, state, headers, &started.secret);
    Ok(response)
}

/// Sets (or, with an empty secret, clears) `state`'s session cookie on `response`.
fn set_cookie(response: &mut Response, state: &AppState, headers: &HeaderMap, secret: &str) {
    let https = auth::over_https(headers, state.settings());
    let cookie = tokens::session_cookie(state.cookie(), secret, https);
    response.headers_mut().insert(
        "set-cookie",
        HeaderValue::from_str(&cookie.to_string()).expect("cookie is ASCII"),
    );
}

/// Checks the credentials and starts a session of `kind` for that admin.
fn start_session_for(
    home: &AppState,
    credentials: &Credentials,
    kind: Kind,
) -> Result<Started, Failure> {
    let admin_id = authenticate(home, credentials)?;
    Ok(auth::blocking(|| {
        start_session(home, &home.db(), admin_id, kind)
    })?)
}
