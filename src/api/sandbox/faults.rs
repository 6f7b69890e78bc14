//! Fault injection for the sandbox: fail the next N requests (with an error status, a dropped
//! connection, a lost answer or no answer in time), or go offline. Kept in the tab's
//! sessionStorage, so faults last across a reload (the API down at load) and a test can set
//! them while a dialog is open: `{"failNext": 1, "failWith": "timeout", "offline": false}` under
//! [`STORAGE_KEY`].

use domain::ApiError;
use serde::{Deserialize, Serialize};

/// Where the tab keeps its faults.
pub const STORAGE_KEY: &str = "switchboard.sandbox.faults";

/// How an injected failure fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum FailWith {
    /// An error answer with this HTTP status; a 429 says to retry after [`RETRY_AFTER_SECS`].
    Status(u16),
    /// The connection drops before the request arrives: nothing is applied.
    Dropped,
    /// The change is applied, then the connection drops before its answer arrives.
    AnswerLost,
    /// The change is applied but its answer comes only after the app stopped waiting.
    NoAnswer,
}

impl Default for FailWith {
    fn default() -> Self {
        Self::Status(500)
    }
}

/// The wait an injected 429 asks for.
pub const RETRY_AFTER_SECS: u64 = 2;

impl FailWith {
    /// The sandbox tools' choices, as `(value, label)`.
    pub const CHOICES: [(&'static str, &'static str); 10] = [
        ("500", "500 Internal error"),
        ("503", "503 Unavailable"),
        ("429", "429 Too many requests (retry after 2 s)"),
        ("409", "409 Conflict"),
        ("412", "412 Changed by someone else"),
        ("404", "404 Not found"),
        ("403", "403 Forbidden"),
        ("dropped", "Connection dropped before the server"),
        ("lost", "Answer lost after the change is applied"),
        ("timeout", "No answer in time (the request times out)"),
    ];

    /// The choice with `value` (see [`FailWith::CHOICES`]).
    pub fn from_value(value: &str) -> Option<Self> {
        match value {
            "dropped" => Some(Self::Dropped),
            "lost" => Some(Self::AnswerLost),
            "timeout" => Some(Self::NoAnswer),
            status => status.parse().ok().map(Self::Status),
        }
    }

    /// This choice's value in [`FailWith::CHOICES`].
    pub fn value(self) -> String {
        match self {
            Self::Status(status) => status.to_string(),
            Self::Dropped => "dropped".into(),
            Self::AnswerLost => "lost".into(),
            Self::NoAnswer => "timeout".into(),
        }
    }

    /// The error the app gets for a status failure.
    pub fn status_error(status: u16) -> ApiError {
        let error = ApiError::from_status(status);
        if status == 429 {
            error.retry_after(RETRY_AFTER_SECS)
        } else {
            error
        }
    }
}

impl From<FailWith> for String {
    fn from(how: FailWith) -> Self {
        how.value()
    }
}

impl TryFrom<String> for FailWith {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        Self::from_value(&value).ok_or_else(|| format!("unknown failure \"{value}\""))
    }
}

/// What the sandbox should do wrong, set from the sandbox tools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Faults {
    /// How many of the next requests fail.
    pub fail_next: u32,
    /// How they fail.
    pub fail_with: FailWith,
    /// Every request fails as if the network were down.
    pub offline: bool,
}

impl Faults {
    /// The tab's faults (none when unset or unreadable).
    pub fn load() -> Self {
        crate::storage::session()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    /// Keeps these faults for the tab.
    pub fn save(&self) {
        if let (Some(storage), Ok(json)) = (crate::storage::session(), serde_json::to_string(self))
        {
            let _ = storage.set_item(STORAGE_KEY, &json);
        }
    }

    /// Consumes one injected failure for the request about to run, if any.
    pub fn take(&mut self) -> Option<FailWith> {
        if self.offline {
            return Some(FailWith::Dropped);
        }
        if self.fail_next > 0 {
            self.fail_next -= 1;
            return Some(self.fail_with);
        }
        None
    }
}

/// The error of a request that never reached the server or whose answer was lost.
pub fn unreachable() -> ApiError {
    ApiError::network("Can't reach the server. Check your connection and try again.")
}

#[cfg(test)]
mod tests {
    use super::{FailWith, Faults};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn fails_exactly_the_next_n_requests() {
        let mut f = Faults {
            fail_next: 2,
            fail_with: FailWith::Status(503),
            offline: false,
        };
        assert_eq!(f.take(), Some(FailWith::Status(503)));
        assert_eq!(f.take(), Some(FailWith::Status(503)));
        assert_eq!(f.take(), None);
        f.offline = true;
        assert_eq!(f.take(), Some(FailWith::Dropped));
    }

    #[wasm_bindgen_test]
    fn every_choice_reads_back_and_a_429_says_when_to_retry() {
        for (value, _) in FailWith::CHOICES {
            assert_eq!(FailWith::from_value(value).unwrap().value(), value);
        }
        assert_eq!(FailWith::status_error(429).retry_after_secs, Some(2));
        assert_eq!(FailWith::status_error(500).retry_after_secs, None);
    }

    #[wasm_bindgen_test]
    fn faults_are_read_as_tests_write_them() {
        let f: Faults =
            serde_json::from_str(r#"{"failNext": 1, "failWith": "timeout", "offline": false}"#)
                .unwrap();
        assert_eq!((f.fail_next, f.fail_with), (1, FailWith::NoAnswer));
        let round: Faults = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(round, f);
        assert_eq!(
            serde_json::from_str::<Faults>(r#"{"failNext": 2, "failWith": "429"}"#)
                .unwrap()
                .fail_with,
            FailWith::Status(429)
        );
    }
}
