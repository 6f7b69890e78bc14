//! The account and everything it holds: sites, cost centers, users and inventory.

use serde::{Deserialize, Serialize};

use crate::inventory::{
    Address, CatalogPhone, DeviceOrder, EmergencyLocation, InventoryPhone, License, PhoneNumber,
};
use crate::outbox::OutboxMessage;
use crate::permissions::{Admin, Permission, Persona, Role};
use crate::records::{CallUsage, Job, LinkedAccount, PortalAccount};
use crate::users::User;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: String,
    pub name: String,
    /// Multi-site accounts show site and cost center on users.
    pub multi_site: bool,
    pub main_number: String,
    /// IANA time zone of the account, used for scheduled invites.
    pub time_zone: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Site {
    pub id: String,
    pub name: String,
    /// Two-letter state or province, to offer local numbers.
    pub state: String,
    pub area_code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CostCenter {
    pub id: String,
    pub name: String,
}

/// The whole state of one account: what the sandbox keeps in memory and the server in SQLite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AccountData {
    pub account: Account,
    pub sites: Vec<Site>,
    pub cost_centers: Vec<CostCenter>,
    pub roles: Vec<Role>,
    pub users: Vec<User>,
    pub licenses: Vec<License>,
    pub phones: Vec<InventoryPhone>,
    pub numbers: Vec<PhoneNumber>,
    pub catalog: Vec<CatalogPhone>,
    pub emergency_locations: Vec<EmergencyLocation>,
    pub shipping_addresses: Vec<Address>,
    /// Phones bought with new users, not yet delivered.
    #[serde(default)]
    pub orders: Vec<DeviceOrder>,
    /// Email the admins were sent, oldest first.
    #[serde(default)]
    pub outbox: Vec<OutboxMessage>,
    /// Bulk jobs, oldest first.
    #[serde(default)]
    pub jobs: Vec<Job>,
    /// Calls per user in the current billing cycle (Mobile users are charged from 10).
    #[serde(default)]
    pub call_usage: Vec<CallUsage>,
    /// The portal's other accounts, which can be linked with their admin's credentials.
    #[serde(default)]
    pub portal_accounts: Vec<PortalAccount>,
    /// The accounts linked to this one (Multi-Account Access), in the order linked.
    #[serde(default)]
    pub linked_accounts: Vec<LinkedAccount>,
}

impl AccountData {
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }

    pub fn cost_center(&self, id: &str) -> Option<&CostCenter> {
        self.cost_centers.iter().find(|c| c.id == id)
    }
}

/// What `GET /api/v1/directory` returns: the lists the UI needs for filters and pickers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Directory {
    pub sites: Vec<Site>,
    pub cost_centers: Vec<CostCenter>,
}

impl AccountData {
    pub fn directory(&self) -> Directory {
        Directory {
            sites: self.sites.clone(),
            cost_centers: self.cost_centers.clone(),
        }
    }
}

/// What `GET /api/v1/session` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub admin: Admin,
    pub account: Account,
    pub role: Role,
    /// Which demo persona this is, where the back end offers them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<Persona>,
    /// For cookie sessions: the token to send in `X-CSRF-Token` with every change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
}

impl Session {
    pub fn can(&self, permission: Permission) -> bool {
        self.role.can(permission)
    }
}
