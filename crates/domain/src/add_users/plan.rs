//! The Add Users planner: validates the request, then decides every user, license, phone and
//! number it creates or takes, as effects the sandbox and the server apply the same way.

use serde::{Deserialize, Serialize};

use super::charges::{allocate_licenses, charges, effective_cost_center, Charges, LicenseSource};
use super::rules::{validate, Context};
use super::{
    has_phone, AddUsersRequest, EmergencyChoice, NewUser, NumberChoice, PhoneChoice, Setup,
    NEW_ADDRESS_PREFIX,
};
use crate::account::AccountData;
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::inventory::{Address, DeviceOrder, EmergencyLocation, License, NumberKind, PhoneNumber};
use crate::outbox::{next_message_id, welcome_message};
use crate::permissions::{Permission, Role};
use crate::users::{User, UserStatus};

/// What happens to a new user's invitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum InviteState {
    /// The welcome email went out.
    Sent,
    /// It goes out at this time.
    #[serde(rename_all = "camelCase")]
    Scheduled { send_at_unix: u64 },
    /// Activated with assigned credentials; no email.
    Activated,
    /// Not activated yet; no email.
    ActivateLater,
}

/// One created user, as the wizard's result step shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreatedUser {
    /// The row of the request it came from.
    pub row: usize,
    pub id: u32,
    pub name: String,
    pub email: String,
    pub extension: String,
    pub number: Option<String>,
    pub invite: InviteState,
}

/// The reply to `POST /api/v1/user-batches`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AddUsersResult {
    pub created: Vec<CreatedUser>,
    pub charges: Charges,
}

/// The decided change: effects to apply and the reply to give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddUsersPlan {
    pub effects: Vec<Effect>,
    pub result: AddUsersResult,
}

/// Decides an Add Users request. All or nothing: any problem refuses the whole batch with every
/// field error, so the admin fixes them in place and submits again.
pub fn plan_add_users(
    request: &AddUsersRequest,
    data: &AccountData,
    role: &Role,
    now_unix: u64,
) -> Result<AddUsersPlan, ApiError> {
    let cx = Context {
        data,
        role,
        now_unix,
    };
    let first_id = data.users.iter().map(|u| u.id).max().unwrap_or(0) + 1;
    plan_rows(request, &cx, data, |index| first_id + index as u32)
}

/// Validates `request` against `cx` (the account as the rules see it), then plans its rows
/// over `data`, row `i` becoming user `id(i)`: what [`plan_add_users`] does for new users, and
/// a DigitalLine conversion for an existing one.
pub(crate) fn plan_rows(
    request: &AddUsersRequest,
    cx: &Context,
    data: &AccountData,
    id: impl Fn(usize) -> u32,
) -> Result<AddUsersPlan, ApiError> {
    let role = cx.role;
    let errors = validate(request, cx);
    if !errors.is_empty() {
        return Err(refusal(cx, errors));
    }
    let sources = allocate_licenses(request, data, role);
    let charges = charges(request, data, role);

    let mut effects = Vec::new();
    let mut created = Vec::new();
    let mut next_license = crate::inventory::next_license_number(&data.licenses);
    let mut next_order = data.orders.len() + 1;
    let mut next_location = data.emergency_locations.len() + 1;
    let mut next_message = next_message_id(&data.outbox);
    // The welcome emails, sent once every user, license, phone and number is in place.
    let mut invites = Vec::new();
    let saved_addresses = save_addresses(request, data, &mut effects);
    for (index, (row, source)) in request.rows.iter().zip(sources).enumerate() {
        let id = id(index);
        let site_id = if data.account.multi_site {
            row.site_id.clone()
        } else {
            data.sites.first().map(|s| s.id.clone()).unwrap_or_default()
        };
        let cost_center_id = effective_cost_center(row, data).to_owned();
        let (invite, status) = match &row.setup {
            Setup::SendInvite => (InviteState::Sent, UserStatus::NotActivated),
            Setup::ScheduleInvite { send_at_unix } => (
                InviteState::Scheduled {
                    send_at_unix: *send_at_unix,
                },
                UserStatus::NotActivated,
            ),
            Setup::AssignCredentials(_) => (InviteState::Activated, UserStatus::Enabled),
            Setup::ActivateLater => (InviteState::ActivateLater, UserStatus::NotActivated),
        };
        let user = User {
            id,
            mailbox_id: 62_000_000_000 + u64::from(id) * 7,
            first_name: row.first_name.trim().to_owned(),
            last_name: row.last_name.trim().to_owned(),
            email: row.email.trim().to_owned(),
            extension: row.extension.trim().to_owned(),
            user_type: request.user_type,
            site_id: site_id.clone(),
            cost_center_id: cost_center_id.clone(),
            status,
            role_id: row.role_id.clone(),
            version: 1,
            invited_at: matches!(row.setup, Setup::SendInvite).then_some(cx.now_unix),
            invite_at: match row.setup {
                Setup::ScheduleInvite { send_at_unix } => Some(send_at_unix),
                _ => None,
            },
        };
        if user.invited_at.is_some() {
            let message = welcome_message(next_message, &data.account.name, &user, cx.now_unix);
            next_message += 1;
            invites.push(Effect::MessageSent { message });
        }
        created.push(CreatedUser {
            row: index,
            id,
            name: user.full_name(),
            email: user.email.clone(),
            extension: user.extension.clone(),
            number: None,
            invite,
        });
        effects.push(Effect::UserCreated { user });
        match source {
            Some(LicenseSource::Inventory {
                license_id,
                moved_from,
            }) => {
                if moved_from.is_some() {
                    effects.push(Effect::LicenseMoved {
                        license_id: license_id.clone(),
                        cost_center_id: cost_center_id.clone(),
                    });
                }
                effects.push(Effect::LicenseAssigned {
                    license_id,
                    user_id: id,
                });
            }
            Some(LicenseSource::Purchase(kind)) => {
                effects.push(Effect::LicenseAdded {
                    license: License {
                        id: format!("lic-{next_license}"),
                        kind,
                        cost_center_id,
                        assignee: Some(id),
                    },
                });
                next_license += 1;
            }
            None => {}
        }
        if has_phone(request.user_type) {
            let equipped = Equipping {
                user_id: id,
                site_id: &site_id,
                saved_addresses: &saved_addresses,
            };
            let number = equipped.effects(row, &mut next_order, &mut effects);
            created.last_mut().expect("just pushed").number = number;
        }
        if let Setup::AssignCredentials(credentials) = &row.setup {
            if let Some(location) = new_location(
                credentials.emergency.as_ref(),
                next_location,
                &site_id,
                data,
            ) {
                next_location += 1;
                effects.push(Effect::EmergencyLocationAdded { location });
            }
        }
    }
    effects.extend(invites);
    Ok(AddUsersPlan {
        effects,
        result: AddUsersResult { created, charges },
    })
}

/// Who a row's phone and number go to, and the ids its new shipping addresses were saved as.
pub(crate) struct Equipping<'a> {
    pub user_id: u32,
    pub site_id: &'a str,
    /// `(id in the request, saved id)` of each new address, from [`save_addresses`].
    pub saved_addresses: &'a [(String, String)],
}

impl Equipping<'_> {
    /// Adds the effects of `row`'s phone (from inventory, or ordered as `ord-<next_order>`)
    /// and number (from inventory, or bought) to `effects`; returns the number.
    pub fn effects(
        &self,
        row: &NewUser,
        next_order: &mut usize,
        effects: &mut Vec<Effect>,
    ) -> Option<String> {
        let user_id = self.user_id;
        match &row.phone {
            PhoneChoice::Inventory { phone_id } => effects.push(Effect::PhoneAssigned {
                phone_id: phone_id.clone(),
                user_id,
            }),
            PhoneChoice::Purchase { sku, address_id } => {
                effects.push(Effect::DeviceOrdered {
                    order: DeviceOrder {
                        id: format!("ord-{next_order}"),
                        sku: sku.clone(),
                        user_id,
                        address_id: self
                            .saved_addresses
                            .iter()
                            .find(|(draft_id, _)| draft_id == address_id)
                            .map_or_else(|| address_id.clone(), |(_, id)| id.clone()),
                    },
                });
                *next_order += 1;
            }
            PhoneChoice::DesktopApp | PhoneChoice::BringOwn => {}
        }
        match &row.number {
            NumberChoice::Inventory { e164 } => {
                effects.push(Effect::NumberAssigned {
                    e164: e164.clone(),
                    user_id,
                });
                Some(e164.clone())
            }
            NumberChoice::New { e164, .. } => {
                effects.push(Effect::NumberAdded {
                    number: PhoneNumber {
                        e164: e164.clone(),
                        kind: NumberKind::Local,
                        site_id: self.site_id.to_owned(),
                        assignee: Some(user_id),
                    },
                });
                Some(e164.clone())
            }
            NumberChoice::None => None,
        }
    }
}

/// The location a new emergency choice adds, as `erl-<number>`; `None` for an existing one.
/// Single-site accounts put it at the user's site.
pub(crate) fn new_location(
    choice: Option<&EmergencyChoice>,
    number: usize,
    user_site: &str,
    data: &AccountData,
) -> Option<EmergencyLocation> {
    let Some(EmergencyChoice::New {
        nickname,
        site_id,
        street,
        city,
        state,
        postal_code,
        country,
    }) = choice
    else {
        return None;
    };
    let id = format!("erl-{number}");
    Some(EmergencyLocation {
        address: Address {
            id: format!("{id}-address"),
            name: nickname.trim().to_owned(),
            street: street.trim().to_owned(),
            city: city.trim().to_owned(),
            state: state.trim().to_owned(),
            postal_code: postal_code.trim().to_owned(),
            country: country.trim().to_owned(),
        },
        id,
        nickname: nickname.trim().to_owned(),
        site_id: if data.account.multi_site {
            site_id.clone()
        } else {
            user_site.to_owned()
        },
    })
}

/// Saves the request's added and edited shipping addresses, and returns the id each new one
/// gets, as `(id in the request, saved id)`.
pub(crate) fn save_addresses(
    request: &AddUsersRequest,
    data: &AccountData,
    effects: &mut Vec<Effect>,
) -> Vec<(String, String)> {
    let mut saved = Vec::new();
    let mut next = data.shipping_addresses.len();
    for address in &request.addresses {
        let mut address = address.clone();
        if address.id.starts_with(NEW_ADDRESS_PREFIX) {
            let id = loop {
                next += 1;
                let id = format!("addr-{next}");
                if !data.shipping_addresses.iter().any(|a| a.id == id) {
                    break id;
                }
            };
            saved.push((address.id.clone(), id.clone()));
            address.id = id;
        }
        for part in [
            &mut address.name,
            &mut address.street,
            &mut address.city,
            &mut address.state,
            &mut address.postal_code,
            &mut address.country,
        ] {
            *part = part.trim().to_owned();
        }
        effects.push(Effect::AddressSaved { address });
    }
    saved
}

/// A refused batch: 403 when the role can't add users at all, else 400 with every field error.
fn refusal(cx: &Context, errors: Vec<FieldError>) -> ApiError {
    if cx.role.can(Permission::ManageUsers) {
        ApiError::validation(errors)
    } else {
        ApiError::forbidden(errors[0].message.clone())
    }
}
