//! A request as both back ends receive it, whatever carried it (HTTP, or a call inside the
//! browser), and the successful reply they give.

use serde::{Deserialize, Serialize};

/// An incoming API request, transport aside. Serialised (with its body as text) where it
/// crosses to the sandbox's worker.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    /// `GET`, `POST`, … as sent.
    pub method: String,
    /// The path under `/api/v1`, e.g. `/users/7`.
    pub path: String,
    /// The query string's pairs, decoded.
    pub query: Vec<(String, String)>,
    /// The `Content-Type` header (an empty string when it is not valid text).
    pub content_type: Option<String>,
    /// The `If-Match` header, as sent.
    pub if_match: Option<String>,
    /// The `Idempotency-Key` header, as sent.
    pub idempotency_key: Option<String>,
    #[serde(with = "text_body")]
    pub body: Vec<u8>,
}

/// A body as text on the wire between page and worker (the page only ever sends JSON text).
mod text_body {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(body: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&String::from_utf8_lossy(body))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        String::deserialize(d).map(String::into_bytes)
    }
}

impl Request {
    /// A request of `method` to `path` (under `/api/v1`) with nothing else.
    pub fn new(method: &str, path: &str) -> Self {
        Self {
            method: method.to_owned(),
            path: path.to_owned(),
            ..Self::default()
        }
    }

    /// The query's pairs as `&str`s.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// A successful answer: its status, its JSON body, and the version of the record it shows
/// (sent as `ETag`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Reply {
    pub status: u16,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// Whether this is the stored answer to an earlier try of the same change
    /// (`Idempotent-Replayed: true`).
    #[serde(default)]
    pub replayed: bool,
}

impl Reply {
    /// `value` as JSON with `status`.
    pub fn json(status: u16, value: &impl Serialize) -> Self {
        Self {
            status,
            body: serde_json::to_string(value).expect("API bodies are plain data"),
            version: None,
            replayed: false,
        }
    }

    /// An answer with no body (204).
    pub fn empty() -> Self {
        Self {
            status: 204,
            body: String::new(),
            version: None,
            replayed: false,
        }
    }

    /// The same answer, showing the record at `version`.
    pub fn with_version(mut self, version: u32) -> Self {
        self.version = Some(version);
        self
    }
}
