//! Switchboard's reference API server: the same API the in-browser sandbox implements, over
//! SQLite, deciding with the domain crate's planners, and serving the built SPA in live mode.

pub mod auth;
pub mod backend;
pub mod clock;
pub mod db;
pub mod failure;
pub mod health;
pub mod jobs;
pub mod limits;
pub mod operator;
pub mod passwords;
pub mod routes;
pub mod secrets;
pub mod serve;
pub mod session_calls;
pub mod sessions;
pub mod spa;
pub mod state;
pub mod tokens;

use std::any::Any;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::map_response;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use domain::ApiError;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::failure::Failure;

pub use state::{AppState, OpenError, Seeding, Settings};

/// The password of every seeded demo admin (see the README).
pub use domain::seed::DEMO_PASSWORD;

/// The longest a request may take before it is answered 408 (nothing it did is kept half-done:
/// every change commits in one transaction).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest request body accepted (a bulk file of 10,000 rows is well under it); larger ones
/// get 413.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// The whole server: the API under `/api/v1` and health checks over the account's state, the
/// SPA (a router with only the built app as its state) everywhere else.
pub fn app(state: AppState, spa: spa::Served) -> Router {
    let api = routes::api(state.settings().rate_limit)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // API answers are personal and live: never cached.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest));
    operated(
        Router::new()
            .route("/healthz", get(health::live))
            .route("/readyz", get(health::ready))
            .nest("/api/v1", api)
            .fallback_service(Router::new().fallback(spa::serve).with_state(spa))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("same-origin"),
            ))
            .with_state(state),
    )
}

/// What every answer gets, whichever route it takes: a request id (`X-Request-Id`, the caller's
/// own when it sends one) on the response and on every log line of the request, a log line when
/// it is answered, a time limit, and for a handler that panics a 500 in the one error shape
/// while the server goes on serving.
pub fn operated(router: Router) -> Router {
    router
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(map_response(in_error_shape))
        .layer(CatchPanicLayer::custom(panicked))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    // The path only: query strings may hold what admins searched for.
                    tracing::info_span!("request", id, method = %request.method(), path = request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

fn panicked(_: Box<dyn Any + Send>) -> Response {
    tracing::error!("a request handler panicked; the server goes on");
    Failure(ApiError::new(
        500,
        "internal",
        "The server failed while answering. Try again; nothing was changed.",
    ))
    .into_response()
}

/// The refusals the framework answers itself (a body over the limit, a request over time) in
/// the API's one error shape.
async fn in_error_shape(response: Response) -> Response {
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let error = match response.status() {
        _ if is_json => return response,
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            413,
            "payload_too_large",
            format!(
                "The request is larger than the {} MB the server accepts. Send fewer rows at a time.",
                MAX_BODY_BYTES / (1024 * 1024)
            ),
        ),
        StatusCode::REQUEST_TIMEOUT => ApiError::new(
            408,
            "request_timeout",
            "The server took too long to answer. Try again; a change is made whole or not at all.",
        ),
        _ => return response,
    };
    Failure(error).into_response()
}
