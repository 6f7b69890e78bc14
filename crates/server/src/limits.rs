//! Rate limits (with the maintained `tower_governor`): each client address, and each signed-in
//! session, may make `per_second` requests a second in bursts of five times that; sign-in and
//! token requests, a tenth of it. Past a limit the answer is 429 in the one error shape with
//! `Retry-After`. Off (`--rate-limit 0`) for load tests on loopback.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::response::{IntoResponse, Response};
use axum::Router;
use domain::ApiError;
use tower_governor::errors::GovernorError;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::GovernorLayer;

use crate::failure::Failure;
use crate::secrets::digest;
use crate::state::AppState;
use crate::tokens::{bearer, session_cookies};

/// Requests a second each client and each session may make unless told otherwise.
pub const DEFAULT_PER_SECOND: u32 = 100;

/// Who a request counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Counted {
    /// The address it came from.
    Client,
    /// The session it carries (cookie or bearer token); its address when it carries none.
    Session,
}

#[derive(Clone, Debug)]
struct Key(Counted);

impl KeyExtractor for Key {
    type Key = String;

    fn extract<T>(&self, request: &Request<T>) -> Result<String, GovernorError> {
        let address = || {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
        };
        Ok(match self.0 {
            Counted::Client => address(),
            Counted::Session => session_secret(request)
                .map(|secret| digest(&secret))
                .unwrap_or_else(address),
        })
    }
}

/// The bearer token, or the value of the first session cookie by name, of a request.
fn session_secret<T>(request: &Request<T>) -> Option<String> {
    let headers = request.headers();
    bearer(headers).or_else(|| session_cookies(headers).into_iter().next().map(|(_, v)| v))
}

/// `router` with a limit of `per_second` requests (bursts of five times that) per `counted`.
fn limit(router: Router<AppState>, counted: Counted, per_second: u32) -> Router<AppState> {
    let per_second = per_second.max(1);
    let config = GovernorConfigBuilder::default()
        .per_nanosecond(1_000_000_000 / u64::from(per_second))
        .burst_size(per_second.saturating_mul(5))
        .key_extractor(Key(counted))
        .finish()
        .expect("a positive period and burst");
    let config = Arc::new(config);
    // Forget clients and sessions that have gone quiet, once a minute, while the server lives.
    let limiter = Arc::downgrade(config.limiter());
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(60));
        match limiter.upgrade() {
            Some(limiter) => limiter.retain_recent(),
            None => break,
        }
    });
    router.layer(GovernorLayer::new(config).error_handler(too_many))
}

/// The API (`api`, and `sign_in`, its sign-in and token routes) with every limit; merged
/// unlimited when `per_second` is 0.
pub fn api(api: Router<AppState>, sign_in: Router<AppState>, per_second: u32) -> Router<AppState> {
    if per_second == 0 {
        return api.merge(sign_in);
    }
    let sign_in = limit(sign_in, Counted::Client, (per_second / 10).max(1));
    let both = api.merge(sign_in);
    let both = limit(both, Counted::Session, per_second);
    limit(both, Counted::Client, per_second)
}

fn too_many(error: GovernorError) -> Response {
    let wait = match &error {
        GovernorError::TooManyRequests { wait_time, .. } => (*wait_time).max(1),
        _ => 1,
    };
    Failure(
        ApiError::new(
            429,
            "rate_limited",
            format!(
                "Too many requests at once. Wait {wait} second{} and try again.",
                if wait == 1 { "" } else { "s" }
            ),
        )
        .retry_after(wait),
    )
    .into_response()
}
