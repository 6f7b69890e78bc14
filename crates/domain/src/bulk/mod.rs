//! Changes in bulk by spreadsheet: the templates the admin downloads, reading the file they send
//! back (rows of text cells, as the spreadsheet worker reads them), the per-cell rules, so every
//! problem is shown before anything is submitted, and the jobs that apply the rows in the
//! background with a report.
//!
//! Two kinds share this pipeline: assigning add-on licenses ([`assign`]) and upgrading Video
//! users to Office ([`upgrade`]).

mod assign;
mod jobs;
mod upgrade;

#[cfg(test)]
mod tests;

pub use crate::records::{BulkKind, BulkRow, CellProblem, Job, JobProgress};
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::account::{AccountData, CostCenter};
use crate::inventory::License;
use crate::users::{User, UserType};

pub use assign::{assign_template, check_assignments, ASSIGN_HEADER, ASSIGN_SHEET};
pub use jobs::{
    find_job, job_report, job_step, job_summaries, plan_job, report_csv, JobReport, JobSummary,
    NewJob, ReportRow, RowOutcome, JOB_SLICE,
};
pub use upgrade::{check_upgrades, upgrade_template, Upgrade, UPGRADE_HEADER, UPGRADE_SHEET};

/// The sheet listing every user, to look Mailbox IDs up in.
pub const USERS_SHEET: &str = "Reference User List";
/// The columns of the Reference User List sheet.
pub const USERS_HEADER: [&str; 6] = [
    "Mailbox ID",
    "Name",
    "Extension",
    "Email",
    "Cost center",
    "Licenses",
];
/// The most rows one file may hold.
pub const MAX_ROWS: usize = 10_000;

impl BulkKind {
    /// What the admin reads in job lists and report subjects.
    pub fn label(self) -> &'static str {
        match self {
            Self::AssignAddOns => "Assign add-on licenses",
            Self::UpgradeToOffice => "Upgrade Video users to Office",
        }
    }

    /// What an applied row became: "Assigned", "Upgraded".
    pub fn done_word(self) -> &'static str {
        match self {
            Self::AssignAddOns => "Assigned",
            Self::UpgradeToOffice => "Upgraded",
        }
    }

    /// The sheet the admin fills in.
    pub fn sheet(self) -> &'static str {
        match self {
            Self::AssignAddOns => ASSIGN_SHEET,
            Self::UpgradeToOffice => UPGRADE_SHEET,
        }
    }

    /// Every column the template's sheet has.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Self::AssignAddOns => &ASSIGN_HEADER,
            Self::UpgradeToOffice => &UPGRADE_HEADER,
        }
    }

    /// Whether rows name a license (License ID) as well as a user.
    pub fn names_license(self) -> bool {
        self == Self::AssignAddOns
    }

    /// The columns read back, each required.
    fn required(self) -> &'static [&'static str] {
        if self.names_license() {
            &["License ID", "Mailbox ID"]
        } else {
            &["Mailbox ID"]
        }
    }

    /// For file names: `assign-add-ons`.
    pub fn slug(self) -> &'static str {
        self.into()
    }
}

impl CellProblem {
    fn new(line: u32, column: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            line,
            column: column.map(str::to_owned),
            message: message.into(),
        }
    }

    /// The problem as one sentence, with its place when it has one.
    pub fn describe(&self) -> String {
        match (self.line, &self.column) {
            (0, _) => self.message.clone(),
            (line, Some(column)) => format!("Row {line}, {column}: {}", self.message),
            (line, None) => format!("Row {line}: {}", self.message),
        }
    }
}

/// Reads a bulk sheet's rows (header first). Columns are found by name in any order and case;
/// a missing required column, or one the template does not have, is a file problem; empty lines
/// are skipped; what is in the cells is [`check_rows`]'s to judge.
pub fn read_rows(kind: BulkKind, rows: &[Vec<String>]) -> Result<Vec<BulkRow>, CellProblem> {
    let Some((header, lines)) = rows.split_first() else {
        return Err(CellProblem::new(
            0,
            None,
            format!(
                "The file is empty: use the template's {} sheet.",
                kind.sheet()
            ),
        ));
    };
    if lines.len() > MAX_ROWS {
        return Err(CellProblem::new(
            0,
            None,
            format!(
                "The file has {} rows; at most {MAX_ROWS} fit in one file. Split it into smaller files.",
                lines.len()
            ),
        ));
    }
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    for (i, name) in names.iter().enumerate() {
        if !name.is_empty() && !kind.header().iter().any(|h| h.to_lowercase() == *name) {
            return Err(CellProblem::new(
                1,
                Some(&header[i]),
                format!(
                    "Unknown column \"{}\". The template's columns are {}.",
                    header[i].trim(),
                    kind.header().join(", ")
                ),
            ));
        }
    }
    let column = |name: &str| {
        names
            .iter()
            .position(|n| *n == name.to_lowercase())
            .ok_or_else(|| {
                CellProblem::new(
                    1,
                    Some(name),
                    format!("The \"{name}\" column is missing. Start from the template."),
                )
            })
    };
    let required = kind
        .required()
        .iter()
        .map(|name| column(name).map(|c| (*name, c)))
        .collect::<Result<Vec<_>, _>>()?;
    let cell = |cells: &[String], c: Option<usize>| {
        c.and_then(|c| cells.get(c))
            .map_or("", |s| s.trim())
            .to_owned()
    };
    let license_col = required
        .iter()
        .find(|(n, _)| *n == "License ID")
        .map(|(_, c)| *c);
    let mailbox_col = required
        .iter()
        .find(|(n, _)| *n == "Mailbox ID")
        .map(|(_, c)| *c);
    Ok(lines
        .iter()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, cells)| BulkRow {
            line: i as u32 + 2,
            license_id: cell(cells, license_col),
            mailbox_id: cell(cells, mailbox_col),
        })
        .collect())
}

/// The rules of `kind` for each read row against the account (see [`check_assignments`] and
/// [`check_upgrades`]); `may_move` lets an upgrade take an Office license from another cost
/// center.
pub fn check_rows(
    kind: BulkKind,
    view: &BulkView,
    rows: &[BulkRow],
    may_move: bool,
) -> Vec<CellProblem> {
    match kind {
        BulkKind::AssignAddOns => check_assignments(view, rows),
        BulkKind::UpgradeToOffice => check_upgrades(view, rows, may_move).1,
    }
}

/// A user as the bulk rules need them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BulkUser {
    pub id: u32,
    pub mailbox_id: u64,
    pub name: String,
    pub extension: String,
    pub email: String,
    pub cost_center_id: String,
    pub user_type: UserType,
}

/// What checking a file needs (`GET /bulk/view`), so the browser checks every row exactly as
/// the server will: every license with its holder, every user's Mailbox ID, type and cost
/// center, and the cost centers' names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BulkView {
    pub licenses: Vec<License>,
    pub users: Vec<BulkUser>,
    pub cost_centers: Vec<CostCenter>,
}

impl BulkView {
    pub fn of(data: &AccountData) -> Self {
        Self {
            licenses: data.licenses.clone(),
            users: data
                .users
                .iter()
                .map(|u: &User| BulkUser {
                    id: u.id,
                    mailbox_id: u.mailbox_id,
                    name: u.full_name(),
                    extension: u.extension.clone(),
                    email: u.email.clone(),
                    cost_center_id: u.cost_center_id.clone(),
                    user_type: u.user_type,
                })
                .collect(),
            cost_centers: data.cost_centers.clone(),
        }
    }

    /// A cost center's name (its id when unknown).
    pub fn cost_center_name(&self, id: &str) -> String {
        self.cost_centers
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_owned(), |c| c.name.clone())
    }

    /// Users by Mailbox ID, as cells spell it.
    fn users_by_mailbox(&self) -> HashMap<String, &BulkUser> {
        self.users
            .iter()
            .map(|u| (u.mailbox_id.to_string(), u))
            .collect()
    }
}

/// The user a Mailbox ID cell names, or what is wrong with the cell.
fn mailbox_user<'a>(
    users: &HashMap<String, &'a BulkUser>,
    cell: &str,
) -> Result<&'a BulkUser, String> {
    users.get(cell).copied().ok_or_else(|| {
        if cell.is_empty() {
            "Enter the user's Mailbox ID (see the Reference User List), or remove the line."
                .to_owned()
        } else if cell.bytes().all(|b| b.is_ascii_digit())
            && cell.bytes().all(|b| b.is_ascii_digit())
        {
            format!("No user has Mailbox ID {cell}.")
        } else {
            format!("\"{cell}\" is not a Mailbox ID: it is a number, like 62000000007.")
        }
    })
}
