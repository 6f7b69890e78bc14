//! Signing in: the request bodies and the checks the browser makes before sending them.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// Body of `POST /api/v1/auth/sign-in` and `POST /api/v1/auth/tokens`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// A bearer token for a host portal (`POST /api/v1/auth/tokens`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
