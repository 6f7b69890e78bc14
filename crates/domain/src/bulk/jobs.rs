//! Bulk jobs. `POST /jobs` accepts a file's rows at once (checked whole when the admin chose all
//! or nothing); the server or the sandbox then applies them in the background, a slice at a
//! time. Each slice's changes and the job's progress are one set of effects, committed
//! together, so a restart resumes after the last committed slice: no row is lost or applied
//! twice. The last slice sends the per-row report to the outbox.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::auth::looks_like_email;
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::licenses::{rows_csv, upgrade};
use crate::outbox::{next_message_id, Attachment, OutboxMessage};
use crate::permissions::{Permission, Role};
use crate::records::{Job, JobProgress};

use super::{check_assignments, check_rows, check_upgrades, BulkKind, BulkRow, BulkView};
use super::{CellProblem, MAX_ROWS};

/// Rows applied per background step: small enough that other requests never wait long.
pub const JOB_SLICE: usize = 250;

/// Body of `POST /api/v1/jobs`: the rows read from the file (and fixed in the preview).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct NewJob {
    pub kind: BulkKind,
    pub rows: Vec<BulkRow>,
    /// Apply the rows that pass and report the others, instead of all or nothing.
    #[serde(default)]
    pub apply_valid_rows: bool,
    /// Who gets the processing report.
    pub report_to: String,
}

impl JobProgress {
    /// Adds a step's progress to the job's.
    pub fn absorb(&mut self, step: &JobProgress) {
        self.done = step.done;
        self.applied.extend_from_slice(&step.applied);
        self.refused.extend_from_slice(&step.refused);
        self.finished_at = step.finished_at.or(self.finished_at);
        self.message_id = step.message_id.or(self.message_id);
    }
}

/// A job as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct JobSummary {
    pub id: u32,
    pub kind: BulkKind,
    pub total: u32,
    pub done: u32,
    pub applied: u32,
    pub refused: u32,
    pub report_to: String,
    pub submitted_by: String,
    pub created_at: u64,
    pub finished_at: Option<u64>,
    pub message_id: Option<u32>,
}

impl From<&Job> for JobSummary {
    fn from(job: &Job) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            id: job.id,
            kind: job.kind,
            total: count(job.rows.len()),
            done: job.progress.done,
            applied: count(job.progress.applied.len()),
            refused: count(job.progress.refused.len()),
            report_to: job.report_to.clone(),
            submitted_by: job.submitted_by.clone(),
            created_at: job.created_at,
            finished_at: job.progress.finished_at,
            message_id: job.progress.message_id,
        }
    }
}

/// Every job, newest first.
pub fn job_summaries(jobs: &[Job]) -> Vec<JobSummary> {
    jobs.iter().rev().map(JobSummary::from).collect()
}

/// The job a path names, or the 404 for it.
pub fn find_job<'a>(jobs: &'a [Job], id: &str) -> Result<&'a Job, ApiError> {
    jobs.iter()
        .find(|j| id.parse() == Ok(j.id))
        .ok_or_else(|| ApiError::not_found("That job doesn't exist."))
}

/// Accepts a job: the role may manage licenses, the rows are between 1 and [`MAX_ROWS`] with
/// distinct line numbers, the report goes to an email address, and for all or nothing every
/// row passes now (else each problem is a field error `rows[<line>].<column>`).
pub fn plan_job(
    data: &AccountData,
    role: &Role,
    submitted_by: &str,
    request: &NewJob,
    now_unix: u64,
) -> Result<(JobSummary, Vec<Effect>), ApiError> {
    role.require(Permission::ManageLicenses)?;
    let mut errors = Vec::new();
    let lines: HashSet<u32> = request.rows.iter().map(|r| r.line).collect();
    if request.rows.is_empty() || request.rows.len() > MAX_ROWS {
        errors.push(FieldError::new(
            "rows",
            format!("Send between 1 and {MAX_ROWS} rows."),
        ));
    } else if lines.len() != request.rows.len() || lines.contains(&0) || lines.contains(&1) {
        errors.push(FieldError::new(
            "rows",
            "Each row needs its own line number, 2 or more (row 1 is the header).",
        ));
    }
    let report_to = request.report_to.trim();
    if !looks_like_email(report_to) {
        errors.push(FieldError::new(
            "reportTo",
            "Enter the email address that gets the processing report, like name@example.com.",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let may_move =
        request.kind == BulkKind::UpgradeToOffice && role.can(Permission::ManageCostCenters);
    if !request.apply_valid_rows {
        let problems = check_rows(request.kind, &BulkView::of(data), &request.rows, may_move);
        if !problems.is_empty() {
            return Err(ApiError::validation(
                problems
                    .iter()
                    .map(|p| {
                        let column = p.column.as_deref().unwrap_or("row");
                        FieldError::new(format!("rows[{}].{column}", p.line), p.message.clone())
                    })
                    .collect(),
            ));
        }
    }
    let job = Job {
        id: data.jobs.iter().map(|j| j.id).max().unwrap_or(0) + 1,
        kind: request.kind,
        rows: request.rows.clone(),
        report_to: report_to.to_owned(),
        submitted_by: submitted_by.to_owned(),
        may_move,
        created_at: now_unix,
        progress: JobProgress::default(),
    };
    Ok((JobSummary::from(&job), vec![Effect::JobQueued { job }]))
}

/// The next step of the oldest unfinished job: up to `slice` rows checked against the account
/// as it is now and applied, with the job's progress; the last step also sends the report.
/// `None` when no job is waiting.
pub fn job_step(data: &AccountData, now_unix: u64, slice: usize) -> Option<Vec<Effect>> {
    let job = data
        .jobs
        .iter()
        .find(|j| j.progress.finished_at.is_none())?;
    let start = (job.progress.done as usize).min(job.rows.len());
    let end = (start + slice.max(1)).min(job.rows.len());
    let rows = &job.rows[start..end];
    let view = BulkView::of(data);
    let mut effects = Vec::new();
    let mut step = JobProgress {
        done: u32::try_from(end).unwrap_or(u32::MAX),
        ..JobProgress::default()
    };
    match job.kind {
        BulkKind::AssignAddOns => {
            step.refused = check_assignments(&view, rows);
            let bad: HashSet<u32> = step.refused.iter().map(|p| p.line).collect();
            let users: HashMap<String, u32> = data
                .users
                .iter()
                .map(|u| (u.mailbox_id.to_string(), u.id))
                .collect();
            for row in rows.iter().filter(|r| !bad.contains(&r.line)) {
                step.applied.push(row.line);
                effects.push(Effect::LicenseAssigned {
                    license_id: row.license_id.clone(),
                    user_id: users[&row.mailbox_id],
                });
            }
        }
        BulkKind::UpgradeToOffice => {
            let (upgrades, refused) = check_upgrades(&view, rows, job.may_move);
            step.refused = refused;
            for u in upgrades {
                let user = data.users.iter().find(|x| x.id == u.user_id);
                let license = data.licenses.iter().find(|l| l.id == u.license_id);
                if let (Some(user), Some(license)) = (user, license) {
                    step.applied.push(u.line);
                    upgrade(user, license, &mut effects);
                }
            }
        }
    }
    let mut message = None;
    if end == job.rows.len() {
        let id = next_message_id(&data.outbox);
        step.finished_at = Some(now_unix);
        step.message_id = Some(id);
        let mut finished = job.clone();
        finished.progress.absorb(&step);
        message = Some(report_message(data, &finished, id, now_unix));
    }
    effects.push(Effect::JobProgressed {
        job_id: job.id,
        progress: step,
    });
    effects.extend(message.map(|message| Effect::MessageSent { message }));
    Some(effects)
}

/// What became of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RowOutcome {
    Applied,
    Refused,
    /// Not processed yet.
    Waiting,
}

/// One row of a job's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReportRow {
    pub line: u32,
    pub license_id: String,
    pub mailbox_id: String,
    /// The user's name, when the Mailbox ID is a user's.
    pub user: String,
    pub outcome: RowOutcome,
    /// Why a row was refused.
    pub reason: String,
}

/// A job with every row's outcome (`GET /jobs/{id}/report`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct JobReport {
    pub job: JobSummary,
    pub rows: Vec<ReportRow>,
}

/// The report of `job` so far.
pub fn job_report(data: &AccountData, job: &Job) -> JobReport {
    let names: HashMap<String, String> = data
        .users
        .iter()
        .map(|u| (u.mailbox_id.to_string(), u.full_name()))
        .collect();
    let applied: HashSet<u32> = job.progress.applied.iter().copied().collect();
    let refused: HashMap<u32, &CellProblem> =
        job.progress.refused.iter().map(|p| (p.line, p)).collect();
    let rows = job
        .rows
        .iter()
        .map(|r| {
            let (outcome, reason) = match refused.get(&r.line) {
                Some(p) => (RowOutcome::Refused, p.describe()),
                None if applied.contains(&r.line) => (RowOutcome::Applied, String::new()),
                None => (RowOutcome::Waiting, String::new()),
            };
            ReportRow {
                line: r.line,
                license_id: r.license_id.clone(),
                mailbox_id: r.mailbox_id.clone(),
                user: names.get(&r.mailbox_id).cloned().unwrap_or_default(),
                outcome,
                reason,
            }
        })
        .collect();
    JobReport {
        job: JobSummary::from(job),
        rows,
    }
}

/// The report as CSV, cells neutralised: Row, (License ID,) Mailbox ID, User, Result, Reason.
pub fn report_csv(report: &JobReport) -> String {
    let kind = report.job.kind;
    let license = |cells: &mut Vec<String>, id: &str| {
        if kind.names_license() {
            cells.insert(1, id.to_owned());
        }
    };
    let mut header: Vec<String> = ["Row", "Mailbox ID", "User", "Result", "Reason"]
        .map(str::to_owned)
        .to_vec();
    license(&mut header, "License ID");
    let mut rows = vec![header];
    rows.extend(report.rows.iter().map(|r| {
        let result = match r.outcome {
            RowOutcome::Applied => kind.done_word(),
            RowOutcome::Refused => "Refused",
            RowOutcome::Waiting => "Waiting",
        };
        let mut cells = vec![
            r.line.to_string(),
            r.mailbox_id.clone(),
            r.user.clone(),
            result.to_owned(),
            r.reason.clone(),
        ];
        license(&mut cells, &r.license_id);
        cells
    }));
    rows_csv(&rows)
}

/// The processing report sent when a job finishes.
fn report_message(data: &AccountData, job: &Job, id: u32, now_unix: u64) -> OutboxMessage {
    let report = job_report(data, job);
    let s = &report.job;
    let plural = |n: u32| if n == 1 { "" } else { "s" };
    let file_name = format!("{}-report-{}.csv", job.kind.slug(), job.id);
    OutboxMessage {
        id,
        to: job.report_to.clone(),
        subject: format!(
            "Processing report: {} ({} {}, {} refused)",
            job.kind.label(),
            s.applied,
            job.kind.done_word().to_lowercase(),
            s.refused
        ),
        body: format!(
            "Your file of {} row{} was processed. {} row{} {}; {} refused. The attached {file_name} gives the result of every row and the reason for each refusal.",
            s.total,
            plural(s.total),
            s.applied,
            plural(s.applied),
            job.kind.done_word().to_lowercase(),
            s.refused,
        ),
        sent_at: now_unix,
        attachment: Attachment {
            file_name,
            mime: "text/csv".into(),
            content: report_csv(&report),
        },
    }
}
