//! Service status of a linked account: the eight services the accounts page reports, each
//! available, in error, unavailable or not reported. Both back ends simulate it with the same
//! function of the account and the 3-minute check window, so it changes between refreshes and
//! the sandbox and the server report alike.

use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// Status is checked (and the page refreshes it) every 3 minutes.
pub const REFRESH_SECS: u64 = 180;

/// The services whose status is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    InboundCalls,
    OutboundCalls,
    DeskPhones,
    DesktopApp,
    InboundFax,
    OutboundFax,
    InboundSms,
    OutboundSms,
}

impl Service {
    pub const ALL: [Service; 8] = [
        Self::InboundCalls,
        Self::OutboundCalls,
        Self::DeskPhones,
        Self::DesktopApp,
        Self::InboundFax,
        Self::OutboundFax,
        Self::InboundSms,
        Self::OutboundSms,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::InboundCalls => "Inbound Calls",
            Self::OutboundCalls => "Outbound Calls",
            Self::DeskPhones => "Desk Phones",
            Self::DesktopApp => "Desktop app",
            Self::InboundFax => "Inbound Fax",
            Self::OutboundFax => "Outbound Fax",
            Self::InboundSms => "Inbound SMS",
            Self::OutboundSms => "Outbound SMS",
        }
    }

    /// Why it would be in error.
    fn error_reason(self) -> &'static str {
        match self {
            Self::InboundCalls => "Some calls to the main number ring busy; about 1 in 20 fails.",
            Self::OutboundCalls => "Calls to some carriers take up to 10 seconds to connect.",
            Self::DeskPhones => "Some desk phones can't register; they retry every minute.",
            Self::DesktopApp => "Sign-in to the desktop app is slow for some users.",
            Self::InboundFax | Self::OutboundFax => "Faxes are delayed by up to 15 minutes.",
            Self::InboundSms | Self::OutboundSms => "Texts are delayed by up to 5 minutes.",
        }
    }
}

/// Green, yellow, red or grey on the page (with a text label and an icon as well).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum ServiceState {
    Available,
    Error,
    Unavailable,
    NotReported,
}

impl ServiceState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Available => "Available",
            Self::Error => "Error",
            Self::Unavailable => "Unavailable",
            Self::NotReported => "Not reported",
        }
    }

    /// The icon shown beside the label.
    pub fn icon(self) -> &'static str {
        match self {
            Self::Available => "✓",
            Self::Error => "!",
            Self::Unavailable => "✕",
            Self::NotReported => "?",
        }
    }

    pub fn slug(self) -> &'static str {
        self.into()
    }
}

/// One service's status with its details; `reason` says what is wrong when it is abnormal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ServiceStatus {
    pub service: Service,
    pub state: ServiceState,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The start of the check window holding `now_unix`.
pub(crate) fn checked_at(now_unix: u64) -> u64 {
    now_unix - now_unix % REFRESH_SECS
}

/// The status of every service of `account_id` as of the check before `now_unix`: mostly
/// available, now and then in error, unavailable or not reported.
pub fn service_status(account_id: &str, now_unix: u64) -> Vec<ServiceStatus> {
    let window = now_unix / REFRESH_SECS;
    let seed = account_id.bytes().fold(0xACC0_u64, |h, b| {
        h.wrapping_mul(31).wrapping_add(u64::from(b))
    });
    Service::ALL
        .iter()
        .enumerate()
        .map(|(i, &service)| {
            let mut rng = Rng::new(seed ^ window.wrapping_mul(0x9E37) ^ (i as u64) << 48);
            let state = match rng.below(100) {
                0..=79 => ServiceState::Available,
                80..=89 => ServiceState::Error,
                90..=94 => ServiceState::Unavailable,
                _ => ServiceState::NotReported,
            };
            let (detail, reason) = match state {
                ServiceState::Available => ("Working normally.".to_owned(), None),
                ServiceState::Error => (
                    "Working, with errors.".to_owned(),
                    Some(service.error_reason().to_owned()),
                ),
                ServiceState::Unavailable => (
                    "Not working.".to_owned(),
                    Some(format!(
                        "{} is down for this account; engineers are restoring it.",
                        service.label()
                    )),
                ),
                ServiceState::NotReported => {
                    ("No status was reported at the last check.".to_owned(), None)
                }
            };
            ServiceStatus {
                service,
                state,
                detail,
                reason,
            }
        })
        .collect()
}
