//! What adding users costs: licenses not in inventory, purchased phones and new numbers, as the
//! itemised one-time and monthly lines the Confirm Charges step shows (and the total it keeps
//! live while the admin edits).

use serde::{Deserialize, Serialize};

use super::view::AccountView;
use super::{has_phone, AddUsersRequest, NumberChoice, PhoneChoice};
use crate::inventory::{License, LicenseKind};
use crate::permissions::{Permission, Role};
use crate::prices::{license_monthly_cents, PRICE_NEW_NUMBER_MONTHLY_CENTS};
use crate::users::UserType;

/// The license a user type needs, if any.
pub fn license_for(user_type: UserType) -> Option<LicenseKind> {
    match user_type {
        UserType::Office => Some(LicenseKind::Office),
        UserType::VideoProPlus => Some(LicenseKind::VideoProPlus),
        UserType::VideoPro | UserType::Mobile => None,
    }
}

/// Where each row's license comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LicenseSource {
    /// A spare license: of the row's cost center, or (for admins who manage cost centers) of
    /// another one, `moved_from`, whose license then moves to the row's cost center.
    Inventory {
        license_id: String,
        moved_from: Option<String>,
    },
    /// None is left: buy one.
    Purchase(LicenseKind),
}

/// Picks a license for every row that needs one, so the charges shown and the plan applied
/// always agree: a spare of the row's cost center first; then, when the role may manage cost
/// centers, a spare of another cost center (in order); else one to buy.
pub fn allocate_licenses(
    request: &AddUsersRequest,
    data: &dyn AccountView,
    role: &Role,
) -> Vec<Option<LicenseSource>> {
    let Some(kind) = license_for(request.user_type) else {
        return vec![None; request.rows.len()];
    };
    let spare: Vec<_> = data
        .spare_licenses()
        .into_iter()
        .filter(|l| l.kind == kind)
        .collect();
    let may_move = role.can(Permission::ManageCostCenters);
    let mut taken = std::collections::HashSet::new();
    request
        .rows
        .iter()
        .map(|row| {
            let cost_center = effective_cost_center(row, data);
            // No decision (and no charge) until the row names a real cost center.
            data.cost_center(cost_center)?;
            let free = |l: &&&License| !taken.contains(&l.id);
            let own = spare
                .iter()
                .filter(free)
                .find(|l| l.cost_center_id == cost_center);
            let other = || spare.iter().filter(free).find(|_| may_move);
            Some(match own.or_else(other) {
                Some(license) => {
                    taken.insert(license.id.clone());
                    LicenseSource::Inventory {
                        license_id: license.id.clone(),
                        moved_from: (license.cost_center_id != cost_center)
                            .then(|| license.cost_center_id.clone()),
                    }
                }
                None => LicenseSource::Purchase(kind),
            })
        })
        .collect()
}

/// The row's cost center: its own on multi-site accounts, the only one otherwise.
pub fn effective_cost_center<'a>(row: &'a super::NewUser, data: &'a dyn AccountView) -> &'a str {
    if data.account().multi_site {
        &row.cost_center_id
    } else {
        data.cost_centers().first().map_or("", |c| c.id.as_str())
    }
}

/// One line of the review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChargeLine {
    pub item: String,
    pub quantity: u32,
    /// Per unit, paid once.
    pub one_time_cents: u64,
    /// Per unit, every month.
    pub monthly_cents: u64,
}

/// The itemised charges of a request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Charges {
    pub lines: Vec<ChargeLine>,
    pub one_time_total_cents: u64,
    pub monthly_total_cents: u64,
}

impl Charges {
    /// True when submitting buys something (and needs the acknowledgment).
    pub fn is_purchase(&self) -> bool {
        !self.lines.is_empty()
    }

    fn add(&mut self, item: String, one_time_cents: u64, monthly_cents: u64) {
        match self.lines.iter_mut().find(|l| l.item == item) {
            Some(line) => line.quantity += 1,
            None => self.lines.push(ChargeLine {
                item,
                quantity: 1,
                one_time_cents,
                monthly_cents,
            }),
        }
        self.one_time_total_cents += one_time_cents;
        self.monthly_total_cents += monthly_cents;
    }
}

/// What the request buys. Rows with incomplete choices simply add nothing.
pub fn charges(request: &AddUsersRequest, data: &dyn AccountView, role: &Role) -> Charges {
    let mut charges = Charges::default();
    for source in allocate_licenses(request, data, role).into_iter().flatten() {
        if let LicenseSource::Purchase(kind) = source {
            charges.add(
                format!("{} license", kind.label()),
                0,
                license_monthly_cents(kind),
            );
        }
    }
    if has_phone(request.user_type) {
        for row in &request.rows {
            if let PhoneChoice::Purchase { sku, .. } = &row.phone {
                if let Some(phone) = data.catalog().iter().find(|c| &c.sku == sku) {
                    let item = format!("{} {} phone", phone.brand, phone.model);
                    charges.add(item, u64::from(phone.price_cents), 0);
                }
            }
            if let NumberChoice::New { e164, .. } = &row.number {
                if !e164.is_empty() {
                    charges.add("New phone number".into(), 0, PRICE_NEW_NUMBER_MONTHLY_CENTS);
                }
            }
        }
    }
    charges
}
