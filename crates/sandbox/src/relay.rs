//! A platform whose storage lives in the page: the worker starts with what the page kept and
//! sends every change back as a [`FromWorker::Kept`] message, while the clock and secrets come
//! from the place it runs in.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::messages::FromWorker;
use crate::platform::Platform;

/// The clock and the source of secrets of the place the sandbox runs in.
pub trait Source {
    /// Seconds since the Unix epoch.
    fn now(&self) -> u64;
    /// A fresh secret: 32 random bytes in hex.
    fn random_token(&self) -> String;
}

/// Storage mirrored from the page; changes queue until [`Relayed::take_changes`].
pub struct Relayed<S> {
    kept: RefCell<HashMap<String, String>>,
    changes: RefCell<Vec<FromWorker>>,
    source: S,
}

impl<S: Source> Relayed<S> {
    /// The page's `kept` entries over `source`.
    pub fn new(kept: HashMap<String, String>, source: S) -> Self {
        Self {
            kept: RefCell::new(kept),
            changes: RefCell::default(),
            source,
        }
    }

    /// The changes since the last call, oldest first, for the page to keep.
    pub fn take_changes(&self) -> Vec<FromWorker> {
        std::mem::take(&mut self.changes.borrow_mut())
    }

    fn changed(&self, key: &str, value: Option<&str>) {
        let mut changes = self.changes.borrow_mut();
        // Only the last write of a key matters to the page.
        changes.retain(|c| !matches!(c, FromWorker::Kept { key: k, .. } if k == key));
        changes.push(FromWorker::Kept {
            key: key.to_owned(),
            value: value.map(str::to_owned),
        });
    }
}

impl<S: Source> Platform for Relayed<S> {
    fn load(&self, key: &str) -> Option<String> {
        self.kept.borrow().get(key).cloned()
    }

    fn save(&self, key: &str, value: &str) {
        self.kept
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        self.changed(key, Some(value));
    }

    fn remove(&self, key: &str) {
        self.kept.borrow_mut().remove(key);
        self.changed(key, None);
    }

    fn now(&self) -> u64 {
        self.source.now()
    }

    fn random_token(&self) -> String {
        self.source.random_token()
    }
}
