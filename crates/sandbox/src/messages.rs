//! What the page and the sandbox's Web Worker say to each other. Each message is one of these
//! as JSON text; the page's envelope adds an id to the ones it waits on, and the worker's
//! answer carries the same id.

use std::collections::HashMap;

use domain::api::{Reply, Request};
use domain::seed::Dataset;
use domain::{ApiError, Persona};
use serde::{Deserialize, Serialize};

/// From the page to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ToWorker {
    /// The first message: which account to hold, and what this browser kept of the sandbox
    /// (every key under [`KEPT_PREFIX`]).
    #[serde(rename_all = "camelCase")]
    Start {
        dataset: Dataset,
        /// The linked account this tab was opened in, if any.
        linked_account: Option<String>,
        kept: HashMap<String, String>,
    },
    /// An API request; answered.
    Request { request: Request },
    /// Signs in as another demo admin.
    SetPersona { persona: Persona },
    /// Forgets every change to the account held; answered once forgotten.
    Reset,
}

/// From the worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FromWorker {
    /// Keep `value` under `key` in the browser's storage (forget the key when `None`). Sent
    /// before the answer of the change that caused it, so a reload after the answer keeps it.
    Kept { key: String, value: Option<String> },
    /// The demo admin now signed in (after the start, and after any message that changed it).
    Persona { persona: Persona },
    /// The answer to the page's message.
    Answer { result: Result<Reply, ApiError> },
}

/// The prefix of every storage key the sandbox keeps.
pub const KEPT_PREFIX: &str = "switchboard.sandbox.v1.";
