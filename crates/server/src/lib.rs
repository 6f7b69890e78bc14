//! Switchboard's reference API server: the same API the in-browser sandbox implements, over
//! SQLite, deciding with the domain crate's planners, and serving the built SPA in live mode.

pub mod auth;
pub mod db;
pub mod failure;
pub mod jobs;
pub mod launch;
pub mod routes;
pub mod spa;
pub mod state;
pub mod tenant;
pub mod writes;

use axum::http::{header, HeaderValue};
use axum::middleware::map_response;
use axum::response::Response;
use axum::Router;
use tower_http::compression::{CompressionLayer, CompressionLevel};

pub use state::{AppState, Settings};

/// The password of every seeded demo admin (see the README).
pub use domain::seed::DEMO_PASSWORD;

/// The whole server: the API under `/api/v1`, the SPA everywhere else.
pub fn app(state: AppState) -> Router {
    let api = routes::api()
        .layer(map_response(no_store))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest));
    Router::new()
        .nest("/api/v1", api)
        .fallback(spa::serve)
        .layer(map_response(security_headers))
        .with_state(state)
}

/// API answers are personal and live: never cached.
async fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}
