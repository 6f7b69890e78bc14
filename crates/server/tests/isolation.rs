//! Account isolation: a request may name another account (`X-Switchboard-Account`), but only
//! the session a launch token was redeemed for, for that account, while it is still linked, may
//! work in it. Sign-in and tokens always sign in to the portal's own account; a request without
//! a valid session opens, creates and reveals nothing; unlinking ends the tabs it opened.

mod support;

use axum::http::StatusCode;
use domain::Persona;
use serde_json::json;
use server::DEMO_PASSWORD;
use support::{Auth, TestServer};

const HOME: &str = "acct-100200";
const LINKED: &str = "acct-200107";
/// Contoso Boston: locked, and not linked.
const LOCKED: &str = "acct-200310";
/// A portal account that is not linked.
const UNLINKED: &str = "acct-200380";

/// The files in the folder where opened accounts' databases live.
fn opened_databases(server: &TestServer) -> Vec<String> {
    std::fs::read_dir(server.dir.path().join("test-accounts"))
        .map(|dir| {
            dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn naming(id: &str) -> [(&'static str, &str); 1] {
    [("x-switchboard-account", id)]
}

fn credentials(persona: Persona) -> serde_json::Value {
    json!({"email": persona.admin().email, "password": DEMO_PASSWORD})
}

#[tokio::test]
async fn sign_in_and_tokens_sign_in_to_the_portal_account_whatever_account_is_named() {
    let server = TestServer::new();
    for (persona, id) in [
        (Persona::SuperAdmin, LOCKED),
        (Persona::ReadOnly, UNLINKED),
        (Persona::SuperAdmin, LINKED),
    ] {
        let issued = server
            .send(
                "POST",
                "/api/v1/auth/tokens",
                &Auth::default(),
                &naming(id),
                Some(credentials(persona)),
            )
            .await;
        assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.text);
        let token = Auth {
            bearer: issued.json["token"].as_str().map(str::to_owned),
            ..Auth::default()
        };
        let session = server.get("/api/v1/session", &token).await;
        assert_eq!(session.status, 200, "{id}: {}", session.text);
        assert_eq!(session.json["account"]["id"], HOME, "{id}");
        // The token works in the portal's account only, never in the one named.
        let elsewhere = server
            .send("GET", "/api/v1/session", &token, &naming(id), None)
            .await;
        assert_eq!(elsewhere.status, 401, "{id}: {}", elsewhere.text);

        let signed_in = server
            .send(
                "POST",
                "/api/v1/auth/sign-in",
                &Auth::default(),
                &naming(id),
                Some(credentials(persona)),
            )
            .await;
        assert_eq!(signed_in.status, 200, "{id}: {}", signed_in.text);
        assert_eq!(signed_in.json["account"]["id"], HOME, "{id}");
        let set_cookie = signed_in.headers["set-cookie"].to_str().unwrap();
        assert!(set_cookie.starts_with("sb_session="), "{id}: {set_cookie}");
    }
    assert_eq!(opened_databases(&server), Vec::<String>::new());
}

#[tokio::test]
async fn a_request_without_a_session_for_the_named_account_opens_and_tells_nothing() {
    let server = TestServer::new();
    let home = server.sign_in(Persona::SuperAdmin).await;
    let token = server.token(Persona::SuperAdmin).await;
    let mut answers = Vec::new();
    for id in [LINKED, LOCKED, UNLINKED, "acct-999", "../../etc/passwd"] {
        // No session at all; the portal's cookie under the account's cookie name; a bearer token.
        let attempts = [
            Auth {
                account: Some(id.to_owned()),
                ..Auth::default()
            },
            Auth {
                account: Some(id.to_owned()),
                ..home.clone()
            },
            Auth {
                account: Some(id.to_owned()),
                ..token.clone()
            },
        ];
        for auth in attempts {
            let answer = server.get("/api/v1/users", &auth).await;
            answers.push((id, answer.status, answer.text));
        }
    }
    for (id, status, text) in &answers {
        assert_eq!(*status, StatusCode::UNAUTHORIZED, "{id}: {text}");
        assert_eq!(
            text, &answers[0].2,
            "{id}: the same answer for every account id"
        );
    }
    assert_eq!(opened_databases(&server), Vec::<String>::new());
}

/// Opens `id` in a new tab as `home` would: a launch token, redeemed.
async fn open_tab(server: &TestServer, home: &Auth, id: &str) -> Auth {
    let grant = server
        .post_as(
            home,
            &format!("/api/v1/accounts/{id}/launch"),
            "launch",
            json!({}),
        )
        .await;
    assert_eq!(grant.status, StatusCode::CREATED, "{}", grant.text);
    let opened = server
        .send(
            "POST",
            "/api/v1/auth/launch",
            &Auth::default(),
            &[],
            Some(json!({ "token": grant.json["token"] })),
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.text);
    let prefix = format!("sb_session_{id}=");
    let set_cookie = opened.headers["set-cookie"].to_str().unwrap();
    Auth {
        cookie: Some(set_cookie.split(';').next().unwrap()[prefix.len()..].to_owned()),
        csrf: opened.json["csrfToken"].as_str().map(str::to_owned),
        account: Some(id.to_owned()),
        ..Auth::default()
    }
}

#[tokio::test]
async fn unlinking_an_account_ends_the_tabs_opened_through_the_link_at_once() {
    let server = TestServer::new();
    let home = server.sign_in(Persona::SuperAdmin).await;
    let tab = open_tab(&server, &home, LINKED).await;
    let unused = server
        .post_as(
            &home,
            &format!("/api/v1/accounts/{LINKED}/launch"),
            "unused",
            json!({}),
        )
        .await;
    let session = server.get("/api/v1/session", &tab).await;
    assert_eq!(session.json["account"]["id"], LINKED, "{}", session.text);
    // A tab opened in an account can't open others from there.
    let from_tab = server
        .post_as(
            &tab,
            "/api/v1/accounts/acct-200128/launch",
            "nested",
            json!({}),
        )
        .await;
    assert_eq!(from_tab.status, StatusCode::FORBIDDEN, "{}", from_tab.text);

    let unlinked = server
        .post_as(
            &home,
            "/api/v1/accounts/unlinks",
            "unlink",
            json!({ "accounts": [LINKED] }),
        )
        .await;
    assert_eq!(unlinked.status, StatusCode::OK, "{}", unlinked.text);
    let after = server.get("/api/v1/users", &tab).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED, "{}", after.text);
    // Nor does a token issued before the unlink open it any more.
    let late = server
        .send(
            "POST",
            "/api/v1/auth/launch",
            &Auth::default(),
            &[],
            Some(json!({ "token": unused.json["token"] })),
        )
        .await;
    assert_eq!(late.status, StatusCode::UNAUTHORIZED, "{}", late.text);
    // The portal's own tab is still signed in.
    assert_eq!(server.get("/api/v1/session", &home).await.status, 200);
}

#[tokio::test]
async fn signing_out_of_an_opened_tab_ends_only_that_tab() {
    let server = TestServer::new();
    let home = server.sign_in(Persona::SuperAdmin).await;
    let tab = open_tab(&server, &home, LINKED).await;
    let out = server
        .send("POST", "/api/v1/auth/sign-out", &tab, &[], Some(json!({})))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.text);
    let set_cookie = out.headers["set-cookie"].to_str().unwrap();
    assert!(
        set_cookie.starts_with(&format!("sb_session_{LINKED}=;")),
        "{set_cookie}"
    );
    assert_eq!(server.get("/api/v1/session", &tab).await.status, 401);
    assert_eq!(server.get("/api/v1/session", &home).await.status, 200);
}

#[tokio::test]
async fn an_idle_opened_account_is_closed_and_opens_again_on_its_next_request() {
    let server = TestServer::new();
    let home = server.sign_in(Persona::SuperAdmin).await;
    let tab = open_tab(&server, &home, LINKED).await;
    let before = server.get("/api/v1/users", &tab).await;
    assert_eq!(before.status, StatusCode::OK);
    assert_eq!(server.state.opened_count(), 1);
    assert_eq!(
        server
            .state
            .close_idle(std::time::Duration::from_secs(3600)),
        0,
        "used just now"
    );
    assert_eq!(server.state.close_idle(std::time::Duration::ZERO), 1);
    assert_eq!(server.state.opened_count(), 0);
    let after = server.get("/api/v1/users", &tab).await;
    assert_eq!(
        after.status,
        StatusCode::OK,
        "the tab's session outlives the close"
    );
    assert_eq!(after.json["total"], before.json["total"]);
    assert_eq!(server.state.opened_count(), 1);
}
