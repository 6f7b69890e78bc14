//! Mobile users through the server: the list with this cycle's calls, deletions applied once
//! and kept across a restart, stale deletions refused whole, and a DigitalLine conversion.

mod support;

use axum::http::StatusCode;
use domain::Persona;
use serde_json::{json, Value};
use support::{Auth, TestServer};

async fn post(
    server: &TestServer,
    auth: &Auth,
    path: &str,
    headers: &[(&str, &str)],
    body: Value,
) -> support::Answer {
    server.send("POST", path, auth, headers, Some(body)).await
}

/// How many Mobile users the server lists.
async fn count(server: &TestServer, auth: &Auth) -> usize {
    server.get("/api/v1/mobile-users", auth).await.json["users"]
        .as_array()
        .unwrap()
        .len()
}

fn seen(user: &Value) -> Value {
    json!({"id": user["id"], "version": user["version"]})
}

#[tokio::test]
async fn mobile_users_are_deleted_once_all_or_nothing_and_stay_deleted_after_a_restart() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let list = server.get("/api/v1/mobile-users", &auth).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let users = list.json["users"].as_array().unwrap().clone();
    assert!(users.len() > 3);
    assert!(list.json["cycleEnd"].as_u64() > list.json["cycleStart"].as_u64());
    let charged = users.iter().find(|u| u["charged"] == true).unwrap();
    let free = users.iter().find(|u| u["charged"] == false).unwrap();

    // A stale version refuses the whole request: nothing is deleted.
    let mut old = seen(free);
    old["version"] = json!(99);
    let stale = post(
        &server,
        &auth,
        "/api/v1/mobile-users/deletions",
        &[("idempotency-key", "del-0")],
        json!({"users": [seen(charged), old]}),
    )
    .await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.text
    );
    assert_eq!(count(&server, &auth).await, users.len());

    let body = json!({"users": [seen(charged), seen(free)]});
    let headers = [("idempotency-key", "del-1")];
    let first = post(
        &server,
        &auth,
        "/api/v1/mobile-users/deletions",
        &headers,
        body.clone(),
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.json["deleted"], 2);
    assert_eq!(first.json["stillCharged"], json!([charged["name"]]));
    // A retry with the key replays the answer; nothing is deleted twice.
    let again = post(
        &server,
        &auth,
        "/api/v1/mobile-users/deletions",
        &headers,
        body,
    )
    .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(count(&server, &auth).await, users.len() - 2);

    let server = server.restart();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    assert_eq!(count(&server, &auth).await, users.len() - 2);
    let gone = server
        .get(
            &format!("/api/v1/users?q={}", charged["email"].as_str().unwrap()),
            &auth,
        )
        .await;
    assert_eq!(gone.json["total"], 0);

    // A read-only admin may look but not delete.
    let read_only = server.sign_in(Persona::ReadOnly).await;
    let refused = post(
        &server,
        &read_only,
        "/api/v1/mobile-users/deletions",
        &[("idempotency-key", "del-2")],
        json!({"users": [seen(&users[3])]}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_mobile_user_is_replaced_with_a_digital_line_at_the_version_seen() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let user = server.get("/api/v1/mobile-users", &auth).await.json["users"][0].clone();
    let view = server.get("/api/v1/user-batches/view", &auth).await.json;
    let record = server
        .get(
            &format!("/api/v1/users?q={}", user["email"].as_str().unwrap()),
            &auth,
        )
        .await
        .json["items"][0]
        .clone();
    let site = record["siteId"].as_str().unwrap().to_owned();
    let number = view["spareNumbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["siteId"] == site.as_str())
        .unwrap()["e164"]
        .clone();
    let location = view["emergencyLocations"][0]["id"].clone();
    let path = format!("/api/v1/users/{}/digital-line", user["id"]);
    let version = user["version"].to_string();

    // Every rule at its field: no emergency address.
    let missing = post(
        &server,
        &auth,
        &path,
        &[
            ("idempotency-key", "dl-0"),
            ("if-match", &format!("\"{version}\"")),
        ],
        json!({"phone": {"kind": "desktop-app"}, "number": {"kind": "inventory", "e164": number}}),
    )
    .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST, "{}", missing.text);
    assert_eq!(missing.json["fieldErrors"][0]["field"], "rows[0].emergency");

    let body = json!({
        "phone": {"kind": "desktop-app"},
        "number": {"kind": "inventory", "e164": number},
        "emergency": {"kind": "existing", "locationId": location},
    });
    let headers = [
        ("idempotency-key", "dl-1"),
        ("if-match", &format!("\"{version}\"") as &str),
    ];
    let done = post(&server, &auth, &path, &headers, body.clone()).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    assert_eq!(done.json["userType"], "office");
    assert_eq!(done.json["extension"], user["extension"]);
    let list = server.get("/api/v1/mobile-users", &auth).await.json;
    assert!(!list["users"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["id"] == user["id"]));
    let record = server
        .get(
            &format!("/api/v1/users?q={}", user["email"].as_str().unwrap()),
            &auth,
        )
        .await
        .json["items"][0]
        .clone();
    assert_eq!(record["userType"], "office", "{record}");

    // The same version again (another key) is stale: the user is no longer that Mobile user.
    let stale = post(
        &server,
        &auth,
        &path,
        &[
            ("idempotency-key", "dl-2"),
            ("if-match", &format!("\"{version}\"")),
        ],
        body,
    )
    .await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.text
    );
}
