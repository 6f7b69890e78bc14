//! What the licenses form knows of inventory: the spares of each license the user could get,
//! their prices, and whether this role may buy one when none is spare.

use domain::inventory::LicenseKind;
use domain::licenses::Offer;

use crate::format::money;

/// The licenses the user could be given, and whether this role may buy one when none is spare.
#[derive(Clone)]
pub(super) struct Stock {
    pub(super) offers: Vec<Offer>,
    pub(super) may_buy: bool,
}

impl Stock {
    /// How many licenses of `kind` are in inventory (0 when it is not offered).
    pub(super) fn available(&self, kind: LicenseKind) -> u32 {
        self.offers
            .iter()
            .find(|o| o.kind == kind)
            .map_or(0, |o| o.available)
    }

    /// The note for a license none of is in inventory: its price, or who can buy one.
    pub(super) fn none_spare(&self, kind: LicenseKind) -> String {
        let cents = self
            .offers
            .iter()
            .find(|o| o.kind == kind)
            .map_or(0, |o| o.monthly_cents);
        if self.may_buy {
            format!("none in inventory: buy one for {}/month", money(cents))
        } else {
            "none in inventory: a billing admin can buy one".to_owned()
        }
    }

    /// Of the `chosen` licenses the user does not hold, those no spare covers, with their monthly
    /// prices.
    pub(super) fn to_buy(
        &self,
        chosen: impl Iterator<Item = LicenseKind>,
        held: &[LicenseKind],
    ) -> Vec<(LicenseKind, u64)> {
        chosen
            .filter(|k| !held.contains(k))
            .filter_map(|k| {
                self.offers
                    .iter()
                    .find(|o| o.kind == k && o.available == 0)
                    .map(|o| (k, o.monthly_cents))
            })
            .collect()
    }
}
