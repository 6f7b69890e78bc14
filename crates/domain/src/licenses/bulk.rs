//! Assigning add-on licenses in bulk by spreadsheet: the template the admin downloads, reading
//! the file they send back (rows of text cells, as the spreadsheet worker reads them), and the
//! per-cell rules, so every problem is shown before anything is submitted.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::account::{AccountData, CostCenter};
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::inventory::License;
use crate::permissions::{Permission, Role};
use crate::users::User;
use crate::workbook::{Sheet, Workbook};

/// The sheet the admin fills in.
pub const ASSIGN_SHEET: &str = "Assign Licenses";
/// The sheet listing every user, to look Mailbox IDs up in.
pub const USERS_SHEET: &str = "Reference User List";
/// The columns of the Assign Licenses sheet; only License ID and Mailbox ID are read back.
pub const ASSIGN_HEADER: [&str; 4] = ["License ID", "License", "Cost center", "Mailbox ID"];
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

/// One filled-in line of the Assign Licenses sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkRow {
    /// The spreadsheet's row number (the header is row 1).
    pub line: u32,
    pub license_id: String,
    pub mailbox_id: String,
}

/// What is wrong, and where: a cell (`column`), a whole row (`column` None), or the whole
/// file (`line` 0).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellProblem {
    pub line: u32,
    pub column: Option<String>,
    pub message: String,
}

impl CellProblem {
    fn new(line: u32, column: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            line,
            column: column.map(str::to_owned),
            message: message.into(),
        }
    }
}

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

/// Reads the Assign Licenses sheet's rows (header first). Columns are found by name in any
/// order; a missing License ID or Mailbox ID column, or an unknown column, is a file problem;
/// empty lines are skipped; a line with only one of the two cells is a cell problem (the rest
/// is [`check_assignments`]'s).
pub fn read_assign_rows(
    rows: &[Vec<String>],
) -> Result<(Vec<BulkRow>, Vec<CellProblem>), CellProblem> {
    let Some((header, lines)) = rows.split_first() else {
        return Err(CellProblem::new(
            0,
            None,
            "The file is empty: use the template's Assign Licenses sheet.",
        ));
    };
    if lines.len() > MAX_ROWS {
        return Err(CellProblem::new(
            0,
            None,
            format!("The file has {} rows; at most {MAX_ROWS} can be assigned at once. Split it into smaller files.", lines.len()),
        ));
    }
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    for (i, name) in names.iter().enumerate() {
        if !name.is_empty() && !ASSIGN_HEADER.iter().any(|h| h.to_lowercase() == *name) {
            return Err(CellProblem::new(
                1,
                Some(&header[i]),
                format!(
                    "Unknown column \"{}\". The template's columns are {}.",
                    header[i].trim(),
                    ASSIGN_HEADER.join(", ")
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
    let (license_col, mailbox_col) = (column("License ID")?, column("Mailbox ID")?);
    let mut read = Vec::new();
    let mut problems = Vec::new();
    for (i, cells) in lines.iter().enumerate() {
        let line = i as u32 + 2;
        let cell = |c: usize| cells.get(c).map_or("", |s| s.trim()).to_owned();
        let (license_id, mailbox_id) = (cell(license_col), cell(mailbox_col));
        match (license_id.is_empty(), mailbox_id.is_empty()) {
            (true, true) => continue,
            (true, false) => problems.push(CellProblem::new(
                line,
                Some("License ID"),
                "Enter the License ID from the template.",
            )),
            (false, true) => problems.push(CellProblem::new(
                line,
                Some("Mailbox ID"),
                "Enter the user's Mailbox ID (see the Reference User List), or remove the line.",
            )),
            (false, false) => {}
        }
        read.push(BulkRow {
            line,
            license_id,
            mailbox_id,
        });
    }
    Ok((read, problems))
}

/// A user as the bulk rules need them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkUser {
    pub id: u32,
    pub mailbox_id: u64,
    pub name: String,
    pub extension: String,
    pub email: String,
    pub cost_center_id: String,
}

/// What checking a file needs (`GET /licenses/bulk-view`), so the browser checks every row
/// exactly as the server will: every license with its holder, every user's Mailbox ID and
/// cost center, and the cost centers' names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// The rules for each read row against the account: the license exists, is a spare add-on
/// and appears once; the Mailbox ID is a user's; user and license share a cost center; a user
/// gets one license of a type (within the file, and not one they hold).
pub fn check_assignments(view: &BulkView, rows: &[BulkRow]) -> Vec<CellProblem> {
    let licenses: HashMap<&str, &License> =
        view.licenses.iter().map(|l| (l.id.as_str(), l)).collect();
    let users: HashMap<String, &BulkUser> = view
        .users
        .iter()
        .map(|u| (u.mailbox_id.to_string(), u))
        .collect();
    let mut license_lines: HashMap<&str, u32> = HashMap::new();
    let mut given: HashSet<(u32, crate::inventory::LicenseKind)> = view
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
                format!("No license \"{}\" in this account.", row.license_id),
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
        let Some(user) = users.get(&row.mailbox_id) else {
            let message = if row.mailbox_id.bytes().all(|b| b.is_ascii_digit()) {
                format!("No user has Mailbox ID {}.", row.mailbox_id)
            } else {
                format!(
                    "\"{}\" is not a Mailbox ID: it is a number, like 62000000007.",
                    row.mailbox_id
                )
            };
            bad("Mailbox ID", message);
            continue;
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

/// Body of a bulk assignment: the rows read from the file (and fixed in the preview).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkAssign {
    pub rows: Vec<BulkRow>,
    /// Assign the rows that pass and report the others, instead of all or nothing.
    #[serde(default)]
    pub apply_valid_rows: bool,
}

/// What a bulk assignment did, row by row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkReport {
    /// The lines whose license was assigned.
    pub assigned: Vec<u32>,
    /// The lines refused, and why.
    pub refused: Vec<CellProblem>,
}

/// Plans a bulk assignment with the same rules the preview showed: all or nothing (every
/// problem as a field error `rows[<line>].<column>`), or the valid rows with a report of the
/// others.
pub fn plan_bulk_assign(
    data: &AccountData,
    role: &Role,
    request: &BulkAssign,
) -> Result<(BulkReport, Vec<Effect>), ApiError> {
    if !role.can(Permission::ManageLicenses) {
        return Err(ApiError::forbidden(format!(
            "Your role ({}) doesn't include \"Manage licenses\".",
            role.name
        )));
    }
    if request.rows.is_empty() || request.rows.len() > MAX_ROWS {
        return Err(ApiError::validation(vec![FieldError::new(
            "rows",
            format!("Send between 1 and {MAX_ROWS} rows."),
        )]));
    }
    let refused = check_assignments(&BulkView::of(data), &request.rows);
    if !refused.is_empty() && !request.apply_valid_rows {
        return Err(ApiError::validation(
            refused
                .iter()
                .map(|p| {
                    let column = p.column.as_deref().unwrap_or("row");
                    FieldError::new(format!("rows[{}].{column}", p.line), p.message.clone())
                })
                .collect(),
        ));
    }
    let bad: HashSet<u32> = refused.iter().map(|p| p.line).collect();
    let users: HashMap<String, u32> = data
        .users
        .iter()
        .map(|u| (u.mailbox_id.to_string(), u.id))
        .collect();
    let mut report = BulkReport {
        refused,
        ..BulkReport::default()
    };
    let effects = request
        .rows
        .iter()
        .filter(|r| !bad.contains(&r.line))
        .map(|r| {
            report.assigned.push(r.line);
            Effect::LicenseAssigned {
                license_id: r.license_id.clone(),
                user_id: users[&r.mailbox_id],
            }
        })
        .collect();
    Ok((report, effects))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::LicenseKind;
    use crate::permissions::Persona;
    use crate::seed::{generate, persona_role, Dataset};

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    /// A spare add-on and a user of its cost center without that add-on.
    fn spare_and_taker(data: &AccountData) -> (&License, &User) {
        data.licenses
            .iter()
            .filter(|l| l.kind.is_add_on() && l.assignee.is_none())
            .find_map(|l| {
                let taker = data.users.iter().find(|u| {
                    u.cost_center_id == l.cost_center_id
                        && !data
                            .licenses
                            .iter()
                            .any(|x| x.kind == l.kind && x.assignee == Some(u.id))
                })?;
                Some((l, taker))
            })
            .expect("a spare add-on with a taker")
    }

    #[test]
    fn the_template_lists_the_chosen_licenses_and_optionally_every_user() {
        let data = generate(Dataset::Standard);
        let (spare, _) = spare_and_taker(&data);
        let view = BulkView::of(&data);
        let book = assign_template(&view, std::slice::from_ref(&spare.id), true);
        assert_eq!(book.sheets[0].name, ASSIGN_SHEET);
        assert_eq!(book.sheets[0].rows.len(), 2);
        assert_eq!(book.sheets[0].rows[1][0], spare.id);
        assert_eq!(book.sheets[1].name, USERS_SHEET);
        assert_eq!(book.sheets[1].rows.len(), data.users.len() + 1);
        let holder = data.licenses.iter().find_map(|l| l.assignee).unwrap();
        let line = book.sheets[1]
            .rows
            .iter()
            .position(|r| {
                r[0] == data
                    .users
                    .iter()
                    .find(|u| u.id == holder)
                    .unwrap()
                    .mailbox_id
                    .to_string()
            })
            .unwrap();
        assert!(
            !book.sheets[1].rows[line][5].is_empty(),
            "the licenses a user holds are listed"
        );
        assert_eq!(assign_template(&view, &[], false).sheets.len(), 1);
    }

    #[test]
    fn the_file_shape_is_checked_before_any_rule() {
        assert_eq!(read_assign_rows(&[]).unwrap_err().line, 0);
        let unknown =
            read_assign_rows(&cells(&[&["License ID", "Mailbox ID", "Notes"]])).unwrap_err();
        assert!(unknown.message.contains("Unknown column \"Notes\""));
        let missing = read_assign_rows(&cells(&[&["License ID", "License"]])).unwrap_err();
        assert_eq!(missing.column.as_deref(), Some("Mailbox ID"));
        let too_many = vec![vec!["License ID".to_owned(), "Mailbox ID".to_owned()]; MAX_ROWS + 2];
        assert!(read_assign_rows(&too_many)
            .unwrap_err()
            .message
            .contains("at most 10000"));

        // Any column order and case; empty lines skipped; half-filled and non-numeric cells named.
        let (rows, problems) = read_assign_rows(&cells(&[
            &["mailbox id", "LICENSE ID"],
            &["62000000007", "lic-1"],
            &["", ""],
            &["", "lic-2"],
            &["sixty-two", "lic-3"],
        ]))
        .unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[0].line, rows[0].license_id.as_str()), (2, "lic-1"));
        assert_eq!(
            problems
                .iter()
                .map(|p| (p.line, p.column.clone().unwrap()))
                .collect::<Vec<_>>(),
            vec![(4, "Mailbox ID".to_owned())],
            "a non-numeric Mailbox ID is check_assignments' to report"
        );
    }

    #[test]
    fn each_row_is_checked_against_the_account() {
        let data = generate(Dataset::Standard);
        let (spare, taker) = spare_and_taker(&data);
        let stranger = data
            .users
            .iter()
            .find(|u| u.cost_center_id != spare.cost_center_id)
            .unwrap();
        let held = data
            .licenses
            .iter()
            .find(|l| l.kind == LicenseKind::Office)
            .unwrap();
        let view = BulkView::of(&data);
        let row = |line, license: &str, mailbox: String| BulkRow {
            line,
            license_id: license.into(),
            mailbox_id: mailbox,
        };
        let ok = row(2, &spare.id, taker.mailbox_id.to_string());
        assert!(check_assignments(&view, std::slice::from_ref(&ok)).is_empty());
        let problems = check_assignments(
            &view,
            &[
                ok.clone(),
                row(3, &spare.id, taker.mailbox_id.to_string()),
                row(4, "lic-none", taker.mailbox_id.to_string()),
                row(5, &held.id, taker.mailbox_id.to_string()),
            ],
        );
        let lines: Vec<(u32, &str)> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert!(lines[0].0 == 3 && lines[0].1.contains("already on row 2"));
        assert!(lines[1].0 == 4 && lines[1].1.contains("No license"));
        assert!(lines[2].0 == 5 && lines[2].1.contains("user license"));
        let other = check_assignments(&view, &[row(2, &spare.id, stranger.mailbox_id.to_string())]);
        assert!(other[0].message.contains("must share a cost center"));
        let nobody = check_assignments(&view, &[row(2, &spare.id, "1".into())]);
        assert!(nobody[0].message.contains("No user has Mailbox ID 1"));
        let words = check_assignments(&view, &[row(2, &spare.id, "sixty-two".into())]);
        assert!(words[0].message.contains("is not a Mailbox ID"));
    }

    #[test]
    fn all_or_nothing_refuses_every_bad_row_and_valid_rows_are_applied_with_a_report() {
        let mut data = generate(Dataset::Standard);
        let (spare, taker) = spare_and_taker(&data);
        let (spare, taker) = (spare.clone(), taker.clone());
        let rows = vec![
            BulkRow {
                line: 2,
                license_id: spare.id.clone(),
                mailbox_id: taker.mailbox_id.to_string(),
            },
            BulkRow {
                line: 3,
                license_id: "lic-none".into(),
                mailbox_id: taker.mailbox_id.to_string(),
            },
        ];
        let admin = persona_role(Persona::SuperAdmin);
        let strict = BulkAssign {
            rows: rows.clone(),
            apply_valid_rows: false,
        };
        let err = plan_bulk_assign(&data, &admin, &strict).unwrap_err();
        assert_eq!(err.field_errors.len(), 1);
        assert_eq!(err.field_errors[0].field, "rows[3].License ID");
        assert_eq!(
            plan_bulk_assign(&data, &persona_role(Persona::ReadOnly), &strict)
                .unwrap_err()
                .status,
            403
        );

        let lenient = BulkAssign {
            rows,
            apply_valid_rows: true,
        };
        let (report, effects) = plan_bulk_assign(&data, &admin, &lenient).unwrap();
        assert_eq!(report.assigned, vec![2]);
        assert_eq!(report.refused[0].line, 3);
        for e in &effects {
            e.apply(&mut data);
        }
        let held = data.licenses.iter().find(|l| l.id == spare.id).unwrap();
        assert_eq!(held.assignee, Some(taker.id));
    }
}
