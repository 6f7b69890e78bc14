//! Fault injection for the sandbox: fail the next N requests with a status, or go offline.

use domain::ApiError;

/// What the sandbox should do wrong, set from the sandbox tools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// How many of the next requests fail.
    pub fail_next: u32,
    /// The HTTP status they fail with.
    pub fail_status: u16,
    /// Every request fails as if the network were down.
    pub offline: bool,
}

impl Faults {
    /// Consumes one injected failure for the request about to run, if any.
    pub fn take(&mut self) -> Option<ApiError> {
        if self.offline {
            return Some(ApiError::network(
                "Can't reach the server. Check your connection and try again.",
            ));
        }
        if self.fail_next > 0 {
            self.fail_next -= 1;
            return Some(ApiError::from_status(self.fail_status));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::Faults;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn fails_exactly_the_next_n_requests() {
        let mut f = Faults {
            fail_next: 2,
            fail_status: 503,
            offline: false,
        };
        assert_eq!(f.take().map(|e| e.status), Some(503));
        assert_eq!(f.take().map(|e| e.status), Some(503));
        assert_eq!(f.take(), None);
        f.offline = true;
        assert_eq!(f.take().map(|e| e.code), Some("network_error".to_owned()));
    }
}
