//! Assigning add-on licenses in bulk: the template for the licenses the admin picked (with the
//! Reference User List when asked) and the rules each row must pass.

use std::collections::{HashMap, HashSet};

use crate::inventory::{License, LicenseKind};
use crate::workbook::{Sheet, Workbook};

use super::{mailbox_user, BulkRow, BulkView, CellProblem, USERS_HEADER, USERS_SHEET};

/// The sheet the admin fills in.
pub const ASSIGN_SHEET: &str = "Assign Licenses";
/// The columns of the Assign Licenses sheet; only License ID and Mailbox ID are read back.
pub const ASSIGN_HEADER: [&str; 4] = ["License ID", "License", "Cost center", "Mailbox ID"];

/// The template for assigning `license_ids` (spare add-ons), one line each with the Mailbox ID
/// left empty; with `include_users`, a second sheet lists every user.
pub fn assign_template(view: &BulkView, license_ids: &[String], include_users: bool) -> Workbook {
    let cost_center = |id: &str| view.cost_center_name(id);
    let licenses: HashMap<&str, &License> =
        view.licenses.iter().map(|l| (l.id.as_str(), l)).collect();
    let header = |h: &[&str]| h.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    let mut assign = vec![header(&ASSIGN_HEADER)];
    assign.extend(
        license_ids
            .iter()
            .filter_map(|id| licenses.get(id.as_str()))
            .map(|l| {
                vec![
                    l.id.clone(),
                    l.kind.label().to_owned(),
                    cost_center(&l.cost_center_id),
                    String::new(),
                ]
            }),
    );
    let mut sheets = vec![Sheet {
        name: ASSIGN_SHEET.into(),
        rows: assign,
    }];
    if include_users {
        let mut held: HashMap<u32, Vec<&str>> = HashMap::new();
        for l in &view.licenses {
            if let Some(a) = l.assignee {
                held.entry(a).or_default().push(l.kind.label());
            }
        }
        let mut users = vec![header(&USERS_HEADER)];
        users.extend(view.users.iter().map(|u| {
            vec![
                u.mailbox_id.to_string(),
                u.name.clone(),
                u.extension.clone(),
                u.email.clone(),
                cost_center(&u.cost_center_id),
                held.get(&u.id).map(|k| k.join(", ")).unwrap_or_default(),
            ]
        }));
        sheets.push(Sheet {
            name: USERS_SHEET.into(),
            rows: users,
        });
    }
    Workbook { sheets }
}

/// The rules for each read row against the account: the license exists, is a spare add-on
/// and appears once; the Mailbox ID is a user's; user and license share a cost center; a user
/// gets one license of a type (within the file, and not one they hold).
pub fn check_assignments(view: &BulkView, rows: &[BulkRow]) -> Vec<CellProblem> {
    let licenses: HashMap<&str, &License> =
        view.licenses.iter().map(|l| (l.id.as_str(), l)).collect();
    let users = view.users_by_mailbox();
    let mut license_lines: HashMap<&str, u32> = HashMap::new();
    let mut given: HashSet<(u32, LicenseKind)> = view
        .licenses
        .iter()
        .filter_map(|l| l.assignee.map(|a| (a, l.kind)))
        .collect();
    let mut problems = Vec::new();
    for row in rows {
        let mut bad = |column: &str, message: String| {
            problems.push(CellProblem::new(row.line, Some(column), message))
        };
        let Some(license) = licenses.get(row.license_id.as_str()) else {
            bad(
                "License ID",
                if row.license_id.is_empty() {
                    "Enter the License ID from the template.".to_owned()
                } else {
                    format!("No license \"{}\" in this account.", row.license_id)
                },
            );
            continue;
        };
        if let Some(first) = license_lines.insert(&row.license_id, row.line) {
            bad(
                "License ID",
                format!("License {} is already on row {first}.", row.license_id),
            );
            continue;
        }
        if !license.kind.is_add_on() {
            bad(
                "License ID",
                format!(
                    "{} is a user license; only add-ons are assigned here.",
                    license.kind.label()
                ),
            );
            continue;
        }
        if license.assignee.is_some() {
            bad(
                "License ID",
                format!("License {} is already in use.", row.license_id),
            );
            continue;
        }
        let user = match mailbox_user(&users, &row.mailbox_id) {
            Ok(user) => user,
            Err(message) => {
                bad("Mailbox ID", message);
                continue;
            }
        };
        if user.cost_center_id != license.cost_center_id {
            let name = |id: &str| view.cost_center_name(id);
            bad(
                "Mailbox ID",
                format!(
                    "{} is in {}, the license in {}: they must share a cost center.",
                    user.name,
                    name(&user.cost_center_id),
                    name(&license.cost_center_id)
                ),
            );
            continue;
        }
        if !given.insert((user.id, license.kind)) {
            bad(
                "Mailbox ID",
                format!(
                    "{} already has {} (or gets it on another row).",
                    user.name,
                    license.kind.label()
                ),
            );
        }
    }
    problems
}
