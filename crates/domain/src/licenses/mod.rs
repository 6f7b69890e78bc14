//! Licenses & Inventory: the totals per type, the items of one type (who holds each, with
//! search, filters and sorting), and the planners that assign, unassign and reassign add-on
//! licenses and delete additional numbers. The sandbox and the server run the same code.

mod export;
mod items;
mod items_index;
mod plans;
mod user_licenses;

use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::effects::Effect;
use crate::inventory::{LicenseKind, NumberKind};

pub use export::{
    export_items, export_rows, items_csv, items_workbook, neutralise, plan_export, rows_csv,
    ExportRequest, EXPORT_HEADER,
};
pub use items::{
    inventory_items, items_scope, matching_items, InventoryItem, ItemSort, ItemState, ItemsQuery,
};
pub use items_index::ItemsIndex;
pub(crate) use plans::{find_spare, upgrade};
pub use plans::{
    plan_assign_add_ons, plan_delete_number, plan_reassign, plan_unassign, plan_upgrade_to_office,
    AssignAddOns, DeleteNumber, HeldLicense, Reassign, SeenUser, Unassign, UpgradeToOffice,
    MAX_CHANGES,
};
pub use user_licenses::{
    data_loss, plan_edit_licenses, user_licenses, DataLoss, EditLicenses, Offer, UserLicenses,
};

/// A line of the Licenses & Inventory page: a license kind, or a kind of hardware or number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum InventoryType {
    Office,
    VideoProPlus,
    LargeMeetings,
    LiveReports,
    PushToTalk,
    DeskPhones,
    LocalNumbers,
    TollFreeNumbers,
}

impl InventoryType {
    pub const ALL: [InventoryType; 8] = [
        Self::Office,
        Self::VideoProPlus,
        Self::LargeMeetings,
        Self::LiveReports,
        Self::PushToTalk,
        Self::DeskPhones,
        Self::LocalNumbers,
        Self::TollFreeNumbers,
    ];

    /// The license kind, for license lines.
    pub fn license(self) -> Option<LicenseKind> {
        Some(match self {
            Self::Office => LicenseKind::Office,
            Self::VideoProPlus => LicenseKind::VideoProPlus,
            Self::LargeMeetings => LicenseKind::LargeMeetings,
            Self::LiveReports => LicenseKind::LiveReports,
            Self::PushToTalk => LicenseKind::PushToTalk,
            Self::DeskPhones | Self::LocalNumbers | Self::TollFreeNumbers => return None,
        })
    }

    /// The number kind, for number lines.
    pub fn number(self) -> Option<NumberKind> {
        match self {
            Self::LocalNumbers => Some(NumberKind::Local),
            Self::TollFreeNumbers => Some(NumberKind::TollFree),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::DeskPhones => "Desk phones",
            Self::LocalNumbers => "Local numbers",
            Self::TollFreeNumbers => "Toll-free numbers",
            other => other.license().map_or("", LicenseKind::label),
        }
    }

    /// The URL segment, e.g. `large-meetings`.
    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        slug.parse().ok()
    }

    /// Licenses held by users (as opposed to hardware and numbers).
    pub fn is_user_level(self) -> bool {
        self.license().is_some()
    }

    /// Add-on licenses, assigned and unassigned from the detail view.
    pub fn is_add_on(self) -> bool {
        self.license().is_some_and(LicenseKind::is_add_on)
    }
}

/// Total, in use and available of one type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InventoryLine {
    #[serde(rename = "type")]
    pub kind: InventoryType,
    pub label: String,
    pub total: u32,
    pub in_use: u32,
    pub available: u32,
    pub user_level: bool,
}

/// Every type the account has (a type it never bought is not listed), in a fixed order.
pub fn inventory_summary(data: &AccountData) -> Vec<InventoryLine> {
    InventoryType::ALL
        .into_iter()
        .filter_map(|kind| {
            let held: Vec<bool> = match (kind.license(), kind.number()) {
                (Some(license), _) => data
                    .licenses
                    .iter()
                    .filter(|l| l.kind == license)
                    .map(|l| l.assignee.is_some())
                    .collect(),
                (_, Some(number)) => data
                    .numbers
                    .iter()
                    .filter(|n| n.kind == number)
                    .map(|n| n.assignee.is_some() || n.e164 == data.account.main_number)
                    .collect(),
                _ => data.phones.iter().map(|p| p.assignee.is_some()).collect(),
            };
            let total = held.len() as u32;
            let in_use = held.iter().filter(|h| **h).count() as u32;
            (total > 0).then(|| InventoryLine {
                kind,
                label: kind.label().to_owned(),
                total,
                in_use,
                available: total - in_use,
                user_level: kind.is_user_level(),
            })
        })
        .collect()
}

/// The reply to a license or number change: how many items changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Changed {
    pub changed: u32,
}

impl Changed {
    /// Counts the licenses `effects` give (a reassignment gives one), else those they take
    /// back or the numbers they delete.
    pub fn of(effects: &[Effect]) -> Self {
        let given = effects
            .iter()
            .filter(|e| matches!(e, Effect::LicenseAssigned { .. }))
            .count();
        let taken = effects
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    Effect::LicenseUnassigned { .. } | Effect::NumberDeleted { .. }
                )
            })
            .count();
        Self {
            changed: if given > 0 { given } else { taken } as u32,
        }
    }
}

#[cfg(test)]
mod tests;
