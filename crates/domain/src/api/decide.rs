//! Deciding a call: the one place every endpoint's rules are applied, for the sandbox and the
//! server alike. A back end brings only what it keeps and how: the account, the stored replies of
//! changes, the portal's passwords and launch tokens, and the clock ([`Backend`]).

use super::call::{ApiCall, Write};
use super::idempotency::{replay, Stored};
use super::request::Reply;
use crate::account::Session;
use crate::accounts::launch::{plan_launch, IssuedLaunch};
use crate::accounts::{list_accounts, plan_link, plan_rename, plan_unlink};
use crate::activation::{due_invites, plan_activation, plan_cancel_invite, plan_send_invite};
use crate::add_users::{plan_add_users, AddUsersView};
use crate::bulk::{find_job, job_report, job_summaries, plan_job, BulkView, JobSummary};
use crate::effects::Effect;
use crate::equipment::{plan_equipment, plan_release};
use crate::error::ApiError;
use crate::indexed::IndexedAccount;
use crate::licenses::{
    inventory_summary, plan_assign_add_ons, plan_delete_number, plan_edit_licenses, plan_export,
    plan_reassign, plan_unassign, plan_upgrade_to_office, user_licenses, Changed,
};
use crate::mobile::{mobile_users, plan_delete_mobile_users, plan_digital_line};
use crate::outbox::{find_message, outbox_entries};
use crate::permissions::{Admin, Persona, Role};
use crate::user_details::plan_details;
use crate::user_page::{plan_delete_user, user_detail};
use crate::users::plan_patch_request;

/// The signed-in admin a call is made by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub admin: Admin,
    pub role: Role,
    /// The demo persona this admin is, if any.
    pub persona: Option<Persona>,
    /// For cookie sessions, the token changes must echo.
    pub csrf_token: Option<String>,
    /// Whether the session was opened in a linked account with a launch token.
    pub launched: bool,
}

impl Caller {
    /// `GET /session`'s body for this caller in `data`'s account.
    pub fn session(&self, data: &IndexedAccount) -> Session {
        Session {
            admin: self.admin.clone(),
            account: data.account.clone(),
            role: self.role.clone(),
            persona: self.persona,
            csrf_token: self.csrf_token.clone(),
        }
    }
}

/// What a back end keeps, and how.
pub trait Backend {
    /// Holds the account for one change, from reading the stored reply to committing.
    type Writer<'a>: Writer
    where
        Self: 'a;

    /// Seconds since the Unix epoch.
    fn now(&self) -> u64;
    /// Runs `read` over the account as of the last commit.
    fn read<R>(&self, read: impl FnOnce(&IndexedAccount) -> R) -> R;
    /// The account for one change: no other change is planned or committed until it is dropped.
    fn writer(&self) -> Result<Self::Writer<'_>, ApiError>;
    /// Whether `password` is that of the portal account whose admin signs in with `email`.
    fn portal_password_ok(&self, email: &str, password: &str) -> Result<bool, ApiError>;
    /// Keeps `issued` under a new secret token, and returns the token.
    fn keep_launch(&self, issued: &IssuedLaunch) -> Result<String, ApiError>;
}

/// The account held for one change.
pub trait Writer {
    /// Runs `read` over the account as held.
    fn read<R>(&self, read: impl FnOnce(&IndexedAccount) -> R) -> R;
    /// The reply kept for the caller's idempotency `key`, if any.
    fn stored(&self, key: &str) -> Result<Option<Stored>, ApiError>;
    /// Applies `effects` and keeps `reply` under `key` (when given), all or nothing.
    fn commit(&mut self, effects: &[Effect], keep: Option<(&str, &Stored)>)
        -> Result<(), ApiError>;
}

/// What a change decides from the account: the effects to commit and the reply.
type Plan<'a> = &'a dyn Fn(&IndexedAccount) -> Result<(Vec<Effect>, Reply), ApiError>;

/// Decides `call` by `caller` (its change identified by `write`) against `backend`: the answer,
/// with any change committed.
pub fn decide(
    backend: &impl Backend,
    caller: &Caller,
    call: ApiCall,
    write: &Write,
) -> Result<Reply, ApiError> {
    let role = &caller.role;
    let now = backend.now();
    deliver_due_invites(backend, now)?;
    let read = |f: &dyn Fn(&IndexedAccount) -> Result<Reply, ApiError>| backend.read(f);
    let change = |f: Plan| change(backend, write, now, f);
    let counted = |effects: Vec<Effect>| {
        let reply = Reply::json(200, &Changed::of(&effects));
        Ok((effects, reply))
    };
    match call {
        ApiCall::Session => read(&|data| ok(&caller.session(data))),
        ApiCall::Directory => read(&|data| ok(&data.directory())),
        ApiCall::Users(query) => read(&|data| ok(&data.list_users(&query))),
        ApiCall::User { id } => read(&|data| {
            ok(&user_id(&id)
                .and_then(|id| user_detail(data, id))
                .ok_or_else(no_such_user)?)
        }),
        ApiCall::DeleteUser { id } => change(&|data| {
            let id = user_id(&id).ok_or_else(no_such_user)?;
            let (deleted, effects) = plan_delete_user(data, role, id, write.seen)?;
            Ok((effects, Reply::json(200, &deleted)))
        }),
        ApiCall::ActivateUser { id, activation } => change(&|data| {
            let id = user_id(&id).ok_or_else(no_such_user)?;
            let (user, effects) = plan_activation(data, role, id, write.seen, &activation, now)?;
            Ok((effects, versioned(&user, user.version)))
        }),
        ApiCall::SendInvite { id, invite } => change(&|data| {
            let id = user_id(&id).ok_or_else(no_such_user)?;
            let (user, effects) = plan_send_invite(data, role, id, write.seen, &invite, now)?;
            Ok((effects, versioned(&user, user.version)))
        }),
        ApiCall::CancelInvite { id } => change(&|data| {
            let id = user_id(&id).ok_or_else(no_such_user)?;
            let (user, effects) = plan_cancel_invite(data, role, id, write.seen)?;
            Ok((effects, versioned(&user, user.version)))
        }),
        ApiCall::EditDetails { id, details } => change(&|data| {
            let id = user_id(&id).ok_or_else(no_such_user)?;
            let (user, effects) = plan_details(data, role, id, write.seen, &details, now)?;
            Ok((effects, versioned(&user, user.version)))
        }),
        ApiCall::PatchUser { id, patch } => change(&|data| {
            let (user, effects) = plan_patch_request(data, &id, &patch, write.seen, role)?;
            Ok((effects, versioned(&user, user.version)))
        }),
        ApiCall::AddUsersView => read(&|data| ok(&AddUsersView::of(data))),
        ApiCall::AddUsers(request) => change(&|data| {
            let plan = plan_add_users(&request, data, role, now)?;
            Ok((plan.effects, Reply::json(201, &plan.result)))
        }),
        ApiCall::UserLicenses { id } => read(&|data| {
            let found = user_id(&id).and_then(|id| user_licenses(data, role, id));
            ok(&found.ok_or_else(no_such_user)?)
        }),
        ApiCall::EditLicenses { id, edit } => change(&|data| {
            let id = user_id(&id).ok_or_else(no_such_user)?;
            let (user, effects) = plan_edit_licenses(data, role, id, write.seen, &edit)?;
            Ok((effects, versioned(&user, user.version)))
        }),
        ApiCall::EquipUser { id, equipment } => change(&|data| {
            let id = user_id(&id).ok_or_else(no_such_user)?;
            let (user, effects) = plan_equipment(data, role, id, write.seen, &equipment, now)?;
            Ok((effects, versioned(&user, user.version)))
        }),
        ApiCall::ReleaseEquipment { id, release } => change(&|data| {
            let id = user_id(&id).ok_or_else(no_such_user)?;
            let (user, effects) = plan_release(data, role, id, write.seen, &release)?;
            Ok((effects, versioned(&user, user.version)))
        }),
        ApiCall::DigitalLine { id, line } => change(&|data| {
            let id = user_id(&id).ok_or_else(no_such_user)?;
            let (user, effects) = plan_digital_line(data, role, id, write.seen, &line, now)?;
            Ok((effects, versioned(&user, user.version)))
        }),
        ApiCall::Accounts { q, page } => read(&|data| ok(&list_accounts(data, &q, page, now))),
        ApiCall::LinkAccount(request) => {
            // The password is checked before the account is held: it is slow on purpose.
            let password_ok = backend.portal_password_ok(&request.email, &request.password)?;
            change(&|data| {
                let (link, effects) = plan_link(data, role, &request, password_ok, now)?;
                Ok((effects, Reply::json(201, &link)))
            })
        }
        ApiCall::UnlinkAccounts(request) => change(&|data| {
            let effects = plan_unlink(data, role, &request)?;
            let changed = Changed {
                changed: effects.len() as u32,
            };
            Ok((effects, Reply::json(200, &changed)))
        }),
        ApiCall::RenameAccount { id, rename } => change(&|data| {
            let (link, effects) = plan_rename(data, role, &id, write.seen, &rename)?;
            Ok((effects, versioned(&link, link.version)))
        }),
        ApiCall::IssueLaunch { id } => {
            // Only the portal's own account opens others: its links are the ones a launched
            // tab's session is checked against on every request.
            if caller.launched {
                return Err(ApiError::forbidden(
                    "Open other accounts from the Accounts page of your own account, not from an account opened in a tab.",
                ));
            }
            let issued = backend.read(|data| plan_launch(data, role, &id, now))?;
            let token = backend.keep_launch(&issued)?;
            Ok(Reply::json(201, &issued.grant(token)))
        }
        ApiCall::MobileUsers => read(&|data| ok(&mobile_users(data, now))),
        ApiCall::DeleteMobileUsers(request) => change(&|data| {
            let (reply, effects) = plan_delete_mobile_users(data, role, &request)?;
            Ok((effects, Reply::json(200, &reply)))
        }),
        ApiCall::Inventory => read(&|data| ok(&inventory_summary(data))),
        ApiCall::InventoryItems { kind, query } => read(&|data| ok(&data.list_items(kind, &query))),
        ApiCall::AssignAddOns(request) => {
            change(&|data| counted(plan_assign_add_ons(data, role, &request)?))
        }
        ApiCall::Unassign(request) => change(&|data| counted(plan_unassign(data, role, &request)?)),
        ApiCall::Reassign(request) => change(&|data| counted(plan_reassign(data, role, &request)?)),
        ApiCall::UpgradeToOffice(request) => {
            change(&|data| counted(plan_upgrade_to_office(data, role, &request)?))
        }
        ApiCall::DeleteNumber(request) => {
            change(&|data| counted(plan_delete_number(data, role, &request)?))
        }
        ApiCall::BulkView => read(&|data| ok(&BulkView::of(data))),
        ApiCall::CreateJob(job) => change(&|data| {
            let (summary, effects) = plan_job(data, role, &caller.admin.name, &job, now)?;
            Ok((effects, Reply::json(202, &summary)))
        }),
        ApiCall::Jobs => read(&|data| ok(&job_summaries(&data.jobs))),
        ApiCall::Job { id } => read(&|data| ok(&JobSummary::from(find_job(&data.jobs, &id)?))),
        ApiCall::JobReport { id } => {
            read(&|data| ok(&job_report(data, find_job(&data.jobs, &id)?)))
        }
        ApiCall::Export(request) => change(&|data| {
            let (entry, effects) = plan_export(data, &request, now)?;
            Ok((effects, Reply::json(201, &entry)))
        }),
        ApiCall::Outbox => read(&|data| ok(&outbox_entries(&data.outbox))),
        ApiCall::OutboxMessage { id } => read(&|data| ok(find_message(&data.outbox, &id)?)),
    }
}

/// Sends the scheduled invites due by `now` before anything is read or decided, so every back
/// end answers as if each had gone out at its time, whether or not its runner got there first.
fn deliver_due_invites(backend: &impl Backend, now: u64) -> Result<(), ApiError> {
    if backend.read(|data| due_invites(data, now).is_empty()) {
        return Ok(());
    }
    let mut writer = backend.writer()?;
    let due = writer.read(|data| due_invites(data, now));
    if !due.is_empty() {
        writer.commit(&due, None)?;
    }
    Ok(())
}

/// Runs one change: a retried idempotency key gets the first reply (or 422 for another
/// request); otherwise `plan` decides it and its effects and reply are committed together.
fn change(backend: &impl Backend, write: &Write, now: u64, plan: Plan) -> Result<Reply, ApiError> {
    let mut writer = backend.writer()?;
    if let Some(key) = &write.key {
        if let Some(stored) = writer.stored(key)?.filter(|s| !s.expired(now)) {
            return replay(stored, &write.fingerprint);
        }
    }
    let (effects, reply) = writer.read(plan)?;
    let stored = write.key.as_deref().map(|key| {
        let stored = Stored {
            fingerprint: write.fingerprint.clone(),
            reply: reply.clone(),
            created_at: now,
        };
        (key, stored)
    });
    writer.commit(&effects, stored.as_ref().map(|(k, s)| (*k, s)))?;
    Ok(reply)
}

/// A 200 with `value`.
fn ok(value: &impl serde::Serialize) -> Result<Reply, ApiError> {
    Ok(Reply::json(200, value))
}

/// A 200 showing a record at `version`.
fn versioned(value: &impl serde::Serialize, version: u32) -> Reply {
    Reply::json(200, value).with_version(version)
}

fn user_id(id: &str) -> Option<u32> {
    id.parse().ok()
}

fn no_such_user() -> ApiError {
    ApiError::not_found("That user no longer exists.")
}
