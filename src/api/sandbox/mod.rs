//! The sandbox: a real in-browser implementation of the API over an in-memory store, with
//! simulated latency and fault injection. It answers exactly as the server does, error bodies
//! included, and decides with the same domain functions.

mod faults;
mod launches;
mod store;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use domain::accounts::launch::{plan_launch, redeem_launch, LaunchRequest};
use domain::accounts::{
    accounts_query, list_accounts, plan_link, plan_rename, plan_unlink, portal_account_of,
    LinkRequest, RenameAccount, UnlinkRequest,
};
use domain::add_users::{plan_add_users, AddUsersRequest, AddUsersView};
use domain::bulk::{
    find_job, job_report, job_step, job_summaries, plan_job, BulkView, JobSummary, NewJob,
    JOB_SLICE,
};
use domain::licenses::{
    inventory_summary, items_scope, plan_assign_add_ons, plan_delete_number, plan_edit_licenses,
    plan_export, plan_reassign, plan_unassign, plan_upgrade_to_office, user_licenses, Changed,
    EditLicenses, ExportRequest, ItemsQuery,
};
use domain::mobile::{
    mobile_users, plan_delete_mobile_users, plan_digital_line, DeleteMobileUsers,
    DigitalLineRequest,
};
use domain::outbox::{find_message, outbox_entries};
use domain::seed::{Dataset, DEMO_PASSWORD};
use domain::users_query::UsersQuery;
use domain::{plan_patch_request, AccountData, ApiError, Effect, Persona, Role, UserPatch};
use serde::Serialize;

pub use faults::{FailWith, Faults};
use store::{Holding, Store};

use super::{ApiRequest, Method};

/// Handle to the sandbox; clones share one store.
#[derive(Clone)]
pub struct Sandbox(Rc<Inner>);

struct Inner {
    dataset: Dataset,
    store: RefCell<Store>,
    latency_ms: Cell<u32>,
    /// How long the app waits for an answer (an injected "no answer" outlasts it).
    timeout_ms: u32,
    /// Whether the job runner is working through jobs.
    running_jobs: Cell<bool>,
}

impl Sandbox {
    /// The sandbox of `dataset` (or of the linked account this tab was opened in), with this
    /// browser's saved changes; a job left unfinished by a reload carries on.
    pub fn new(dataset: Dataset, latency_ms: u32, timeout_ms: u32) -> Self {
        let holding = crate::tab_account::current()
            .and_then(|id| domain::seed::portal_account(&id))
            .map_or(Holding::Portal(dataset), Holding::Linked);
        let sandbox = Self(Rc::new(Inner {
            dataset,
            store: RefCell::new(Store::load(holding)),
            latency_ms: Cell::new(latency_ms),
            timeout_ms,
            running_jobs: Cell::new(false),
        }));
        sandbox.run_jobs();
        sandbox
    }

    /// Works through unfinished bulk jobs in the background, a step at a time with a pause
    /// between steps (as the server's runner does), unless it already is.
    fn run_jobs(&self) {
        if self.0.running_jobs.replace(true) {
            return;
        }
        let sandbox = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let step = {
                    let store = sandbox.0.store.borrow();
                    job_step(&store.data, now_unix(), JOB_SLICE)
                };
                let Some(effects) = step else { break };
                sandbox.0.store.borrow_mut().commit(effects, None, "");
                gloo_timers::future::TimeoutFuture::new(JOB_PAUSE_MS).await;
            }
            sandbox.0.running_jobs.set(false);
        });
    }

    pub fn dataset(&self) -> Dataset {
        self.0.dataset
    }

    pub fn latency_ms(&self) -> u32 {
        self.0.latency_ms.get()
    }

    pub fn set_latency_ms(&self, ms: u32) {
        self.0.latency_ms.set(ms);
    }

    pub fn faults(&self) -> Faults {
        Faults::load()
    }

    pub fn set_faults(&self, faults: Faults) {
        faults.save();
    }

    pub fn persona(&self) -> Persona {
        self.0.store.borrow().persona
    }

    /// Signs in as another demo admin (kept across reloads).
    pub fn set_persona(&self, persona: Persona) {
        self.0.store.borrow_mut().set_persona(persona);
    }

    /// Forgets every change made in this browser.
    pub fn reset(&self) {
        self.0.store.borrow_mut().reset();
    }

    /// Answers a request after the simulated latency, or fails it as the faults say.
    pub async fn send(&self, request: &ApiRequest) -> Result<String, ApiError> {
        let latency = self.latency_ms();
        if latency > 0 {
            gloo_timers::future::TimeoutFuture::new(latency).await;
        }
        let mut faults = self.faults();
        let injected = faults.take();
        self.set_faults(faults);
        match injected {
            None => self.handle(request),
            Some(FailWith::Status(status)) => Err(FailWith::status_error(status)),
            Some(FailWith::Dropped) => Err(faults::unreachable()),
            Some(FailWith::AnswerLost) => self.handle(request).and(Err(faults::unreachable())),
            Some(FailWith::NoAnswer) => {
                let answer = self.handle(request);
                gloo_timers::future::TimeoutFuture::new(self.0.timeout_ms + 1_000).await;
                answer
            }
        }
    }

    fn handle(&self, request: &ApiRequest) -> Result<String, ApiError> {
        let segments: Vec<&str> = request
            .path
            .trim_start_matches("/api/v1/")
            .split('/')
            .collect();
        match (request.method, segments.as_slice()) {
            (Method::Get, ["session"]) => json(&self.0.store.borrow().session()),
            (Method::Get, ["directory"]) => json(&self.0.store.borrow().data.directory()),
            (Method::Get, ["users"]) => {
                let pairs = request.query.iter().map(|(k, v)| (*k, v.as_str()));
                let (query, errors) = UsersQuery::parse(pairs);
                if !errors.is_empty() {
                    return Err(ApiError::validation(errors));
                }
                json(&self.0.store.borrow().data.list_users(&query))
            }
            (Method::Patch, ["users", id]) => self.patch_user(id, request),
            (Method::Get, ["user-batches", "view"]) => {
                json(&AddUsersView::of(&self.0.store.borrow().data))
            }
            (Method::Post, ["user-batches"]) => self.add_users(request),
            (Method::Get, ["users", id, "licenses"]) => {
                let store = self.0.store.borrow();
                let found = id
                    .parse()
                    .ok()
                    .and_then(|id| user_licenses(&store.data, &store.role(), id))
                    .ok_or_else(|| ApiError::not_found("That user no longer exists."))?;
                json(&found)
            }
            (Method::Put, ["users", id, "licenses"]) => self.change(request, |store| {
                let edit: EditLicenses = parse_body(request)?;
                let id = id
                    .parse()
                    .map_err(|_| ApiError::not_found("That user no longer exists."))?;
                let (user, effects) =
                    plan_edit_licenses(&store.data, &store.role(), id, request.if_match, &edit)?;
                Ok((effects, json(&user)?))
            }),
            (Method::Post, ["users", id, "digital-line"]) => self.change(request, |store| {
                let line: DigitalLineRequest = parse_body(request)?;
                let id = id
                    .parse()
                    .map_err(|_| ApiError::not_found("That user no longer exists."))?;
                let (user, effects) = plan_digital_line(
                    &store.data,
                    &store.role(),
                    id,
                    request.if_match,
                    &line,
                    now_unix(),
                )?;
                Ok((effects, json(&user)?))
            }),
            (Method::Get, ["accounts"]) => {
                let (q, page) = accounts_query(request.query.iter().map(|(k, v)| (*k, v.as_str())));
                json(&list_accounts(
                    &self.0.store.borrow().data,
                    &q,
                    page,
                    now_unix(),
                ))
            }
            (Method::Post, ["accounts", "links"]) => self.change(request, |store| {
                let link: LinkRequest = parse_body(request)?;
                // The portal's other accounts sign in with the demo password here.
                let password_ok = portal_account_of(&store.data, &link.email).is_some()
                    && link.password == DEMO_PASSWORD;
                let (linked, effects) =
                    plan_link(&store.data, &store.role(), &link, password_ok, now_unix())?;
                Ok((effects, json(&linked)?))
            }),
            (Method::Post, ["accounts", "unlinks"]) => self.change(request, |store| {
                let unlink: UnlinkRequest = parse_body(request)?;
                let effects = plan_unlink(&store.data, &store.role(), &unlink)?;
                let reply = json(&Changed {
                    changed: effects.len() as u32,
                })?;
                Ok((effects, reply))
            }),
            (Method::Post, ["accounts", id, "launch"]) => {
                let store = self.0.store.borrow();
                let issued = plan_launch(&store.data, &store.role(), id, now_unix())?;
                let grant = issued.grant(launches::random_token());
                launches::issue(grant.token.clone(), issued, now_unix());
                json(&grant)
            }
            (Method::Post, ["auth", "launch"]) => {
                let launch: LaunchRequest = parse_body(request)?;
                let account = redeem_launch(launches::take(&launch.token), now_unix())?;
                *self.0.store.borrow_mut() = Store::load(Holding::Linked(account));
                self.run_jobs();
                json(&self.0.store.borrow().session())
            }
            (Method::Patch, ["accounts", id]) => self.change(request, |store| {
                let rename: RenameAccount = parse_body(request)?;
                let (link, effects) =
                    plan_rename(&store.data, &store.role(), id, request.if_match, &rename)?;
                Ok((effects, json(&link)?))
            }),
            (Method::Get, ["mobile-users"]) => {
                json(&mobile_users(&self.0.store.borrow().data, now_unix()))
            }
            (Method::Post, ["mobile-users", "deletions"]) => self.change(request, |store| {
                let deletion: DeleteMobileUsers = parse_body(request)?;
                let (reply, effects) =
                    plan_delete_mobile_users(&store.data, &store.role(), &deletion)?;
                Ok((effects, json(&reply)?))
            }),
            (Method::Get, ["inventory"]) => json(&inventory_summary(&self.0.store.borrow().data)),
            (Method::Get, ["inventory", kind]) => {
                let kind = items_scope(kind)?;
                let pairs = request.query.iter().map(|(k, v)| (*k, v.as_str()));
                let (query, errors) = ItemsQuery::parse(pairs);
                if !errors.is_empty() {
                    return Err(ApiError::validation(errors));
                }
                json(&self.0.store.borrow().data.list_items(kind, &query))
            }
            (Method::Post, ["licenses", "assignments"]) => {
                self.inventory_change(request, plan_assign_add_ons)
            }
            (Method::Post, ["licenses", "unassignments"]) => {
                self.inventory_change(request, plan_unassign)
            }
            (Method::Post, ["licenses", "reassignments"]) => {
                self.inventory_change(request, plan_reassign)
            }
            (Method::Post, ["licenses", "upgrades"]) => {
                self.inventory_change(request, plan_upgrade_to_office)
            }
            (Method::Post, ["numbers", "deletions"]) => {
                self.inventory_change(request, plan_delete_number)
            }
            (Method::Get, ["licenses", "bulk-view"]) => {
                json(&BulkView::of(&self.0.store.borrow().data))
            }
            (Method::Post, ["jobs"]) => {
                let reply = self.change(request, |store| {
                    let job: NewJob = parse_body(request)?;
                    let admin = store.persona.admin().name;
                    let (summary, effects) =
                        plan_job(&store.data, &store.role(), &admin, &job, now_unix())?;
                    Ok((effects, json(&summary)?))
                })?;
                self.run_jobs();
                Ok(reply)
            }
            (Method::Get, ["jobs"]) => json(&job_summaries(&self.0.store.borrow().data.jobs)),
            (Method::Get, ["jobs", id]) => json(&JobSummary::from(find_job(
                &self.0.store.borrow().data.jobs,
                id,
            )?)),
            (Method::Get, ["jobs", id, "report"]) => {
                let store = self.0.store.borrow();
                json(&job_report(&store.data, find_job(&store.data.jobs, id)?))
            }
            (Method::Post, ["exports"]) => self.change(request, |store| {
                let export: ExportRequest = parse_body(request)?;
                let (entry, effects) = plan_export(&store.data, &export, now_unix())?;
                Ok((effects, json(&entry)?))
            }),
            (Method::Get, ["outbox"]) => json(&outbox_entries(&self.0.store.borrow().data.outbox)),
            (Method::Get, ["outbox", id]) => {
                json(find_message(&self.0.store.borrow().data.outbox, id)?)
            }
            _ => Err(ApiError::not_found(format!(
                "No such API endpoint: {}",
                request.path
            ))),
        }
    }

    fn patch_user(&self, id: &str, request: &ApiRequest) -> Result<String, ApiError> {
        self.change(request, |store| {
            let patch: UserPatch = parse_body(request)?;
            let (updated, effects) =
                plan_patch_request(&store.data, id, &patch, request.if_match, &store.role())?;
            Ok((effects, json(&updated)?))
        })
    }

    fn add_users(&self, request: &ApiRequest) -> Result<String, ApiError> {
        self.change(request, |store| {
            let batch: AddUsersRequest = parse_body(request)?;
            let plan = plan_add_users(&batch, &store.data, &store.role(), now_unix())?;
            Ok((plan.effects, json(&plan.result)?))
        })
    }

    /// A license or number change: the body as `T`, planned by `plan`, answered with
    /// [`Changed`] (as the server does).
    fn inventory_change<T: serde::de::DeserializeOwned>(
        &self,
        request: &ApiRequest,
        plan: fn(&AccountData, &Role, &T) -> Result<Vec<Effect>, ApiError>,
    ) -> Result<String, ApiError> {
        self.change(request, |store| {
            let body: T = parse_body(request)?;
            let effects = plan(&store.data, &store.role(), &body)?;
            let reply = json(&Changed::of(&effects))?;
            Ok((effects, reply))
        })
    }

    /// Runs one change as the server does: a retried idempotency key gets the first reply;
    /// otherwise `decide` plans it and the effects and reply are committed together.
    fn change(
        &self,
        request: &ApiRequest,
        decide: impl FnOnce(&Store) -> Result<(Vec<Effect>, String), ApiError>,
    ) -> Result<String, ApiError> {
        let mut store = self.0.store.borrow_mut();
        let key = request.idempotency_key.as_deref();
        if let Some(reply) = key.and_then(|k| store.reply_for(k)) {
            return Ok(reply.clone());
        }
        let (effects, reply) = decide(&store)?;
        store.commit(effects, key, &reply);
        Ok(reply)
    }
}

/// The pause between two steps of a job, so the page stays responsive.
const JOB_PAUSE_MS: u32 = 40;

/// Seconds since the Unix epoch, by the browser's clock.
fn now_unix() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// The request's JSON body as `T`, or the 400 the server gives for it.
fn parse_body<T: serde::de::DeserializeOwned>(request: &ApiRequest) -> Result<T, ApiError> {
    serde_json::from_str(request.body.as_deref().unwrap_or("{}")).map_err(|e| {
        ApiError::new(
            400,
            "bad_request",
            format!("The request body is not valid: {e}."),
        )
    })
}

fn json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::new(500, "internal", e.to_string()))
}
