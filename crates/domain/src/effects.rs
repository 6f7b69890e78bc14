//! Effects: the changes a planner decided on. The sandbox applies them to its in-memory
//! account; the server writes them to SQLite in one transaction and then applies them to its
//! in-memory view with the same [`Effect::apply`].

use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::users::User;

/// One change to an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Effect {
    /// The user's record is replaced by this one (same id, version already bumped).
    UserUpdated { user: User },
}

impl Effect {
    /// Applies the change to an in-memory account.
    pub fn apply(&self, data: &mut AccountData) {
        match self {
            Effect::UserUpdated { user } => {
                if let Some(existing) = data.users.iter_mut().find(|u| u.id == user.id) {
                    *existing = user.clone();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{generate, Dataset};
    use crate::users::UserStatus;

    #[test]
    fn a_user_update_replaces_only_that_user() {
        let mut data = generate(Dataset::Standard);
        let before = data.clone();
        let mut user = data.users[5].clone();
        user.status = UserStatus::Disabled;
        user.version += 1;
        Effect::UserUpdated { user: user.clone() }.apply(&mut data);
        assert_eq!(data.users[5], user);
        assert_eq!(data.users[4], before.users[4]);
        assert_eq!(data.users.len(), before.users.len());
    }

    #[test]
    fn effects_serialise_with_a_type_tag() {
        let user = generate(Dataset::Standard).users[0].clone();
        let json = serde_json::to_value(Effect::UserUpdated { user }).unwrap();
        assert_eq!(json["type"], "userUpdated");
    }
}
