//! The sandbox as its Web Worker runs it, apart from the browser: a message in, the messages
//! out. The worker's own file (`src/bin/sandbox-worker.rs`) only carries them.

use domain::api::Reply;
use domain::seed;
use domain::Persona;

use crate::messages::{FromWorker, ToWorker};
use crate::relay::{Relayed, Source};
use crate::store::Holding;
use crate::SandboxCore;

/// The worker's state: nothing until the page's start message, then the sandbox.
pub struct WorkerCore<S: Source> {
    source: Option<S>,
    core: Option<SandboxCore<Relayed<S>>>,
    /// The persona the page was last told of.
    told: Option<Persona>,
}

impl<S: Source> WorkerCore<S> {
    /// A worker that will take its clock and secrets from `source`.
    pub fn new(source: S) -> Self {
        Self {
            source: Some(source),
            core: None,
            told: None,
        }
    }

    /// Handles one message from the page: what to keep, the persona if it changed, and the
    /// answer when the message asks for one. Before the start message, requests are refused.
    pub fn receive(&mut self, message: ToWorker) -> Vec<FromWorker> {
        let answer = match message {
            ToWorker::Start {
                dataset,
                linked_account,
                kept,
            } => {
                if let Some(source) = self.source.take() {
                    let holding = linked_account
                        .and_then(|id| seed::portal_account(&id))
                        .map_or(Holding::Portal(dataset), Holding::Linked);
                    self.core = Some(SandboxCore::new(Relayed::new(kept, source), holding));
                }
                None
            }
            ToWorker::Request { request } => Some(match &self.core {
                Some(core) => core.handle(&request),
                None => Err(not_started()),
            }),
            ToWorker::SetPersona { persona } => {
                if let Some(core) = &self.core {
                    core.set_persona(persona);
                }
                None
            }
            ToWorker::Reset => Some(match &self.core {
                Some(core) => {
                    core.reset();
                    Ok(Reply::empty())
                }
                None => Err(not_started()),
            }),
        };
        let mut out = self.changes();
        if let Some(persona) = self.core.as_ref().map(SandboxCore::persona) {
            if self.told != Some(persona) {
                self.told = Some(persona);
                out.push(FromWorker::Persona { persona });
            }
        }
        out.extend(answer.map(|result| FromWorker::Answer { result }));
        out
    }

    /// Runs the next step of the oldest unfinished bulk job: what to keep, or `None` when no
    /// job waits.
    pub fn step_jobs(&self) -> Option<Vec<FromWorker>> {
        let core = self.core.as_ref()?;
        core.step_jobs().then(|| self.changes())
    }

    fn changes(&self) -> Vec<FromWorker> {
        self.core
            .as_ref()
            .map(|core| core.platform().take_changes())
            .unwrap_or_default()
    }
}

fn not_started() -> domain::ApiError {
    domain::ApiError::new(
        503,
        "unavailable",
        "The sandbox is still starting. Try again in a moment.",
    )
}

/// The pause between two steps of a bulk job, as the server's runner pauses.
pub const JOB_PAUSE_MS: u32 = 40;
