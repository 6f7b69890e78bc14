//! What the account is charged: every price the rules quote, in one place (phones are priced
//! by the catalog they are bought from).

use crate::inventory::LicenseKind;

/// Monthly price of a new phone number.
pub const PRICE_NEW_NUMBER_MONTHLY_CENTS: u64 = 499;

/// Monthly price of a license bought with new users.
pub fn license_monthly_cents(kind: LicenseKind) -> u64 {
    match kind {
        LicenseKind::Office => 2999,
        LicenseKind::VideoProPlus => 1499,
        LicenseKind::LargeMeetings => 1000,
        LicenseKind::LiveReports => 1500,
        LicenseKind::PushToTalk => 500,
    }
}
