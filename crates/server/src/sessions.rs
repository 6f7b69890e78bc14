//! Who can be signed in, held in memory: every unexpired session and token of the portal's
//! database, and the admins of each account. Both are loaded when an account opens and written
//! through by every change to them, so finding a request's caller never waits on the database.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use domain::permissions::Admin;
use domain::Persona;
use rusqlite::{params, Connection};

/// How a session travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The browser's own sign-in: an HttpOnly cookie plus a CSRF token.
    Cookie,
    /// A token an integration or host portal sends as `Authorization: Bearer`.
    Bearer,
}

impl Kind {
    /// Its name as stored in the sessions table.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Cookie => "cookie",
            Kind::Bearer => "bearer",
        }
    }
}

/// A session or token, as stored under the SHA-256 of its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub admin_id: i64,
    pub kind: Kind,
    /// For cookie sessions, the token the SPA must echo in `X-CSRF-Token`.
    pub csrf_token: Option<String>,
    /// Seconds since the Unix epoch.
    pub expires_at: u64,
    /// The linked account a launch token opened the session in; `None` in the portal's own.
    pub account_id: Option<String>,
}

/// The sessions of the portal's database, by token digest.
#[derive(Debug, Default)]
pub struct Sessions(RwLock<HashMap<String, Stored>>);

impl Sessions {
    /// Reads the unexpired sessions of both kinds and the launched ones.
    pub fn load(conn: &Connection, now: u64) -> rusqlite::Result<Self> {
        let mut map = HashMap::new();
        let mut own = conn.prepare(
            "SELECT token_hash, admin_id, kind, csrf_token, expires_at FROM sessions
             WHERE expires_at > ?1",
        )?;
        for row in own.query_map([now], |r| {
            let kind = match r.get::<_, String>(2)?.as_str() {
                "bearer" => Kind::Bearer,
                _ => Kind::Cookie,
            };
            Ok((
                r.get::<_, String>(0)?,
                Stored {
                    admin_id: r.get(1)?,
                    kind,
                    csrf_token: r.get(3)?,
                    expires_at: r.get(4)?,
                    account_id: None,
                },
            ))
        })? {
            let (hash, stored) = row?;
            map.insert(hash, stored);
        }
        let mut launched = conn.prepare(
            "SELECT token_hash, admin_id, csrf_token, expires_at, account_id FROM launched_sessions
             WHERE expires_at > ?1",
        )?;
        for row in launched.query_map([now], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Stored {
                    admin_id: r.get(1)?,
                    kind: Kind::Cookie,
                    csrf_token: Some(r.get(2)?),
                    expires_at: r.get(3)?,
                    account_id: Some(r.get(4)?),
                },
            ))
        })? {
            let (hash, stored) = row?;
            map.insert(hash, stored);
        }
        Ok(Self(RwLock::new(map)))
    }

    /// The session with this digest, if it has not expired.
    pub fn find(&self, token_hash: &str, now: u64) -> Option<Stored> {
        let map = self.0.read().unwrap_or_else(PoisonError::into_inner);
        map.get(token_hash).filter(|s| s.expires_at > now).cloned()
    }

    /// Remembers a session just written to the database, forgetting expired ones.
    pub fn insert(&self, token_hash: String, stored: Stored, now: u64) {
        let mut map = self.0.write().unwrap_or_else(PoisonError::into_inner);
        map.retain(|_, s| s.expires_at > now);
        map.insert(token_hash, stored);
    }

    /// Forgets a session just deleted from the database.
    pub fn remove(&self, token_hash: &str) {
        let mut map = self.0.write().unwrap_or_else(PoisonError::into_inner);
        map.remove(token_hash);
    }

    /// Forgets every session opened in `account_id` (the account was unlinked).
    pub fn end_account(&self, account_id: &str) {
        let mut map = self.0.write().unwrap_or_else(PoisonError::into_inner);
        map.retain(|_, s| s.account_id.as_deref() != Some(account_id));
    }
}

/// An admin as a session names them.
#[derive(Clone, Debug)]
pub struct AdminRow {
    pub id: i64,
    pub admin: Admin,
    pub role_id: String,
    pub persona: Option<Persona>,
}

/// The admins of one account's database, by id.
#[derive(Debug, Default)]
pub struct Admins(RwLock<HashMap<i64, AdminRow>>);

impl Admins {
    pub fn load(conn: &Connection) -> rusqlite::Result<Self> {
        let mut statement = conn.prepare("SELECT id, name, email, role_id, persona FROM admins")?;
        let rows = statement.query_map([], admin_row)?;
        let map = rows
            .map(|row| row.map(|a| (a.id, a)))
            .collect::<rusqlite::Result<_>>()?;
        Ok(Self(RwLock::new(map)))
    }

    /// The admin with `id`: from memory, or read once (`read`) when added since loading.
    pub fn get(
        &self,
        id: i64,
        read: impl FnOnce() -> rusqlite::Result<AdminRow>,
    ) -> rusqlite::Result<AdminRow> {
        if let Some(row) = self
            .0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
        {
            return Ok(row.clone());
        }
        let row = read()?;
        self.0
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, row.clone());
        Ok(row)
    }
}

/// Reads one admin from the database.
pub fn read_admin(conn: &Connection, id: i64) -> rusqlite::Result<AdminRow> {
    conn.query_row(
        "SELECT id, name, email, role_id, persona FROM admins WHERE id = ?1",
        params![id],
        admin_row,
    )
}

fn admin_row(r: &rusqlite::Row) -> rusqlite::Result<AdminRow> {
    Ok(AdminRow {
        id: r.get(0)?,
        admin: Admin {
            name: r.get(1)?,
            email: r.get(2)?,
        },
        role_id: r.get(3)?,
        persona: r
            .get::<_, Option<String>>(4)?
            .as_deref()
            .and_then(Persona::from_slug),
    })
}
