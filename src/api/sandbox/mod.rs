//! The sandbox in the browser: the `sandbox` crate's implementation of the API in a Web Worker
//! of its own (`sandbox-worker`, started only in sandbox mode, so live mode never loads it),
//! with its changes kept in this browser's localStorage, and simulated latency and fault
//! injection on the page's side. It answers exactly as the server does, because both read and
//! decide every request with the domain's contract.

mod faults;

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use domain::api::{Reply, Request};
use domain::seed::Dataset;
use domain::{ApiError, Persona};
use js_sys::{Object, Reflect};
use sandbox::messages::{FromWorker, ToWorker, KEPT_PREFIX};
use wasm_bindgen::JsValue;

pub use faults::{FailWith, Faults};

use super::ApiRequest;
use crate::workers::Link;

/// The worker's loader script, next to the app's own files.
const LOADER: &str = "sandbox-worker_loader.js";

/// Handle to the sandbox; clones share one worker.
#[derive(Clone)]
pub struct Sandbox(Rc<Inner>);

struct Inner {
    dataset: Dataset,
    worker: Rc<Link>,
    /// The demo admin signed in, as the worker last said.
    persona: Rc<Cell<Persona>>,
    latency_ms: Cell<u32>,
    /// How long the app waits for an answer (an injected "no answer" outlasts it).
    timeout_ms: u32,
}

impl Sandbox {
    /// The sandbox of `dataset` (or of the linked account this tab was opened in), with this
    /// browser's saved changes. Its worker starts at once and seeds the account off the page's
    /// thread; requests wait for it. A job left unfinished by a reload carries on.
    pub fn new(dataset: Dataset, latency_ms: u32, timeout_ms: u32) -> Self {
        let persona = Rc::new(Cell::new(Persona::SuperAdmin));
        let told = persona.clone();
        let worker = Link::new(
            LOADER,
            "The sandbox didn't load. Try again, or reload the page.",
            move || {
                Some(message(&ToWorker::Start {
                    dataset,
                    linked_account: crate::tab_account::current(),
                    kept: kept(),
                }))
            },
            move |note| {
                if let Some(note) = read(&note) {
                    learn(&told, note);
                }
            },
        );
        if let Err(e) = worker.start() {
            web_sys::console::error_1(&e.into());
        }
        Self(Rc::new(Inner {
            dataset,
            worker,
            persona,
            latency_ms: Cell::new(latency_ms),
            timeout_ms,
        }))
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
        self.0.persona.get()
    }

    /// Signs in as another demo admin (kept across reloads); requests sent after this see it.
    pub fn set_persona(&self, persona: Persona) {
        self.0.persona.set(persona);
        let _ = self
            .0
            .worker
            .tell(message(&ToWorker::SetPersona { persona }));
    }

    /// Forgets every change made in this browser (done once this returns).
    pub async fn reset(&self) -> Result<(), ApiError> {
        self.ask(&ToWorker::Reset).await.map(|_| ())
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
            None => self.handle(request).await,
            Some(FailWith::Status(status)) => Err(FailWith::status_error(status)),
            Some(FailWith::Dropped) => Err(faults::unreachable()),
            Some(FailWith::AnswerLost) => {
                self.handle(request).await.and(Err(faults::unreachable()))
            }
            Some(FailWith::NoAnswer) => {
                let answer = self.handle(request).await;
                gloo_timers::future::TimeoutFuture::new(self.0.timeout_ms + 1_000).await;
                answer
            }
        }
    }

    /// The request as the API receives it, answered by the sandbox.
    async fn handle(&self, request: &ApiRequest) -> Result<String, ApiError> {
        let request = received(request);
        self.ask(&ToWorker::Request { request })
            .await
            .map(|reply| reply.body)
    }

    /// Posts `question` to the worker and reads its answer.
    async fn ask(&self, question: &ToWorker) -> Result<Reply, ApiError> {
        let unavailable = |message: String| ApiError::new(503, "unavailable", message);
        let envelope = self
            .0
            .worker
            .ask(message(question))
            .await
            .map_err(unavailable)?;
        match read(&envelope) {
            Some(FromWorker::Answer { result }) => result,
            _ => Err(unavailable(
                "The sandbox gave an answer the page can't read.".into(),
            )),
        }
    }
}

/// `{now, text}`: a message for the worker, with the page's clock (the sandbox keeps the
/// page's time).
fn message(message: &ToWorker) -> Object {
    let envelope = Object::new();
    let text = serde_json::to_string(message).expect("messages are plain data");
    let _ = Reflect::set(&envelope, &"now".into(), &js_sys::Date::now().into());
    let _ = Reflect::set(&envelope, &"text".into(), &text.into());
    envelope
}

/// The worker's message in `envelope`.
fn read(envelope: &JsValue) -> Option<FromWorker> {
    let text = Reflect::get(envelope, &"text".into()).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

/// Acts on a note of the worker's: keeps what it says to keep, learns who is signed in.
fn learn(persona: &Cell<Persona>, note: FromWorker) {
    match note {
        FromWorker::Kept { key, value } => {
            let Some(storage) = crate::storage::local() else {
                return;
            };
            let kept = match value {
                Some(value) => storage.set_item(&key, &value).is_ok(),
                None => storage.remove_item(&key).is_ok(),
            };
            if !kept {
                web_sys::console::warn_1(
                    &"Sandbox changes could not be saved: browser storage is full or blocked."
                        .into(),
                );
            }
        }
        FromWorker::Persona { persona: now } => persona.set(now),
        FromWorker::Answer { .. } => {}
    }
}

/// What this browser keeps of the sandbox, for the worker to start from.
fn kept() -> HashMap<String, String> {
    let Some(storage) = crate::storage::local() else {
        return HashMap::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(KEPT_PREFIX))
        .filter_map(|key| Some((key.clone(), storage.get_item(&key).ok()??)))
        .collect()
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
