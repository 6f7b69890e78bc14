//! The server's shared state: the SQLite connection (the source of truth) and the in-memory view
//! of the account that reads are answered from, kept equal to the database by [`AppState::commit`].
//! The portal's own account also holds the linked accounts opened from it in tabs of their own,
//! each with a database beside the portal's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use domain::accounts::launch::launched_account;
use domain::seed::{self, Dataset};
use domain::{AccountData, ApiError, Effect, IndexedAccount, Persona};
use rusqlite::{Connection, Transaction};

use crate::db::{self, DbResult, NewAdmin};
use crate::failure::Failure;
use crate::sessions::{self, AdminRow, Admins, Sessions};
use crate::tokens::{cookie_for, COOKIE};

/// Options that change how the server behaves.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Serve cookies as for HTTPS on every request (see [`crate::auth::over_https`]).
    pub secure_cookies: bool,
    /// Requests a second each client and each session may make (see [`crate::limits`]); 0: no limit.
    pub rate_limit: u32,
}

/// What a database without an account is filled with when it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seeding {
    /// The demo: a dataset, its portal accounts and one admin per demo persona, all signing in
    /// with [`domain::seed::DEMO_PASSWORD`].
    Demo(Dataset),
    /// Nothing: the operator creates the account and its first admin (`create-admin`).
    Empty,
}

/// Why an account's database can't be opened.
#[derive(Debug)]
pub enum OpenError {
    Db(rusqlite::Error),
    /// The database holds no account, and the server was not asked for the demo.
    NoAccount,
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Db(error) => error.fmt(f),
            Self::NoAccount => f.write_str(
                "it holds no account yet. Create the account and its first admin with \
                 `switchboard-server create-admin --email <email> --name <name>` (the password is \
                 read from SWITCHBOARD_ADMIN_PASSWORD or standard input), or start with --demo \
                 for the demo data",
            ),
        }
    }
}

impl From<rusqlite::Error> for OpenError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Db(error)
    }
}

impl From<OpenError> for Failure {
    fn from(error: OpenError) -> Self {
        match error {
            OpenError::Db(error) => error.into(),
            OpenError::NoAccount => Failure(ApiError::new(
                500,
                "internal",
                "This account has no data yet.",
            )),
        }
    }
}

/// How long a linked account opened in a tab stays in memory after its last request.
pub const IDLE_ACCOUNT: Duration = Duration::from_secs(15 * 60);

/// A linked account open in memory: its state, its bulk job runner, when a request last used it.
struct Opened {
    state: AppState,
    runner: tokio::task::JoinHandle<()>,
    used: Instant,
}

/// Cheap to clone; every handler gets one.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    db: Mutex<Connection>,
    data: RwLock<IndexedAccount>,
    /// The sessions kept in this database (the portal's holds those of its opened accounts too).
    sessions: Sessions,
    /// This account's admins.
    admins: Admins,
    settings: Settings,
    /// The name of this account's session cookie.
    cookie: String,
    /// Where those databases live.
    opened_dir: PathBuf,
    /// Linked accounts opened from this one and in use, by id.
    opened: Mutex<HashMap<String, Opened>>,
}

impl AppState {
    /// Opens the database at `path`, filling it as `seeding` says when it holds no account, and
    /// loads the account.
    pub fn open(path: &Path, seeding: Seeding, settings: Settings) -> Result<Self, OpenError> {
        let fill = match seeding {
            Seeding::Demo(dataset) => Some((seed::DEMO_PASSWORD.to_owned(), dataset)),
            Seeding::Empty => None,
        };
        Self::open_with(
            path,
            fill.map(|(password, dataset)| (move || seed::generate(dataset), password)),
            settings,
            COOKIE.to_owned(),
        )
    }

    /// Opens an account's database; when it holds no account, fills it with the account `fill`
    /// makes and one admin per persona signing in with its password.
    fn open_with(
        path: &Path,
        fill: Option<(impl FnOnce() -> AccountData, String)>,
        settings: Settings,
        cookie: String,
    ) -> Result<Self, OpenError> {
        let mut conn = db::open(path)?;
        if !db::is_seeded(&conn)? {
            let (data, password) = fill.ok_or(OpenError::NoAccount)?;
            let data = data();
            let mut hashes = crate::passwords::hash_many(
                &password,
                data.portal_accounts.len() + Persona::ALL.len(),
            );
            let admins: Vec<NewAdmin> = Persona::ALL
                .into_iter()
                .zip(hashes.split_off(data.portal_accounts.len()))
                .map(|(persona, password_hash)| NewAdmin {
                    email: persona.admin().email,
                    name: persona.admin().name,
                    role_id: persona.role_id().to_owned(),
                    persona: Some(persona),
                    password_hash,
                })
                .collect();
            db::seed(&mut conn, &data, hashes, &admins)?;
        }
        let data = db::load(&conn)?;
        let sessions = Sessions::load(&conn, crate::clock::now())?;
        let admins = Admins::load(&conn)?;
        Ok(Self(Arc::new(Inner {
            db: Mutex::new(conn),
            data: RwLock::new(data.into()),
            sessions,
            admins,
            settings,
            cookie,
            opened_dir: opened_dir(path),
            opened: Mutex::default(),
        })))
    }

    /// The account with id `id` as this portal hosts it: this one, or one of the portal's
    /// accounts, opened (and, the first time, seeded in a database of its own) on demand with its
    /// bulk job runner. Only this account's portal accounts can be opened, never a path from the
    /// request.
    pub fn account(&self, id: &str) -> Result<AppState, Failure> {
        if self.data().account.id == id {
            return Ok(self.clone());
        }
        let portal = self
            .data()
            .portal_accounts
            .iter()
            .find(|p| p.id == id)
            .cloned()
            .ok_or_else(|| {
                Failure(ApiError::not_found(format!(
                    "This tab works in account {id}, which this portal doesn't have. Close the tab and open the account again from Accounts."
                )))
            })?;
        let mut opened = self.0.opened.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(open) = opened.get_mut(id) {
            open.used = Instant::now();
            return Ok(open.state.clone());
        }
        std::fs::create_dir_all(&self.0.opened_dir)
            .map_err(|e| Failure(ApiError::new(500, "internal", e.to_string())))?;
        // Its admins are only ever signed in through launch tokens: their password is random.
        let state = Self::open_with(
            &self.0.opened_dir.join(format!("{id}.sqlite")),
            Some((|| launched_account(&portal), crate::secrets::new_secret())),
            self.0.settings.clone(),
            cookie_for(id),
        )?;
        let runner = tokio::spawn(crate::jobs::run(state.clone()));
        opened.insert(
            id.to_owned(),
            Opened {
                state: state.clone(),
                runner,
                used: Instant::now(),
            },
        );
        Ok(state)
    }

    /// Closes the linked accounts no request has used for `idle` and with no bulk job left to
    /// run: their runner stops and their database closes once the last request using them ends.
    /// The next request opens the account again. Returns how many were closed.
    pub fn close_idle(&self, idle: Duration) -> usize {
        let mut opened = self.0.opened.lock().unwrap_or_else(PoisonError::into_inner);
        let before = opened.len();
        opened.retain(|_, open| {
            let busy = open
                .state
                .data()
                .jobs
                .iter()
                .any(|j| j.progress.finished_at.is_none());
            let keep = busy || open.used.elapsed() < idle;
            if !keep {
                open.runner.abort();
            }
            keep
        });
        before - opened.len()
    }

    /// How many linked accounts are open in memory.
    pub fn opened_count(&self) -> usize {
        self.0
            .opened
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// The database. Writers hold it from planning to commit, so writes never interleave.
    pub fn db(&self) -> MutexGuard<'_, Connection> {
        self.0.db.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The account as of the last commit, for reads and planning.
    pub fn data(&self) -> RwLockReadGuard<'_, IndexedAccount> {
        self.0.data.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The sessions kept in this account's database.
    pub fn sessions(&self) -> &Sessions {
        &self.0.sessions
    }

    /// The admin of this account with `id`.
    pub fn admin(&self, id: i64) -> DbResult<AdminRow> {
        self.0
            .admins
            .get(id, || sessions::read_admin(&self.db(), id))
    }

    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    /// The name of this account's session cookie (each account a tab works in has its own).
    pub fn cookie(&self) -> &str {
        &self.0.cookie
    }

    /// Writes `effects` and whatever `also` writes in one transaction on `conn` (the caller's
    /// guard from [`AppState::db`]); once committed, applies the effects to the in-memory view.
    pub fn commit(
        &self,
        conn: &mut Connection,
        effects: &[Effect],
        also: impl FnOnce(&Transaction) -> DbResult<()>,
    ) -> DbResult<()> {
        let tx = conn.transaction()?;
        for effect in effects {
            db::write_effect(&tx, effect)?;
        }
        also(&tx)?;
        tx.commit()?;
        let mut data = self.0.data.write().unwrap_or_else(PoisonError::into_inner);
        for effect in effects {
            data.apply(effect);
            if let Effect::AccountUnlinked { account_id } = effect {
                self.0.sessions.end_account(account_id);
            }
        }
        Ok(())
    }
}

impl crate::jobs::Steps for AppState {
    /// One step under the database lock, committed like any change.
    fn step(&self, slice: usize) -> DbResult<bool> {
        let mut conn = self.db();
        let Some(effects) = domain::background::next_step(&self.data(), crate::clock::now(), slice)
        else {
            return Ok(false);
        };
        self.commit(&mut conn, &effects, |_| Ok(()))?;
        Ok(true)
    }
}

/// `data/switchboard.sqlite` keeps the accounts opened from it in `data/switchboard-accounts/`.
pub fn opened_dir(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}-accounts"))
}
