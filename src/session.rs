//! The signed-in session, shared by context once loaded.

use domain::{Permission, Session};
use leptos::prelude::*;

/// The loaded session; set by the app shell before any page renders.
#[derive(Clone, Copy)]
pub struct SessionContext(pub RwSignal<Option<Session>>);

/// The current session. Pages render only after it loaded; while they are being taken down
/// after a sign-out, they keep seeing the last session.
pub fn use_session() -> Signal<Session> {
    let ctx = expect_context::<SessionContext>();
    let first = ctx
        .0
        .get_untracked()
        .expect("pages render after the session loads");
    Memo::new(move |last: Option<&Session>| {
        ctx.0
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
