//! Every Add Users rule, and the plan applied to the seeded account.

use super::*;
use crate::account::AccountData;
use crate::effects::Effect;
use crate::permissions::{Persona, Role};
use crate::seed::{generate, Dataset};
use crate::users::{UserStatus, UserType};

const NOW: u64 = 1_800_000_000;

use crate::seed::persona_role as role;

fn cx<'a>(data: &'a AccountData, role: &'a Role) -> Context<'a> {
    Context {
        data,
        role,
        now_unix: NOW,
    }
}

/// A valid Office row: spare number and the cost center of a spare Office license.
fn row(data: &AccountData, i: usize) -> NewUser {
    let spare_number = data
        .numbers
        .iter()
        .filter(|n| n.assignee.is_none())
        .nth(i)
        .unwrap();
    let spare_license = data
        .licenses
        .iter()
        .filter(|l| l.kind == crate::inventory::LicenseKind::Office && l.assignee.is_none())
        .nth(i)
        .unwrap();
    NewUser {
        email: format!("new.person{i}@northwind.example"),
        first_name: format!("New{i}"),
        last_name: "Person".into(),
        site_id: spare_number.site_id.clone(),
        cost_center_id: spare_license.cost_center_id.clone(),
        extension: next_free_extensions(data, &[], i + 1)[i].clone(),
        phone: PhoneChoice::DesktopApp,
        number: NumberChoice::Inventory {
            e164: spare_number.e164.clone(),
        },
        setup: Setup::SendInvite,
        role_id: "role-standard".into(),
    }
}

fn request(data: &AccountData, n: usize) -> AddUsersRequest {
    AddUsersRequest {
        user_type: UserType::Office,
        require_unique_emails: true,
        rows: (0..n).map(|i| row(data, i)).collect(),
        acknowledged_charges: false,
        addresses: Vec::new(),
    }
}

fn fields(errors: &[crate::error::FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn a_valid_row_needs_no_purchase_and_creates_the_user_with_its_inventory() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let req = request(&data, 1);
    assert!(validate(&req, &cx(&data, &admin)).is_empty());
    let plan = plan_add_users(&req, &data, &admin, NOW).unwrap();
    assert!(!plan.result.charges.is_purchase());
    let created = &plan.result.created[0];
    assert_eq!(created.extension, req.rows[0].extension);
    assert_eq!(created.invite, InviteState::Sent);
    let mut after = data.clone();
    for effect in &plan.effects {
        effect.apply(&mut after);
    }
    let user = after.users.iter().find(|u| u.id == created.id).unwrap();
    assert_eq!(user.status, UserStatus::NotActivated);
    assert!(after.licenses.iter().any(|l| l.assignee == Some(user.id)));
    assert!(after
        .numbers
        .iter()
        .any(|n| n.assignee == Some(user.id) && Some(&n.e164) == created.number.as_ref()));
    // Send invite delivers: the welcome email is in the outbox, and the user records when.
    assert_eq!(user.invited_at, Some(NOW));
    let welcome: Vec<_> = after.outbox.iter().filter(|m| m.to == user.email).collect();
    assert_eq!(welcome.len(), 1);
    assert!(welcome[0].body.contains("activation link"));
}

#[test]
fn only_send_invite_sends_an_email() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let mut req = request(&data, 3);
    req.rows[1].setup = Setup::ActivateLater;
    req.rows[2].setup = Setup::ScheduleInvite {
        send_at_unix: NOW + 3_600,
    };
    let plan = plan_add_users(&req, &data, &admin, NOW).unwrap();
    let sent: Vec<&str> = plan
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::MessageSent { message } => Some(message.to.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(sent, [req.rows[0].email.as_str()]);
}

#[test]
fn one_to_twenty_five_rows() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let mut req = request(&data, 1);
    req.rows.clear();
    assert_eq!(fields(&validate(&req, &cx(&data, &admin))), ["rows"]);
    req.rows = (0..26)
        .map(|i| NewUser {
            phone: PhoneChoice::DesktopApp,
            ..row(&data, i % 8)
        })
        .collect();
    assert!(fields(&validate(&req, &cx(&data, &admin))).contains(&"rows"));
}

#[test]
fn emails_must_be_valid_and_unique_when_required() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let mut req = request(&data, 3);
    req.rows[0].email = "not-an-email".into();
    req.rows[1].email = data.users[0].email.to_uppercase();
    req.rows[2].email = String::new();
    let errors = validate(&req, &cx(&data, &admin));
    assert_eq!(
        fields(&errors),
        ["rows[0].email", "rows[1].email", "rows[2].email"]
    );
    assert!(errors[1].message.contains("already exists"));

    let mut twins = request(&data, 2);
    twins.rows[1].email = twins.rows[0].email.clone();
    let errors = validate(&twins, &cx(&data, &admin));
    assert_eq!(fields(&errors), ["rows[0].email", "rows[1].email"]);

    // Without the requirement, repeats are fine but invites are not offered.
    twins.require_unique_emails = false;
    let errors = validate(&twins, &cx(&data, &admin));
    assert_eq!(fields(&errors), ["rows[0].setup", "rows[1].setup"]);
    for row in &mut twins.rows {
        row.setup = Setup::ActivateLater;
    }
    assert!(validate(&twins, &cx(&data, &admin)).is_empty());
}

#[test]
fn names_site_cost_center_and_role_are_required() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let mut req = request(&data, 1);
    req.rows[0].first_name = "  ".into();
    req.rows[0].last_name = "x".repeat(65);
    req.rows[0].site_id = "site-99".into();
    req.rows[0].cost_center_id = String::new();
    req.rows[0].role_id = "role-nope".into();
    assert_eq!(
        fields(&validate(&req, &cx(&data, &admin))),
        [
            "rows[0].firstName",
            "rows[0].lastName",
            "rows[0].siteId",
            "rows[0].costCenterId",
            "rows[0].roleId"
        ]
    );
}

#[test]
fn extensions_are_digits_free_and_not_repeated() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let mut req = request(&data, 3);
    req.rows[0].extension = "01a".into();
    req.rows[1].extension = data.users[3].extension.clone();
    req.rows[2].extension = "12".into();
    let errors = validate(&req, &cx(&data, &admin));
    assert_eq!(
        fields(&errors),
        [
            "rows[0].extension",
            "rows[1].extension",
            "rows[2].extension"
        ]
    );
    assert!(errors[1].message.contains("already taken"));
    let mut same = request(&data, 2);
    same.rows[1].extension = same.rows[0].extension.clone();
    assert_eq!(
        fields(&validate(&same, &cx(&data, &admin))),
        ["rows[0].extension", "rows[1].extension"]
    );
    let free = next_free_extensions(&data, &["221".into()], 2);
    assert_eq!(
        free,
        ["222", "223"],
        "after the highest (220), skipping the draft's own"
    );
}

#[test]
fn two_rows_cannot_take_the_same_phone_or_number() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let spare = data.phones.iter().find(|p| p.assignee.is_none()).unwrap();
    let taken = data.phones.iter().find(|p| p.assignee.is_some()).unwrap();
    let mut req = request(&data, 3);
    for row in &mut req.rows[..2] {
        row.phone = PhoneChoice::Inventory {
            phone_id: spare.id.clone(),
        };
    }
    req.rows[2].phone = PhoneChoice::Inventory {
        phone_id: taken.id.clone(),
    };
    req.rows[1].number = req.rows[0].number.clone();
    let errors = validate(&req, &cx(&data, &admin));
    assert_eq!(
        fields(&errors),
        [
            "rows[0].phone",
            "rows[0].number",
            "rows[1].phone",
            "rows[1].number",
            "rows[2].phone"
        ]
    );
    assert!(errors[4].message.contains("no longer in inventory"));
}

#[test]
fn mobile_and_video_pro_users_skip_phone_and_number() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    for user_type in [UserType::Mobile, UserType::VideoPro] {
        let mut req = request(&data, 2);
        req.user_type = user_type;
        for row in &mut req.rows {
            row.number = NumberChoice::None;
        }
        let plan = plan_add_users(&req, &data, &admin, NOW).unwrap();
        assert!(plan.result.created.iter().all(|c| c.number.is_none()));
        assert!(
            !plan.result.charges.is_purchase(),
            "free users need no license"
        );
    }
}

#[test]
fn purchases_are_itemised_need_acknowledgment_and_permission() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let sku = data.catalog[0].sku.clone();
    let mut req = request(&data, 2);
    for row in &mut req.rows {
        row.phone = PhoneChoice::Purchase {
            sku: sku.clone(),
            address_id: "addr-1".into(),
        };
    }
    let offered = numbers_for_sale("TX", "512", &data);
    req.rows[1].number = NumberChoice::New {
        state: "TX".into(),
        area_code: "512".into(),
        e164: offered[0].clone(),
    };
    let bill = charges(&req, &data, &admin);
    assert_eq!(bill.lines.len(), 2);
    assert_eq!(bill.lines[0].quantity, 2);
    assert_eq!(
        bill.one_time_total_cents,
        2 * u64::from(data.catalog[0].price_cents)
    );
    assert_eq!(bill.monthly_total_cents, PRICE_NEW_NUMBER_MONTHLY_CENTS);

    let err = plan_add_users(&req, &data, &admin, NOW).unwrap_err();
    assert_eq!(err.field_errors[0].field, "acknowledgedCharges");
    req.acknowledged_charges = true;
    let plan = plan_add_users(&req, &data, &admin, NOW).unwrap();
    assert_eq!(
        plan.effects
            .iter()
            .filter(|e| matches!(e, Effect::DeviceOrdered { .. }))
            .count(),
        2
    );
    assert_eq!(
        plan.result.created[1].number.as_deref(),
        Some(offered[0].as_str())
    );

    let buyer_less = role(Persona::UsersAdminNoPurchase);
    let errors = validate(&req, &cx(&data, &buyer_less));
    assert_eq!(
        fields(&errors),
        ["rows[0].phone", "rows[1].phone", "rows[1].number"]
    );
    assert!(errors[0].message.contains("can't purchase"));

    req.rows[0].phone = PhoneChoice::Purchase {
        sku,
        address_id: String::new(),
    };
    assert!(fields(&validate(&req, &cx(&data, &admin))).contains(&"rows[0].shipping"));
}

#[test]
fn licenses_come_from_the_cost_center_then_another_one_when_allowed_then_are_bought() {
    use crate::inventory::LicenseKind;
    let mut data = generate(Dataset::Standard);
    let mut req = request(&data, 1);
    req.acknowledged_charges = true;
    let cost_center = req.rows[0].cost_center_id.clone();
    // Use up every spare Office license of that cost center.
    for l in &mut data.licenses {
        if l.cost_center_id == cost_center && l.assignee.is_none() {
            l.assignee = Some(1);
        }
    }

    // An admin who manages cost centers moves a spare from another cost center, at no charge.
    let admin = role(Persona::SuperAdmin);
    let sources = allocate_licenses(&req, &data, &admin);
    let Some(LicenseSource::Inventory {
        license_id,
        moved_from: Some(from),
    }) = &sources[0]
    else {
        panic!("expected a move, got {sources:?}");
    };
    assert_ne!(from, &cost_center);
    assert!(!charges(&req, &data, &admin).is_purchase());
    let plan = plan_add_users(&req, &data, &admin, NOW).unwrap();
    let mut after = data.clone();
    for effect in &plan.effects {
        effect.apply(&mut after);
    }
    let moved = after.licenses.iter().find(|l| &l.id == license_id).unwrap();
    assert_eq!(moved.cost_center_id, cost_center);
    assert_eq!(moved.assignee, Some(plan.result.created[0].id));

    // Without cost-center management the license is bought instead.
    let buyer = role(Persona::UsersAdminNoCostCenters);
    let bill = charges(&req, &data, &buyer);
    assert_eq!(bill.lines[0].item, "Office license");
    assert_eq!(
        bill.monthly_total_cents,
        license_monthly_cents(LicenseKind::Office)
    );
    let bought = plan_add_users(&req, &data, &buyer, NOW).unwrap();
    assert!(bought
        .effects
        .iter()
        .any(|e| matches!(e, Effect::LicenseAdded { .. })));
    assert!(!bought
        .effects
        .iter()
        .any(|e| matches!(e, Effect::LicenseMoved { .. })));

    // With no spare anywhere, an admin who can't buy is told as they type, at the cost center.
    for l in &mut data.licenses {
        if l.kind == LicenseKind::Office {
            l.assignee.get_or_insert(1);
        }
    }
    let errors = validate(&req, &cx(&data, &role(Persona::UsersAdminNoPurchase)));
    assert_eq!(fields(&errors), ["rows[0].costCenterId"]);
    assert!(errors[0].message.contains("can't buy one"));
}

fn new_address(id: &str) -> crate::inventory::Address {
    crate::inventory::Address {
        id: id.into(),
        name: "Field office".into(),
        street: " 9 Quay Street ".into(),
        city: "Austin".into(),
        state: "TX".into(),
        postal_code: "78701".into(),
        country: "US".into(),
    }
}

#[test]
fn phones_ship_to_addresses_added_or_edited_in_the_wizard() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let mut req = request(&data, 2);
    req.acknowledged_charges = true;
    let added = new_address_id(&req);
    assert!(added.starts_with(NEW_ADDRESS_PREFIX));
    let mut edited = data.shipping_addresses[0].clone();
    edited.street = "1 New Street".into();
    req.addresses = vec![new_address(&added), edited.clone()];
    for (row, address_id) in req.rows.iter_mut().zip([&added, &edited.id]) {
        row.phone = PhoneChoice::Purchase {
            sku: data.catalog[0].sku.clone(),
            address_id: address_id.clone(),
        };
    }
    assert!(validate(&req, &cx(&data, &admin)).is_empty());
    assert_eq!(
        shipping_addresses(&req, &data).len(),
        data.shipping_addresses.len() + 1
    );

    let plan = plan_add_users(&req, &data, &admin, NOW).unwrap();
    let mut after = data.clone();
    for effect in &plan.effects {
        effect.apply(&mut after);
    }
    let saved = after.shipping_addresses.last().unwrap();
    assert!(saved.id.starts_with("addr-"), "new addresses get real ids");
    assert_eq!(saved.street, "9 Quay Street", "trimmed");
    assert_eq!(after.shipping_addresses[0].street, "1 New Street");
    assert_eq!(after.orders[after.orders.len() - 2].address_id, saved.id);
    assert_eq!(after.orders[after.orders.len() - 1].address_id, edited.id);

    // An incomplete address, an unknown one, and a phone shipped nowhere known.
    let mut blank = new_address(&added);
    blank.street = "  ".into();
    blank.name.clear();
    req.addresses = vec![blank, new_address("addr-999")];
    req.rows[1].phone = PhoneChoice::Purchase {
        sku: data.catalog[0].sku.clone(),
        address_id: "new-7".into(),
    };
    assert_eq!(
        fields(&validate(&req, &cx(&data, &admin))),
        [
            "rows[1].shipping",
            "addresses[0].name",
            "addresses[0].street",
            "addresses[1].id"
        ]
    );
}

#[test]
fn scheduled_invites_are_between_five_minutes_and_thirty_days_ahead() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let at = |send_at_unix| {
        let mut req = request(&data, 1);
        req.rows[0].setup = Setup::ScheduleInvite { send_at_unix };
        fields(&validate(&req, &cx(&data, &admin))).len()
    };
    assert_eq!(at(NOW - 60), 1, "in the past");
    assert_eq!(at(NOW + 60), 1, "too soon");
    assert_eq!(at(NOW + 86_400), 0);
    assert_eq!(at(NOW + 31 * 86_400), 1, "the link would expire");
}

/// Credentials that pass every rule, with an existing emergency location (also the
/// activation tests').
pub(crate) fn credentials() -> Credentials {
    Credentials {
        password: "Harbour42view".into(),
        password_again: "Harbour42view".into(),
        temporary_password: true,
        pin: "2580".into(),
        pin_again: "2580".into(),
        security_question: SECURITY_QUESTIONS[0].into(),
        security_answer: "Biscuit".into(),
        emergency: Some(EmergencyChoice::Existing {
            location_id: "erl-1".into(),
        }),
    }
}

#[test]
fn assigned_credentials_follow_the_password_and_pin_policy() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let check = |c: Credentials| {
        let mut req = request(&data, 1);
        req.rows[0].setup = Setup::AssignCredentials(Box::new(c));
        validate(&req, &cx(&data, &admin))
            .into_iter()
            .map(|e| e.field.trim_start_matches("rows[0].").to_owned())
            .collect::<Vec<_>>()
    };
    assert!(check(credentials()).is_empty());
    let bad = Credentials {
        password: "short1".into(),
        password_again: "other".into(),
        pin: "1234".into(),
        pin_again: "1234".into(),
        security_question: "Favourite colour?".into(),
        security_answer: "x".into(),
        ..credentials()
    };
    assert_eq!(
        check(bad),
        [
            "password",
            "passwordAgain",
            "pin",
            "securityQuestion",
            "securityAnswer"
        ]
    );
    for (password, pin) in [("lettersonly", "1111"), ("new.person0rocks1", "98765")] {
        let c = Credentials {
            password: password.into(),
            password_again: password.into(),
            pin: pin.into(),
            pin_again: pin.into(),
            ..credentials()
        };
        assert_eq!(check(c), ["password", "pin"], "{password} {pin}");
    }
    let new_location = Credentials {
        emergency: Some(EmergencyChoice::New {
            nickname: "Home".into(),
            site_id: "site-1".into(),
            street: String::new(),
            city: "Austin".into(),
            state: "TX".into(),
            postal_code: "78701".into(),
            country: "US".into(),
        }),
        ..credentials()
    };
    assert_eq!(check(new_location.clone()), ["emergencyStreet"]);
    assert!(
        check(Credentials {
            emergency: None,
            ..credentials()
        })
        .is_empty(),
        "after the prompt"
    );
}

#[test]
fn activating_with_credentials_enables_the_user_and_adds_a_new_location() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let mut req = request(&data, 1);
    req.rows[0].setup = Setup::AssignCredentials(Box::new(Credentials {
        emergency: Some(EmergencyChoice::New {
            nickname: "Ava home".into(),
            site_id: "site-2".into(),
            street: "1 Main St".into(),
            city: "Austin".into(),
            state: "TX".into(),
            postal_code: "78701".into(),
            country: "US".into(),
        }),
        ..credentials()
    }));
    let plan = plan_add_users(&req, &data, &admin, NOW).unwrap();
    assert_eq!(plan.result.created[0].invite, InviteState::Activated);
    assert!(plan.effects.iter().any(|e| matches!(
        e,
        Effect::UserCreated { user } if user.status == UserStatus::Enabled
    )));
    assert!(plan
        .effects
        .iter()
        .any(|e| matches!(e, Effect::EmergencyLocationAdded { .. })));
}

#[test]
fn read_only_admins_cannot_add_users() {
    let data = generate(Dataset::Standard);
    let err = plan_add_users(&request(&data, 1), &data, &role(Persona::ReadOnly), NOW).unwrap_err();
    assert_eq!(err.status, 403);
}

#[test]
fn duplicate_copies_all_but_names_email_and_inventory_picks() {
    let data = generate(Dataset::Standard);
    let mut original = row(&data, 0);
    original.phone = PhoneChoice::Inventory {
        phone_id: "ph-9".into(),
    };
    let copy = original.duplicate("300".into());
    assert_eq!(
        (
            copy.email.as_str(),
            copy.first_name.as_str(),
            copy.last_name.as_str()
        ),
        ("", "", "")
    );
    assert_eq!(copy.extension, "300");
    assert_eq!(
        copy.phone,
        PhoneChoice::Inventory {
            phone_id: String::new()
        }
    );
    assert_eq!(
        copy.number,
        NumberChoice::Inventory {
            e164: String::new()
        }
    );
    assert_eq!(
        (copy.site_id, copy.cost_center_id, copy.role_id, copy.setup),
        (
            original.site_id,
            original.cost_center_id,
            original.role_id,
            original.setup
        )
    );
}

#[test]
fn video_pro_plus_users_need_no_number_but_office_users_do() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let mut req = request(&data, 2);
    req.user_type = UserType::VideoProPlus;
    req.rows[0].number = NumberChoice::None;
    assert_eq!(
        fields(&validate(&req, &cx(&data, &admin))),
        Vec::<String>::new()
    );
    let plan = plan_add_users(&req, &data, &admin, NOW).unwrap();
    assert!(plan.result.created[0].number.is_none());
    assert!(
        plan.result.created[1].number.is_some(),
        "one picked is given"
    );

    req.user_type = UserType::Office;
    assert_eq!(
        fields(&validate(&req, &cx(&data, &admin))),
        ["rows[0].number"]
    );
}

#[test]
fn twenty_five_rows_on_the_large_account_each_get_their_own_error() {
    let data = generate(Dataset::Large);
    let admin = role(Persona::SuperAdmin);
    let mut req = request(&data, 25);
    req.rows
        .iter_mut()
        .for_each(|r| r.number = NumberChoice::None);
    let errors = validate(&req, &cx(&data, &admin));
    let expected: Vec<String> = (0..25).map(|i| format!("rows[{i}].number")).collect();
    assert_eq!(fields(&errors), expected);
}

#[test]
fn the_browsers_view_and_the_whole_account_give_the_same_errors() {
    let data = generate(Dataset::Standard);
    let view = AddUsersView::of(&data);
    let admin = role(Persona::UsersAdminNoPurchase);
    let taken_phone = data.phones.iter().find(|p| p.assignee.is_some()).unwrap();
    let taken_number = data.numbers.iter().find(|n| n.assignee.is_some()).unwrap();
    let mut req = request(&data, 4);
    req.rows[0].email = data.users[7].email.to_uppercase();
    req.rows[1].extension = data.users[9].extension.clone();
    req.rows[2].phone = PhoneChoice::Inventory {
        phone_id: taken_phone.id.clone(),
    };
    req.rows[3].number = NumberChoice::Inventory {
        e164: taken_number.e164.clone(),
    };
    req.rows[3].phone = PhoneChoice::Purchase {
        sku: data.catalog[0].sku.clone(),
        address_id: "addr-1".into(),
    };
    let on_server = validate(&req, &cx(&data, &admin));
    let in_browser = validate(
        &req,
        &Context {
            data: &view,
            role: &admin,
            now_unix: NOW,
        },
    );
    assert_eq!(on_server.len(), 6, "{on_server:?}");
    assert_eq!(on_server[5].field, "acknowledgedCharges");
    assert_eq!(in_browser, on_server);
    assert_eq!(
        charges(&req, &view, &admin),
        charges(&req, &data, &admin),
        "the live total in the browser is the one the server charges"
    );
    assert_eq!(
        next_free_extensions(&view, &[], 3),
        next_free_extensions(&data, &[], 3)
    );
}
