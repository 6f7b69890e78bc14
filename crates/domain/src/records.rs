//! What an account keeps for its features besides users and inventory: bulk jobs with their
//! rows and progress, call usage, and the portal's accounts and links. Plain records at the
//! bottom of the crate, so `AccountData` holds them without depending on the features that
//! decide about them (their behaviour lives in `bulk`, `mobile` and `accounts`).

use serde::{Deserialize, Serialize};

/// What a bulk file does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum BulkKind {
    /// Spare add-on licenses to users (License ID and Mailbox ID per row).
    AssignAddOns,
    /// Video Pro users to Office, each with a spare Office license (Mailbox ID per row).
    UpgradeToOffice,
}

/// One filled-in line of a bulk sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BulkRow {
    /// The spreadsheet's row number (the header is row 1).
    pub line: u32,
    /// Empty when the kind does not name licenses.
    #[serde(default)]
    pub license_id: String,
    pub mailbox_id: String,
}

/// What is wrong, and where: a cell (`column`), a whole row (`column` None), or the whole
/// file (`line` 0).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CellProblem {
    pub line: u32,
    pub column: Option<String>,
    pub message: String,
}

/// An accepted job and how far it got.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub id: u32,
    pub kind: BulkKind,
    pub rows: Vec<BulkRow>,
    pub report_to: String,
    /// The admin who submitted it.
    pub submitted_by: String,
    /// Whether an upgrade may take an Office license from another cost center (the
    /// submitter's role manages cost centers).
    pub may_move: bool,
    /// Seconds since the Unix epoch.
    pub created_at: u64,
    #[serde(default)]
    pub progress: JobProgress,
}

/// How far a job got; one step's progress is absorbed into the job's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct JobProgress {
    /// Rows processed so far, in file order.
    pub done: u32,
    /// Lines applied.
    pub applied: Vec<u32>,
    /// Lines refused, and why.
    pub refused: Vec<CellProblem>,
    pub finished_at: Option<u64>,
    /// The report's message in the outbox.
    pub message_id: Option<u32>,
}

/// Calls a user made or received in the current billing cycle, as the call records report
/// them. Kept after the user is deleted: the cycle's charge still applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CallUsage {
    pub user_id: u32,
    pub calls: u32,
}

/// An account of the portal that can be linked: its admin's sign-in email, and whether that
/// sign-in is locked (too many failed attempts). Its password is checked by the back end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PortalAccount {
    pub id: String,
    pub name: String,
    pub main_number: String,
    pub admin_email: String,
    pub locked: bool,
}

/// An account linked to this one, under the name the admins gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LinkedAccount {
    pub id: String,
    pub name: String,
    /// Unix seconds.
    pub linked_at: u64,
    pub version: u32,
}
