//! Who is calling, and in which account: cookie sessions (HttpOnly, SameSite=Strict, with a CSRF
//! token required on every change) for the console served by this server, bearer tokens for host
//! portals that sign the admin in themselves, both of the portal's own account; and the cookie
//! sessions of tabs opened in a linked account by redeeming a launch token, the only way a request
//! naming another account (`X-Switchboard-Account`) is honoured. Passwords are Argon2id hashes;
//! only SHA-256 digests of session and token secrets are stored.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use domain::accounts::launch::{openable, ACCOUNT_HEADER};
use domain::auth::Credentials;
use domain::permissions::Admin;
use domain::{ApiError, Persona, Role, Session};
use rusqlite::{params, Connection, OptionalExtension};
use subtle::ConstantTimeEq;

use crate::clock::now;
use crate::failure::Failure;
use crate::passwords;
use crate::secrets::{digest, new_secret};
use crate::sessions::{Kind, Stored};
use crate::state::{AppState, Settings};
use crate::tokens::{bearer, cookie, cookie_for, cookie_name, COOKIE, COOKIE_TTL_SECS};

/// Header that must carry the session's CSRF token on every change made with the cookie.
pub const CSRF_HEADER: &str = "x-csrf-token";
pub use domain::auth::TOKEN_TTL_SECS;
/// Failed sign-ins in a row before the admin is locked out for [`LOCKOUT_SECS`].
pub const MAX_FAILED_SIGN_INS: u32 = 5;
pub const LOCKOUT_SECS: u64 = 15 * 60;

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
    let https = over_https(&parts.headers, home.settings());
    let own = cookie(&parts.headers, &cookie_name(COOKIE, https));
    let (secret, kind) = match (bearer(&parts.headers), own) {
        (Some(token), _) => (token, Kind::Bearer),
        (None, Some(token)) => (token, Kind::Cookie),
        (None, None) => return Err(signed_out()),
    };
    let token_hash = digest(&secret);
    let stored = home
        .sessions()
        .find(&token_hash, now())
        .filter(|s| s.kind == kind && s.account_id.is_none())
        .ok_or_else(signed_out)?;
    if kind == Kind::Cookie {
        check_csrf(parts, stored.csrf_token.as_deref().unwrap_or_default())?;
    }
    let row = home.admin(stored.admin_id)?;
    Ok(Caller {
        admin_id: row.id,
        role: role_of(home, &row.role_id)?,
        admin: row.admin,
        persona: row.persona,
        kind,
        csrf_token: stored.csrf_token,
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
    let https = over_https(&parts.headers, home.settings());
    let secret =
        cookie(&parts.headers, &cookie_name(&cookie_for(id), https)).ok_or_else(signed_out)?;
    let token_hash = digest(&secret);
    let stored = home
        .sessions()
        .find(&token_hash, now())
        .filter(|s| s.account_id.as_deref() == Some(id))
        .ok_or_else(signed_out)?;
    if openable(&home.data(), id).is_err() {
        return Err(signed_out());
    }
    let csrf_token = stored.csrf_token.unwrap_or_default();
    check_csrf(parts, &csrf_token)?;
    let state = home.account(id)?;
    let row = state.admin(stored.admin_id)?;
    let caller = Caller {
        admin_id: row.id,
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
    if sent.is_some_and(|s| bool::from(s.as_bytes().ct_eq(expected.as_bytes()))) {
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
    /// This caller as the contract's calls see it.
    pub fn contract(&self) -> domain::api::Caller {
        domain::api::Caller {
            admin: self.admin.clone(),
            role: self.role.clone(),
            persona: self.persona,
            csrf_token: self.csrf_token.clone(),
            launched: self.launched.is_some(),
        }
    }

    /// Ends this session or revokes this token (all kept in the portal's database, `home`).
    pub fn sign_out(&self, home: &AppState) -> rusqlite::Result<()> {
        let table = match self.launched {
            Some(_) => "launched_sessions",
            None => "sessions",
        };
        home.db().execute(
            &format!("DELETE FROM {table} WHERE token_hash = ?1"),
            [&self.token_hash],
        )?;
        home.sessions().remove(&self.token_hash);
        Ok(())
    }
}

/// The session body for an admin who just signed in.
pub fn session_for(
    state: &AppState,
    admin_id: i64,
    csrf_token: Option<String>,
) -> Result<Session, Failure> {
    let row = state.admin(admin_id)?;
    Ok(Session {
        admin: row.admin,
        account: state.data().account.clone(),
        role: role_of(state, &row.role_id)?,
        persona: row.persona,
        csrf_token,
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

/// A new session of `kind` for an admin of the portal's account (`home`, whose database
/// `conn` is).
pub fn start_session(
    home: &AppState,
    conn: &Connection,
    admin_id: i64,
    kind: Kind,
) -> rusqlite::Result<Started> {
    let csrf = (kind == Kind::Cookie).then(new_secret);
    let ttl = match kind {
        Kind::Cookie => COOKIE_TTL_SECS,
        Kind::Bearer => TOKEN_TTL_SECS,
    };
    remember(home, conn, None, admin_id, kind, csrf, ttl)
}

/// A session of a tab opened in linked account `account_id` by a launch token, as admin
/// `admin_id` of that account, kept in the portal's database (`home`, whose database
/// `home_conn` is).
pub fn start_launched_session(
    home: &AppState,
    home_conn: &Connection,
    account_id: &str,
    admin_id: i64,
) -> rusqlite::Result<Started> {
    let csrf = Some(new_secret());
    remember(
        home,
        home_conn,
        Some(account_id),
        admin_id,
        Kind::Cookie,
        csrf,
        COOKIE_TTL_SECS,
    )
}

/// Writes a new session to the portal's database (dropping expired ones) and to its memory.
fn remember(
    home: &AppState,
    conn: &Connection,
    account_id: Option<&str>,
    admin_id: i64,
    kind: Kind,
    csrf_token: Option<String>,
    ttl: u64,
) -> rusqlite::Result<Started> {
    let secret = new_secret();
    let token_hash = digest(&secret);
    let now = now();
    let expires_at = now + ttl;
    match account_id {
        None => {
            conn.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?;
            conn.execute(
                "INSERT INTO sessions (token_hash, admin_id, kind, csrf_token, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![token_hash, admin_id, kind.as_str(), csrf_token, expires_at],
            )?;
        }
        Some(account) => {
            conn.execute(
                "DELETE FROM launched_sessions WHERE expires_at <= ?1",
                [now],
            )?;
            conn.execute(
                "INSERT INTO launched_sessions (token_hash, account_id, admin_id, csrf_token, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![token_hash, account, admin_id, csrf_token, expires_at],
            )?;
        }
    }
    home.sessions().insert(
        token_hash,
        Stored {
            admin_id,
            kind,
            csrf_token: csrf_token.clone(),
            expires_at,
            account_id: account_id.map(str::to_owned),
        },
        now,
    );
    Ok(Started {
        admin_id,
        secret,
        csrf_token,
        expires_at,
    })
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
/// while after too many. Returns the admin's id. The password is checked with no lock held, so
/// a stream of wrong passwords slows no one else's requests.
pub fn authenticate(state: &AppState, credentials: &Credentials) -> Result<i64, Failure> {
    let problems = credentials.problems();
    if !problems.is_empty() {
        return Err(Failure(ApiError::validation(problems)));
    }
    let wrong = || Failure(domain::auth::wrong_credentials());
    let row = blocking(|| {
        state
            .db()
            .query_row(
                "SELECT id, password_hash, locked_until FROM admins WHERE email = ?1",
                [credentials.email.trim()],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, u64>(2)?,
                    ))
                },
            )
            .optional()
    })?;
    let Some((id, hash, locked_until)) = row else {
        // Same work and the same answer as a wrong password, so emails can't be probed.
        blocking(|| passwords::check_nothing(&credentials.password));
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
    if blocking(|| passwords::check(&hash, &credentials.password)) {
        blocking(|| {
            state.db().execute(
                "UPDATE admins SET failed_sign_ins = 0, locked_until = 0 WHERE id = ?1",
                [id],
            )
        })?;
        return Ok(id);
    }
    blocking(|| -> rusqlite::Result<()> {
        let conn = state.db();
        let failed: u32 = conn.query_row(
            "UPDATE admins SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ?1
             RETURNING failed_sign_ins",
            [id],
            |r| r.get(0),
        )?;
        if failed >= MAX_FAILED_SIGN_INS {
            conn.execute(
                "UPDATE admins SET failed_sign_ins = 0, locked_until = ?2 WHERE id = ?1",
                params![id, now + LOCKOUT_SECS],
            )?;
        }
        Ok(())
    })?;
    Err(wrong())
}

/// Runs `work` (database or Argon2) without holding up the runtime's other tasks: on the
/// multi-threaded runtime this worker hands its queue to another thread while `work` runs.
pub fn blocking<T>(work: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(work)
        }
        _ => work(),
    }
}

/// Whether the request reached the console over HTTPS: always with `--secure-cookies`, or when
/// the proxy in front says so (`X-Forwarded-Proto: https`). Its cookies are then `Secure` and
/// `__Host-` prefixed. (A client that claims HTTPS over plain HTTP only gets cookies its browser
/// won't send back.)
pub fn over_https(headers: &HeaderMap, settings: &Settings) -> bool {
    settings.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

/// Whether `password` is that of the portal account whose admin signs in with `email` (the same
/// work, and false, when no account has that email).
pub fn portal_password_ok(state: &AppState, email: &str, password: &str) -> rusqlite::Result<bool> {
    let hash: Option<String> = blocking(|| {
        state
            .db()
            .query_row(
                "SELECT password_hash FROM portal_accounts WHERE admin_email = ?1",
                [email.trim()],
                |r| r.get(0),
            )
            .optional()
    })?;
    Ok(blocking(|| match hash {
        Some(hash) => passwords::check(&hash, password),
        None => passwords::check_nothing(password),
    }))
}

fn signed_out() -> Failure {
    Failure(ApiError::from_status(401))
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert("cookie", "a=1; sb_session=abc; b=2".parse().unwrap());
        assert_eq!(cookie(&headers, COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&headers, "missing"), None);
    }
}
