//! What the server keeps for the contract's calls (`domain::api::Backend`): the account in its
//! SQLite database with the in-memory view over it, the replies of changes for retries, the
//! portal's passwords and its launch tokens. Every change is planned and committed under the
//! database lock, in one transaction with its stored reply.

use std::sync::MutexGuard;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::accounts::launch::IssuedLaunch;
use domain::api::{Backend, Reply, Stored, Writer, KEEP_REPLIES_SECS};
use domain::{ApiError, Effect, IndexedAccount};
use rusqlite::{params, Connection, OptionalExtension};

use crate::auth;
use crate::clock::now;
use crate::failure::Failure;
use crate::secrets::{self, digest};
use crate::state::AppState;

/// One admin's calls in one account.
pub struct ServerBackend<'a> {
    /// The portal's own account: its passwords and launch tokens.
    pub home: &'a AppState,
    /// The account the request works in.
    pub state: &'a AppState,
    /// Whose replies are kept and replayed.
    pub admin_id: i64,
}

impl Backend for ServerBackend<'_> {
    type Writer<'w>
        = ServerWriter<'w>
    where
        Self: 'w;

    fn now(&self) -> u64 {
        now()
    }

    fn read<R>(&self, read: impl FnOnce(&IndexedAccount) -> R) -> R {
        read(&self.state.data())
    }

    fn writer(&self) -> Result<ServerWriter<'_>, ApiError> {
        Ok(ServerWriter {
            state: self.state,
            conn: self.state.db(),
            admin_id: self.admin_id,
        })
    }

    fn portal_password_ok(&self, email: &str, password: &str) -> Result<bool, ApiError> {
        auth::portal_password_ok(self.home, email, password).map_err(|e| Failure::from(e).0)
    }

    /// Tokens live in the portal's database, whichever account issued them; only their digest
    /// is stored.
    fn keep_launch(&self, issued: &IssuedLaunch) -> Result<String, ApiError> {
        let token = secrets::new_secret();
        let conn = self.home.db();
        conn.execute("DELETE FROM launch_tokens WHERE expires_at <= ?1", [now()])
            .and_then(|_| {
                conn.execute(
                    "INSERT INTO launch_tokens (token_hash, account_id, expires_at) VALUES (?1, ?2, ?3)",
                    params![digest(&token), issued.account.id, issued.expires_at],
                )
            })
            .map_err(|e| Failure::from(e).0)?;
        Ok(token)
    }
}

/// The account's database, held from reading a change's stored reply to committing it.
pub struct ServerWriter<'a> {
    state: &'a AppState,
    conn: MutexGuard<'a, Connection>,
    admin_id: i64,
}

impl Writer for ServerWriter<'_> {
    fn read<R>(&self, read: impl FnOnce(&IndexedAccount) -> R) -> R {
        read(&self.state.data())
    }

    fn stored(&self, key: &str) -> Result<Option<Stored>, ApiError> {
        self.conn
            .query_row(
                "SELECT fingerprint, status, body, version, created_at FROM idempotency
                 WHERE admin_id = ?1 AND key = ?2",
                params![self.admin_id, key],
                |r| {
                    Ok(Stored {
                        fingerprint: r.get(0)?,
                        reply: Reply {
                            status: r.get(1)?,
                            body: r.get(2)?,
                            version: r.get(3)?,
                            replayed: false,
                        },
                        created_at: r.get(4)?,
                    })
                },
            )
            .optional()
            .map_err(|e| Failure::from(e).0)
    }

    fn commit(
        &mut self,
        effects: &[Effect],
        keep: Option<(&str, &Stored)>,
    ) -> Result<(), ApiError> {
        let admin_id = self.admin_id;
        self.state
            .commit(&mut self.conn, effects, |tx| match keep {
                Some((key, stored)) => tx
                    .execute(
                        "DELETE FROM idempotency WHERE created_at <= ?1 OR (admin_id = ?2 AND key = ?3)",
                        params![stored.created_at.saturating_sub(KEEP_REPLIES_SECS), admin_id, key],
                    )
                    .and_then(|_| {
                        tx.execute(
                            "INSERT INTO idempotency (admin_id, key, fingerprint, status, body, version, created_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            params![
                                admin_id,
                                key,
                                stored.fingerprint,
                                stored.reply.status,
                                stored.reply.body,
                                stored.reply.version,
                                stored.created_at
                            ],
                        )
                    })
                    .map(drop),
                None => Ok(()),
            })
            .map_err(|e| Failure::from(e).0)
    }
}

/// A reply on the wire: JSON with its status, the record's version as `ETag`, and
/// `Idempotent-Replayed` on a replay.
pub struct Answer(pub Reply);

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let reply = self.0;
        let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
        if reply.body.is_empty() {
            return status.into_response();
        }
        let mut response = (
            status,
            [("content-type", HeaderValue::from_static("application/json"))],
            reply.body,
        )
            .into_response();
        let headers = response.headers_mut();
        if let Some(version) = reply.version {
            let etag = HeaderValue::from_str(&format!("\"{version}\"")).expect("digits");
            headers.insert("etag", etag);
        }
        if reply.replayed {
            headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
        }
        response
    }
}
