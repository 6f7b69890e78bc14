//! The server's shared state: the SQLite connection (the source of truth) and the in-memory view
//! of the account that reads are answered from, kept equal to the database by [`AppState::commit`].
//! The portal's own account also holds the linked accounts opened from it in tabs of their own,
//! each with a database beside the portal's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard};

use domain::accounts::launch::launched_account;
use domain::seed::{self, Dataset};
use domain::{AccountData, ApiError, Effect};
use rusqlite::{Connection, Transaction};

use crate::auth::{cookie_for, COOKIE};
use crate::db::{self, DbResult};
use crate::failure::Failure;
use crate::spa::Spa;

/// Options that change how the server behaves.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Mark the session cookie `Secure` (behind HTTPS).
    pub secure_cookies: bool,
}

/// Cheap to clone; every handler gets one.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    db: Mutex<Connection>,
    data: RwLock<AccountData>,
    settings: Settings,
    spa: Option<Spa>,
    /// The name of this account's session cookie.
    cookie: String,
    /// The seeded admins' password, for the databases of accounts opened from this one.
    demo_password: String,
    /// Where those databases live.
    opened_dir: PathBuf,
    /// Linked accounts opened from this one since start-up, by id.
    opened: Mutex<HashMap<String, AppState>>,
}

impl AppState {
    /// Opens the database at `path`, seeds it with `dataset` and the demo admins (whose password
    /// is `demo_password`) when it is empty, and loads the account.
    pub fn open(
        path: &Path,
        dataset: Dataset,
        demo_password: &str,
        settings: Settings,
        spa: Option<Spa>,
    ) -> DbResult<Self> {
        Self::open_with(
            path,
            || seed::generate(dataset),
            demo_password,
            settings,
            spa,
            COOKIE.to_owned(),
        )
    }

    fn open_with(
        path: &Path,
        seed: impl FnOnce() -> AccountData,
        demo_password: &str,
        settings: Settings,
        spa: Option<Spa>,
        cookie: String,
    ) -> DbResult<Self> {
        let mut conn = db::open(path)?;
        if !db::is_seeded(&conn)? {
            db::seed(
                &mut conn,
                &seed(),
                &crate::auth::hash_password(demo_password),
            )?;
        }
        let data = db::load(&conn)?;
        Ok(Self(Arc::new(Inner {
            db: Mutex::new(conn),
            data: RwLock::new(data),
            settings,
            spa,
            cookie,
            demo_password: demo_password.to_owned(),
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
        if let Some(state) = opened.get(id) {
            return Ok(state.clone());
        }
        std::fs::create_dir_all(&self.0.opened_dir)
            .map_err(|e| Failure(ApiError::new(500, "internal", e.to_string())))?;
        let state = Self::open_with(
            &self.0.opened_dir.join(format!("{id}.sqlite")),
            || launched_account(&portal),
            &self.0.demo_password,
            self.0.settings.clone(),
            None,
            cookie_for(id),
        )?;
        tokio::spawn(crate::jobs::run(state.clone()));
        opened.insert(id.to_owned(), state.clone());
        Ok(state)
    }

    /// The database. Writers hold it from planning to commit, so writes never interleave.
    pub fn db(&self) -> MutexGuard<'_, Connection> {
        self.0.db.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The account as of the last commit, for reads and planning.
    pub fn data(&self) -> RwLockReadGuard<'_, AccountData> {
        self.0.data.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    pub fn spa(&self) -> Option<&Spa> {
        self.0.spa.as_ref()
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
            effect.apply(&mut data);
        }
        Ok(())
    }
}

/// `data/switchboard.sqlite` keeps the accounts opened from it in `data/switchboard-accounts/`.
pub fn opened_dir(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}-accounts"))
}
