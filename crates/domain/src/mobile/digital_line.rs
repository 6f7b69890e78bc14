//! Replacing a Mobile user with a DigitalLine: the user becomes an Office user with a phone, a
//! number and an emergency address. The request is checked and planned as a one-row Add Users
//! request made of the user, by the same rules, so the wizard's phone, number, address and
//! charges steps serve both.

use serde::{Deserialize, Serialize};

use crate::account::{Account, AccountData, CostCenter, Site};
use crate::add_users::plan::{new_location, plan_rows};
use crate::add_users::rules::check_emergency;
use crate::add_users::{
    validate, AccountView, AddUsersRequest, Context, EmergencyChoice, NumberChoice, PhoneChoice,
};
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::inventory::{
    Address, CatalogPhone, EmergencyLocation, InventoryPhone, License, PhoneNumber,
};
use crate::permissions::{Permission, Role};
use crate::users::{user_to_change, User, UserType};

/// Body of `POST /api/v1/users/{id}/digital-line` (with `If-Match`: the version the admin saw).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct DigitalLineRequest {
    pub phone: PhoneChoice,
    pub number: NumberChoice,
    /// Where emergency services are sent for this line's calls (required).
    pub emergency: Option<EmergencyChoice>,
    /// Shipping addresses added or edited on the way, as in the wizard.
    pub addresses: Vec<Address>,
    pub acknowledged_charges: bool,
}

impl DigitalLineRequest {
    /// The one-row Office request of `user` with this phone and number: what the Add Users
    /// rules check and plan.
    pub fn as_add_users(&self, user: &User) -> AddUsersRequest {
        AddUsersRequest {
            acknowledged_charges: self.acknowledged_charges,
            addresses: self.addresses.clone(),
            ..AddUsersRequest::of_user(
                user,
                UserType::Office,
                self.phone.clone(),
                self.number.clone(),
            )
        }
    }
}

/// Every problem with converting `user`, keyed as the wizard keys them (`rows[0].phone`,
/// `rows[0].emergency`, `addresses[1].city`); a license the role can't buy is `license`.
/// `cx.data` is the account as it is: the user's own email and extension don't count as taken.
pub fn digital_line_errors(
    user: &User,
    request: &DigitalLineRequest,
    cx: &Context,
) -> Vec<FieldError> {
    let view = Without {
        data: cx.data,
        user,
    };
    let cx = Context {
        data: &view,
        role: cx.role,
        now_unix: cx.now_unix,
    };
    let mut errors: Vec<FieldError> = validate(&request.as_add_users(user), &cx)
        .into_iter()
        .map(|e| match e.field.as_str() {
            "rows" | "rows[0].costCenterId" => FieldError::new("license", e.message),
            _ => e,
        })
        .collect();
    let mut field = |name: &str, message: String| {
        errors.push(FieldError::new(format!("rows[0].{name}"), message))
    };
    match &request.emergency {
        None => field(
            "emergency",
            "Choose the emergency address for this DigitalLine's calls.".into(),
        ),
        choice => check_emergency(choice.as_ref(), &cx, &mut field),
    }
    errors
}

/// Decides a conversion: the role must manage users, the user must still be the Mobile user
/// the admin saw (`If-Match`, else 412), and every rule must pass (else 400 with each problem
/// at its field). The user keeps their id, email, extension, site, cost center, role and status
/// and becomes an Office user; the effects take or buy their license, phone and number.
pub fn plan_digital_line(
    data: &AccountData,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
    request: &DigitalLineRequest,
    now_unix: u64,
) -> Result<(User, Vec<Effect>), ApiError> {
    role.require(Permission::ManageUsers)?;
    let (user, seen) = user_to_change(data, id, if_match)?;
    if seen != user.version || user.user_type != UserType::Mobile {
        return Err(ApiError::new(
            412,
            "stale_version",
            format!(
                "{} was changed by someone else since you opened this. Go back to Mobile users to see the latest, then try again.",
                user.full_name()
            ),
        ));
    }
    let cx = Context {
        data,
        role,
        now_unix,
    };
    let errors = digital_line_errors(user, request, &cx);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let view = Without { data, user };
    let cx = Context {
        data: &view,
        role,
        now_unix,
    };
    let plan = plan_rows(&request.as_add_users(user), &cx, data, |_| user.id)?;
    let converted = User {
        user_type: UserType::Office,
        version: user.version + 1,
        ..user.clone()
    };
    let mut effects: Vec<Effect> = plan
        .effects
        .into_iter()
        .map(|effect| match effect {
            Effect::UserCreated { .. } => Effect::UserUpdated {
                user: converted.clone(),
            },
            other => other,
        })
        .collect();
    let number = data.emergency_locations.len() + 1;
    if let Some(location) = new_location(request.emergency.as_ref(), number, &user.site_id, data) {
        effects.push(Effect::EmergencyLocationAdded { location });
    }
    Ok((converted, effects))
}

/// The account as the rules see it, less one user: their email and extension are theirs to
/// keep, not taken by someone else.
struct Without<'a> {
    data: &'a dyn AccountView,
    user: &'a User,
}

impl AccountView for Without<'_> {
    fn account(&self) -> &Account {
        self.data.account()
    }
    fn sites(&self) -> &[Site] {
        self.data.sites()
    }
    fn cost_centers(&self) -> &[CostCenter] {
        self.data.cost_centers()
    }
    fn roles(&self) -> &[Role] {
        self.data.roles()
    }
    fn catalog(&self) -> &[CatalogPhone] {
        self.data.catalog()
    }
    fn shipping_addresses(&self) -> &[Address] {
        self.data.shipping_addresses()
    }
    fn emergency_locations(&self) -> &[EmergencyLocation] {
        self.data.emergency_locations()
    }
    fn spare_licenses(&self) -> Vec<&License> {
        self.data.spare_licenses()
    }
    fn spare_phone(&self, id: &str) -> Option<&InventoryPhone> {
        self.data.spare_phone(id)
    }
    fn spare_number(&self, e164: &str) -> Option<&PhoneNumber> {
        self.data.spare_number(e164)
    }
    fn owns_number(&self, e164: &str) -> bool {
        self.data.owns_number(e164)
    }
    fn email_taken(&self, email: &str) -> bool {
        !email.trim().eq_ignore_ascii_case(&self.user.email) && self.data.email_taken(email)
    }
    fn extension_taken(&self, extension: &str) -> bool {
        extension.trim() != self.user.extension && self.data.extension_taken(extension)
    }
    fn highest_extension(&self) -> Option<u32> {
        self.data.highest_extension()
    }
}
