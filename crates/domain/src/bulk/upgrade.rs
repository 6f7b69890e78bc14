//! Upgrading Video users to Office in bulk: the template lists every Video Pro user (the admin
//! removes the lines of those who stay on Video), and each row must name a Video Pro user, once,
//! for whom inventory still holds an Office license.

use std::collections::{HashMap, HashSet};

use crate::inventory::LicenseKind;
use crate::licenses::find_spare;
use crate::users::UserType;
use crate::workbook::{Sheet, Workbook};

use super::{mailbox_user, BulkRow, BulkView, CellProblem};

/// The sheet the admin fills in.
pub const UPGRADE_SHEET: &str = "Upgrade to Office";
/// The columns of the Upgrade to Office sheet; only Mailbox ID is read back.
pub const UPGRADE_HEADER: [&str; 6] = [
    "Mailbox ID",
    "Name",
    "Extension",
    "Email",
    "Cost center",
    "Current license",
];

/// The template: one line per Video Pro user.
pub fn upgrade_template(view: &BulkView) -> Workbook {
    let mut rows = vec![UPGRADE_HEADER.iter().map(|c| (*c).to_owned()).collect()];
    rows.extend(
        view.users
            .iter()
            .filter(|u| u.user_type == UserType::VideoPro)
            .map(|u| {
                vec![
                    u.mailbox_id.to_string(),
                    u.name.clone(),
                    u.extension.clone(),
                    u.email.clone(),
                    view.cost_center_name(&u.cost_center_id),
                    u.user_type.label().to_owned(),
                ]
            }),
    );
    Workbook {
        sheets: vec![Sheet {
            name: UPGRADE_SHEET.into(),
            rows,
        }],
    }
}

/// A row that passes: the user to upgrade and the Office license they get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upgrade {
    pub line: u32,
    pub user_id: u32,
    pub license_id: String,
}

/// The rules for each row: the Mailbox ID is a Video Pro user's and appears once, and a spare
/// Office license is left for them (their cost center's first, another's when `may_move`),
/// taken in row order. Returns the rows that pass with their license, and the problems.
pub fn check_upgrades(
    view: &BulkView,
    rows: &[BulkRow],
    may_move: bool,
) -> (Vec<Upgrade>, Vec<CellProblem>) {
    let users = view.users_by_mailbox();
    let mut lines: HashMap<&str, u32> = HashMap::new();
    let mut taken = HashSet::new();
    let (mut upgrades, mut problems) = (Vec::new(), Vec::new());
    for row in rows {
        let mut bad = |message: String| {
            problems.push(CellProblem::new(row.line, Some("Mailbox ID"), message))
        };
        let user = match mailbox_user(&users, &row.mailbox_id) {
            Ok(user) => user,
            Err(message) => {
                bad(message);
                continue;
            }
        };
        if let Some(first) = lines.insert(&row.mailbox_id, row.line) {
            bad(format!("{} is already on row {first}.", user.name));
            continue;
        }
        if user.user_type != UserType::VideoPro {
            bad(format!(
                "{} is a {} user; only Video Pro users are upgraded here.",
                user.name,
                user.user_type.label()
            ));
            continue;
        }
        match find_spare(
            &view.licenses,
            LicenseKind::Office,
            &user.cost_center_id,
            may_move,
            &taken,
        ) {
            Some(license) => {
                taken.insert(license.id.clone());
                upgrades.push(Upgrade {
                    line: row.line,
                    user_id: user.id,
                    license_id: license.id.clone(),
                });
            }
            None => bad(format!(
                "No Office license is left for {} in {}. Buy more, or remove rows.",
                user.name,
                view.cost_center_name(&user.cost_center_id)
            )),
        }
    }
    (upgrades, problems)
}
