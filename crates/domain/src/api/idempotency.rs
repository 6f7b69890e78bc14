//! Retrying a change safely: the first reply to an idempotency key is kept with a fingerprint of
//! the request; a retry of the same request gets that reply again (and acts once), while the same
//! key on a different request is refused with 422.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::request::{Reply, Request};
use crate::error::ApiError;

/// The longest `Idempotency-Key` accepted.
pub const MAX_KEY_LEN: usize = 255;
/// How long a reply is kept for retries of the same change.
pub const KEEP_REPLIES_SECS: u64 = 24 * 60 * 60;

/// A reply as kept under its idempotency key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    pub fingerprint: String,
    pub reply: Reply,
    /// Unix seconds.
    pub created_at: u64,
}

impl Stored {
    /// Whether it is too old to answer a retry at `now` (the key can be used afresh).
    pub fn expired(&self, now: u64) -> bool {
        self.created_at + KEEP_REPLIES_SECS <= now
    }
}

/// What ties a key to one request: hex SHA-256 of its method, path, `If-Match` and body.
pub fn fingerprint(request: &Request) -> String {
    let mut hash = Sha256::new();
    hash.update(request.method.to_ascii_uppercase().as_bytes());
    hash.update(b" ");
    hash.update(request.path.as_bytes());
    hash.update(b"\nIf-Match: ");
    hash.update(request.if_match.as_deref().unwrap_or_default().as_bytes());
    hash.update(b"\n");
    hash.update(&request.body);
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The answer to a retry whose key has `stored` against it: the first reply again, or 422 when
/// the key was used for a different request.
pub fn replay(stored: Stored, fingerprint: &str) -> Result<Reply, ApiError> {
    if stored.fingerprint != fingerprint {
        return Err(ApiError::new(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different change. Use a new key for a new change.",
        ));
    }
    Ok(Reply {
        replayed: true,
        ..stored.reply
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_gets_the_first_reply_and_another_request_is_refused() {
        let stored = Stored {
            fingerprint: "abc".into(),
            reply: Reply::json(201, &7),
            created_at: 100,
        };
        let again = replay(stored.clone(), "abc").unwrap();
        assert_eq!(
            (again.status, again.body.as_str(), again.replayed),
            (201, "7", true)
        );
        assert_eq!(replay(stored.clone(), "xyz").unwrap_err().status, 422);
        assert!(!stored.expired(100 + KEEP_REPLIES_SECS - 1));
        assert!(stored.expired(100 + KEEP_REPLIES_SECS));
    }
}
