//! The API's one contract: the table of endpoints ([`Endpoint`]), how a request is read into a
//! typed call ([`Route::parse`]), and how every call is decided ([`decide`]), including retries
//! (idempotency keys) and version checks. The sandbox and the reference server both answer with
//! this; they differ only in what they keep and how requests reach them.

mod call;
mod decide;
mod endpoints;
mod idempotency;
#[cfg(feature = "openapi")]
pub mod openapi;
mod request;
#[cfg(feature = "openapi")]
mod schema;

pub use call::{ApiCall, Call, SessionCall, Write};
pub use decide::{decide, Backend, Caller, Writer};
pub use endpoints::{route, Access, Body, Endpoint, Method, Route, API_ROOT};
pub use idempotency::{fingerprint, replay, Stored, KEEP_REPLIES_SECS, MAX_KEY_LEN};
pub use request::{Reply, Request};
