//! Multi-Account Access through the server: paging and search, linking with another account's
//! credentials (wrong, locked, already linked), unlinking all or nothing, renaming at the
//! version seen, and all of it kept across a restart.

mod support;

use axum::http::StatusCode;
use domain::Persona;
use serde_json::{json, Value};
use support::TestServer;

#[tokio::test]
async fn accounts_are_linked_with_credentials_renamed_and_unlinked_and_survive_a_restart() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let first = server.get("/api/v1/accounts", &auth).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(
        (
            first.json["total"].as_u64(),
            first.json["items"].as_array().unwrap().len()
        ),
        (Some(26), 20)
    );
    assert_eq!(
        first.json["items"][0]["services"].as_array().unwrap().len(),
        8
    );
    let second = server.get("/api/v1/accounts?page=2", &auth).await;
    assert_eq!(second.json["items"].as_array().unwrap().len(), 6);
    let found = server.get("/api/v1/accounts?q=tasting", &auth).await;
    assert_eq!(found.json["items"][0]["officialName"], "Coho Winery Austin");

    // Wrong password, locked, then a good link; the same key replays it; again is 409.
    let link = |password: &str, email: &str| json!({"email": email, "password": password});
    let wrong = server
        .post_as(
            &auth,
            "/api/v1/accounts/links",
            "l-0",
            link("nope", "admin@tailspin-boston.example"),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.text);
    assert_eq!(wrong.json["fieldErrors"][0]["field"], "password");
    let locked = server
        .post_as(
            &auth,
            "/api/v1/accounts/links",
            "l-1",
            link(server::DEMO_PASSWORD, "admin@contoso-boston.example"),
        )
        .await;
    assert_eq!(locked.status.as_u16(), 423, "{}", locked.text);
    let body = link(server::DEMO_PASSWORD, "ADMIN@tailspin-boston.example");
    let linked = server
        .post_as(&auth, "/api/v1/accounts/links", "l-2", body.clone())
        .await;
    assert_eq!(linked.status, StatusCode::CREATED, "{}", linked.text);
    assert_eq!(linked.json["name"], "Tailspin Boston");
    let replayed = server
        .post_as(&auth, "/api/v1/accounts/links", "l-2", body.clone())
        .await;
    assert_eq!(replayed.headers["idempotent-replayed"], "true");
    let again = server
        .post_as(&auth, "/api/v1/accounts/links", "l-3", body)
        .await;
    assert_eq!(
        (again.status, again.code()),
        (StatusCode::CONFLICT, "already_linked")
    );

    // Rename at the version seen; a stale version is 412.
    let id = linked.json["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/accounts/{id}");
    let rename = |name: &str| Some(json!({"name": name}));
    let renamed = server
        .send(
            "PATCH",
            &path,
            &auth,
            &[("idempotency-key", "r-1"), ("if-match", "\"1\"")],
            rename("Tailspin (East)"),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    assert_eq!(renamed.headers["etag"], "\"2\"");
    let empty = server
        .send(
            "PATCH",
            &path,
            &auth,
            &[("idempotency-key", "r-2"), ("if-match", "\"2\"")],
            rename("  "),
        )
        .await;
    assert_eq!(empty.json["fieldErrors"][0]["field"], "name");
    let stale = server
        .send(
            "PATCH",
            &path,
            &auth,
            &[("idempotency-key", "r-3"), ("if-match", "\"1\"")],
            rename("Other"),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);

    // Unlink two; one already gone refuses the whole request.
    let ids: Vec<Value> = first.json["items"].as_array().unwrap()[..2]
        .iter()
        .map(|a| a["id"].clone())
        .collect();
    let unlinked = server
        .post_as(
            &auth,
            "/api/v1/accounts/unlinks",
            "u-1",
            json!({"accounts": ids}),
        )
        .await;
    assert_eq!(unlinked.json["changed"], 2, "{}", unlinked.text);
    let gone = server
        .post_as(
            &auth,
            "/api/v1/accounts/unlinks",
            "u-2",
            json!({"accounts": [id, ids[0]]}),
        )
        .await;
    assert_eq!(gone.status, StatusCode::PRECONDITION_FAILED);

    let server = server.restart();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let after = server.get("/api/v1/accounts?q=tailspin", &auth).await.json;
    assert!(after["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == "Tailspin (East)"));
    assert_eq!(
        server.get("/api/v1/accounts", &auth).await.json["total"],
        25
    );

    // Roles without Multi-account access may look but not link.
    let other = server.sign_in(Persona::UsersAdminNoPurchase).await;
    let refused = server
        .post_as(
            &other,
            "/api/v1/accounts/links",
            "l-9",
            link(server::DEMO_PASSWORD, "admin@litware-boston.example"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
