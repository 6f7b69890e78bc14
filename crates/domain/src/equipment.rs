//! Giving an existing Office or Video Pro+ user a phone and a number from their page: from
//! inventory, bought (a phone from the catalog, shipped; a new number), or their own device.
//! Checked as a one-row Add Users request of the user, by the wizard's rules, over the account
//! as the user's own change sees it ([`AddUsersView::keeping`]): their email, extension and
//! user license are theirs, so neither is taken nor charged.

use serde::{Deserialize, Serialize};

use crate::account::AccountData;
use crate::add_users::plan::{save_addresses, Equipping};
use crate::add_users::{
    has_phone, validate, AddUsersRequest, AddUsersView, Context, NumberChoice, PhoneChoice,
};
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::inventory::{Address, License};
use crate::permissions::{Permission, Role};
use crate::users::{user_on_page, User};

/// Body of `POST /api/v1/users/{id}/equipment` (with `If-Match`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct EquipmentRequest {
    pub phone: PhoneChoice,
    pub number: NumberChoice,
    /// Shipping addresses added or edited on the way, as in the wizard.
    pub addresses: Vec<Address>,
    pub acknowledged_charges: bool,
}

impl EquipmentRequest {
    /// The one-row request of `user` (their own type) with this phone and number: what the
    /// Add Users rules check.
    pub fn as_add_users(&self, user: &User) -> AddUsersRequest {
        AddUsersRequest {
            acknowledged_charges: self.acknowledged_charges,
            addresses: self.addresses.clone(),
            ..AddUsersRequest::of_user(
                user,
                user.user_type,
                self.phone.clone(),
                self.number.clone(),
            )
        }
    }

    /// Whether it gives anything: a phone or a number.
    pub fn gives_something(&self) -> bool {
        !matches!(self.phone, PhoneChoice::DesktopApp) || self.number != NumberChoice::None
    }
}

/// The user license `user` holds, which their own change keeps.
pub fn user_license<'a>(data: &'a AccountData, user: &User) -> Option<&'a License> {
    let kind = crate::add_users::license_for(user.user_type)?;
    data.licenses
        .iter()
        .find(|l| l.assignee == Some(user.id) && l.kind == kind)
}

/// Every problem with giving `user` this phone and number, keyed as the wizard keys them
/// (`rows[0].phone`, `rows[0].number`, `addresses[1].city`, `acknowledgedCharges`); `cx.data`
/// is the account as the user's own change sees it ([`AddUsersView::keeping`]).
pub fn equipment_errors(user: &User, request: &EquipmentRequest, cx: &Context) -> Vec<FieldError> {
    let mut errors = validate(&request.as_add_users(user), cx);
    if !request.gives_something() {
        errors.push(FieldError::new(
            "rows[0].phone",
            "Choose a phone or a number to give them.",
        ));
    }
    errors
}

/// Decides giving the user `id` a phone and a number: the role must manage users, the user
/// must be as the admin saw them (`If-Match`), of a type with a phone (409 otherwise: Mobile
/// users get a DigitalLine), and every rule must pass (400 with each problem at its field).
pub fn plan_equipment(
    data: &AccountData,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
    request: &EquipmentRequest,
    now_unix: u64,
) -> Result<(User, Vec<Effect>), ApiError> {
    role.require(Permission::ManageUsers)?;
    let user = user_on_page(data, id, if_match)?;
    if !has_phone(user.user_type) {
        return Err(ApiError::new(
            409,
            "no_phone_for_type",
            format!(
                "{} users have no phone or direct number. Change their licenses first{}.",
                user.user_type.label(),
                if user.user_type == crate::UserType::Mobile {
                    ", or replace them with a DigitalLine from Mobile users"
                } else {
                    ""
                }
            ),
        ));
    }
    let view = AddUsersView::of(data).keeping(user, user_license(data, user));
    let cx = Context {
        data: &view,
        role,
        now_unix,
    };
    let errors = equipment_errors(user, request, &cx);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let as_row = request.as_add_users(user);
    let mut effects = Vec::new();
    let saved_addresses = save_addresses(&as_row, data, &mut effects);
    let mut next_order = data.orders.len() + 1;
    Equipping {
        user_id: user.id,
        site_id: &user.site_id,
        saved_addresses: &saved_addresses,
    }
    .effects(&as_row.rows[0], &mut next_order, &mut effects);
    let equipped = User {
        version: user.version + 1,
        ..user.clone()
    };
    effects.insert(
        0,
        Effect::UserUpdated {
            user: equipped.clone(),
        },
    );
    Ok((equipped, effects))
}

/// Body of `POST /api/v1/users/{id}/releases` (with `If-Match`): phones (by id) and numbers
/// the user holds, back to inventory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ReleaseRequest {
    pub phones: Vec<String>,
    pub numbers: Vec<String>,
}

/// Decides taking phones and numbers back from the user `id` into inventory: the role must
/// manage users, the user must be as the admin saw them (`If-Match`), and each phone and
/// number must be theirs (409 names the first that isn't; nothing changes).
pub fn plan_release(
    data: &AccountData,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
    request: &ReleaseRequest,
) -> Result<(User, Vec<Effect>), ApiError> {
    role.require(Permission::ManageUsers)?;
    let user = user_on_page(data, id, if_match)?;
    if request.phones.is_empty() && request.numbers.is_empty() {
        return Err(ApiError::new(
            400,
            "bad_request",
            "Name the phones or numbers to take back.",
        ));
    }
    let not_theirs = |what: &str| {
        ApiError::new(
            409,
            "not_held",
            format!(
                "{} doesn't hold {what} any more. Reload their page to see what they hold.",
                user.full_name()
            ),
        )
    };
    let released = User {
        version: user.version + 1,
        ..user.clone()
    };
    let mut effects = vec![Effect::UserUpdated {
        user: released.clone(),
    }];
    for phone_id in &request.phones {
        let phone = data.phones.iter().find(|p| &p.id == phone_id);
        if phone.is_none_or(|p| p.assignee != Some(id))
            || effects
                .iter()
                .any(|e| matches!(e, Effect::PhoneUnassigned { phone_id: p } if p == phone_id))
        {
            return Err(not_theirs(&format!("the phone {phone_id}")));
        }
        effects.push(Effect::PhoneUnassigned {
            phone_id: phone_id.clone(),
        });
    }
    for e164 in &request.numbers {
        let number = data.numbers.iter().find(|n| &n.e164 == e164);
        if number.is_none_or(|n| n.assignee != Some(id))
            || effects
                .iter()
                .any(|e| matches!(e, Effect::NumberUnassigned { e164: n } if n == e164))
        {
            return Err(not_theirs(e164));
        }
        effects.push(Effect::NumberUnassigned { e164: e164.clone() });
    }
    Ok((released, effects))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::add_users::charges;
    use crate::permissions::Persona;
    use crate::seed::{generate, persona_role as role, Dataset};
    use crate::UserType;

    const NOW: u64 = 1_800_000_000;

    fn office(data: &AccountData) -> User {
        data.users
            .iter()
            .find(|u| u.user_type == UserType::Office && user_license(data, u).is_some())
            .cloned()
            .unwrap()
    }

    fn spare_number(data: &AccountData, user: &User) -> String {
        data.numbers
            .iter()
            .find(|n| n.assignee.is_none() && n.site_id == user.site_id)
            .or_else(|| data.numbers.iter().find(|n| n.assignee.is_none()))
            .map(|n| n.e164.clone())
            .unwrap()
    }

    #[test]
    fn an_inventory_number_and_a_purchased_phone_go_to_the_user_and_only_the_phone_is_charged() {
        let mut data = generate(Dataset::Standard);
        let user = office(&data);
        let e164 = spare_number(&data, &user);
        let request = EquipmentRequest {
            phone: PhoneChoice::Purchase {
                sku: data.catalog[0].sku.clone(),
                address_id: data.shipping_addresses[0].id.clone(),
            },
            number: NumberChoice::Inventory { e164: e164.clone() },
            addresses: Vec::new(),
            acknowledged_charges: true,
        };
        let view = AddUsersView::of(&data).keeping(&user, user_license(&data, &user));
        let billed = charges(
            &request.as_add_users(&user),
            &view,
            &role(Persona::SuperAdmin),
        );
        assert_eq!(billed.lines.len(), 1, "the phone only: {billed:?}");
        let orders = data.orders.len();
        let (equipped, effects) = plan_equipment(
            &data,
            &role(Persona::SuperAdmin),
            user.id,
            Some(user.version),
            &request,
            NOW,
        )
        .unwrap();
        assert_eq!(equipped.version, user.version + 1);
        for effect in &effects {
            effect.apply(&mut data);
        }
        let number = data.numbers.iter().find(|n| n.e164 == e164).unwrap();
        assert_eq!(number.assignee, Some(user.id));
        assert_eq!(data.orders.len(), orders + 1);
        assert_eq!(data.orders.last().unwrap().user_id, user.id);
        assert!(
            !effects.iter().any(|e| matches!(
                e,
                Effect::LicenseAdded { .. } | Effect::LicenseAssigned { .. }
            )),
            "the user keeps their license: {effects:?}"
        );
    }

    #[test]
    fn the_charge_needs_acknowledging_and_something_must_be_given() {
        let data = generate(Dataset::Standard);
        let user = office(&data);
        let admin = role(Persona::SuperAdmin);
        let plan = |request: &EquipmentRequest| {
            plan_equipment(&data, &admin, user.id, Some(user.version), request, NOW).unwrap_err()
        };
        let nothing = plan(&EquipmentRequest::default());
        assert!(nothing
            .field_errors
            .iter()
            .any(|e| e.field == "rows[0].phone"));
        let unacknowledged = plan(&EquipmentRequest {
            phone: PhoneChoice::Purchase {
                sku: data.catalog[0].sku.clone(),
                address_id: data.shipping_addresses[0].id.clone(),
            },
            ..EquipmentRequest::default()
        });
        assert!(unacknowledged
            .field_errors
            .iter()
            .any(|e| e.field == crate::add_users::ACKNOWLEDGED_CHARGES));
    }

    #[test]
    fn mobile_users_and_stale_pages_are_refused() {
        let data = generate(Dataset::Standard);
        let admin = role(Persona::SuperAdmin);
        let mobile = data
            .users
            .iter()
            .find(|u| u.user_type == UserType::Mobile)
            .unwrap();
        let request = EquipmentRequest {
            phone: PhoneChoice::BringOwn,
            ..EquipmentRequest::default()
        };
        let status = |user: &User, seen| {
            plan_equipment(&data, &admin, user.id, seen, &request, NOW)
                .unwrap_err()
                .status
        };
        assert_eq!(status(mobile, Some(mobile.version)), 409);
        let user = office(&data);
        assert_eq!(status(&user, Some(user.version + 1)), 412);
        assert_eq!(status(&user, None), 428);
        let refused = plan_equipment(
            &data,
            &role(Persona::ReadOnly),
            user.id,
            Some(user.version),
            &request,
            NOW,
        );
        assert_eq!(refused.unwrap_err().status, 403);
    }

    #[test]
    fn a_phone_and_a_number_go_back_to_inventory_and_only_the_users_own() {
        let mut data = generate(Dataset::Standard);
        let admin = role(Persona::SuperAdmin);
        let user = data
            .users
            .iter()
            .find(|u| {
                data.phones.iter().any(|p| p.assignee == Some(u.id))
                    && data.numbers.iter().any(|n| n.assignee == Some(u.id))
            })
            .cloned()
            .unwrap();
        let phone = data
            .phones
            .iter()
            .find(|p| p.assignee == Some(user.id))
            .unwrap()
            .id
            .clone();
        let number = data
            .numbers
            .iter()
            .find(|n| n.assignee == Some(user.id))
            .unwrap()
            .e164
            .clone();
        let someone_elses = data
            .numbers
            .iter()
            .find(|n| n.assignee.is_some() && n.assignee != Some(user.id))
            .unwrap()
            .e164
            .clone();
        let release = |phones: &[&str], numbers: &[&str]| ReleaseRequest {
            phones: phones.iter().map(|s| s.to_string()).collect(),
            numbers: numbers.iter().map(|s| s.to_string()).collect(),
        };
        let refused = plan_release(
            &data,
            &admin,
            user.id,
            Some(user.version),
            &release(&[], &[&someone_elses]),
        );
        assert_eq!(refused.unwrap_err().status, 409);
        let twice = plan_release(
            &data,
            &admin,
            user.id,
            Some(user.version),
            &release(&[], &[&number, &number]),
        );
        assert_eq!(twice.unwrap_err().status, 409);
        let (released, effects) = plan_release(
            &data,
            &admin,
            user.id,
            Some(user.version),
            &release(&[&phone], &[&number]),
        )
        .unwrap();
        assert_eq!(released.version, user.version + 1);
        effects.iter().for_each(|e| e.apply(&mut data));
        assert_eq!(
            data.phones.iter().find(|p| p.id == phone).unwrap().assignee,
            None
        );
        assert_eq!(
            data.numbers
                .iter()
                .find(|n| n.e164 == number)
                .unwrap()
                .assignee,
            None
        );
        let read_only = plan_release(
            &data,
            &role(Persona::ReadOnly),
            user.id,
            Some(released.version),
            &release(&[&phone], &[]),
        );
        assert_eq!(read_only.unwrap_err().status, 403);
    }
}
