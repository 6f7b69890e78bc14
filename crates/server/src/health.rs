//! `/healthz` (the process answers) and `/readyz` (its database answers, with the schema this
//! version migrates to), for load balancers and orchestrators. Neither needs a session, and
//! neither says anything about an account.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::db;
use crate::state::AppState;

/// 200 while the process serves requests.
pub async fn live() -> Response {
    Json(json!({ "status": "ok" })).into_response()
}

/// 200 when the portal's database can be read and its schema is current; 503 otherwise.
pub async fn ready(State(state): State<AppState>) -> Response {
    match db::is_ready(&state.db()) {
        Ok(true) => Json(json!({ "status": "ready" })).into_response(),
        Ok(false) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "not ready", "reason": "the database schema is not current" })),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "readiness check could not read the database");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "not ready", "reason": "the database does not answer" })),
            )
                .into_response()
        }
    }
}
