//! The shell every change goes through: idempotency (a retried request gets the first reply and
//! acts once), JSON bodies only, and planning plus applying under the database lock, in one
//! transaction with the idempotency record.

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::{AccountData, ApiError, Effect};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::auth::{digest, now, Caller};
use crate::failure::Failure;
use crate::state::AppState;

/// The longest `Idempotency-Key` accepted.
pub const MAX_KEY_LEN: usize = 255;
/// How long a reply is kept for retries of the same change.
pub const KEEP_REPLIES_SECS: u64 = 24 * 60 * 60;

/// A successful reply to a change, as stored for replays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// The record's version, sent as `ETag`.
    pub version: Option<u32>,
    replayed: bool,
}

impl Reply {
    pub fn json(status: u16, value: &impl Serialize) -> Self {
        Self {
            status,
            body: serde_json::to_string(value).expect("plain data serialises"),
            version: None,
            replayed: false,
        }
    }

    pub fn with_version(mut self, version: u32) -> Self {
        self.version = Some(version);
        self
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        let mut response = (
            status,
            [("content-type", HeaderValue::from_static("application/json"))],
            self.body,
        )
            .into_response();
        let headers = response.headers_mut();
        if let Some(version) = self.version {
            headers.insert("etag", etag(version));
        }
        if self.replayed {
            headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
        }
        response
    }
}

/// `"7"`: the ETag of version 7.
pub fn etag(version: u32) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).expect("digits are a valid header")
}

/// The version an `If-Match` header names (`"7"`, `W/"7"` or `7`); `None` when absent.
pub fn if_match(headers: &HeaderMap) -> Result<Option<u32>, Failure> {
    let Some(value) = headers.get("if-match") else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .map(Some)
        .ok_or_else(|| {
            Failure(ApiError::new(
                400,
                "bad_request",
                "If-Match must be the version you last saw, like \"7\".",
            ))
        })
}

/// Refuses bodies that are not declared JSON: a cross-site form can't send that type without
/// the browser asking first, so this also closes sign-in forgery.
pub fn require_json(headers: &HeaderMap) -> Result<(), Failure> {
    let json = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json {
        Ok(())
    } else {
        Err(Failure(ApiError::new(
            415,
            "unsupported_media_type",
            "Send the request body as JSON (Content-Type: application/json).",
        )))
    }
}

/// What identifies one change across retries.
pub struct Change {
    key: Option<String>,
    fingerprint: String,
}

impl Change {
    /// Reads the idempotency key and checks the body is JSON; the fingerprint ties the key to
    /// this exact request, so a key reused for a different change is refused.
    pub fn new(
        headers: &HeaderMap,
        method: &str,
        path: &str,
        body: &[u8],
    ) -> Result<Self, Failure> {
        let json = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !json {
            return Err(Failure(ApiError::new(
                415,
                "unsupported_media_type",
                "Send the request body as JSON (Content-Type: application/json).",
            )));
        }
        let key = match headers.get("idempotency-key") {
            None => None,
            Some(value) => {
                let key = value.to_str().unwrap_or_default().trim();
                if key.is_empty() || key.len() > MAX_KEY_LEN {
                    return Err(Failure(ApiError::new(
                        400,
                        "bad_request",
                        format!("Idempotency-Key must be 1 to {MAX_KEY_LEN} visible characters."),
                    )));
                }
                Some(key.to_owned())
            }
        };
        let version = headers
            .get("if-match")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let fingerprint = digest(&format!(
            "{method} {path}\nIf-Match: {version}\n{}",
            String::from_utf8_lossy(body)
        ));
        Ok(Self { key, fingerprint })
    }
}

/// Runs one change for `caller`: replays the first reply if this idempotency key was seen;
/// otherwise asks `decide` for the effects and the reply, and commits both in one transaction.
pub fn apply(
    state: &AppState,
    caller: &Caller,
    change: &Change,
    decide: impl FnOnce(&AccountData) -> Result<(Vec<Effect>, Reply), ApiError>,
) -> Result<Reply, Failure> {
    crate::auth::blocking(|| apply_now(state, caller, change, decide))
}

fn apply_now(
    state: &AppState,
    caller: &Caller,
    change: &Change,
    decide: impl FnOnce(&AccountData) -> Result<(Vec<Effect>, Reply), ApiError>,
) -> Result<Reply, Failure> {
    let mut conn = state.db();
    if let Some(key) = &change.key {
        if let Some(reply) = replay(&conn, caller.admin_id, key, &change.fingerprint)? {
            return Ok(reply);
        }
    }
    let (effects, reply) = decide(&state.data())?;
    state.commit(&mut conn, &effects, |tx| match &change.key {
        Some(key) => tx
            .execute(
                "DELETE FROM idempotency WHERE created_at < ?1",
                [now().saturating_sub(KEEP_REPLIES_SECS)],
            )
            .and_then(|_| tx.execute(
                "INSERT INTO idempotency (admin_id, key, fingerprint, status, body, version, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    caller.admin_id,
                    key,
                    change.fingerprint,
                    reply.status,
                    reply.body,
                    reply.version,
                    now()
                ],
            ))
            .map(drop),
        None => Ok(()),
    })?;
    Ok(reply)
}

fn replay(
    conn: &Connection,
    admin_id: i64,
    key: &str,
    fingerprint: &str,
) -> Result<Option<Reply>, Failure> {
    let stored = conn
        .query_row(
            "SELECT fingerprint, status, body, version FROM idempotency WHERE admin_id = ?1 AND key = ?2",
            params![admin_id, key],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Reply {
                        status: r.get(1)?,
                        body: r.get(2)?,
                        version: r.get(3)?,
                        replayed: true,
                    },
                ))
            },
        )
        .optional()?;
    match stored {
        Some((seen, _)) if seen != fingerprint => Err(Failure(ApiError::new(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different change. Use a new key for a new change.",
        ))),
        Some((_, reply)) => Ok(Some(reply)),
        None => Ok(None),
    }
}
