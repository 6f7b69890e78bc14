//! The server's shared state: the SQLite connection (the source of truth) and the in-memory view
//! of the account that reads are answered from, kept equal to the database by [`AppState::commit`].

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard};

use domain::seed::Dataset;
use domain::{AccountData, Effect};
use rusqlite::{Connection, Transaction};

use crate::db::{self, DbResult};
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
        let mut conn = db::open(path)?;
        if !db::is_seeded(&conn)? {
            db::seed(
                &mut conn,
                dataset,
                &crate::auth::hash_password(demo_password),
            )?;
        }
        let data = db::load(&conn)?;
        Ok(Self(Arc::new(Inner {
            db: Mutex::new(conn),
            data: RwLock::new(data),
            settings,
            spa,
        })))
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
