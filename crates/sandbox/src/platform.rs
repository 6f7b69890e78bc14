//! What the sandbox needs of the place it runs in: somewhere to keep text by key, a clock and a
//! source of secrets. The browser brings localStorage, `Date` and `crypto`; tests bring
//! [`MemoryPlatform`].

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Storage, clock and randomness.
pub trait Platform {
    /// The text kept under `key`.
    fn load(&self, key: &str) -> Option<String>;
    /// Keeps `value` under `key` (a platform that can't says so its own way: the sandbox goes
    /// on with what it holds in memory).
    fn save(&self, key: &str, value: &str);
    /// Forgets `key`.
    fn remove(&self, key: &str);
    /// Seconds since the Unix epoch.
    fn now(&self) -> u64;
    /// A fresh secret: 32 random bytes in hex.
    fn random_token(&self) -> String;
}

/// A platform in memory, with a clock that moves only when told: for native tests and tools.
#[derive(Default)]
pub struct MemoryPlatform {
    kept: RefCell<HashMap<String, String>>,
    now: Cell<u64>,
    issued: Cell<u64>,
}

impl MemoryPlatform {
    /// Empty storage, the clock at `now`.
    pub fn at(now: u64) -> Self {
        Self {
            now: Cell::new(now),
            ..Self::default()
        }
    }

    /// Sets the clock.
    pub fn set_now(&self, now: u64) {
        self.now.set(now);
    }
}

impl Platform for MemoryPlatform {
    fn load(&self, key: &str) -> Option<String> {
        self.kept.borrow().get(key).cloned()
    }

    fn save(&self, key: &str, value: &str) {
        self.kept
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
    }

    fn remove(&self, key: &str) {
        self.kept.borrow_mut().remove(key);
    }

    fn now(&self) -> u64 {
        self.now.get()
    }

    /// Distinct per call (a counter), which is all tests need of a secret.
    fn random_token(&self) -> String {
        let n = self.issued.get() + 1;
        self.issued.set(n);
        format!("{n:064x}")
    }
}
