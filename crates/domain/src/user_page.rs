//! A user's own page: the user as the Users list shows them plus what they hold (phones,
//! numbers) and what deleting them loses, and the planner behind its Delete user.

use serde::{Deserialize, Serialize};

use crate::effects::Effect;
use crate::equipment::user_license;
use crate::error::ApiError;
use crate::indexed::IndexedAccount;
use crate::inventory::{License, NumberKind};
use crate::licenses::{data_loss, DataLoss};
use crate::mobile::{calls_of, is_charged};
use crate::permissions::{Permission, Role};
use crate::users::{user_on_page, User, UserType};
use crate::users_query::UserRow;

/// A phone the user has: from inventory, or ordered for them and on its way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HeldPhone {
    /// The inventory phone's id, or the order's.
    pub id: String,
    pub model: String,
    /// The MAC address of an inventory phone; empty for one still on order.
    pub mac: String,
    /// Ordered and not delivered yet.
    pub on_order: bool,
}

/// A number the user holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HeldNumber {
    pub e164: String,
    pub kind: NumberKind,
}

/// `GET /api/v1/users/{id}`: the user's row of the Users list and what their page adds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UserDetail {
    #[serde(flatten)]
    pub row: UserRow,
    /// The user's record as stored: what a change of theirs starts from.
    pub record: User,
    /// The name of their role.
    pub role: String,
    /// The user license they hold (a change of theirs keeps it).
    pub user_license: Option<License>,
    pub phones: Vec<HeldPhone>,
    pub numbers: Vec<HeldNumber>,
    /// What deleting the user (or removing their user license) loses.
    pub loss: DataLoss,
    /// Calls made or received this billing cycle (what a Mobile user's charge counts).
    pub calls: u32,
    /// A Mobile user whose cycle is charged: deleting them doesn't undo that.
    pub charged: bool,
}

/// The page of the user with `id`, if there is one.
pub fn user_detail(data: &IndexedAccount, id: u32) -> Option<UserDetail> {
    let row = data.user_row(id)?;
    let user = data.users.iter().find(|u| u.id == id)?;
    let held = Some(id);
    let mut phones: Vec<HeldPhone> = data
        .phones
        .iter()
        .filter(|p| p.assignee == held)
        .map(|p| HeldPhone {
            id: p.id.clone(),
            model: p.model.clone(),
            mac: p.mac.clone(),
            on_order: false,
        })
        .collect();
    phones.extend(data.orders.iter().filter(|o| o.user_id == id).map(|o| {
        let model = data.catalog.iter().find(|c| c.sku == o.sku);
        HeldPhone {
            id: o.id.clone(),
            model: model.map_or_else(|| o.sku.clone(), |c| format!("{} {}", c.brand, c.model)),
            mac: String::new(),
            on_order: true,
        }
    }));
    let numbers = data
        .numbers
        .iter()
        .filter(|n| n.assignee == held)
        .map(|n| HeldNumber {
            e164: n.e164.clone(),
            kind: n.kind,
        })
        .collect();
    let calls = calls_of(data, id);
    Some(UserDetail {
        row,
        record: user.clone(),
        role: data
            .roles
            .iter()
            .find(|r| r.id == user.role_id)
            .map_or_else(String::new, |r| r.name.clone()),
        user_license: user_license(data, user).cloned(),
        phones,
        numbers,
        loss: data_loss(user),
        calls,
        charged: user.user_type == UserType::Mobile && is_charged(calls),
    })
}

/// The reply to `DELETE /api/v1/users/{id}`: who was deleted and what went back to inventory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UserDeleted {
    pub name: String,
    /// Licenses now spare in inventory.
    pub licenses: u32,
    /// Inventory phones now spare (phones on order are cancelled).
    pub phones: u32,
    /// Numbers now spare.
    pub numbers: u32,
    /// A Mobile user charged for this cycle: the charge stays.
    pub still_charged: bool,
}

/// Decides deleting the user `id`, of any type: the role must manage users, the user must
/// exist (404) and be as the admin saw them (`If-Match`: 428 without, 412 when stale). Their
/// licenses, phones and numbers go back to inventory; orders for them are cancelled.
pub fn plan_delete_user(
    data: &IndexedAccount,
    role: &Role,
    id: u32,
    if_match: Option<u32>,
) -> Result<(UserDeleted, Vec<Effect>), ApiError> {
    role.require(Permission::ManageUsers)?;
    let user = user_on_page(data, id, if_match)?;
    let held = Some(id);
    let count = |n: usize| n as u32;
    let reply = UserDeleted {
        name: user.full_name(),
        licenses: count(data.licenses.iter().filter(|l| l.assignee == held).count()),
        phones: count(data.phones.iter().filter(|p| p.assignee == held).count()),
        numbers: count(data.numbers.iter().filter(|n| n.assignee == held).count()),
        still_charged: user.user_type == UserType::Mobile && is_charged(calls_of(data, id)),
    };
    Ok((reply, vec![Effect::UserDeleted { user_id: id }]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::Persona;
    use crate::seed::{generate, persona_role as role, Dataset};

    fn account() -> IndexedAccount {
        generate(Dataset::Standard).into()
    }

    /// An Office user holding at least one license, phone and number.
    fn holder(data: &IndexedAccount) -> u32 {
        data.users
            .iter()
            .map(|u| u.id)
            .find(|id| {
                let held = Some(*id);
                data.licenses.iter().any(|l| l.assignee == held)
                    && data.phones.iter().any(|p| p.assignee == held)
                    && data.numbers.iter().any(|n| n.assignee == held)
            })
            .expect("the seed has users with a license, a phone and a number")
    }

    #[test]
    fn the_page_lists_what_the_user_holds() {
        let data = account();
        let id = holder(&data);
        let page = user_detail(&data, id).unwrap();
        let held = Some(id);
        assert_eq!(page.row.id, id);
        assert_eq!(
            page.phones.len(),
            data.phones.iter().filter(|p| p.assignee == held).count()
                + data.orders.iter().filter(|o| o.user_id == id).count()
        );
        assert_eq!(
            page.numbers.len(),
            data.numbers.iter().filter(|n| n.assignee == held).count()
        );
        assert!(user_detail(&data, 999_999).is_none());
    }

    #[test]
    fn deleting_returns_what_the_user_held_to_inventory() {
        let mut data = account();
        let id = holder(&data);
        let version = data.users.iter().find(|u| u.id == id).unwrap().version;
        let spare = |d: &IndexedAccount| d.licenses.iter().filter(|l| l.assignee.is_none()).count();
        let (spare_before, users_before) = (spare(&data), data.users.len());
        let (reply, effects) =
            plan_delete_user(&data, &role(Persona::SuperAdmin), id, Some(version)).unwrap();
        assert!(reply.licenses >= 1 && reply.phones >= 1 && reply.numbers >= 1);
        for effect in &effects {
            data.apply(effect);
        }
        assert_eq!(data.users.len(), users_before - 1);
        assert_eq!(spare(&data), spare_before + reply.licenses as usize);
        assert!(data.phones.iter().all(|p| p.assignee != Some(id)));
        assert!(data.numbers.iter().all(|n| n.assignee != Some(id)));
    }

    #[test]
    fn a_delete_needs_the_permission_and_the_current_version() {
        let data = account();
        let id = holder(&data);
        let version = data.users.iter().find(|u| u.id == id).unwrap().version;
        let status = |persona, seen| {
            plan_delete_user(&data, &role(persona), id, seen)
                .unwrap_err()
                .status
        };
        assert_eq!(status(Persona::ReadOnly, Some(version)), 403);
        assert_eq!(status(Persona::SuperAdmin, None), 428);
        assert_eq!(status(Persona::SuperAdmin, Some(version + 1)), 412);
        let gone = plan_delete_user(&data, &role(Persona::SuperAdmin), 999_999, Some(1));
        assert_eq!(gone.unwrap_err().status, 404);
    }

    #[test]
    fn a_charged_mobile_user_stays_charged_after_deletion() {
        let data = account();
        let user = data
            .users
            .iter()
            .find(|u| u.user_type == UserType::Mobile && is_charged(calls_of(&data, u.id)))
            .expect("the seed has a charged Mobile user");
        let (reply, _) = plan_delete_user(
            &data,
            &role(Persona::SuperAdmin),
            user.id,
            Some(user.version),
        )
        .unwrap();
        assert!(reply.still_charged);
    }
}
