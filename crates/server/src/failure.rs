//! Turning errors into the API's one error shape (`domain::ApiError`) on the wire.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::ApiError;

/// An error response: the domain's [`ApiError`], sent with its status.
#[derive(Debug)]
pub struct Failure(pub ApiError);

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Self {
        Self(error)
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "database error");
        Self(ApiError::new(
            500,
            "internal",
            "The server could not read or write its database. Try again; nothing was changed.",
        ))
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(&self.0)).into_response();
        if let Some(secs) = self.0.retry_after_secs {
            response
                .headers_mut()
                .insert("Retry-After", HeaderValue::from(secs));
        }
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert("WWW-Authenticate", HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// 400 for a body that is not the JSON the endpoint expects.
pub fn bad_body(error: impl std::fmt::Display) -> Failure {
    Failure(ApiError::new(
        400,
        "bad_request",
        format!("The request body is not valid: {error}."),
    ))
}

/// Parses a JSON request body into `T`, or explains why it can't.
pub fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Failure> {
    serde_json::from_slice(body).map_err(bad_body)
}
