//! The sandbox's account: the deterministic seed plus a journal of applied changes, kept on the
//! platform so a reload keeps them (the journal is small even for 10,000 users).

use std::collections::HashMap;

use domain::accounts::launch::launched_account;
use domain::accounts::PortalAccount;
use domain::api::Stored;
use domain::seed::{self, Dataset};
use domain::{AccountData, Effect, IndexedAccount, Persona, Role};
use serde::{Deserialize, Serialize};

use crate::platform::Platform;

/// What survives a reload.
#[derive(Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Saved {
    persona: Option<Persona>,
    journal: Vec<Effect>,
    /// `persona/key` → the reply first given for that idempotency key.
    #[serde(default)]
    stored_replies: HashMap<String, Stored>,
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
    pub holding: Holding,
    pub data: IndexedAccount,
    pub persona: Persona,
    journal: Vec<Effect>,
    replies: HashMap<String, Stored>,
}

impl Store {
    /// The seed with the saved changes of this account replayed over it.
    pub fn load(holding: Holding, platform: &impl Platform) -> Self {
        let saved: Saved = platform
            .load(&holding.key())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        let mut store = Self {
            data: holding.seed().into(),
            holding,
            persona: saved.persona.unwrap_or(Persona::SuperAdmin),
            journal: Vec::new(),
            replies: saved.stored_replies,
        };
        for effect in saved.journal {
            store.apply(effect);
        }
        store
    }

    /// Back to the seed, forgetting every change.
    pub fn reset(&mut self, platform: &impl Platform) {
        platform.remove(&self.holding.key());
        *self = Self::load(self.holding.clone(), platform);
    }

    /// The role of the current persona.
    pub fn role(&self) -> Role {
        let id = self.persona.role_id();
        self.data
            .roles
            .iter()
            .find(|r| r.id == id)
            .cloned()
            .expect("persona roles are seeded")
    }

    pub fn set_persona(&mut self, persona: Persona, platform: &impl Platform) {
        self.persona = persona;
        self.save(platform);
    }

    /// The reply kept for the current persona's idempotency `key`.
    pub fn stored(&self, key: &str) -> Option<Stored> {
        self.replies.get(&self.reply_key(key)).cloned()
    }

    /// Applies effects, keeps the reply under its idempotency key (dropping expired ones), and
    /// saves.
    pub fn commit(
        &mut self,
        effects: &[Effect],
        keep: Option<(&str, &Stored)>,
        platform: &impl Platform,
    ) {
        for effect in effects {
            self.apply(effect.clone());
        }
        if let Some((key, stored)) = keep {
            let now = stored.created_at;
            self.replies.retain(|_, s| !s.expired(now));
            self.replies.insert(self.reply_key(key), stored.clone());
        }
        self.save(platform);
    }

    /// Replies are kept per admin, as the server keeps them.
    fn reply_key(&self, key: &str) -> String {
        format!("{}/{key}", self.persona.slug())
    }

    fn apply(&mut self, effect: Effect) {
        self.data.apply(&effect);
        self.journal.push(effect);
    }

    fn save(&self, platform: &impl Platform) {
        let saved = Saved {
            persona: Some(self.persona),
            journal: self.journal.clone(),
            stored_replies: self.replies.clone(),
        };
        if let Ok(json) = serde_json::to_string(&saved) {
            platform.save(&self.holding.key(), &json);
        }
    }
}
