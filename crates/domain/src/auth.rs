//! Signing in: the request bodies and the checks the browser makes before sending them.

use serde::{Deserialize, Serialize};

use crate::error::{ApiError, FieldError};

/// How long a bearer token lasts.
pub const TOKEN_TTL_SECS: u64 = 8 * 60 * 60;

/// 401 for an email and password that don't match an admin (the same for an unknown email, so
/// emails can't be probed).
pub fn wrong_credentials() -> ApiError {
    ApiError::new(
        401,
        "invalid_credentials",
        "That email and password don't match an admin of this account.",
    )
}

/// Body of `POST /api/v1/auth/sign-in` and `POST /api/v1/auth/tokens`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, rename_all = "camelCase")]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl Credentials {
    /// What is missing, per field, before the request is worth sending.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let email = self.email.trim();
        if email.is_empty() {
            errors.push(FieldError::new("email", "Enter your email address."));
        } else if !looks_like_email(email) {
            errors.push(FieldError::new(
                "email",
                "Enter an email address like name@example.com.",
            ));
        }
        if self.password.is_empty() {
            errors.push(FieldError::new("password", "Enter your password."));
        }
        errors
    }
}

/// The shortest password an operator may give a new admin.
pub const MIN_NEW_PASSWORD_CHARS: usize = 12;

/// What is wrong, per field, with a new admin's email, name and password.
pub fn new_admin_problems(email: &str, name: &str, password: &str) -> Vec<FieldError> {
    let mut errors = Credentials {
        email: email.into(),
        password: password.into(),
    }
    .problems();
    if name.trim().is_empty() {
        errors.push(FieldError::new("name", "Enter the admin's name."));
    }
    let chars = password.chars().count();
    if chars > 0 && chars < MIN_NEW_PASSWORD_CHARS {
        errors.push(FieldError::new(
            "password",
            format!("Use a password of at least {MIN_NEW_PASSWORD_CHARS} characters."),
        ));
    }
    errors
}

/// A bearer token for a host portal (`POST /api/v1/auth/tokens`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TokenGrant {
    pub token: String,
    /// Always `"Bearer"`.
    pub token_type: String,
    /// Seconds since the Unix epoch.
    pub expires_at: u64,
}

/// One `@`, something before it, and a dotted domain after it, without spaces.
pub fn looks_like_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_admin_needs_an_email_a_name_and_a_long_password() {
        let fields = |email, name, password| -> Vec<String> {
            new_admin_problems(email, name, password)
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert!(fields("ops@example.com", "Ops", "a long enough secret").is_empty());
        assert_eq!(fields("ops", " ", "short"), ["email", "name", "password"]);
        assert_eq!(fields("ops@example.com", "Ops", ""), ["password"]);
    }

    fn creds(email: &str, password: &str) -> Credentials {
        Credentials {
            email: email.into(),
            password: password.into(),
        }
    }

    #[test]
    fn missing_and_malformed_fields_are_named() {
        let fields =
            |c: Credentials| -> Vec<String> { c.problems().into_iter().map(|e| e.field).collect() };
        assert_eq!(fields(creds("", "")), ["email", "password"]);
        assert_eq!(fields(creds("dana", "x")), ["email"]);
        assert!(fields(creds(" dana@northwind.example ", "x")).is_empty());
    }

    #[test]
    fn email_shape() {
        for ok in ["a@b.co", "first.last+tag@sub.example.org"] {
            assert!(looks_like_email(ok), "{ok}");
        }
        for bad in ["a@b", "@b.co", "a@.co", "a@b.", "a b@c.co", "a@b@c.co"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
