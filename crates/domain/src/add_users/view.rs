//! What the Add Users rules read of an account, as a trait: the server and the sandbox answer
//! from the whole account ([`AccountData`]); the browser from [`AddUsersView`], the slim copy
//! `GET /api/v1/user-batches/view` sends (spare inventory, and the emails and extensions taken).

use serde::{Deserialize, Serialize};

use crate::account::{Account, AccountData, CostCenter, Site};
use crate::inventory::{
    Address, CatalogPhone, EmergencyLocation, InventoryPhone, License, PhoneNumber,
};
use crate::permissions::Role;

/// The account as the Add Users rules see it.
pub trait AccountView {
    fn account(&self) -> &Account;
    fn sites(&self) -> &[Site];
    fn cost_centers(&self) -> &[CostCenter];
    fn roles(&self) -> &[Role];
    fn catalog(&self) -> &[CatalogPhone];
    fn shipping_addresses(&self) -> &[Address];
    fn emergency_locations(&self) -> &[EmergencyLocation];
    /// Licenses nobody holds, in inventory order.
    fn spare_licenses(&self) -> Vec<&License>;
    /// A phone nobody holds.
    fn spare_phone(&self, id: &str) -> Option<&InventoryPhone>;
    /// A number nobody holds.
    fn spare_number(&self, e164: &str) -> Option<&PhoneNumber>;
    /// Whether the account owns this number at all.
    fn owns_number(&self, e164: &str) -> bool;
    /// Whether a user already has this email (case-insensitive).
    fn email_taken(&self, email: &str) -> bool;
    fn extension_taken(&self, extension: &str) -> bool;
    /// The highest numeric extension in use.
    fn highest_extension(&self) -> Option<u32>;

    fn site(&self, id: &str) -> Option<&Site> {
        self.sites().iter().find(|s| s.id == id)
    }

    fn cost_center(&self, id: &str) -> Option<&CostCenter> {
        self.cost_centers().iter().find(|c| c.id == id)
    }
}

/// The accessors both views answer from a field of the same name.
macro_rules! same_fields {
    () => {
        fn account(&self) -> &Account {
            &self.account
        }
        fn sites(&self) -> &[Site] {
            &self.sites
        }
        fn cost_centers(&self) -> &[CostCenter] {
            &self.cost_centers
        }
        fn roles(&self) -> &[Role] {
            &self.roles
        }
        fn catalog(&self) -> &[CatalogPhone] {
            &self.catalog
        }
        fn shipping_addresses(&self) -> &[Address] {
            &self.shipping_addresses
        }
        fn emergency_locations(&self) -> &[EmergencyLocation] {
            &self.emergency_locations
        }
    };
}

impl AccountView for AccountData {
    same_fields!();
    fn spare_licenses(&self) -> Vec<&License> {
        self.licenses
            .iter()
            .filter(|l| l.assignee.is_none())
            .collect()
    }
    fn spare_phone(&self, id: &str) -> Option<&InventoryPhone> {
        self.phones
            .iter()
            .find(|p| p.id == id && p.assignee.is_none())
    }
    fn spare_number(&self, e164: &str) -> Option<&PhoneNumber> {
        self.numbers
            .iter()
            .find(|n| n.e164 == e164 && n.assignee.is_none())
    }
    fn owns_number(&self, e164: &str) -> bool {
        self.numbers.iter().any(|n| n.e164 == e164)
    }
    fn email_taken(&self, email: &str) -> bool {
        self.users
            .iter()
            .any(|u| u.email.eq_ignore_ascii_case(email))
    }
    fn extension_taken(&self, extension: &str) -> bool {
        self.users.iter().any(|u| u.extension == extension)
    }
    fn highest_extension(&self) -> Option<u32> {
        self.users
            .iter()
            .filter_map(|u| u.extension.parse().ok())
            .max()
    }
}

/// What the wizard needs of the account (`GET /api/v1/user-batches/view`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AddUsersView {
    pub account: Account,
    pub sites: Vec<Site>,
    pub cost_centers: Vec<CostCenter>,
    pub roles: Vec<Role>,
    pub catalog: Vec<CatalogPhone>,
    pub shipping_addresses: Vec<Address>,
    pub emergency_locations: Vec<EmergencyLocation>,
    pub spare_licenses: Vec<License>,
    pub spare_phones: Vec<InventoryPhone>,
    pub spare_numbers: Vec<PhoneNumber>,
    /// Every number the account owns (so new ones on offer exclude them).
    pub owned_numbers: Vec<String>,
    /// Lower-cased.
    pub taken_emails: Vec<String>,
    pub taken_extensions: Vec<String>,
}

impl AddUsersView {
    /// The view of a whole account.
    pub fn of(data: &AccountData) -> Self {
        Self {
            account: data.account.clone(),
            sites: data.sites.clone(),
            cost_centers: data.cost_centers.clone(),
            roles: data.roles.clone(),
            catalog: data.catalog.clone(),
            shipping_addresses: data.shipping_addresses.clone(),
            emergency_locations: data.emergency_locations.clone(),
            spare_licenses: data.spare_licenses().into_iter().cloned().collect(),
            spare_phones: data
                .phones
                .iter()
                .filter(|p| p.assignee.is_none())
                .cloned()
                .collect(),
            spare_numbers: data
                .numbers
                .iter()
                .filter(|n| n.assignee.is_none())
                .cloned()
                .collect(),
            owned_numbers: data.numbers.iter().map(|n| n.e164.clone()).collect(),
            taken_emails: data.users.iter().map(|u| u.email.to_lowercase()).collect(),
            taken_extensions: data.users.iter().map(|u| u.extension.clone()).collect(),
        }
    }
}

impl AddUsersView {
    /// The account as a change of `user`'s own sees it: their email and extension are theirs,
    /// not taken, and `license` (the user license they hold) is theirs to keep, as if spare.
    pub fn keeping(mut self, user: &crate::users::User, license: Option<&License>) -> Self {
        let email = user.email.to_lowercase();
        if let Some(i) = self.taken_emails.iter().position(|e| *e == email) {
            self.taken_emails.swap_remove(i);
        }
        if let Some(i) = self
            .taken_extensions
            .iter()
            .position(|e| *e == user.extension)
        {
            self.taken_extensions.swap_remove(i);
        }
        if let Some(license) = license {
            self.spare_licenses.push(License {
                assignee: None,
                ..license.clone()
            });
        }
        self
    }
}

impl AccountView for AddUsersView {
    same_fields!();
    fn spare_licenses(&self) -> Vec<&License> {
        self.spare_licenses.iter().collect()
    }
    fn spare_phone(&self, id: &str) -> Option<&InventoryPhone> {
        self.spare_phones.iter().find(|p| p.id == id)
    }
    fn spare_number(&self, e164: &str) -> Option<&PhoneNumber> {
        self.spare_numbers.iter().find(|n| n.e164 == e164)
    }
    fn owns_number(&self, e164: &str) -> bool {
        self.owned_numbers.iter().any(|n| n == e164)
    }
    fn email_taken(&self, email: &str) -> bool {
        let email = email.to_lowercase();
        self.taken_emails.contains(&email)
    }
    fn extension_taken(&self, extension: &str) -> bool {
        self.taken_extensions.iter().any(|e| e == extension)
    }
    fn highest_extension(&self) -> Option<u32> {
        self.taken_extensions
            .iter()
            .filter_map(|e| e.parse().ok())
            .max()
    }
}
