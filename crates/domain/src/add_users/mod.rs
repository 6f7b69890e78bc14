//! Adding users: the request the Add User wizard submits (`POST /api/v1/user-batches`), the rules
//! each field and row must meet, what it costs, and the plan that creates the users.
//!
//! The browser runs [`validate`] as the admin types and shows every [`FieldError`] at its field
//! (`rows[3].email`); the sandbox and the server run [`plan_add_users`], which validates again
//! and returns the effects to apply.

mod addresses;
mod catalog;
mod charges;
mod numbers;
mod paste;
pub(crate) mod plan;
pub(crate) mod rules;
mod view;

use serde::{Deserialize, Serialize};

use crate::inventory::Address;
use crate::users::UserType;

pub use crate::prices::{license_monthly_cents, PRICE_NEW_NUMBER_MONTHLY_CENTS};
pub use addresses::{address_problems, new_address_id, shipping_addresses, NEW_ADDRESS_PREFIX};
pub use catalog::{categories, search_catalog};
pub use charges::{
    allocate_licenses, charges, effective_cost_center, license_for, ChargeLine, Charges,
    LicenseSource,
};
pub use numbers::{area_codes, numbers_for_sale, STATES};
pub use paste::{apply_pasted, is_grid, pasted_cells};
pub use plan::{plan_add_users, AddUsersPlan, AddUsersResult, CreatedUser, InviteState};
pub use rules::{
    next_free_extensions, send_at_problem, validate, Context, MAX_ROWS, PIN_LEN, SCHEDULE_MAX_DAYS,
    SCHEDULE_MIN_LEAD_SECS, SECURITY_QUESTIONS,
};
pub use view::{AccountView, AddUsersView};

/// The field of the acknowledgment of charges, in every flow that can buy (the wizard, a phone
/// or number for one user, a DigitalLine).
pub const ACKNOWLEDGED_CHARGES: &str = "acknowledgedCharges";

/// Body of `POST /api/v1/user-batches`: the wizard's whole draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AddUsersRequest {
    pub user_type: UserType,
    /// On by default; when off, emails may repeat and invites can't be sent.
    pub require_unique_emails: bool,
    pub rows: Vec<NewUser>,
    /// The admin ticked "I acknowledge these charges" (required when anything is bought).
    #[serde(default)]
    pub acknowledged_charges: bool,
    /// Shipping addresses added or edited in the wizard, saved on submit: an existing id edits
    /// that address, an id starting with [`NEW_ADDRESS_PREFIX`] adds one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
}

/// One user to add.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct NewUser {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// Multi-site accounts only; single-site accounts use their only site and cost center.
    pub site_id: String,
    pub cost_center_id: String,
    pub extension: String,
    pub phone: PhoneChoice,
    pub number: NumberChoice,
    pub setup: Setup,
    pub role_id: String,
}

impl NewUser {
    /// A copy for the Duplicate action: everything but first name, last name and email (and
    /// the inventory picks and the extension, which can't be shared).
    pub fn duplicate(&self, extension: String) -> Self {
        Self {
            email: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            extension,
            phone: match &self.phone {
                PhoneChoice::Inventory { .. } => PhoneChoice::Inventory {
                    phone_id: String::new(),
                },
                other => other.clone(),
            },
            number: match &self.number {
                NumberChoice::Inventory { .. } => NumberChoice::Inventory {
                    e164: String::new(),
                },
                NumberChoice::New {
                    state, area_code, ..
                } => NumberChoice::New {
                    state: state.clone(),
                    area_code: area_code.clone(),
                    e164: String::new(),
                },
                NumberChoice::None => NumberChoice::None,
            },
            ..self.clone()
        }
    }
}

/// The user's phone (Office and Video Pro+ users).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PhoneChoice {
    /// Calls with the desktop and mobile app only.
    #[default]
    DesktopApp,
    /// A desk phone the account already owns.
    #[serde(rename_all = "camelCase")]
    Inventory { phone_id: String },
    /// Buy a model from the catalog, shipped to an address.
    #[serde(rename_all = "camelCase")]
    Purchase { sku: String, address_id: String },
    /// The user's own SIP device.
    BringOwn,
}

/// The user's direct number (Office and Video Pro+ users).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NumberChoice {
    /// Not chosen yet (an error for types that need a number).
    #[default]
    None,
    /// A number the account already owns.
    Inventory { e164: String },
    /// Buy a number by state or province and area code.
    #[serde(rename_all = "camelCase")]
    New {
        state: String,
        area_code: String,
        e164: String,
    },
}

/// How the user is set up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Setup {
    /// Email an activation link now.
    #[default]
    SendInvite,
    /// Email it at a chosen time (the browser converts the admin's local time to UTC).
    #[serde(rename_all = "camelCase")]
    ScheduleInvite { send_at_unix: u64 },
    /// Activate now with credentials the admin sets; no email.
    AssignCredentials(Box<Credentials>),
    /// Add now, activate later; no email.
    ActivateLater,
}

/// What "Activate by assigning credentials" asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = UserCredentials))]
#[serde(rename_all = "camelCase", default)]
pub struct Credentials {
    pub password: String,
    pub password_again: String,
    /// Ask the user to change it at first sign-in (on by default).
    pub temporary_password: bool,
    pub pin: String,
    pub pin_again: String,
    pub security_question: String,
    pub security_answer: String,
    /// `None` is allowed after the "Missing Emergency Address" prompt: the user is asked for
    /// one at first sign-in.
    pub emergency: Option<EmergencyChoice>,
}

/// The user's emergency response location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EmergencyChoice {
    #[serde(rename_all = "camelCase")]
    Existing { location_id: String },
    #[serde(rename_all = "camelCase")]
    New {
        nickname: String,
        site_id: String,
        street: String,
        city: String,
        state: String,
        postal_code: String,
        country: String,
    },
}

impl AddUsersRequest {
    /// The one-row request of the existing `user` as `user_type`, with this phone and number
    /// (set up later, so nothing is sent): what the wizard's rules check for a change of
    /// theirs, such as a DigitalLine or a new phone and number.
    pub fn of_user(
        user: &crate::User,
        user_type: UserType,
        phone: PhoneChoice,
        number: NumberChoice,
    ) -> Self {
        AddUsersRequest {
            user_type,
            require_unique_emails: true,
            rows: vec![NewUser {
                email: user.email.clone(),
                first_name: user.first_name.clone(),
                last_name: user.last_name.clone(),
                site_id: user.site_id.clone(),
                cost_center_id: user.cost_center_id.clone(),
                extension: user.extension.clone(),
                phone,
                number,
                setup: Setup::ActivateLater,
                role_id: user.role_id.clone(),
            }],
            acknowledged_charges: false,
            addresses: Vec::new(),
        }
    }
}

/// Which wizard steps a user type goes through.
pub fn has_phone(user_type: UserType) -> bool {
    matches!(user_type, UserType::Office | UserType::VideoProPlus)
}

/// Whether a user type must have a direct number. Office users take calls on one; Video Pro+
/// users can't place or receive direct calls, so they get one only if the admin picks one.
pub fn needs_number(user_type: UserType) -> bool {
    user_type == UserType::Office
}

#[cfg(test)]
pub(crate) mod tests;
