//! Adding users through the server: the wizard's view, the batch endpoint, idempotent submit,
//! validation per row and permissions.

mod support;

use axum::http::StatusCode;
use domain::add_users::AddUsersView;
use domain::seed::{generate, Dataset};
use domain::Persona;
use serde_json::{json, Value};
use support::{batch, Auth, TestServer};

async fn total_users(server: &TestServer, auth: &Auth) -> u64 {
    server.get("/api/v1/users", auth).await.json["total"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn the_wizard_view_is_the_accounts_spare_inventory_and_taken_names() {
    let server = TestServer::new();
    assert_eq!(
        server
            .get("/api/v1/user-batches/view", &Auth::default())
            .await
            .status,
        401
    );
    let auth = server.sign_in(Persona::ReadOnly).await;
    let view = server.get("/api/v1/user-batches/view", &auth).await;
    let expected = serde_json::to_value(AddUsersView::of(&generate(Dataset::Standard))).unwrap();
    assert_eq!(view.json, expected);
}

#[tokio::test]
async fn a_batch_creates_each_user_once_however_often_it_is_sent() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let key = [("idempotency-key", "add-two-users")];
    let first = server
        .send("POST", "/api/v1/user-batches", &auth, &key, Some(batch()))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let created = first.json["created"].as_array().unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0]["invite"]["kind"], "sent");
    assert!(created[0]["number"].is_string());
    let retry = server
        .send("POST", "/api/v1/user-batches", &auth, &key, Some(batch()))
        .await;
    assert_eq!(retry.json, first.json);
    assert_eq!(retry.headers["idempotent-replayed"], "true");
    assert_eq!(total_users(&server, &auth).await, 122);

    // Sent again under a new key, the same users now clash with themselves.
    let again = server
        .send(
            "POST",
            "/api/v1/user-batches",
            &auth,
            &[("idempotency-key", "other")],
            Some(batch()),
        )
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    let fields: Vec<&str> = again.json["fieldErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"rows[0].email") && fields.contains(&"rows[1].extension"),
        "{fields:?}"
    );
    assert_eq!(total_users(&server, &auth).await, 122, "nothing was added");
    let server = server.restart();
    let auth = server.sign_in(Persona::ReadOnly).await;
    assert_eq!(
        total_users(&server, &auth).await,
        122,
        "the users survive a restart"
    );
}

#[tokio::test]
async fn purchases_need_the_acknowledgment_and_read_only_admins_add_nobody() {
    let server = TestServer::new();
    let data = generate(Dataset::Standard);
    let mut body = batch();
    body["rows"][0]["phone"] =
        json!({"kind": "purchase", "sku": data.catalog[0].sku, "addressId": "addr-1"});
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let unacknowledged = server
        .send(
            "POST",
            "/api/v1/user-batches",
            &auth,
            &[],
            Some(body.clone()),
        )
        .await;
    assert_eq!(
        unacknowledged.json["fieldErrors"][0]["field"],
        "acknowledgedCharges"
    );
    body["acknowledgedCharges"] = json!(true);
    let bought = server
        .send(
            "POST",
            "/api/v1/user-batches",
            &auth,
            &[],
            Some(body.clone()),
        )
        .await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text);
    assert_eq!(bought.json["charges"]["lines"][0]["quantity"], 1);

    let read_only = server.sign_in(Persona::ReadOnly).await;
    let refused = server
        .send(
            "POST",
            "/api/v1/user-batches",
            &read_only,
            &[],
            Some(batch()),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn new_addresses_and_licenses_moved_between_cost_centers_survive_a_restart() {
    let server = TestServer::new();
    let data = generate(Dataset::Standard);
    let mut body = batch();
    // Video Pro+ in Engineering, which has no spare of its own: a spare moves there.
    body["userType"] = json!("video-pro-plus");
    body["rows"] = json!([body["rows"][0].clone()]);
    body["rows"][0]["costCenterId"] = json!("cc-3");
    body["rows"][0]["phone"] =
        json!({"kind": "purchase", "sku": data.catalog[0].sku, "addressId": "new-1"});
    body["addresses"] = json!([{
        "id": "new-1", "name": "Lab", "street": "1 Test Way", "city": "Austin",
        "state": "TX", "postalCode": "78701", "country": "US"
    }]);
    body["acknowledgedCharges"] = json!(true);
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let added = server
        .send(
            "POST",
            "/api/v1/user-batches",
            &auth,
            &[("idempotency-key", "move-and-ship")],
            Some(body),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    assert_eq!(
        added.json["charges"]["monthlyTotalCents"], 0,
        "no license bought"
    );

    let server = server.restart();
    let auth = server.sign_in(Persona::ReadOnly).await;
    let view = server.get("/api/v1/user-batches/view", &auth).await.json;
    let lab = view["shippingAddresses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Lab")
        .expect("the new address was saved");
    assert!(lab["id"].as_str().unwrap().starts_with("addr-"));
    let spare_video_plus = |view: &Value| {
        view["spareLicenses"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["kind"] == "video-pro-plus")
            .count()
    };
    let before = serde_json::to_value(AddUsersView::of(&data)).unwrap();
    assert_eq!(spare_video_plus(&view), spare_video_plus(&before) - 1);
}
