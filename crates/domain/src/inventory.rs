//! Licenses, phones and numbers the account owns, and the phone catalog it can buy from.

use serde::{Deserialize, Serialize};

/// Every kind of license: user licenses and add-ons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum LicenseKind {
    /// The full user license.
    Office,
    /// The meeting license of Video Pro+ users.
    VideoProPlus,
    LargeMeetings,
    LiveReports,
    PushToTalk,
}

impl LicenseKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Office => "Office",
            Self::VideoProPlus => "Video Pro+",
            Self::LargeMeetings => "Large Meetings",
            Self::LiveReports => "Live Reports",
            Self::PushToTalk => "Push To Talk",
        }
    }

    /// Add-ons are assigned on top of a user license.
    pub fn is_add_on(self) -> bool {
        matches!(
            self,
            Self::LargeMeetings | Self::LiveReports | Self::PushToTalk
        )
    }
}

/// One license seat, assigned to a user or sitting in inventory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct License {
    pub id: String,
    pub kind: LicenseKind,
    pub cost_center_id: String,
    pub assignee: Option<u32>,
}

/// The id a newly bought license gets after those already bought (`lic-<n>`): one past the
/// highest, so ids freed by cancelled licenses are never reused.
pub fn next_license_number(licenses: &[License]) -> usize {
    licenses
        .iter()
        .filter_map(|l| l.id.strip_prefix("lic-")?.parse::<usize>().ok())
        .max()
        .unwrap_or(0)
        + 1
}

/// A desk phone the account owns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InventoryPhone {
    pub id: String,
    pub model: String,
    pub mac: String,
    pub site_id: String,
    pub assignee: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum NumberKind {
    Local,
    TollFree,
}

/// A phone number the account owns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PhoneNumber {
    /// E.164, e.g. `+14155550123`.
    pub e164: String,
    pub kind: NumberKind,
    pub site_id: String,
    pub assignee: Option<u32>,
}

/// A phone model that can be purchased.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CatalogPhone {
    pub sku: String,
    pub brand: String,
    pub model: String,
    pub category: String,
    pub price_cents: u32,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub id: String,
    pub name: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub country: String,
}

/// Where emergency services are sent for a user's calls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct EmergencyLocation {
    pub id: String,
    pub nickname: String,
    pub site_id: String,
    pub address: Address,
}

/// A desk phone bought for a new user, on its way to a shipping address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeviceOrder {
    pub id: String,
    pub sku: String,
    pub user_id: u32,
    pub address_id: String,
}
