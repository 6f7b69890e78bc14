//! Opening a linked account in a new tab through the server: a one-time, one-minute launch
//! token redeemed for that account's own cookie session, in a database of its own, while the
//! portal's tab stays in the portal's account; kept across a restart.

mod support;

use axum::http::StatusCode;
use domain::Persona;
use serde_json::json;
use support::{Auth, TestServer};

const LINKED: &str = "acct-200107";

async fn launch(server: &TestServer, auth: &Auth, id: &str) -> support::Answer {
    server
        .send(
            "POST",
            &format!("/api/v1/accounts/{id}/launch"),
            auth,
            &[],
            Some(json!({})),
        )
        .await
}

async fn redeem(server: &TestServer, token: &str) -> support::Answer {
    server
        .send(
            "POST",
            "/api/v1/auth/launch",
            &Auth::default(),
            &[],
            Some(json!({ "token": token })),
        )
        .await
}

#[tokio::test]
async fn a_linked_account_opens_once_in_a_tab_of_its_own() {
    let server = TestServer::new();
    let home = server.sign_in(Persona::SuperAdmin).await;
    let grant = launch(&server, &home, LINKED).await;
    assert_eq!(grant.status, StatusCode::CREATED, "{}", grant.text);
    assert_eq!(grant.json["accountName"], "Fabrikam Austin");
    let token = grant.json["token"].as_str().unwrap().to_owned();
    assert!(token.len() >= 40, "{token}");

    let opened = redeem(&server, &token).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.text);
    assert_eq!(opened.json["account"]["id"], LINKED);
    assert_eq!(opened.json["persona"], "super-admin");
    let set_cookie = opened.headers["set-cookie"].to_str().unwrap();
    let prefix = format!("sb_session_{LINKED}=");
    assert!(
        set_cookie.starts_with(&prefix) && set_cookie.contains("HttpOnly"),
        "{set_cookie}"
    );
    let tab = Auth {
        cookie: Some(set_cookie.split(';').next().unwrap()[prefix.len()..].to_owned()),
        csrf: opened.json["csrfToken"].as_str().map(str::to_owned),
        account: Some(LINKED.to_owned()),
        ..Auth::default()
    };

    // Once only.
    let again = redeem(&server, &token).await;
    assert_eq!(
        (again.status, again.code()),
        (StatusCode::UNAUTHORIZED, "launch_invalid")
    );

    // The new tab works in the linked account; the portal's tab is still in its own.
    let session = server.get("/api/v1/session", &tab).await;
    assert_eq!(session.json["account"]["name"], "Fabrikam Austin");
    let portal = server.get("/api/v1/session", &home).await;
    assert_eq!(portal.json["account"]["id"], "acct-100200");
    // The linked account's cookie alone doesn't sign in to the portal's account.
    let without_header = Auth {
        account: None,
        ..tab.clone()
    };
    assert_eq!(
        server.get("/api/v1/session", &without_header).await.status,
        401
    );

    // A change in the tab's account leaves the portal's account as it was.
    let users = server.get("/api/v1/users?per_page=1", &tab).await;
    let user = &users.json["items"][0];
    let path = format!("/api/v1/users/{}", user["id"]);
    let version = format!("\"{}\"", user["version"]);
    let disabled = server
        .send(
            "PATCH",
            &path,
            &tab,
            &[("if-match", &version), ("idempotency-key", "tab-1")],
            Some(json!({"status": "disabled"})),
        )
        .await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.text);
    let in_tab = server.get(&format!("{path}/licenses"), &tab).await;
    let at_home = server.get(&format!("{path}/licenses"), &home).await;
    assert_eq!(in_tab.status, 200, "{}", in_tab.text);
    let version = |answer: &support::Answer| answer.json["version"].as_u64();
    let before = user["version"].as_u64().unwrap();
    assert_eq!(version(&in_tab), Some(before + 1), "{}", in_tab.text);
    assert_eq!(version(&at_home), Some(before), "{}", at_home.text);

    // The opened account's data and session survive a restart.
    let server = server.restart();
    let session = server.get("/api/v1/session", &tab).await;
    assert_eq!(session.status, 200, "{}", session.text);
    assert_eq!(
        version(&server.get(&format!("{path}/licenses"), &tab).await),
        Some(before + 1)
    );
}

#[tokio::test]
async fn only_linked_accounts_open_only_for_multi_account_admins_and_tokens_expire() {
    let server = TestServer::new();
    let home = server.sign_in(Persona::SuperAdmin).await;
    // Portal account 40 is not linked; an unknown one isn't the portal's.
    for id in ["acct-200380", "acct-1"] {
        let refused = launch(&server, &home, id).await;
        assert_eq!(
            refused.status,
            StatusCode::NOT_FOUND,
            "{id}: {}",
            refused.text
        );
    }
    let read_only = server.sign_in(Persona::ReadOnly).await;
    assert_eq!(launch(&server, &read_only, LINKED).await.status, 403);
    assert_eq!(launch(&server, &Auth::default(), LINKED).await.status, 401);

    // A token past its minute is refused and used up.
    server
        .state
        .db()
        .execute(
            "INSERT INTO launch_tokens VALUES (?1, ?2, ?3)",
            rusqlite::params![server::secrets::digest("old"), LINKED, 1],
        )
        .unwrap();
    let late = redeem(&server, "old").await;
    assert_eq!(
        (late.status, late.code()),
        (StatusCode::UNAUTHORIZED, "launch_expired")
    );
    assert_eq!(redeem(&server, "old").await.code(), "launch_invalid");

    // A tab naming an account the portal doesn't have has no session there (isolation.rs).
    let stray = Auth {
        account: Some("acct-999".into()),
        ..home.clone()
    };
    let answer = server.get("/api/v1/session", &stray).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text);
}
