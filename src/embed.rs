//! Embedded in an iframe of a host portal: the host signs the admin in itself and hands the
//! session token over with `postMessage`. The app says it is ready to every allowed origin
//! (`{"type": "switchboard:ready"}`; the browser delivers it only to a parent of that origin)
//! and takes the first `{"type": "switchboard:token", "token": "…"}` that comes from its parent
//! window with an origin on the allow-list (`parentOrigins`). Anything else is ignored, with a
//! console warning.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Window};

/// Why `origin` can't be on the allow-list, if it can't: it must be exactly
/// `scheme://host[:port]`, as `MessageEvent.origin` reports it.
pub fn origin_problem(origin: &str) -> Option<String> {
    let ok = ["https://", "http://"].iter().any(|scheme| {
        origin.strip_prefix(scheme).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
    });
    (!ok).then(|| {
        format!("parentOrigins: \"{origin}\" is not an origin like https://portal.example (no path, no wildcard); it is ignored.")
    })
}

/// The token in a hand-over message, if `data` is one.
fn token_of(data: &JsValue) -> Option<String> {
    let get = |key: &str| js_sys::Reflect::get(data, &key.into()).ok()?.as_string();
    (get("type")? == "switchboard:token")
        .then(|| get("token"))
        .flatten()
        .filter(|t| !t.trim().is_empty())
}

/// Whether this page runs in a frame of another page.
pub fn in_frame(window: &Window) -> bool {
    window
        .parent()
        .ok()
        .flatten()
        .is_some_and(|parent| !js_sys::Object::is(&parent, window))
}

/// Waits for the parent's hand-over, then calls `signed_in` with the token (once). Says it is
/// ready to each of `origins` now.
pub fn await_token(
    window: &Window,
    origins: Vec<String>,
    signed_in: impl FnOnce(String) + 'static,
) {
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    let signed_in = Rc::new(RefCell::new(Some(signed_in)));
    let allowed = origins.clone();
    let from = parent.clone();
    let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let origin = event.origin();
        let from_parent = event
            .source()
            .is_some_and(|source| js_sys::Object::is(&source, &from));
        if !allowed.contains(&origin) || !from_parent {
            web_sys::console::warn_1(
                &format!("Switchboard ignored a message from {origin}: only the parent window at an allowed origin ({}) can hand over the session.", allowed.join(", ")).into(),
            );
            return;
        }
        if let Some(token) = token_of(&event.data()) {
            if let Some(callback) = signed_in.borrow_mut().take() {
                callback(token);
            }
        }
    });
    let _ = window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page: a later message finds no callback and is dropped.
    listener.forget();
    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &"type".into(), &"switchboard:ready".into());
    for origin in &origins {
        let _ = parent.post_message(&ready, origin);
    }
}
