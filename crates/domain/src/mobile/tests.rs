//! The 10-call charge, the billing cycle, deleting Mobile users and replacing them with a
//! DigitalLine.

use super::*;
use crate::add_users::{AddUsersView, Context, EmergencyChoice, NumberChoice, PhoneChoice};
use crate::permissions::Persona;
use crate::seed::{generate, persona_role as role, Dataset};

const NOW: u64 = 1_800_000_000; // 2027-01-15

fn mobile(data: &AccountData, nth: usize) -> User {
    data.users
        .iter()
        .filter(|u| u.user_type == UserType::Mobile)
        .nth(nth)
        .cloned()
        .unwrap()
}

#[test]
fn ten_calls_or_more_is_a_charged_cycle() {
    assert!(!is_charged(0));
    assert!(!is_charged(9));
    assert!(is_charged(10));
    assert!(is_charged(11));
    // Every page says the rule in these words; "more than 10" would be wrong at 10.
    assert_eq!(charged_calls(), "10 or more calls");
}

#[test]
fn the_cycle_is_the_calendar_month_in_utc() {
    // 2027-01-15 → 2027-01-01 .. 2027-02-01.
    assert_eq!(billing_cycle(NOW), (1_798_761_600, 1_801_440_000));
    // The first second of a month starts it; the last belongs to the one before.
    assert_eq!(billing_cycle(1_798_761_600).0, 1_798_761_600);
    assert_eq!(billing_cycle(1_798_761_599).1, 1_798_761_600);
    // A leap February: 2028-02-10 → 29 days.
    let (start, end) = billing_cycle(1_833_753_600);
    assert_eq!((end - start) / 86_400, 29);
    // December rolls into the next year.
    let (start, end) = billing_cycle(1_796_083_200); // 2026-12-01
    assert_eq!(start, 1_796_083_200);
    assert_eq!((end - start) / 86_400, 31);
}

#[test]
fn every_mobile_user_is_listed_with_calls_most_first_and_the_charge() {
    let data = generate(Dataset::Standard);
    let list = mobile_users(&data, NOW);
    let count = data
        .users
        .iter()
        .filter(|u| u.user_type == UserType::Mobile)
        .count();
    assert_eq!(list.users.len(), count);
    assert!(list.users.windows(2).all(|w| w[0].calls >= w[1].calls));
    assert!(list.users.iter().all(|u| u.charged == (u.calls >= 10)));
    // The seed has both kinds, so the page shows both.
    assert!(list.users.iter().any(|u| u.charged));
    assert!(list.users.iter().any(|u| !u.charged));
    assert_eq!(list.monthly_cents, 2999);
}

#[test]
fn deleting_mobile_users_is_all_or_nothing_at_the_versions_seen() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let list = mobile_users(&data, NOW);
    let charged = list.users.iter().find(|u| u.charged).unwrap();
    let free = list.users.iter().find(|u| !u.charged).unwrap();
    let seen = |u: &MobileUser| SeenUser {
        id: u.user.id,
        version: u.user.version,
    };
    let request = DeleteMobileUsers {
        users: vec![seen(charged), seen(free), seen(free)],
    };
    let (reply, effects) = plan_delete_mobile_users(&data, &admin, &request).unwrap();
    assert_eq!(reply.deleted, 2);
    assert_eq!(reply.still_charged, vec![charged.name.clone()]);
    let mut after = data.clone();
    for e in &effects {
        e.apply(&mut after);
    }
    assert_eq!(after.users.len(), data.users.len() - 2);
    // The cycle's calls stay on record: the deleted user is still charged.
    assert_eq!(calls_of(&after, charged.user.id), charged.calls);

    // A version someone else changed meanwhile refuses the whole request.
    let stale = DeleteMobileUsers {
        users: vec![
            seen(free),
            SeenUser {
                id: charged.user.id,
                version: charged.user.version + 1,
            },
        ],
    };
    let error = plan_delete_mobile_users(&data, &admin, &stale).unwrap_err();
    assert_eq!(error.status, 412);
    assert!(error.message.contains(&charged.name), "{}", error.message);
    // Deleting again what is gone is stale too, not a second deletion.
    let error = plan_delete_mobile_users(&after, &admin, &request).unwrap_err();
    assert_eq!(error.status, 412);
    // Only Mobile users are deleted here.
    let office = data
        .users
        .iter()
        .find(|u| u.user_type == UserType::Office)
        .unwrap();
    let request = DeleteMobileUsers {
        users: vec![SeenUser {
            id: office.id,
            version: office.version,
        }],
    };
    assert_eq!(
        plan_delete_mobile_users(&data, &admin, &request)
            .unwrap_err()
            .status,
        412
    );
    // Nothing selected, or a role that can't manage users.
    let none = DeleteMobileUsers { users: vec![] };
    assert_eq!(
        plan_delete_mobile_users(&data, &admin, &none)
            .unwrap_err()
            .status,
        400
    );
    let read_only = role(Persona::ReadOnly);
    let one = DeleteMobileUsers {
        users: vec![seen(free)],
    };
    assert_eq!(
        plan_delete_mobile_users(&data, &read_only, &one)
            .unwrap_err()
            .status,
        403
    );
}

/// A conversion taking a spare number of the user's site and an existing emergency location.
fn conversion(data: &AccountData, user: &User) -> DigitalLineRequest {
    let number = data
        .numbers
        .iter()
        .find(|n| n.assignee.is_none() && n.site_id == user.site_id)
        .unwrap();
    DigitalLineRequest {
        phone: PhoneChoice::DesktopApp,
        number: NumberChoice::Inventory {
            e164: number.e164.clone(),
        },
        emergency: Some(EmergencyChoice::Existing {
            location_id: data.emergency_locations[0].id.clone(),
        }),
        ..DigitalLineRequest::default()
    }
}

/// A new emergency location at the user's site, in Austin.
fn new_location(user: &User, nickname: &str) -> EmergencyChoice {
    EmergencyChoice::New {
        nickname: nickname.into(),
        site_id: user.site_id.clone(),
        street: "1 Main St".into(),
        city: "Austin".into(),
        state: "TX".into(),
        postal_code: "73301".into(),
        country: "US".into(),
    }
}

fn cx<'a>(data: &'a dyn crate::add_users::AccountView, role: &'a Role) -> Context<'a> {
    Context {
        data,
        role,
        now_unix: NOW,
    }
}

#[test]
fn a_mobile_user_becomes_an_office_user_keeping_who_they_are() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let user = mobile(&data, 0);
    let request = conversion(&data, &user);
    // The user's own email and extension are not "taken".
    assert_eq!(
        digital_line_errors(&user, &request, &cx(&data, &admin)),
        vec![]
    );
    let (converted, effects) =
        plan_digital_line(&data, &admin, user.id, Some(user.version), &request, NOW).unwrap();
    assert_eq!(converted.user_type, UserType::Office);
    assert_eq!(converted.version, user.version + 1);
    assert_eq!(
        (
            &converted.email,
            &converted.extension,
            converted.mailbox_id,
            converted.status
        ),
        (&user.email, &user.extension, user.mailbox_id, user.status)
    );
    let mut after = data.clone();
    for e in &effects {
        e.apply(&mut after);
    }
    assert_eq!(after.users.len(), data.users.len());
    let held: Vec<_> = after
        .licenses
        .iter()
        .filter(|l| l.assignee == Some(user.id))
        .map(|l| l.kind)
        .collect();
    assert_eq!(held, vec![LicenseKind::Office]);
    let NumberChoice::Inventory { e164 } = &request.number else {
        unreachable!()
    };
    assert!(after
        .numbers
        .iter()
        .any(|n| &n.e164 == e164 && n.assignee == Some(user.id)));
}

#[test]
fn a_conversion_needs_an_emergency_address_a_number_and_the_version_seen() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let user = mobile(&data, 1);
    let fields = |request: &DigitalLineRequest| -> Vec<String> {
        digital_line_errors(&user, request, &cx(&data, &admin))
            .into_iter()
            .map(|e| e.field)
            .collect()
    };
    let mut request = conversion(&data, &user);
    request.emergency = None;
    request.number = NumberChoice::None;
    assert_eq!(fields(&request), ["rows[0].number", "rows[0].emergency"]);
    request.emergency = Some(new_location(&user, ""));
    assert!(fields(&request).contains(&"rows[0].emergencyNickname".to_owned()));

    // The browser's slim view gives the same verdict as the whole account.
    let view = AddUsersView::of(&data);
    assert_eq!(
        digital_line_errors(&user, &request, &cx(&view, &admin)),
        digital_line_errors(&user, &request, &cx(&data, &admin))
    );

    let good = conversion(&data, &user);
    let stale = plan_digital_line(&data, &admin, user.id, Some(user.version + 1), &good, NOW);
    assert_eq!(stale.unwrap_err().status, 412);
    let missing = plan_digital_line(&data, &admin, user.id, None, &good, NOW);
    assert_eq!(missing.unwrap_err().status, 428);
    let refused =
        plan_digital_line(&data, &admin, user.id, Some(user.version), &request, NOW).unwrap_err();
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.field("rows[0].emergencyNickname"),
        Some("Give the location a nickname.")
    );
    // An Office user is not converted (again).
    let office = data
        .users
        .iter()
        .find(|u| u.user_type == UserType::Office)
        .unwrap();
    let again = plan_digital_line(&data, &admin, office.id, Some(office.version), &good, NOW);
    assert_eq!(again.unwrap_err().status, 412);
}

#[test]
fn a_new_emergency_location_and_a_bought_number_are_planned_with_the_conversion() {
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let user = mobile(&data, 2);
    let site = data.site(&user.site_id).unwrap();
    let e164 = crate::add_users::numbers_for_sale(&site.state, &site.area_code, &data)[0].clone();
    let request = DigitalLineRequest {
        number: NumberChoice::New {
            state: site.state.clone(),
            area_code: site.area_code.clone(),
            e164: e164.clone(),
        },
        emergency: Some(new_location(&user, "Home office")),
        ..DigitalLineRequest::default()
    };
    // A new number is a purchase: acknowledged first.
    let errors = digital_line_errors(&user, &request, &cx(&data, &admin));
    assert_eq!(errors[0].field, "acknowledgedCharges");
    let request = DigitalLineRequest {
        acknowledged_charges: true,
        ..request
    };
    let (_, effects) =
        plan_digital_line(&data, &admin, user.id, Some(user.version), &request, NOW).unwrap();
    assert!(effects.iter().any(
        |e| matches!(e, Effect::NumberAdded { number } if number.e164 == e164 && number.assignee == Some(user.id))
    ));
    assert!(effects.iter().any(
        |e| matches!(e, Effect::EmergencyLocationAdded { location } if location.nickname == "Home office")
    ));
}
