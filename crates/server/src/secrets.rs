//! Secrets and their digests: random tokens, and the SHA-256 that is all the database keeps of
//! them.

use base64::Engine;
use sha2::{Digest, Sha256};

/// 32 random bytes, URL-safe base64.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Hex SHA-256, for storing secrets and fingerprinting requests.
pub fn digest(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
