//! Who is calling, and in which account: cookie sessions (HttpOnly, SameSite=Strict, with a CSRF
//! token required on every change) for the console served by this server, bearer tokens for host
//! portals that sign the admin in themselves, both of the portal's own account; and the cookie
//! sessions of tabs opened in a linked account by redeeming a launch token, the only way a request
//! naming another account (`X-Switchboard-Account`) is honoured. Passwords are Argon2id hashes;
//! only SHA-256 digests of session and token secrets are stored.

use std::time::{SystemTime, UNIX_EPOCH};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use base64::Engine;
use domain::accounts::launch::{openable, ACCOUNT_HEADER};
use domain::auth::Credentials;
use domain::permissions::Admin;
use domain::{ApiError, Persona, Role, Session};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::failure::Failure;
use crate::state::AppState;

/// Name of the session cookie.
pub const COOKIE: &str = "sb_session";
/// Header that must carry the session's CSRF token on every change made with the cookie.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a cookie session lasts.
pub const COOKIE_TTL_SECS: u64 = 12 * 60 * 60;
/// How long a bearer token lasts.
pub const TOKEN_TTL_SECS: u64 = 8 * 60 * 60;
/// Failed sign-ins in a row before the admin is locked out for [`LOCKOUT_SECS`].
pub const MAX_FAILED_SIGN_INS: u32 = 5;
pub const LOCKOUT_SECS: u64 = 15 * 60;

/// How a session travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Cookie,
    Bearer,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Cookie => "cookie",
            Kind::Bearer => "bearer",
        }
    }
}

/// The signed-in admin making a request.
#[derive(Clone, Debug)]
pub struct Caller {
    pub admin_id: i64,
    pub admin: Admin,
    pub role: Role,
    pub persona: Option<Persona>,
    pub kind: Kind,
    /// For cookie sessions, the token the SPA must echo in `X-CSRF-Token`.
    pub csrf_token: Option<String>,
    /// The linked account a launch token opened this session in; `None` in the portal's own.
    pub launched: Option<String>,
    token_hash: String,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, home: &AppState) -> Result<Self, Failure> {
        caller_and_account(parts, home).map(|(caller, _)| caller)
    }
}

/// A request's caller and the account it works in, worked out once per request.
#[derive(Clone)]
struct Resolved(Caller, AppState);

/// The caller and the account the request works in (`home`, the portal's own, unless the
/// request names a linked account opened with a launch token). Nothing about an account the
/// request names is opened, created or told before its session is found valid for it: without
/// one, every account id gets the same 401.
pub fn caller_and_account(
    parts: &mut Parts,
    home: &AppState,
) -> Result<(Caller, AppState), Failure> {
    if let Some(Resolved(caller, state)) = parts.extensions.get::<Resolved>() {
        return Ok((caller.clone(), state.clone()));
    }
    let resolved = match named_account(&parts.headers, home)? {
        None => (at_home(parts, home)?, home.clone()),
        Some(id) => in_opened_account(parts, home, &id)?,
    };
    parts
        .extensions
        .insert(Resolved(resolved.0.clone(), resolved.1.clone()));
    Ok(resolved)
}

/// The account the `X-Switchboard-Account` header names, if it is not the portal's own.
fn named_account(headers: &HeaderMap, home: &AppState) -> Result<Option<String>, Failure> {
    let Some(value) = headers.get(ACCOUNT_HEADER) else {
        return Ok(None);
    };
    let id = value.to_str().map_err(|_| {
        Failure(ApiError::new(
            400,
            "bad_request",
            format!("The {ACCOUNT_HEADER} header is not a valid account id."),
        ))
    })?;
    let id = id.trim();
    Ok((id != home.data().account.id).then(|| id.to_owned()))
}

/// A session or bearer token of the portal's own account.
fn at_home(parts: &Parts, home: &AppState) -> Result<Caller, Failure> {
    let (secret, kind) = match (bearer(&parts.headers), cookie(&parts.headers, COOKIE)) {
        (Some(token), _) => (token, Kind::Bearer),
        (None, Some(token)) => (token, Kind::Cookie),
        (None, None) => return Err(signed_out()),
    };
    let token_hash = digest(&secret);
    let row = home
        .db()
        .query_row(
            &format!(
                "SELECT {ADMIN_COLUMNS}, s.csrf_token
                 FROM sessions s JOIN admins a ON a.id = s.admin_id
                 WHERE s.token_hash = ?1 AND s.kind = ?2 AND s.expires_at > ?3"
            ),
            params![token_hash, kind.as_str(), now()],
            |r| Ok((admin_row(r)?, r.get::<_, Option<String>>(5)?)),
        )
        .optional()?;
    let Some((row, csrf_token)) = row else {
        return Err(signed_out());
    };
    if kind == Kind::Cookie {
        check_csrf(parts, csrf_token.as_deref().unwrap_or_default())?;
    }
    Ok(Caller {
        admin_id: row.id,
        role: role_of(home, &row.role_id)?,
        admin: row.admin,
        persona: row.persona,
        kind,
        csrf_token,
        launched: None,
        token_hash,
    })
}

/// The cookie session of a tab opened in linked account `id`: issued by redeeming a launch
/// token for that account (never a sign-in or a bearer token), and only while the account is
/// still linked to the portal's and not locked.
fn in_opened_account(
    parts: &Parts,
    home: &AppState,
    id: &str,
) -> Result<(Caller, AppState), Failure> {
    let secret = cookie(&parts.headers, &cookie_for(id)).ok_or_else(signed_out)?;
    let token_hash = digest(&secret);
    let row: Option<(i64, String)> = home
        .db()
        .query_row(
            "SELECT admin_id, csrf_token FROM launched_sessions
             WHERE token_hash = ?1 AND account_id = ?2 AND expires_at > ?3",
            params![token_hash, id, now()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((admin_id, csrf_token)) = row else {
        return Err(signed_out());
    };
    if openable(&home.data(), id).is_err() {
        return Err(signed_out());
    }
    check_csrf(parts, &csrf_token)?;
    let state = home.account(id)?;
    let row = state.db().query_row(
        &format!("SELECT {ADMIN_COLUMNS} FROM admins a WHERE a.id = ?1"),
        [admin_id],
        admin_row,
    )?;
    let caller = Caller {
        admin_id,
        role: role_of(&state, &row.role_id)?,
        admin: row.admin,
        persona: row.persona,
        kind: Kind::Cookie,
        csrf_token: Some(csrf_token),
        launched: Some(id.to_owned()),
        token_hash,
    };
    Ok((caller, state))
}

/// A change made with a cookie must carry the session's CSRF token.
fn check_csrf(parts: &Parts, expected: &str) -> Result<(), Failure> {
    if is_safe(&parts.method) {
        return Ok(());
    }
    let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    if sent.is_some_and(|s| constant_time_eq(s.as_bytes(), expected.as_bytes())) {
        Ok(())
    } else {
        Err(Failure(ApiError::new(
            403,
            "csrf_failed",
            "This change was refused because the page's security token is missing or out of date. Reload the page and try again.",
        )))
    }
}

impl Caller {
    /// `GET /session`'s body for this caller.
    pub fn session(&self, state: &AppState) -> Session {
        Session {
            admin: self.admin.clone(),
            account: state.data().account.clone(),
            role: self.role.clone(),
            persona: self.persona,
            csrf_token: self.csrf_token.clone(),
        }
    }

    /// Ends this session or revokes this token (all kept in the portal's database, `home`).
    pub fn sign_out(&self, home: &AppState) -> rusqlite::Result<()> {
        let table = match self.launched {
            Some(_) => "launched_sessions",
            None => "sessions",
        };
        home.db()
            .execute(
                &format!("DELETE FROM {table} WHERE token_hash = ?1"),
                [&self.token_hash],
            )
            .map(drop)
    }
}

/// The session body for an admin who just signed in.
pub fn session_for(
    state: &AppState,
    admin_id: i64,
    csrf_token: Option<String>,
) -> Result<Session, Failure> {
    let row = state.db().query_row(
        &format!("SELECT {ADMIN_COLUMNS} FROM admins a WHERE a.id = ?1"),
        [admin_id],
        admin_row,
    )?;
    Ok(Session {
        admin: row.admin,
        account: state.data().account.clone(),
        role: role_of(state, &row.role_id)?,
        persona: row.persona,
        csrf_token,
    })
}

const ADMIN_COLUMNS: &str = "a.id, a.name, a.email, a.role_id, a.persona";

struct AdminRow {
    id: i64,
    admin: Admin,
    role_id: String,
    persona: Option<Persona>,
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

fn role_of(state: &AppState, role_id: &str) -> Result<Role, Failure> {
    state
        .data()
        .roles
        .iter()
        .find(|r| r.id == role_id)
        .cloned()
        .ok_or_else(|| Failure(ApiError::forbidden("Your admin role no longer exists.")))
}

/// A session just started: what the client gets.
pub struct Started {
    pub admin_id: i64,
    /// The cookie value or bearer token.
    pub secret: String,
    pub csrf_token: Option<String>,
    /// Seconds since the Unix epoch.
    pub expires_at: u64,
}

/// A new session of `kind` for an admin.
pub fn start_session(conn: &Connection, admin_id: i64, kind: Kind) -> rusqlite::Result<Started> {
    let secret = new_secret();
    let csrf = (kind == Kind::Cookie).then(new_secret);
    let ttl = match kind {
        Kind::Cookie => COOKIE_TTL_SECS,
        Kind::Bearer => TOKEN_TTL_SECS,
    };
    let expires_at = now() + ttl;
    conn.execute(
        "DELETE FROM sessions WHERE expires_at <= ?1",
        params![now()],
    )?;
    conn.execute(
        "INSERT INTO sessions (token_hash, admin_id, kind, csrf_token, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![digest(&secret), admin_id, kind.as_str(), csrf, expires_at],
    )?;
    Ok(Started {
        admin_id,
        secret,
        csrf_token: csrf,
        expires_at,
    })
}

/// A session of a tab opened in linked account `account_id` by a launch token, as admin
/// `admin_id` of that account, kept in the portal's database (`home_conn`).
pub fn start_launched_session(
    home_conn: &Connection,
    account_id: &str,
    admin_id: i64,
) -> rusqlite::Result<Started> {
    let secret = new_secret();
    let csrf = new_secret();
    let expires_at = now() + COOKIE_TTL_SECS;
    home_conn.execute(
        "DELETE FROM launched_sessions WHERE expires_at <= ?1",
        params![now()],
    )?;
    home_conn.execute(
        "INSERT INTO launched_sessions (token_hash, account_id, admin_id, csrf_token, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![digest(&secret), account_id, admin_id, csrf, expires_at],
    )?;
    Ok(Started {
        admin_id,
        secret,
        csrf_token: Some(csrf),
        expires_at,
    })
}

/// The name of the session cookie of a tab opened in linked account `id` (the portal's own is
/// [`COOKIE`]), so the portal's tab keeps its session beside it.
pub fn cookie_for(id: &str) -> String {
    format!("{COOKIE}_{id}")
}

/// The id of the admin seeded for `persona`.
pub fn persona_admin(conn: &Connection, persona: Persona) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT id FROM admins WHERE persona = ?1",
        [persona.slug()],
        |r| r.get(0),
    )
}

/// Checks an admin's email and password, counting failures and locking the admin out for a
/// while after too many. Returns the admin's id.
pub fn authenticate(conn: &Connection, credentials: &Credentials) -> Result<i64, Failure> {
    let problems = credentials.problems();
    if !problems.is_empty() {
        return Err(Failure(ApiError::validation(problems)));
    }
    let wrong = || {
        Failure(ApiError::new(
            401,
            "invalid_credentials",
            "That email and password don't match an admin of this account.",
        ))
    };
    let row = conn
        .query_row(
            "SELECT id, password_hash, failed_sign_ins, locked_until FROM admins WHERE email = ?1",
            [credentials.email.trim()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, u64>(3)?,
                ))
            },
        )
        .optional()?;
    let Some((id, hash, failed, locked_until)) = row else {
        // Same work and the same answer as a wrong password, so emails can't be probed.
        verify_password(DUMMY_HASH.as_str(), &credentials.password);
        return Err(wrong());
    };
    let now = now();
    if locked_until > now {
        let minutes = (locked_until - now).div_ceil(60);
        return Err(Failure(
            ApiError::new(
                429,
                "sign_in_locked",
                format!(
                    "Too many failed sign-ins. Try again in {minutes} minute{}.",
                    if minutes == 1 { "" } else { "s" }
                ),
            )
            .retry_after(locked_until - now),
        ));
    }
    if verify_password(&hash, &credentials.password) {
        conn.execute(
            "UPDATE admins SET failed_sign_ins = 0, locked_until = 0 WHERE id = ?1",
            [id],
        )?;
        return Ok(id);
    }
    if failed + 1 >= MAX_FAILED_SIGN_INS {
        conn.execute(
            "UPDATE admins SET failed_sign_ins = 0, locked_until = ?2 WHERE id = ?1",
            params![id, now + LOCKOUT_SECS],
        )?;
    } else {
        conn.execute(
            "UPDATE admins SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ?1",
            [id],
        )?;
    }
    Err(wrong())
}

/// The `Set-Cookie` value that starts (or, with an empty secret, ends) a cookie session of the
/// cookie named `name`.
pub fn session_cookie(name: &str, secret: &str, secure: bool) -> String {
    let max_age = if secret.is_empty() {
        0
    } else {
        COOKIE_TTL_SECS
    };
    format!(
        "{name}={secret}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// An Argon2id hash of `password` with a fresh salt.
/// Whether `password` is that of the portal account whose admin signs in with `email` (the same
/// work, and false, when no account has that email).
pub fn portal_password_ok(
    conn: &Connection,
    email: &str,
    password: &str,
) -> rusqlite::Result<bool> {
    let hash: Option<String> = conn
        .query_row(
            "SELECT password_hash FROM portal_accounts WHERE admin_email = ?1",
            [email.trim()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match hash {
        Some(hash) => verify_password(&hash, password),
        None => {
            verify_password(DUMMY_HASH.as_str(), password);
            false
        }
    })
}

pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).expect("the OS random source");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 with default parameters")
        .to_string()
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("not a real password"));

fn signed_out() -> Failure {
    Failure(ApiError::from_status(401))
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty())
        .then(|| token.trim().to_owned())
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// 32 random bytes, URL-safe base64.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Hex SHA-256, for storing secrets and fingerprinting requests.
pub fn digest(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("correct horse");
        assert!(verify_password(&hash, "correct horse"));
        assert!(!verify_password(&hash, "correct horse "));
        assert_ne!(hash, hash_password("correct horse"), "salted");
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert("cookie", "a=1; sb_session=abc; b=2".parse().unwrap());
        assert_eq!(cookie(&headers, COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&headers, "missing"), None);
    }
}
