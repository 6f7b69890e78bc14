//! The signed-in session: one context the shell provides and every page reads.

use domain::{Permission, Session};
use leptos::prelude::*;

/// The session and its lifecycle: the loaded session, whether a live server said it ended,
/// the request to load it again, and who owns signing in and out.
#[derive(Clone, Copy)]
pub struct SessionState {
    current: RwSignal<Option<Session>>,
    ended: RwSignal<bool>,
    reload: Trigger,
    own: bool,
}

impl SessionState {
    /// A state with no session yet. `own`: whether the console signs the admin in and out
    /// itself (live mode without a host portal's token); a host that hands over a token owns
    /// the session.
    pub fn new(own: bool) -> Self {
        Self {
            current: RwSignal::new(None),
            ended: RwSignal::new(false),
            reload: Trigger::new(),
            own,
        }
    }

    /// The state provided by the shell.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// Whether the console signs the admin in and out itself.
    pub fn own(self) -> bool {
        self.own
    }

    /// Whether a session is loaded (tracked).
    pub fn is_loaded(self) -> bool {
        self.current.with(Option::is_some)
    }

    /// Whether a session is loaded, without subscribing.
    pub fn is_loaded_untracked(self) -> bool {
        self.current.with_untracked(Option::is_some)
    }

    /// The signed-in admin's email, for signing in again.
    pub fn email(self) -> String {
        self.current.with_untracked(|s| {
            s.as_ref()
                .map(|s| s.admin.email.clone())
                .unwrap_or_default()
        })
    }

    /// Takes a session that loaded or was signed in to; it is no longer ended.
    pub fn signed_in(self, session: Session) {
        self.current.set(Some(session));
        self.ended.set(false);
    }

    /// The server answered 401: nobody is signed in, or the session ended.
    pub fn end(self) {
        self.ended.set(true);
    }

    /// The admin signed out: the session is gone and the sign-in page shows.
    pub fn sign_out(self) {
        self.ended.set(true);
        self.current.set(None);
    }

    /// The admin closed the sign-in dialog without signing in again.
    pub fn dismiss_ended(self) {
        self.ended.set(false);
    }

    /// Whether the server said the session ended (tracked).
    pub fn is_ended(self) -> bool {
        self.ended.get()
    }

    /// Asks the session to load again (Retry, or after a persona switch).
    pub fn reload(self) {
        self.reload.notify();
    }

    /// Subscribes the caller to [`Self::reload`].
    pub fn track_reload(self) {
        self.reload.track();
    }
}

/// The current session. Pages render only after it loaded; while they are being taken down
/// after a sign-out, they keep seeing the last session.
pub fn use_session() -> Signal<Session> {
    let state = SessionState::expect();
    let first = state
        .current
        .get_untracked()
        .expect("pages render after the session loads");
    Memo::new(move |last: Option<&Session>| {
        state
            .current
            .get()
            .or_else(|| last.cloned())
            .unwrap_or_else(|| first.clone())
    })
    .into()
}

/// Whether the admin may do something, and if not, the sentence that says why.
pub fn permission_gate(permission: Permission) -> Signal<Result<(), String>> {
    let session = use_session();
    Signal::derive(move || {
        session
            .get()
            .role
            .require(permission)
            .map_err(|refused| refused.message)
    })
}
