//! An account together with the indexes its lists (Users, the inventory's detail views) are
//! answered from. Every change goes through
//! [`IndexedAccount::apply`], which drops the indexes; the next read builds them again from the
//! data, so an index can never disagree with the account it was built from.

use std::ops::Deref;
use std::sync::OnceLock;

use crate::account::AccountData;
use crate::effects::Effect;
use crate::licenses::{InventoryItem, InventoryType, ItemsIndex, ItemsQuery};
use crate::users_index::UsersIndex;
use crate::users_query::{Page, UserRow, UsersQuery};

/// The account as the back ends hold it in memory: its data (read through `Deref`) and the
/// indexes of its lists, each built on first use after a change.
#[derive(Clone, Debug)]
pub struct IndexedAccount {
    data: AccountData,
    users_index: OnceLock<UsersIndex>,
    items_index: OnceLock<ItemsIndex>,
}

impl IndexedAccount {
    pub fn new(data: AccountData) -> Self {
        Self {
            data,
            users_index: OnceLock::new(),
            items_index: OnceLock::new(),
        }
    }

    /// Applies a change to the data and drops the indexes it may have made stale.
    pub fn apply(&mut self, effect: &Effect) {
        effect.apply(&mut self.data);
        self.users_index.take();
        self.items_index.take();
    }

    /// One page of the Users list (search, filters, sort): the one implementation behind the
    /// sandbox and the server.
    pub fn list_users(&self, q: &UsersQuery) -> Page<UserRow> {
        self.users_index
            .get_or_init(|| UsersIndex::build(&self.data))
            .list(&self.data, q)
    }

    /// The Users list's row of the user with `id`, for the user's own page.
    pub fn user_row(&self, id: u32) -> Option<UserRow> {
        self.users_index
            .get_or_init(|| UsersIndex::build(&self.data))
            .row(&self.data, id)
    }

    /// One page of a detail view of Licenses & Inventory: the items of `kind` (every type when
    /// `None`, for the Download list) that pass `q`.
    pub fn list_items(&self, kind: Option<InventoryType>, q: &ItemsQuery) -> Page<InventoryItem> {
        self.items_index
            .get_or_init(|| ItemsIndex::build(&self.data))
            .list(kind, q)
    }
}

impl Deref for IndexedAccount {
    type Target = AccountData;

    fn deref(&self) -> &AccountData {
        &self.data
    }
}

impl From<AccountData> for IndexedAccount {
    fn from(data: AccountData) -> Self {
        Self::new(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{generate, Dataset};
    use crate::users_query::UsersQuery;

    #[test]
    fn a_change_is_seen_by_the_next_list() {
        let mut view = IndexedAccount::new(generate(Dataset::Standard));
        let q = UsersQuery {
            search: "zebedee".into(),
            ..UsersQuery::default()
        };
        assert_eq!(view.list_users(&q).total, 0);
        let mut user = view.users[0].clone();
        user.first_name = "Zebedee".into();
        view.apply(&Effect::UserUpdated { user });
        let page = view.list_users(&q);
        assert_eq!(page.total, 1);
        assert_eq!(page.items[0].id, view.users[0].id);
    }
}
