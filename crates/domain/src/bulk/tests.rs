use super::*;
use crate::inventory::{License, LicenseKind};
use crate::permissions::Persona;
use crate::seed::{generate, persona_role, Dataset};
use crate::users::{User, UserType};
use crate::Effect;

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
    assert_eq!(read_rows(BulkKind::AssignAddOns, &[]).unwrap_err().line, 0);
    let unknown = read_rows(
        BulkKind::AssignAddOns,
        &cells(&[&["License ID", "Mailbox ID", "Notes"]]),
    )
    .unwrap_err();
    assert!(unknown.message.contains("Unknown column \"Notes\""));
    let missing = read_rows(
        BulkKind::AssignAddOns,
        &cells(&[&["License ID", "License"]]),
    )
    .unwrap_err();
    assert_eq!(missing.column.as_deref(), Some("Mailbox ID"));
    let too_many = vec![vec!["License ID".to_owned(), "Mailbox ID".to_owned()]; MAX_ROWS + 2];
    assert!(read_rows(BulkKind::AssignAddOns, &too_many)
        .unwrap_err()
        .message
        .contains("at most 10000"));

    // Any column order and case; empty lines skipped; cells kept as typed (trimmed).
    let rows = read_rows(
        BulkKind::AssignAddOns,
        &cells(&[
            &["mailbox id", "LICENSE ID"],
            &["62000000007", "lic-1"],
            &["", ""],
            &["", "lic-2"],
            &[" sixty-two ", "lic-3"],
        ]),
    )
    .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0].line, rows[0].license_id.as_str()), (2, "lic-1"));
    assert_eq!((rows[1].line, rows[1].mailbox_id.as_str()), (4, ""));
    assert_eq!(rows[2].mailbox_id, "sixty-two");

    // The upgrade sheet reads Mailbox IDs only; its reference columns are allowed.
    let rows = read_rows(
        BulkKind::UpgradeToOffice,
        &cells(&[&["Name", "Mailbox ID"], &["Ava", "62000000007"]]),
    )
    .unwrap();
    assert_eq!(rows[0].mailbox_id, "62000000007");
    assert!(rows[0].license_id.is_empty());
    let wrong = read_rows(BulkKind::UpgradeToOffice, &cells(&[&["License ID"]])).unwrap_err();
    assert!(wrong.message.contains("Unknown column"));
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
    let empty = check_assignments(&view, &[row(2, "", taker.mailbox_id.to_string())]);
    assert!(empty[0].message.contains("Enter the License ID"));
    let blank = check_assignments(&view, &[row(2, &spare.id, String::new())]);
    assert!(blank[0].message.contains("Enter the user's Mailbox ID"));
    let nobody = check_assignments(&view, &[row(2, &spare.id, "1".into())]);
    assert!(nobody[0].message.contains("No user has Mailbox ID 1"));
    let words = check_assignments(&view, &[row(2, &spare.id, "sixty-two".into())]);
    assert!(words[0].message.contains("is not a Mailbox ID"));
}

/// The Video Pro users of the standard account.
fn video_users(data: &crate::AccountData) -> Vec<&User> {
    data.users
        .iter()
        .filter(|u| u.user_type == UserType::VideoPro)
        .collect()
}

fn upgrade_row(line: u32, user: &User) -> BulkRow {
    BulkRow {
        line,
        license_id: String::new(),
        mailbox_id: user.mailbox_id.to_string(),
    }
}

#[test]
fn upgrades_need_a_video_user_once_and_an_office_license_left() {
    let data = generate(Dataset::Standard);
    let view = BulkView::of(&data);
    let book = upgrade_template(&view);
    let video = video_users(&data);
    assert_eq!(book.sheets[0].name, UPGRADE_SHEET);
    assert_eq!(book.sheets[0].rows.len(), video.len() + 1);
    assert!(book.sheets[0].rows[1..].iter().all(|r| r[5] == "Video Pro"));

    let office = data
        .users
        .iter()
        .find(|u| u.user_type == UserType::Office)
        .unwrap();
    let (ok, problems) = check_upgrades(
        &view,
        &[
            upgrade_row(2, video[0]),
            upgrade_row(3, video[0]),
            upgrade_row(4, office),
        ],
        true,
    );
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].user_id, video[0].id);
    assert!(problems[0].line == 3 && problems[0].message.contains("already on row 2"));
    assert!(problems[1].line == 4 && problems[1].message.contains("only Video Pro users"));

    // Each row takes its own spare Office license; once inventory runs out, rows are refused.
    let spares = data
        .licenses
        .iter()
        .filter(|l| l.kind == LicenseKind::Office && l.assignee.is_none())
        .count();
    let rows: Vec<BulkRow> = video
        .iter()
        .enumerate()
        .map(|(i, u)| upgrade_row(i as u32 + 2, u))
        .collect();
    let (ok, problems) = check_upgrades(&view, &rows, true);
    assert_eq!(ok.len(), spares.min(video.len()));
    let ids: std::collections::HashSet<&str> = ok.iter().map(|u| u.license_id.as_str()).collect();
    assert_eq!(ids.len(), ok.len(), "no license is given twice");
    assert_eq!(problems.len(), video.len() - ok.len());
    assert!(problems
        .iter()
        .all(|p| p.message.contains("No Office license is left")));
}

#[test]
fn a_job_is_refused_whole_when_all_or_nothing_and_a_row_fails() {
    let data = generate(Dataset::Standard);
    let (spare, taker) = spare_and_taker(&data);
    let admin = persona_role(Persona::SuperAdmin);
    let mut job = NewJob {
        kind: BulkKind::AssignAddOns,
        rows: vec![
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
        ],
        apply_valid_rows: false,
        report_to: "admin@example.com".into(),
    };
    let err = plan_job(&data, &admin, "Ada", &job, 1).unwrap_err();
    assert_eq!(err.field_errors.len(), 1);
    assert_eq!(err.field_errors[0].field, "rows[3].License ID");
    let read_only = persona_role(Persona::ReadOnly);
    assert_eq!(
        plan_job(&data, &read_only, "Ada", &job, 1)
            .unwrap_err()
            .status,
        403
    );

    job.apply_valid_rows = true;
    job.report_to = "not an address".into();
    let err = plan_job(&data, &admin, "Ada", &job, 1).unwrap_err();
    assert_eq!(err.field_errors[0].field, "reportTo");
    job.report_to = "admin@example.com".into();
    job.rows[1].line = 2;
    let err = plan_job(&data, &admin, "Ada", &job, 1).unwrap_err();
    assert!(err.field_errors[0].message.contains("its own line number"));
    job.rows[1].line = 3;
    let (summary, effects) = plan_job(&data, &admin, "Ada", &job, 1).unwrap();
    assert_eq!((summary.id, summary.total, summary.done), (1, 2, 0));
    assert!(matches!(&effects[..], [Effect::JobQueued { .. }]));
}

/// Runs every step of every job, `slice` rows at a time; returns the number of steps.
fn run_jobs(data: &mut crate::AccountData, slice: usize) -> usize {
    let mut steps = 0;
    while let Some(effects) = job_step(data, 50, slice) {
        for e in &effects {
            e.apply(data);
        }
        steps += 1;
    }
    steps
}

#[test]
fn a_job_applies_its_rows_in_slices_and_reports_each_row_in_the_outbox() {
    let mut data = generate(Dataset::Standard);
    let admin = persona_role(Persona::SuperAdmin);
    let video: Vec<User> = video_users(&data).into_iter().cloned().collect();
    let spares = data
        .licenses
        .iter()
        .filter(|l| l.kind == LicenseKind::Office && l.assignee.is_none())
        .count();
    let mut rows: Vec<BulkRow> = video
        .iter()
        .enumerate()
        .map(|(i, u)| upgrade_row(i as u32 + 2, u))
        .collect();
    rows.push(BulkRow {
        line: 99,
        license_id: String::new(),
        mailbox_id: "abc".into(),
    });
    let request = NewJob {
        kind: BulkKind::UpgradeToOffice,
        rows,
        apply_valid_rows: true,
        report_to: "boss@example.com".into(),
    };
    let (_, queued) = plan_job(&data, &admin, "Ada", &request, 10).unwrap();
    for e in &queued {
        e.apply(&mut data);
    }
    let total = video.len() + 1;
    assert_eq!(run_jobs(&mut data, 3), total.div_ceil(3));
    let job = &data.jobs[0];
    let upgraded = spares.min(video.len());
    assert_eq!(job.progress.done as usize, total);
    assert_eq!(job.progress.applied.len(), upgraded);
    assert_eq!(job.progress.refused.len(), total - upgraded);
    assert_eq!(job.progress.finished_at, Some(50));
    for u in &video {
        let now = data.users.iter().find(|x| x.id == u.id).unwrap();
        let holds_office = data
            .licenses
            .iter()
            .any(|l| l.kind == LicenseKind::Office && l.assignee == Some(u.id));
        assert_eq!(now.user_type == UserType::Office, holds_office);
    }

    // The report: every row, in the outbox as CSV, and nothing more to do.
    let report = job_report(&data, &data.jobs[0]);
    assert!(report.rows.iter().all(|r| r.outcome != RowOutcome::Waiting));
    let bad = report.rows.iter().find(|r| r.line == 99).unwrap();
    assert!(bad.reason.starts_with("Row 99, Mailbox ID:"));
    let message = data.outbox.last().unwrap();
    assert_eq!(Some(message.id), data.jobs[0].progress.message_id);
    assert_eq!(message.to, "boss@example.com");
    assert_eq!(message.attachment.content, report_csv(&report));
    let csv_lines = message
        .attachment
        .content
        .split("\r\n")
        .filter(|l| !l.is_empty());
    assert_eq!(csv_lines.count(), total + 1);
    assert!(job_step(&data, 60, 3).is_none());
}

#[test]
fn steps_over_a_changed_account_refuse_rows_that_no_longer_pass() {
    let mut data = generate(Dataset::Standard);
    let (spare, taker) = spare_and_taker(&data);
    let (spare, taker) = (spare.clone(), taker.clone());
    let admin = persona_role(Persona::SuperAdmin);
    let request = NewJob {
        kind: BulkKind::AssignAddOns,
        rows: vec![BulkRow {
            line: 2,
            license_id: spare.id.clone(),
            mailbox_id: taker.mailbox_id.to_string(),
        }],
        apply_valid_rows: false,
        report_to: "a@example.com".into(),
    };
    let (_, queued) = plan_job(&data, &admin, "Ada", &request, 1).unwrap();
    for e in &queued {
        e.apply(&mut data);
    }
    // Someone else takes the license before the job runs.
    let other = data.users.iter().find(|u| u.id != taker.id).unwrap().id;
    Effect::LicenseAssigned {
        license_id: spare.id.clone(),
        user_id: other,
    }
    .apply(&mut data);
    run_jobs(&mut data, 10);
    let job = &data.jobs[0];
    assert!(job.progress.applied.is_empty());
    assert!(job.progress.refused[0].message.contains("already in use"));
    let held = data.licenses.iter().find(|l| l.id == spare.id).unwrap();
    assert_eq!(held.assignee, Some(other));
}
