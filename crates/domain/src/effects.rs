//! Effects: the changes a planner decided on. The sandbox applies them to its in-memory
//! account; the server writes them to SQLite in one transaction and then applies them to its
//! in-memory view with the same [`Effect::apply`].

use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::inventory::{Address, DeviceOrder, EmergencyLocation, License, PhoneNumber};
use crate::outbox::OutboxMessage;
use crate::records::{Job, JobProgress, LinkedAccount};
use crate::users::User;

/// One change to an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Effect {
    /// The user's record is replaced by this one (same id, version already bumped).
    UserUpdated { user: User },
    /// A new user.
    UserCreated { user: User },
    /// A spare license goes to a user.
    #[serde(rename_all = "camelCase")]
    LicenseAssigned { license_id: String, user_id: u32 },
    /// A spare license moves to another cost center (before it is assigned there).
    #[serde(rename_all = "camelCase")]
    LicenseMoved {
        license_id: String,
        cost_center_id: String,
    },
    /// A license goes back to inventory.
    #[serde(rename_all = "camelCase")]
    LicenseUnassigned { license_id: String },
    /// A license leaves the account (its charge stops).
    #[serde(rename_all = "camelCase")]
    LicenseCancelled { license_id: String },
    /// An additional number nobody held is given up.
    NumberDeleted { e164: String },
    /// A shipping address was added, or edited (same id).
    AddressSaved { address: Address },
    /// A license was bought (already assigned).
    LicenseAdded { license: License },
    /// A phone from inventory goes to a user.
    #[serde(rename_all = "camelCase")]
    PhoneAssigned { phone_id: String, user_id: u32 },
    /// A phone was bought for a user.
    DeviceOrdered { order: DeviceOrder },
    /// A number from inventory goes to a user.
    #[serde(rename_all = "camelCase")]
    NumberAssigned { e164: String, user_id: u32 },
    /// A phone goes back to inventory.
    #[serde(rename_all = "camelCase")]
    PhoneUnassigned { phone_id: String },
    /// A number goes back to inventory.
    NumberUnassigned { e164: String },
    /// A number was bought (already assigned).
    NumberAdded { number: PhoneNumber },
    /// A new emergency response location.
    EmergencyLocationAdded { location: EmergencyLocation },
    /// An email with an attachment went to the outbox.
    MessageSent { message: OutboxMessage },
    /// A user leaves the account; what they held goes back to inventory.
    #[serde(rename_all = "camelCase")]
    UserDeleted { user_id: u32 },
    /// Another account is linked to this one.
    AccountLinked { link: LinkedAccount },
    /// A linked account is unlinked.
    #[serde(rename_all = "camelCase")]
    AccountUnlinked { account_id: String },
    /// A linked account gets another name (same id, version already bumped).
    AccountRenamed { link: LinkedAccount },
    /// A bulk job was accepted.
    JobQueued { job: Job },
    /// A step of a bulk job ran: its progress is added to the job's.
    #[serde(rename_all = "camelCase")]
    JobProgressed { job_id: u32, progress: JobProgress },
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
            Effect::UserCreated { user } => data.users.push(user.clone()),
            Effect::UserDeleted { user_id } => {
                let held = Some(*user_id);
                data.users.retain(|u| u.id != *user_id);
                for license in data.licenses.iter_mut().filter(|l| l.assignee == held) {
                    license.assignee = None;
                }
                for phone in data.phones.iter_mut().filter(|p| p.assignee == held) {
                    phone.assignee = None;
                }
                for number in data.numbers.iter_mut().filter(|n| n.assignee == held) {
                    number.assignee = None;
                }
                data.orders.retain(|o| o.user_id != *user_id);
            }
            Effect::LicenseAssigned {
                license_id,
                user_id,
            } => {
                if let Some(l) = data.licenses.iter_mut().find(|l| &l.id == license_id) {
                    l.assignee = Some(*user_id);
                }
            }
            Effect::LicenseMoved {
                license_id,
                cost_center_id,
            } => {
                if let Some(l) = data.licenses.iter_mut().find(|l| &l.id == license_id) {
                    l.cost_center_id.clone_from(cost_center_id);
                }
            }
            Effect::LicenseUnassigned { license_id } => {
                if let Some(l) = data.licenses.iter_mut().find(|l| &l.id == license_id) {
                    l.assignee = None;
                }
            }
            Effect::LicenseCancelled { license_id } => {
                data.licenses.retain(|l| &l.id != license_id)
            }
            Effect::NumberDeleted { e164 } => data.numbers.retain(|n| &n.e164 != e164),
            Effect::AddressSaved { address } => {
                match data
                    .shipping_addresses
                    .iter_mut()
                    .find(|a| a.id == address.id)
                {
                    Some(existing) => existing.clone_from(address),
                    None => data.shipping_addresses.push(address.clone()),
                }
            }
            Effect::LicenseAdded { license } => data.licenses.push(license.clone()),
            Effect::PhoneAssigned { phone_id, user_id } => {
                if let Some(p) = data.phones.iter_mut().find(|p| &p.id == phone_id) {
                    p.assignee = Some(*user_id);
                }
            }
            Effect::DeviceOrdered { order } => data.orders.push(order.clone()),
            Effect::NumberAssigned { e164, user_id } => {
                if let Some(n) = data.numbers.iter_mut().find(|n| &n.e164 == e164) {
                    n.assignee = Some(*user_id);
                }
            }
            Effect::PhoneUnassigned { phone_id } => {
                if let Some(p) = data.phones.iter_mut().find(|p| &p.id == phone_id) {
                    p.assignee = None;
                }
            }
            Effect::NumberUnassigned { e164 } => {
                if let Some(n) = data.numbers.iter_mut().find(|n| &n.e164 == e164) {
                    n.assignee = None;
                }
            }
            Effect::NumberAdded { number } => data.numbers.push(number.clone()),
            Effect::EmergencyLocationAdded { location } => {
                data.emergency_locations.push(location.clone())
            }
            Effect::MessageSent { message } => data.outbox.push(message.clone()),
            Effect::AccountLinked { link } => data.linked_accounts.push(link.clone()),
            Effect::AccountUnlinked { account_id } => {
                data.linked_accounts.retain(|l| &l.id != account_id)
            }
            Effect::AccountRenamed { link } => {
                if let Some(existing) = data.linked_accounts.iter_mut().find(|l| l.id == link.id) {
                    existing.clone_from(link);
                }
            }
            Effect::JobQueued { job } => data.jobs.push(job.clone()),
            Effect::JobProgressed { job_id, progress } => {
                if let Some(job) = data.jobs.iter_mut().find(|j| j.id == *job_id) {
                    job.progress.absorb(progress);
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
