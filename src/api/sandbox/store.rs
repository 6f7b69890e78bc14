//! The sandbox's in-memory account: the deterministic seed plus a journal of applied changes,
//! kept in localStorage so a reload keeps them (the journal is small even for 10,000 users).

use std::collections::HashMap;

use domain::accounts::launch::launched_account;
use domain::accounts::PortalAccount;
use domain::seed::{self, Dataset};
use domain::{AccountData, Effect, IndexedAccount, Persona, Role, Session};
use serde::{Deserialize, Serialize};

/// What survives a reload.
#[derive(Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Saved {
    persona: Option<Persona>,
    journal: Vec<Effect>,
    /// Idempotency key → the JSON body first returned for it.
    replies: HashMap<String, String>,
}

/// Which account a store holds: the portal's own (of a dataset), or a linked account opened in
/// a tab of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holding {
    Portal(Dataset),
    Linked(PortalAccount),
}

impl Holding {
    fn seed(&self) -> AccountData {
        match self {
            Self::Portal(dataset) => seed::generate(*dataset),
            Self::Linked(account) => launched_account(account),
        }
    }

    /// Where its changes are kept.
    fn key(&self) -> String {
        match self {
            Self::Portal(dataset) => format!("switchboard.sandbox.v1.{}", dataset.slug()),
            Self::Linked(account) => format!("switchboard.sandbox.v1.account.{}", account.id),
        }
    }
}

/// The sandbox's state for one account.
pub struct Store {
    holding: Holding,
    pub data: IndexedAccount,
    pub persona: Persona,
    journal: Vec<Effect>,
    replies: HashMap<String, String>,
}

impl Store {
    /// The seed with the saved changes of this account replayed over it.
    pub fn load(holding: Holding) -> Self {
        let saved = read_saved(&holding.key()).unwrap_or_default();
        let mut store = Self {
            data: holding.seed().into(),
            holding,
            persona: saved.persona.unwrap_or(Persona::SuperAdmin),
            journal: Vec::new(),
            replies: saved.replies,
        };
        for effect in saved.journal {
            store.apply(effect);
        }
        store
    }

    /// Back to the seed, forgetting every change.
    pub fn reset(&mut self) {
        if let Some(storage) = crate::storage::local() {
            let _ = storage.remove_item(&self.holding.key());
        }
        *self = Self::load(self.holding.clone());
    }

    /// The signed-in session of the current persona.
    pub fn session(&self) -> Session {
        Session {
            admin: self.persona.admin(),
            account: self.data.account.clone(),
            role: self.role(),
            persona: Some(self.persona),
            csrf_token: None,
        }
    }

    pub fn role(&self) -> Role {
        let id = self.persona.role_id();
        self.data
            .roles
            .iter()
            .find(|r| r.id == id)
            .cloned()
            .expect("persona roles are seeded")
    }

    pub fn set_persona(&mut self, persona: Persona) {
        self.persona = persona;
        self.save();
    }

    /// The reply already given for an idempotency key.
    pub fn reply_for(&self, key: &str) -> Option<&String> {
        self.replies.get(key)
    }

    /// Applies effects, records the reply under the idempotency key, and saves.
    pub fn commit(&mut self, effects: Vec<Effect>, key: Option<&str>, reply: &str) {
        for effect in effects {
            self.apply(effect);
        }
        if let Some(key) = key {
            self.replies.insert(key.to_owned(), reply.to_owned());
        }
        self.save();
    }

    fn apply(&mut self, effect: Effect) {
        self.data.apply(&effect);
        self.journal.push(effect);
    }

    fn save(&self) {
        let saved = Saved {
            persona: Some(self.persona),
            journal: self.journal.clone(),
            replies: self.replies.clone(),
        };
        if let (Some(storage), Ok(json)) = (crate::storage::local(), serde_json::to_string(&saved))
        {
            if storage.set_item(&self.holding.key(), &json).is_err() {
                web_sys::console::warn_1(
                    &"Sandbox changes could not be saved: browser storage is full or blocked."
                        .into(),
                );
            }
        }
    }
}

fn read_saved(key: &str) -> Option<Saved> {
    let json = crate::storage::local()?.get_item(key).ok()??;
    serde_json::from_str(&json).ok()
}
