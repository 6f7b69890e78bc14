//! Paging and search of linked accounts, the link, unlink and rename rules, and the simulated
//! service status.

use super::*;
use crate::permissions::Persona;
use crate::seed::{generate, persona_role as role, Dataset};

const NOW: u64 = 1_800_000_000;

fn apply(data: &mut AccountData, effects: &[Effect]) {
    for e in effects {
        e.apply(data);
    }
}

#[test]
fn linked_accounts_are_listed_twenty_to_a_page_by_name_and_searched() {
    let data = generate(Dataset::Standard);
    let first = list_accounts(&data, "", 1, NOW);
    assert_eq!(
        (first.total, first.items.len(), first.per_page),
        (26, 20, 20)
    );
    assert_eq!(first.page_count(), 2);
    let names: Vec<String> = first.items.iter().map(|a| a.name.to_lowercase()).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    let second = list_accounts(&data, "", 2, NOW);
    assert_eq!(second.items.len(), 6);
    // Past the end is the last page; 0 is the first.
    assert_eq!(list_accounts(&data, "", 9, NOW).page, 2);
    assert_eq!(list_accounts(&data, "", 0, NOW).page, 1);
    // Search by the given name, the account's own name, its id or its main number.
    let renamed = list_accounts(&data, "tasting", 1, NOW);
    assert_eq!(renamed.items[0].official_name, "Coho Winery Austin");
    assert_eq!(
        list_accounts(&data, "COHO WINERY", 1, NOW).items[0].name,
        "Coho: tasting room"
    );
    assert_eq!(list_accounts(&data, "acct-200107", 1, NOW).total, 1);
    assert_eq!(list_accounts(&data, "+1512555", 1, NOW).total, 15);
    assert_eq!(list_accounts(&data, "no such account", 1, NOW).total, 0);
    assert_eq!(list_accounts(&data, "no such account", 1, NOW).page, 1);
}

#[test]
fn the_query_reads_search_and_page_with_defaults() {
    assert_eq!(accounts_query([]), (String::new(), 1));
    assert_eq!(
        accounts_query([("q", "coho"), ("page", "2"), ("x", "y")]),
        ("coho".to_owned(), 2)
    );
    assert_eq!(accounts_query([("page", "two")]).1, 1);
}

#[test]
fn an_account_is_linked_with_its_admins_credentials_once() {
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let unlinked = data.portal_accounts[28].clone();
    let request = LinkRequest {
        email: unlinked.admin_email.to_uppercase(),
        password: "anything".into(),
        name: String::new(),
    };
    // A wrong password and an unknown email read the same.
    let wrong = plan_link(&data, &admin, &request, false, NOW).unwrap_err();
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.field_errors[0].field, "password");
    let stranger = LinkRequest {
        email: "nobody@nowhere.example".into(),
        ..request.clone()
    };
    assert_eq!(
        plan_link(&data, &admin, &stranger, true, NOW)
            .unwrap_err()
            .field_errors,
        wrong.field_errors
    );
    let (link, effects) = plan_link(&data, &admin, &request, true, NOW).unwrap();
    assert_eq!(link.name, unlinked.name);
    apply(&mut data, &effects);
    assert_eq!(list_accounts(&data, "", 1, NOW).total, 27);
    // Linking it again says under which name it is already linked.
    let again = plan_link(&data, &admin, &request, true, NOW).unwrap_err();
    assert_eq!((again.status, again.code.as_str()), (409, "already_linked"));
    assert!(again.message.contains(&unlinked.name));
    // A locked account is refused with what to do.
    let locked = data.portal_accounts.iter().find(|p| p.locked).unwrap();
    let request = LinkRequest {
        email: locked.admin_email.clone(),
        password: DEMO.into(),
        name: "Mine".into(),
    };
    let refused = plan_link(&data, &admin, &request, true, NOW).unwrap_err();
    assert_eq!(
        (refused.status, refused.code.as_str()),
        (423, "account_locked")
    );
    // Fields first: a missing password, a bad email, a name too long.
    let empty = LinkRequest {
        email: "admin at example".into(),
        password: String::new(),
        name: "x".repeat(65),
    };
    let fields: Vec<String> = plan_link(&data, &admin, &empty, true, NOW)
        .unwrap_err()
        .field_errors
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["email", "password", "name"]);
    // Only roles with Multi-account access.
    let other = role(Persona::UsersAdminNoPurchase);
    assert_eq!(
        plan_link(&data, &other, &request, true, NOW)
            .unwrap_err()
            .status,
        403
    );
}

const DEMO: &str = crate::seed::DEMO_PASSWORD;

#[test]
fn accounts_are_unlinked_all_or_nothing_and_renamed_at_the_version_seen() {
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let ids: Vec<String> = data.linked_accounts[..2]
        .iter()
        .map(|l| l.id.clone())
        .collect();
    let effects = plan_unlink(
        &data,
        &admin,
        &UnlinkRequest {
            accounts: ids.clone(),
        },
    )
    .unwrap();
    assert_eq!(effects.len(), 2);
    apply(&mut data, &effects);
    assert_eq!(data.linked_accounts.len(), 24);
    // Unlinking one that is gone refuses the whole request.
    let stale = UnlinkRequest {
        accounts: vec![data.linked_accounts[0].id.clone(), ids[0].clone()],
    };
    assert_eq!(plan_unlink(&data, &admin, &stale).unwrap_err().status, 412);

    let link = data.linked_accounts[0].clone();
    let rename = |name: &str| RenameAccount { name: name.into() };
    for (name, message) in [
        ("   ", "Enter a name for the account."),
        (&"x".repeat(65), "Keep the name to 64 characters."),
        ("Tab\there", "The name can't contain control characters."),
    ] {
        let error =
            plan_rename(&data, &admin, &link.id, Some(link.version), &rename(name)).unwrap_err();
        assert_eq!(error.field("name"), Some(message));
    }
    let (renamed, effects) = plan_rename(
        &data,
        &admin,
        &link.id,
        Some(link.version),
        &rename("  Dental group  "),
    )
    .unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.version),
        ("Dental group", 2)
    );
    apply(&mut data, &effects);
    let stale = plan_rename(&data, &admin, &link.id, Some(1), &rename("Again")).unwrap_err();
    assert_eq!(stale.status, 412);
    assert_eq!(
        plan_rename(&data, &admin, &link.id, None, &rename("Again"))
            .unwrap_err()
            .status,
        428
    );
    // The same name again changes nothing.
    let (_, none) = plan_rename(&data, &admin, &link.id, Some(2), &rename("Dental group")).unwrap();
    assert!(none.is_empty());
}

#[test]
fn service_status_covers_eight_services_and_changes_between_checks() {
    let status = service_status("acct-200100", NOW);
    let services: Vec<Service> = status.iter().map(|s| s.service).collect();
    assert_eq!(services, Service::ALL);
    // The same within a check window, for every back end.
    assert_eq!(status, service_status("acct-200100", NOW + 1));
    // Abnormal states say why; over many accounts and windows every state shows up, and
    // statuses change from one window to the next.
    let mut seen = std::collections::HashSet::new();
    let mut changed = false;
    for i in 0..50 {
        let id = format!("acct-{}", 200_100 + i * 7);
        let now = service_status(&id, NOW);
        let later = service_status(&id, NOW + REFRESH_SECS);
        changed |= now != later;
        for s in now {
            seen.insert(s.state);
            match s.state {
                ServiceState::Error | ServiceState::Unavailable => assert!(s.reason.is_some()),
                _ => assert!(s.reason.is_none()),
            }
        }
    }
    assert_eq!(seen.len(), 4);
    assert!(changed);
}

#[test]
fn a_linked_account_is_opened_once_within_a_minute_and_only_when_linked() {
    use launch::*;
    let data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    let issued = plan_launch(&data, &admin, "acct-200107", NOW).unwrap();
    assert_eq!(issued.account.name, "Fabrikam Austin");
    assert_eq!(issued.expires_at, NOW + LAUNCH_TTL_SECS);
    // Redeemed before it expires, not at or after; a token already taken (or never issued) is
    // refused with what to do.
    assert_eq!(
        redeem_launch(Some(issued.clone()), NOW + LAUNCH_TTL_SECS - 1)
            .unwrap()
            .id,
        "acct-200107"
    );
    let late = redeem_launch(Some(issued), NOW + LAUNCH_TTL_SECS).unwrap_err();
    assert_eq!((late.status, late.code.as_str()), (401, "launch_expired"));
    let used = redeem_launch(None, NOW).unwrap_err();
    assert_eq!((used.status, used.code.as_str()), (401, "launch_invalid"));
    assert!(used.message.contains("Open again"), "{}", used.message);

    // A portal account that isn't linked here, an unknown one, or a role without
    // Multi-Account Access can't be opened.
    let unlinked = &data.portal_accounts[40].id;
    assert!(!data.linked_accounts.iter().any(|l| &l.id == unlinked));
    assert_eq!(
        plan_launch(&data, &admin, unlinked, NOW)
            .unwrap_err()
            .status,
        404
    );
    assert_eq!(
        plan_launch(&data, &admin, "acct-1", NOW)
            .unwrap_err()
            .status,
        404
    );
    let read_only = role(Persona::ReadOnly);
    assert_eq!(
        plan_launch(&data, &read_only, "acct-200107", NOW)
            .unwrap_err()
            .status,
        403
    );
}

#[test]
fn only_a_linked_account_that_is_not_locked_can_be_opened() {
    use launch::*;
    let mut data = generate(Dataset::Standard);
    let admin = role(Persona::SuperAdmin);
    assert_eq!(
        openable(&data, "acct-200107").unwrap().name,
        "Fabrikam Austin"
    );
    // Locked (Contoso Boston is locked and not linked): refused either way.
    let locked = data
        .portal_accounts
        .iter()
        .find(|p| p.locked)
        .unwrap()
        .id
        .clone();
    assert_eq!(openable(&data, &locked).unwrap_err().status, 404);
    // Linked, then locked: it can't be opened, nor go on being worked in.
    let index = data
        .portal_accounts
        .iter()
        .position(|p| p.id == "acct-200107")
        .unwrap();
    data.portal_accounts[index].locked = true;
    let refused = openable(&data, "acct-200107").unwrap_err();
    assert_eq!(
        (refused.status, refused.code.as_str()),
        (423, "account_locked")
    );
    assert_eq!(
        plan_launch(&data, &admin, "acct-200107", NOW)
            .unwrap_err()
            .status,
        423
    );
    // Unlinked: neither.
    data.portal_accounts[index].locked = false;
    let effects = plan_unlink(
        &data,
        &admin,
        &UnlinkRequest {
            accounts: vec!["acct-200107".into()],
        },
    )
    .unwrap();
    apply(&mut data, &effects);
    assert_eq!(openable(&data, "acct-200107").unwrap_err().status, 404);
}

#[test]
fn an_opened_account_has_its_own_identity_and_no_links_of_its_own() {
    use launch::*;
    let home = generate(Dataset::Standard);
    let portal = &home.portal_accounts[1];
    let data = launched_account(portal);
    assert_eq!(
        (data.account.id.as_str(), data.account.name.as_str()),
        (portal.id.as_str(), portal.name.as_str())
    );
    assert_eq!(data.account.main_number, portal.main_number);
    assert!(data.linked_accounts.is_empty() && data.portal_accounts.is_empty());
    assert_eq!(data.users.len(), home.users.len());
}

#[test]
fn the_launch_token_travels_in_the_fragment() {
    use launch::*;
    assert_eq!(launch_path("abc"), "/launch#token=abc");
    assert_eq!(token_in_fragment("#token=abc"), Some("abc"));
    assert_eq!(token_in_fragment("#x=1&token=abc"), Some("abc"));
    assert_eq!(token_in_fragment("#token="), None);
    assert_eq!(token_in_fragment(""), None);
}
