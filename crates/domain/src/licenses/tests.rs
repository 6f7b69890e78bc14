//! Licenses & Inventory rules over the seeded account.

use super::*;
use crate::effects::Effect;
use crate::permissions::Persona;
use crate::seed::{generate, Dataset};
use crate::UsersQuery;

use crate::seed::persona_role as role;

fn apply(data: &mut AccountData, effects: &[Effect]) {
    for e in effects {
        e.apply(data);
    }
}

fn line(data: &AccountData, kind: InventoryType) -> InventoryLine {
    inventory_summary(data)
        .into_iter()
        .find(|l| l.kind == kind)
        .unwrap()
}

/// A spare add-on and a user of its cost center who lacks that add-on.
fn spare_and_taker(data: &AccountData, kind: LicenseKind) -> (String, u32) {
    for l in data
        .licenses
        .iter()
        .filter(|l| l.kind == kind && l.assignee.is_none())
    {
        let taker = data.users.iter().find(|u| {
            u.cost_center_id == l.cost_center_id
                && !data
                    .licenses
                    .iter()
                    .any(|x| x.kind == kind && x.assignee == Some(u.id))
        });
        if let Some(u) = taker {
            return (l.cost_center_id.clone(), u.id);
        }
    }
    panic!("no spare {kind:?} with a taker");
}

#[test]
fn totals_agree_with_the_items_and_unbought_types_are_not_listed() {
    let data = generate(Dataset::Standard);
    let summary = inventory_summary(&data);
    assert!(!summary.is_empty());
    for l in &summary {
        let items = inventory_items(&data, l.kind);
        assert_eq!(items.len() as u32, l.total, "{:?}", l.kind);
        let in_use = items.iter().filter(|i| i.state == ItemState::InUse).count() as u32;
        assert_eq!((in_use, l.total - in_use), (l.in_use, l.available));
        assert_eq!(l.user_level, l.kind.license().is_some());
    }
    let mut none = data.clone();
    none.licenses.retain(|l| l.kind != LicenseKind::PushToTalk);
    assert!(inventory_summary(&none)
        .iter()
        .all(|l| l.kind != InventoryType::PushToTalk));
}

#[test]
fn items_are_searched_filtered_sorted_and_the_query_round_trips() {
    let data = generate(Dataset::Standard);
    let office = inventory_items(&data, InventoryType::Office);
    let held = office.iter().find(|i| i.assignee_id.is_some()).unwrap();
    assert!(!held.email.is_empty() && !held.cost_center.is_empty());
    let (q, errors) = ItemsQuery::parse([("q", held.email.as_str()), ("state", "in-use")]);
    assert!(errors.is_empty());
    let page = ItemsIndex::build(&data).list(Some(InventoryType::Office), &q);
    assert_eq!(page.items, vec![held.clone()]);

    let (q, _) = ItemsQuery::parse([
        ("sort", "-cost-center"),
        ("costCenter", "cc-2"),
        ("perPage", "25"),
    ]);
    let page = ItemsIndex::build(&data).list(Some(InventoryType::Office), &q);
    assert!(page.items.iter().all(|i| i.cost_center_id == "cc-2"));
    assert!(page.items.len() <= 25);
    let pairs = q.to_pairs();
    let back = ItemsQuery::parse(pairs.iter().map(|(k, v)| (*k, v.as_str()))).0;
    assert_eq!(back, q);
    let (_, errors) = ItemsQuery::parse([("state", "lost"), ("sort", "price")]);
    assert_eq!(errors.len(), 2);
}

#[test]
fn assigning_add_ons_takes_spares_of_the_cost_center_one_per_user() {
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let kind = LicenseKind::LargeMeetings;
    let (cost_center_id, user) = spare_and_taker(&data, kind);
    let before = line(&data, InventoryType::LargeMeetings);
    let request = AssignAddOns {
        kind,
        cost_center_id: cost_center_id.clone(),
        user_ids: vec![user],
    };
    let effects = plan_assign_add_ons(&data, &admin, &request).unwrap();
    apply(&mut data, &effects);
    let after = line(&data, InventoryType::LargeMeetings);
    assert_eq!(
        (after.in_use, after.available),
        (before.in_use + 1, before.available - 1)
    );
    // The Users page shows it too.
    let users = crate::IndexedAccount::new(data.clone()).list_users(&UsersQuery {
        search: data
            .users
            .iter()
            .find(|u| u.id == user)
            .unwrap()
            .email
            .clone(),
        ..UsersQuery::default()
    });
    assert!(users.items[0]
        .licenses
        .contains(&"Large Meetings".to_owned()));

    // One license of a type per user.
    let again = plan_assign_add_ons(&data, &admin, &request).unwrap_err();
    assert_eq!(again.field_errors.last().unwrap().field, "userIds[0]");
    assert!(
        again.message.contains("already has")
            || again
                .field_errors
                .iter()
                .any(|e| e.message.contains("already has"))
    );

    // Never more users than spares.
    let many: Vec<u32> = data.users.iter().map(|u| u.id).take(500).collect();
    let err = plan_assign_add_ons(
        &data,
        &admin,
        &AssignAddOns {
            user_ids: many,
            ..request.clone()
        },
    )
    .unwrap_err();
    assert!(err.field_errors[0].message.contains("available"), "{err:?}");
    // Only add-ons, and only with the permission.
    let office = AssignAddOns {
        kind: LicenseKind::Office,
        ..request.clone()
    };
    assert_eq!(
        plan_assign_add_ons(&data, &admin, &office)
            .unwrap_err()
            .field_errors[0]
            .field,
        "kind"
    );
    assert_eq!(
        plan_assign_add_ons(&data, &role(Persona::ReadOnly), &request)
            .unwrap_err()
            .status,
        403
    );
}

#[test]
fn users_of_another_cost_center_need_cost_center_management_and_then_the_license_moves() {
    let mut data = generate(Dataset::Standard);
    let kind = LicenseKind::LargeMeetings;
    let (cost_center_id, _) = spare_and_taker(&data, kind);
    let outsider = data
        .users
        .iter()
        .find(|u| {
            u.cost_center_id != cost_center_id
                && !data
                    .licenses
                    .iter()
                    .any(|l| l.kind == kind && l.assignee == Some(u.id))
        })
        .unwrap()
        .clone();
    let request = AssignAddOns {
        kind,
        cost_center_id: cost_center_id.clone(),
        user_ids: vec![outsider.id],
    };
    let refused =
        plan_assign_add_ons(&data, &role(Persona::UsersAdminNoCostCenters), &request).unwrap_err();
    assert!(refused.field_errors[0]
        .message
        .contains("only assign licenses to users of the license's cost center"));
    let effects = plan_assign_add_ons(&data, &role(Persona::SuperAdmin), &request).unwrap();
    assert!(matches!(effects[0], Effect::LicenseMoved { .. }));
    apply(&mut data, &effects);
    let moved = data
        .licenses
        .iter()
        .find(|l| l.kind == kind && l.assignee == Some(outsider.id))
        .unwrap();
    assert_eq!(moved.cost_center_id, outsider.cost_center_id);
}

#[test]
fn unassigning_returns_licenses_and_refuses_a_stale_selection_whole() {
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let held: Vec<HeldLicense> = data
        .licenses
        .iter()
        .filter(|l| l.kind.is_add_on())
        .filter_map(|l| {
            l.assignee.map(|a| HeldLicense {
                id: l.id.clone(),
                assignee: a,
            })
        })
        .take(3)
        .collect();
    assert_eq!(held.len(), 3);
    let mut stale = held.clone();
    stale[1].assignee += 100_000;
    let err = plan_unassign(&data, &admin, &Unassign { licenses: stale }).unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (412, "stale_version"));
    assert!(err.message.contains("nothing was unassigned"));

    let effects = plan_unassign(
        &data,
        &admin,
        &Unassign {
            licenses: held.clone(),
        },
    )
    .unwrap();
    apply(&mut data, &effects);
    for h in &held {
        assert_eq!(
            data.licenses
                .iter()
                .find(|l| l.id == h.id)
                .unwrap()
                .assignee,
            None
        );
    }
    // Sent again, the licenses are no longer held by those users: stale, not applied twice.
    assert_eq!(
        plan_unassign(&data, &admin, &Unassign { licenses: held })
            .unwrap_err()
            .status,
        412
    );
    // User licenses are not unassigned here.
    let office = data
        .licenses
        .iter()
        .find(|l| l.kind == LicenseKind::Office && l.assignee.is_some())
        .unwrap();
    let err = plan_unassign(
        &data,
        &admin,
        &Unassign {
            licenses: vec![HeldLicense {
                id: office.id.clone(),
                assignee: office.assignee.unwrap(),
            }],
        },
    )
    .unwrap_err();
    assert_eq!(err.status, 400);
}

#[test]
fn reassigning_moves_one_license_to_a_user_without_one() {
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let license = data
        .licenses
        .iter()
        .find(|l| l.kind == LicenseKind::LiveReports && l.assignee.is_some())
        .unwrap()
        .clone();
    let from = license.assignee.unwrap();
    let to = data
        .users
        .iter()
        .find(|u| {
            u.cost_center_id == license.cost_center_id
                && u.id != from
                && !data
                    .licenses
                    .iter()
                    .any(|l| l.kind == license.kind && l.assignee == Some(u.id))
        })
        .unwrap()
        .id;
    let request = Reassign {
        license: HeldLicense {
            id: license.id.clone(),
            assignee: from,
        },
        to_user_id: to,
    };
    let effects = plan_reassign(&data, &admin, &request).unwrap();
    apply(&mut data, &effects);
    assert_eq!(
        data.licenses
            .iter()
            .find(|l| l.id == license.id)
            .unwrap()
            .assignee,
        Some(to)
    );
    assert_eq!(
        plan_reassign(&data, &admin, &request).unwrap_err().status,
        412
    );
    let back = Reassign {
        license: HeldLicense {
            id: license.id.clone(),
            assignee: to,
        },
        to_user_id: to,
    };
    assert_eq!(
        plan_reassign(&data, &admin, &back)
            .unwrap_err()
            .field_errors[0]
            .field,
        "toUserId"
    );
}

#[test]
fn only_additional_numbers_nobody_holds_can_be_deleted() {
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let spare = data
        .numbers
        .iter()
        .find(|n| n.assignee.is_none())
        .unwrap()
        .e164
        .clone();
    let held = data
        .numbers
        .iter()
        .find(|n| n.assignee.is_some())
        .unwrap()
        .e164
        .clone();
    let before = line(&data, InventoryType::LocalNumbers).total;
    let err = plan_delete_number(&data, &admin, &DeleteNumber { e164: held.clone() }).unwrap_err();
    assert_eq!(err.status, 409);
    assert!(err.message.contains("unassign it"));
    assert_eq!(
        plan_delete_number(
            &data,
            &role(Persona::ReadOnly),
            &DeleteNumber {
                e164: spare.clone()
            }
        )
        .unwrap_err()
        .status,
        403
    );
    let main = data.account.main_number.clone();
    data.numbers.push(crate::inventory::PhoneNumber {
        e164: main.clone(),
        kind: crate::inventory::NumberKind::Local,
        site_id: "site-1".into(),
        assignee: None,
    });
    assert_eq!(
        plan_delete_number(&data, &admin, &DeleteNumber { e164: main.clone() })
            .unwrap_err()
            .status,
        409
    );
    data.numbers.pop();
    let effects = plan_delete_number(
        &data,
        &admin,
        &DeleteNumber {
            e164: spare.clone(),
        },
    )
    .unwrap();
    apply(&mut data, &effects);
    assert_eq!(line(&data, InventoryType::LocalNumbers).total, before - 1);
    assert_eq!(
        plan_delete_number(
            &data,
            &admin,
            &DeleteNumber {
                e164: spare.clone()
            }
        )
        .unwrap_err()
        .status,
        404
    );
}

fn edit(user_type: crate::users::UserType, add_ons: &[LicenseKind]) -> EditLicenses {
    EditLicenses {
        user_type,
        add_ons: add_ons.to_vec(),
        cancel_freed: false,
        buy_missing: false,
    }
}

#[test]
fn a_freed_license_is_cancelled_only_when_asked_and_only_by_a_role_that_may_buy() {
    use crate::users::UserType;
    let mut data = generate(Dataset::Standard);
    let office = data
        .users
        .iter()
        .find(|u| u.user_type == UserType::Office)
        .unwrap()
        .clone();
    let before = line(&data, InventoryType::Office);
    let cancel = EditLicenses {
        cancel_freed: true,
        ..edit(UserType::VideoPro, &[])
    };
    let refused = plan_edit_licenses(
        &data,
        &role(Persona::UsersAdminNoPurchase),
        office.id,
        Some(office.version),
        &cancel,
    )
    .unwrap_err();
    assert!(refused.field("cancelFreed").is_some());

    let admin = role(Persona::SuperAdmin);
    let (_, effects) =
        plan_edit_licenses(&data, &admin, office.id, Some(office.version), &cancel).unwrap();
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::LicenseCancelled { .. })));
    apply(&mut data, &effects);
    let after = line(&data, InventoryType::Office);
    assert_eq!(
        (after.total, after.in_use, after.available),
        (before.total - 1, before.in_use - 1, before.available),
        "the license left the account instead of going back to inventory"
    );

    // With no spare Office license left, the way back to Office is to buy one: refused
    // unless asked for, and the bought license never takes a cancelled one's id.
    data.licenses
        .retain(|l| !(l.kind == LicenseKind::Office && l.assignee.is_none()));
    let video = data
        .users
        .iter()
        .find(|u| u.id == office.id)
        .unwrap()
        .clone();
    let back = edit(UserType::Office, &[]);
    let none = plan_edit_licenses(&data, &admin, video.id, Some(video.version), &back).unwrap_err();
    assert!(none.field("userType").unwrap().contains("buy one"));
    let buy = EditLicenses {
        buy_missing: true,
        ..back
    };
    assert!(plan_edit_licenses(
        &data,
        &role(Persona::UsersAdminNoPurchase),
        video.id,
        Some(video.version),
        &buy
    )
    .unwrap_err()
    .field("buyMissing")
    .is_some());
    let (_, effects) =
        plan_edit_licenses(&data, &admin, video.id, Some(video.version), &buy).unwrap();
    let bought = effects
        .iter()
        .find_map(|e| match e {
            Effect::LicenseAdded { license } => Some(license.clone()),
            _ => None,
        })
        .expect("a license bought");
    assert_eq!(bought.assignee, Some(video.id));
    assert!(
        data.licenses.iter().all(|l| l.id != bought.id),
        "a fresh id"
    );
    apply(&mut data, &effects);
    assert_eq!(line(&data, InventoryType::Office).in_use, before.in_use);
}

#[test]
fn a_video_user_is_upgraded_only_from_inventory_and_a_downgrade_returns_the_license() {
    use crate::users::UserType;
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let video = data
        .users
        .iter()
        .find(|u| u.user_type == UserType::VideoPro)
        .unwrap()
        .clone();
    let before = line(&data, InventoryType::Office);
    let offer = user_licenses(&data, &admin, video.id).unwrap();
    assert!(offer.held.is_empty());
    assert!(offer
        .offers
        .iter()
        .any(|o| o.kind == LicenseKind::Office && o.available > 0));

    let (upgraded, effects) = plan_edit_licenses(
        &data,
        &admin,
        video.id,
        Some(video.version),
        &edit(UserType::Office, &[]),
    )
    .unwrap();
    assert_eq!(
        (upgraded.user_type, upgraded.version),
        (UserType::Office, video.version + 1)
    );
    apply(&mut data, &effects);
    assert_eq!(line(&data, InventoryType::Office).in_use, before.in_use + 1);
    // The old version is stale now.
    let stale = plan_edit_licenses(
        &data,
        &admin,
        video.id,
        Some(video.version),
        &edit(UserType::VideoPro, &[]),
    )
    .unwrap_err();
    assert_eq!(stale.status, 412);
    let (_, effects) = plan_edit_licenses(
        &data,
        &admin,
        video.id,
        Some(upgraded.version),
        &edit(UserType::VideoPro, &[]),
    )
    .unwrap();
    apply(&mut data, &effects);
    assert_eq!(
        line(&data, InventoryType::Office),
        before,
        "the license went back to inventory"
    );

    // With no Office license left, the upgrade is refused with a way to buy one.
    for l in &mut data.licenses {
        if l.kind == LicenseKind::Office {
            l.assignee.get_or_insert(1);
        }
    }
    let user = data.users.iter().find(|u| u.id == video.id).unwrap();
    let err = plan_edit_licenses(
        &data,
        &admin,
        video.id,
        Some(user.version),
        &edit(UserType::Office, &[]),
    )
    .unwrap_err();
    assert_eq!(err.field_errors[0].field, "userType");
    assert!(err.field_errors[0]
        .message
        .contains("buy one and agree to its monthly charge"));
    let err = plan_edit_licenses(
        &data,
        &role(Persona::UsersAdminNoPurchase),
        video.id,
        Some(user.version),
        &edit(UserType::Office, &[]),
    )
    .unwrap_err();
    assert!(err.field_errors[0].message.contains("Ask a billing admin"));
}

#[test]
fn add_ons_are_added_and_removed_one_of_a_kind_and_read_only_roles_change_nothing() {
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let office = data
        .users
        .iter()
        .find(|u| {
            u.user_type == crate::users::UserType::Office
                && !data
                    .licenses
                    .iter()
                    .any(|l| l.assignee == Some(u.id) && l.kind.is_add_on())
        })
        .unwrap()
        .clone();
    let (user, effects) = plan_edit_licenses(
        &data,
        &admin,
        office.id,
        Some(office.version),
        &edit(
            office.user_type,
            &[LicenseKind::LargeMeetings, LicenseKind::LargeMeetings],
        ),
    )
    .unwrap();
    apply(&mut data, &effects);
    let held = user_licenses(&data, &admin, office.id).unwrap().held;
    assert_eq!(held, vec![LicenseKind::Office, LicenseKind::LargeMeetings]);
    let (_, effects) = plan_edit_licenses(
        &data,
        &admin,
        office.id,
        Some(user.version),
        &edit(office.user_type, &[]),
    )
    .unwrap();
    apply(&mut data, &effects);
    assert_eq!(
        user_licenses(&data, &admin, office.id).unwrap().held,
        vec![LicenseKind::Office]
    );
    let err = plan_edit_licenses(
        &data,
        &role(Persona::ReadOnly),
        office.id,
        Some(office.version),
        &edit(office.user_type, &[]),
    )
    .unwrap_err();
    assert_eq!(err.status, 403);
    let err = plan_edit_licenses(&data, &admin, office.id, None, &edit(office.user_type, &[]))
        .unwrap_err();
    assert_eq!(err.status, 428);
    // What a removal deletes is the same figure every time for a user.
    assert_eq!(data_loss(&office), data_loss(&office));
}

#[test]
fn video_users_are_upgraded_in_bulk_all_or_nothing() {
    use crate::users::UserType;
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let videos: Vec<SeenUser> = data
        .users
        .iter()
        .filter(|u| u.user_type == UserType::VideoPro)
        .take(2)
        .map(|u| SeenUser {
            id: u.id,
            version: u.version,
        })
        .collect();
    let office = data
        .users
        .iter()
        .find(|u| u.user_type == UserType::Office)
        .unwrap();
    let mut mixed = videos.clone();
    mixed.push(SeenUser {
        id: office.id,
        version: office.version,
    });
    let err = plan_upgrade_to_office(&data, &admin, &UpgradeToOffice { users: mixed }).unwrap_err();
    assert_eq!(err.field_errors[0].field, "users[2]");
    let mut stale = videos.clone();
    stale[0].version += 1;
    assert_eq!(
        plan_upgrade_to_office(&data, &admin, &UpgradeToOffice { users: stale })
            .unwrap_err()
            .status,
        412
    );

    let before = line(&data, InventoryType::Office);
    let effects = plan_upgrade_to_office(
        &data,
        &admin,
        &UpgradeToOffice {
            users: videos.clone(),
        },
    )
    .unwrap();
    assert_eq!(Changed::of(&effects).changed, 2);
    apply(&mut data, &effects);
    assert_eq!(line(&data, InventoryType::Office).in_use, before.in_use + 2);
    for v in &videos {
        assert_eq!(
            data.users.iter().find(|u| u.id == v.id).unwrap().user_type,
            UserType::Office
        );
    }
    // Not enough licenses: nobody is upgraded, and each short row says so.
    for l in &mut data.licenses {
        if l.kind == LicenseKind::Office {
            l.assignee.get_or_insert(1);
        }
    }
    let more: Vec<SeenUser> = data
        .users
        .iter()
        .filter(|u| u.user_type == UserType::VideoPro)
        .take(1)
        .map(|u| SeenUser {
            id: u.id,
            version: u.version,
        })
        .collect();
    let err = plan_upgrade_to_office(&data, &admin, &UpgradeToOffice { users: more }).unwrap_err();
    assert!(err.field_errors[0].message.contains("Buy more"));
}

#[test]
fn the_download_list_spans_every_type_and_user_level_keeps_only_user_licenses() {
    let data = generate(Dataset::Standard);
    let summary = inventory_summary(&data);
    let everything = ItemsIndex::build(&data).list(None, &ItemsQuery::default());
    assert_eq!(
        everything.total,
        summary.iter().map(|l| l.total).sum::<u32>()
    );

    let (q, errors) = ItemsQuery::parse([("userLevel", "true"), ("perPage", "500")]);
    assert!(errors.is_empty());
    assert_eq!(ItemsQuery::parse([("userLevel", "maybe")]).1.len(), 1);
    let user_level = matching_items(&data, None, &q);
    let expected: u32 = summary
        .iter()
        .filter(|l| l.user_level)
        .map(|l| l.total)
        .sum();
    assert_eq!(user_level.len() as u32, expected);
    assert!(user_level.iter().all(|i| i.kind.is_user_level()));
    let keys: std::collections::HashSet<String> =
        matching_items(&data, None, &ItemsQuery::default())
            .iter()
            .map(InventoryItem::key)
            .collect();
    assert_eq!(keys.len() as u32, everything.total, "keys are unique");
}

#[test]
fn send_to_email_puts_the_filtered_or_ticked_list_in_the_outbox() {
    let mut data = generate(Dataset::Standard);
    let bad = ExportRequest {
        to: "admin@".into(),
        ..ExportRequest::default()
    };
    let err = plan_export(&data, &bad, 1_000).unwrap_err();
    assert!(err.field("to").is_some());

    let filtered = ExportRequest {
        to: " admin@northwind.example ".into(),
        kind: Some(InventoryType::Office),
        cost_center_id: Some("cc-2".into()),
        ..ExportRequest::default()
    };
    let expected = export_items(&data, &filtered);
    assert!(expected.iter().all(|i| i.cost_center_id == "cc-2"));
    let (entry, effects) = plan_export(&data, &filtered, 1_000).unwrap();
    apply(&mut data, &effects);
    let sent = &data.outbox[0];
    assert_eq!((entry.id, sent.to.as_str()), (1, "admin@northwind.example"));
    assert_eq!(sent.attachment.content, items_csv(&expected));
    assert!(sent
        .subject
        .contains(&format!("({} items)", expected.len())));

    let picked = ExportRequest {
        to: "admin@northwind.example".into(),
        picked: expected.iter().take(2).map(InventoryItem::key).collect(),
        search: "matches none of them".into(),
        ..ExportRequest::default()
    };
    let (entry, effects) = plan_export(&data, &picked, 2_000).unwrap();
    apply(&mut data, &effects);
    assert_eq!(entry.id, 2);
    assert_eq!(
        data.outbox[1].attachment.content,
        items_csv(&expected[..2]),
        "exactly the ticked items, whatever the filters"
    );
    let gone = ExportRequest {
        to: "admin@northwind.example".into(),
        picked: vec!["office/no-such-license".into()],
        ..ExportRequest::default()
    };
    assert!(plan_export(&data, &gone, 3_000)
        .unwrap_err()
        .field("list")
        .is_some());
    assert_eq!(
        crate::outbox::outbox_entries(&data.outbox)
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        vec![2, 1],
        "newest first"
    );
}
