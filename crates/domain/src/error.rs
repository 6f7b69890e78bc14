//! The one error shape every API implementation returns (sandbox, reference server, host portal).

use serde::{Deserialize, Serialize};

/// A problem with one input field, keyed by the field's name in the request (`"email"`,
/// `"rows[3].extension"`, `"sort"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// An error response body: HTTP status, a stable machine-readable code, a sentence for the
/// admin, and the per-field errors when the request was invalid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_errors: Vec<FieldError>,
    /// When to try again, in seconds (rate limits and lockouts; also sent as `Retry-After`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
}

impl ApiError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
            field_errors: Vec::new(),
            retry_after_secs: None,
        }
    }

    /// The same error, saying when to try again.
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    /// 400 with the given field errors.
    pub fn validation(field_errors: Vec<FieldError>) -> Self {
        let message = match field_errors.as_slice() {
            [one] => one.message.clone(),
            many => format!("{} fields need attention.", many.len()),
        };
        Self {
            status: 400,
            code: "validation_failed".into(),
            message,
            field_errors,
            retry_after_secs: None,
        }
    }

    /// 428: an edit that doesn't say which version it changes.
    pub fn version_required() -> Self {
        Self::new(
            428,
            "version_required",
            "Edits must say which version they change (If-Match).",
        )
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(403, "forbidden", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, "not_found", message)
    }

    /// The request never reached a server (offline, DNS, connection refused).
    pub fn network(message: impl Into<String>) -> Self {
        Self::new(0, "network_error", message)
    }

    /// The canonical body for a bare HTTP status, used when a server sends no JSON body and by
    /// the sandbox's fault injection.
    pub fn from_status(status: u16) -> Self {
        let (code, message) = match status {
            400 => ("bad_request", "The request was not accepted."),
            401 => ("unauthenticated", "Your session has ended. Sign in again."),
            403 => ("forbidden", "Your role does not allow this."),
            404 => ("not_found", "That item no longer exists."),
            409 => (
                "conflict",
                "Someone else changed this first. Reload to see the latest.",
            ),
            412 => (
                "stale_version",
                "This was changed since you opened it. Reload to see the latest.",
            ),
            429 => (
                "rate_limited",
                "Too many requests. Wait a moment and try again.",
            ),
            500 => ("internal", "The server hit an error. Try again."),
            502..=504 => (
                "unavailable",
                "The service is unavailable right now. Try again shortly.",
            ),
            _ => ("http_error", "The request failed."),
        };
        Self::new(status, code, message)
    }

    /// The message for a given field, if the request had one.
    pub fn field(&self, field: &str) -> Option<&str> {
        self.field_errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// True when retrying the same request may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(self.status, 0 | 408 | 429 | 500..=599)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_uses_camel_case_and_omits_empty_field_errors() {
        let plain = serde_json::to_string(&ApiError::from_status(500)).unwrap();
        assert_eq!(
            plain,
            r#"{"status":500,"code":"internal","message":"The server hit an error. Try again."}"#
        );
        let invalid = ApiError::validation(vec![FieldError::new("sort", "Unknown sort column.")]);
        let json = serde_json::to_value(&invalid).unwrap();
        assert_eq!(json["fieldErrors"][0]["field"], "sort");
        assert_eq!(json["message"], "Unknown sort column.");
    }

    #[test]
    fn only_transient_failures_are_retryable() {
        assert!(ApiError::from_status(503).is_retryable());
        assert!(ApiError::network("offline").is_retryable());
        assert!(!ApiError::from_status(403).is_retryable());
        assert!(!ApiError::validation(vec![]).is_retryable());
    }
}
