//! The sandbox: a real implementation of the API over an in-memory account, its changes kept on
//! the platform it runs on (the browser's localStorage, or memory in tests). It reads and decides
//! every request with the domain's contract (`domain::api`), as the reference server does, so
//! both give the same answer to the same request; what is its own is only where things are kept
//! and that the admin is always signed in, as one of the demo personas.

mod launches;
pub mod messages;
mod platform;
mod relay;
mod store;
pub mod worker;

use std::cell::{RefCell, RefMut};

use domain::accounts::launch::{openable, redeem_launch};
use domain::accounts::portal_account_of;
use domain::api::{
    decide, route, Backend, Call, Caller, Reply, Request, SessionCall, Stored, Writer,
};
use domain::auth::{wrong_credentials, Credentials, TokenGrant, TOKEN_TTL_SECS};
use domain::background::next_step;
use domain::bulk::JOB_SLICE;
use domain::seed::DEMO_PASSWORD;
use domain::{ApiError, Effect, IndexedAccount, Persona};

pub use platform::{MemoryPlatform, Platform};
pub use relay::{Relayed, Source};
pub use store::Holding;
use store::Store;

/// The sandbox over `P`.
pub struct SandboxCore<P: Platform> {
    platform: P,
    store: RefCell<Store>,
}

impl<P: Platform> SandboxCore<P> {
    /// The sandbox holding `holding`'s account with the changes kept on `platform`.
    pub fn new(platform: P, holding: Holding) -> Self {
        let store = RefCell::new(Store::load(holding, &platform));
        Self { platform, store }
    }

    /// The platform it keeps things on.
    pub fn platform(&self) -> &P {
        &self.platform
    }

    /// Answers `request` as the API does.
    pub fn handle(&self, request: &Request) -> Result<Reply, ApiError> {
        let call = route(&request.method, &request.path)?.parse(request)?;
        match call {
            Call::Session(call) => self.session_call(call),
            Call::Api(call, write) => decide(self, &self.caller(), call, &write),
        }
    }

    /// Runs the next background step (due invites, then the oldest unfinished bulk job's next
    /// slice); false when nothing waits.
    pub fn step_jobs(&self) -> bool {
        let step = next_step(&self.store.borrow().data, self.platform.now(), JOB_SLICE);
        let Some(effects) = step else { return false };
        self.store
            .borrow_mut()
            .commit(&effects, None, &self.platform);
        true
    }

    /// The demo admin signed in.
    pub fn persona(&self) -> Persona {
        self.store.borrow().persona
    }

    /// Signs in as another demo admin (kept across reloads).
    pub fn set_persona(&self, persona: Persona) {
        self.store.borrow_mut().set_persona(persona, &self.platform);
    }

    /// Forgets every change made to this account.
    pub fn reset(&self) {
        self.store.borrow_mut().reset(&self.platform);
    }

    /// The account this sandbox holds.
    pub fn holding(&self) -> Holding {
        self.store.borrow().holding.clone()
    }

    fn caller(&self) -> Caller {
        let store = self.store.borrow();
        Caller {
            admin: store.persona.admin(),
            role: store.role(),
            persona: Some(store.persona),
            csrf_token: None,
            launched: matches!(store.holding, Holding::Linked(_)),
        }
    }

    /// Sessions in the sandbox: the demo admins sign in with the demo password; a launch token
    /// switches this sandbox to the linked account it opens.
    fn session_call(&self, call: SessionCall) -> Result<Reply, ApiError> {
        let now = self.platform.now();
        match call {
            SessionCall::SignIn(credentials) => {
                let persona = persona_of(&credentials)?;
                self.set_persona(persona);
                let session = self.caller().session(&self.store.borrow().data);
                Ok(Reply::json(200, &session))
            }
            SessionCall::IssueToken(credentials) => {
                persona_of(&credentials)?;
                let grant = TokenGrant {
                    token: self.platform.random_token(),
                    token_type: "Bearer".into(),
                    expires_at: now + TOKEN_TTL_SECS,
                };
                Ok(Reply::json(201, &grant))
            }
            SessionCall::SignOut => Ok(Reply::empty()),
            SessionCall::RedeemLaunch(launch) => {
                let issued = launches::take(&self.platform, &launch.token);
                let account = redeem_launch(issued, now)?;
                openable(&self.store.borrow().data, &account.id)?;
                *self.store.borrow_mut() = Store::load(Holding::Linked(account), &self.platform);
                let session = self.caller().session(&self.store.borrow().data);
                Ok(Reply::json(200, &session))
            }
            SessionCall::OpenApi => Err(ApiError::not_found(
                "The sandbox has no OpenAPI document: the reference server serves it at /api/v1/openapi.json.",
            )),
        }
    }
}

/// The demo persona `credentials` sign in as.
fn persona_of(credentials: &Credentials) -> Result<Persona, ApiError> {
    let problems = credentials.problems();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    Persona::ALL
        .into_iter()
        .find(|p| p.admin().email == credentials.email.trim())
        .filter(|_| credentials.password == DEMO_PASSWORD)
        .ok_or_else(wrong_credentials)
}

impl<P: Platform> Backend for SandboxCore<P> {
    type Writer<'a>
        = SandboxWriter<'a, P>
    where
        Self: 'a;

    fn now(&self) -> u64 {
        self.platform.now()
    }

    fn read<R>(&self, read: impl FnOnce(&IndexedAccount) -> R) -> R {
        read(&self.store.borrow().data)
    }

    fn writer(&self) -> Result<SandboxWriter<'_, P>, ApiError> {
        Ok(SandboxWriter {
            store: self.store.borrow_mut(),
            platform: &self.platform,
        })
    }

    /// The portal's other accounts sign in with the demo password here.
    fn portal_password_ok(&self, email: &str, password: &str) -> Result<bool, ApiError> {
        let known = portal_account_of(&self.store.borrow().data, email).is_some();
        Ok(known && password == DEMO_PASSWORD)
    }

    fn keep_launch(
        &self,
        issued: &domain::accounts::launch::IssuedLaunch,
    ) -> Result<String, ApiError> {
        Ok(launches::issue(&self.platform, issued))
    }
}

/// The sandbox's account held for one change.
pub struct SandboxWriter<'a, P: Platform> {
    store: RefMut<'a, Store>,
    platform: &'a P,
}

impl<P: Platform> Writer for SandboxWriter<'_, P> {
    fn read<R>(&self, read: impl FnOnce(&IndexedAccount) -> R) -> R {
        read(&self.store.data)
    }

    fn stored(&self, key: &str) -> Result<Option<Stored>, ApiError> {
        Ok(self.store.stored(key))
    }

    fn commit(
        &mut self,
        effects: &[Effect],
        keep: Option<(&str, &Stored)>,
    ) -> Result<(), ApiError> {
        self.store.commit(effects, keep, self.platform);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
