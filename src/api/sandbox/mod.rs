//! The sandbox in the browser: the `sandbox` crate's implementation of the API over the
//! browser's localStorage, clock and crypto, with simulated latency, fault injection and a
//! background runner for bulk jobs. It answers exactly as the server does, because both read
//! and decide every request with the domain's contract.

mod faults;

use std::cell::Cell;
use std::rc::Rc;

use domain::api::Request;
use domain::seed::Dataset;
use domain::{ApiError, Persona};
use sandbox::{Holding, Platform, SandboxCore};

pub use faults::{FailWith, Faults};

use super::ApiRequest;

/// Handle to the sandbox; clones share one store.
#[derive(Clone)]
pub struct Sandbox(Rc<Inner>);

struct Inner {
    dataset: Dataset,
    core: SandboxCore<Browser>,
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
            core: SandboxCore::new(Browser, holding),
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
            while sandbox.0.core.step_jobs() {
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
        self.0.core.persona()
    }

    /// Signs in as another demo admin (kept across reloads).
    pub fn set_persona(&self, persona: Persona) {
        self.0.core.set_persona(persona);
    }

    /// Forgets every change made in this browser.
    pub fn reset(&self) {
        self.0.core.reset();
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

    /// The request as the API receives it, answered by the sandbox; a change may have queued
    /// a bulk job (or opened another account with jobs of its own), so the runner looks.
    fn handle(&self, request: &ApiRequest) -> Result<String, ApiError> {
        let answer = self.0.core.handle(&received(request));
        if request.method != domain::api::Method::Get {
            self.run_jobs();
        }
        answer.map(|reply| reply.body)
    }
}

/// `request` as it would reach a server: a body is sent as JSON, with the version and key in
/// their headers.
fn received(request: &ApiRequest) -> Request {
    let path = request.path.strip_prefix(domain::api::API_ROOT);
    Request {
        method: request.method.as_str().to_owned(),
        path: path.unwrap_or(&request.path).to_owned(),
        query: request
            .query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        content_type: request.body.as_ref().map(|_| "application/json".to_owned()),
        if_match: request.if_match.map(|v| format!("\"{v}\"")),
        idempotency_key: request.idempotency_key.clone(),
        body: request.body.clone().unwrap_or_default().into_bytes(),
    }
}

/// The pause between two steps of a job, so the page stays responsive.
const JOB_PAUSE_MS: u32 = 40;

/// The browser: localStorage, its clock and its cryptographic randomness.
struct Browser;

impl Platform for Browser {
    fn load(&self, key: &str) -> Option<String> {
        crate::storage::local()?.get_item(key).ok()?
    }

    fn save(&self, key: &str, value: &str) {
        let saved = crate::storage::local().is_some_and(|s| s.set_item(key, value).is_ok());
        if !saved {
            web_sys::console::warn_1(
                &"Sandbox changes could not be saved: browser storage is full or blocked.".into(),
            );
        }
    }

    fn remove(&self, key: &str) {
        if let Some(storage) = crate::storage::local() {
            let _ = storage.remove_item(key);
        }
    }

    fn now(&self) -> u64 {
        (js_sys::Date::now() / 1000.0) as u64
    }

    fn random_token(&self) -> String {
        let mut bytes = [0u8; 32];
        if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
            let _ = crypto.get_random_values_with_u8_array(&mut bytes);
        }
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}
