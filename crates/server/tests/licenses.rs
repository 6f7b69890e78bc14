//! Licenses & Inventory through the server: totals and detail views, add-on assignments that
//! survive a restart, stale unassignments refused whole, and extra numbers deleted.

mod support;

use axum::http::StatusCode;
use domain::Persona;
use serde_json::{json, Value};
use server::jobs::Steps;
use support::TestServer;

fn line<'a>(summary: &'a Value, kind: &str) -> &'a Value {
    summary
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["type"] == kind)
        .unwrap()
}

#[tokio::test]
async fn an_assignment_is_applied_once_counts_agree_and_it_survives_a_restart() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let before = server.get("/api/v1/inventory", &auth).await.json;
    let spare = server
        .get("/api/v1/inventory/push-to-talk?state=available", &auth)
        .await
        .json;
    let cost_center = spare["items"][0]["costCenterId"]
        .as_str()
        .unwrap()
        .to_owned();
    let users = server
        .get(
            &format!("/api/v1/users?costCenter={cost_center}&perPage=100"),
            &auth,
        )
        .await
        .json;
    let taker = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| {
            !u["licenses"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l == "Push To Talk")
        })
        .unwrap()["id"]
        .clone();
    let body = json!({"kind": "push-to-talk", "costCenterId": cost_center, "userIds": [taker]});
    let first = server
        .post_as(&auth, "/api/v1/licenses/assignments", "ptt-1", body.clone())
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.json["changed"], 1);
    let again = server
        .post_as(&auth, "/api/v1/licenses/assignments", "ptt-1", body)
        .await;
    assert_eq!(again.headers["idempotent-replayed"], "true");

    let server = server.restart();
    let auth = server.sign_in(Persona::ReadOnly).await;
    let after = server.get("/api/v1/inventory", &auth).await.json;
    let (b, a) = (line(&before, "push-to-talk"), line(&after, "push-to-talk"));
    assert_eq!(a["inUse"], b["inUse"].as_u64().unwrap() + 1);
    assert_eq!(a["available"], b["available"].as_u64().unwrap() - 1);
    let held = server
        .get(
            &format!(
                "/api/v1/inventory/push-to-talk?state=in-use&q={}",
                users["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|u| u["id"] == taker)
                    .unwrap()["email"]
                    .as_str()
                    .unwrap()
            ),
            &auth,
        )
        .await
        .json;
    assert_eq!(held["total"], 1);
    let refused = server
        .post_as(
            &auth,
            "/api/v1/licenses/unassignments",
            "ro-1",
            json!({"licenses": [{"id": held["items"][0]["id"], "assignee": taker}]}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_stale_unassignment_changes_nothing_and_numbers_in_use_are_not_deleted() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let held = server
        .get(
            "/api/v1/inventory/large-meetings?state=in-use&perPage=25",
            &auth,
        )
        .await
        .json;
    let items = held["items"].as_array().unwrap();
    let licenses = json!([
        {"id": items[0]["id"], "assignee": items[0]["assigneeId"]},
        {"id": items[1]["id"], "assignee": 999_999},
    ]);
    let stale = server
        .post_as(
            &auth,
            "/api/v1/licenses/unassignments",
            "u-1",
            json!({"licenses": licenses}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(stale.json["code"], "stale_version");
    let still = server
        .get(
            "/api/v1/inventory/large-meetings?state=in-use&perPage=25",
            &auth,
        )
        .await
        .json;
    assert_eq!(still["total"], held["total"], "nothing was unassigned");

    let local = server
        .get("/api/v1/inventory/local-numbers?state=in-use", &auth)
        .await
        .json;
    let in_use = server
        .post_as(
            &auth,
            "/api/v1/numbers/deletions",
            "n-1",
            json!({"e164": local["items"][0]["id"]}),
        )
        .await;
    assert_eq!(in_use.status, StatusCode::CONFLICT);
    let spare = server
        .get("/api/v1/inventory/toll-free-numbers?state=available", &auth)
        .await
        .json;
    let gone = server
        .post_as(
            &auth,
            "/api/v1/numbers/deletions",
            "n-2",
            json!({"e164": spare["items"][0]["id"]}),
        )
        .await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.text);
    let after = server
        .get("/api/v1/inventory/toll-free-numbers", &auth)
        .await
        .json;
    assert_eq!(after["total"], spare["total"].as_u64().unwrap() - 1);
}

#[tokio::test]
async fn a_users_licenses_are_edited_only_at_the_version_the_admin_saw() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let video = server.get("/api/v1/users?type=video-pro", &auth).await.json["items"][0].clone();
    let path = format!("/api/v1/users/{}/licenses", video["id"]);
    let current = server.get(&path, &auth).await.json;
    assert_eq!(current["held"], json!([]));
    assert!(current["loss"]["callHistoryEntries"].is_u64());
    let body = json!({"userType": "office", "addOns": []});
    let version = current["version"].to_string();
    let missing = server
        .send(
            "PUT",
            &path,
            &auth,
            &[("idempotency-key", "e-0")],
            Some(body.clone()),
        )
        .await;
    assert_eq!(missing.status, StatusCode::PRECONDITION_REQUIRED);
    let done = server
        .send(
            "PUT",
            &path,
            &auth,
            &[("idempotency-key", "e-1"), ("if-match", &version)],
            Some(body.clone()),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    assert_eq!(done.json["userType"], "office");
    assert_eq!(
        done.headers["etag"],
        format!("\"{}\"", done.json["version"])
    );
    let stale = server
        .send(
            "PUT",
            &path,
            &auth,
            &[("idempotency-key", "e-2"), ("if-match", &version)],
            Some(body),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        server.get(&path, &auth).await.json["held"],
        json!(["office"])
    );
}

#[tokio::test]
async fn a_sent_list_lands_in_the_outbox_once_and_survives_a_restart() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::ReadOnly).await;
    let all = server
        .get("/api/v1/inventory/all?userLevel=true&perPage=25", &auth)
        .await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    let picked: Vec<Value> = all.json["items"].as_array().unwrap()[..2]
        .iter()
        .map(|i| {
            json!(format!(
                "{}/{}",
                i["kind"].as_str().unwrap(),
                i["id"].as_str().unwrap()
            ))
        })
        .collect();
    let bad = server
        .post_as(&auth, "/api/v1/exports", "e-0", json!({"to": "nobody"}))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json["fieldErrors"][0]["field"], "to");

    let body = json!({"to": "reports@northwind.example", "picked": picked});
    let first = server
        .post_as(&auth, "/api/v1/exports", "e-1", body.clone())
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let again = server.post_as(&auth, "/api/v1/exports", "e-1", body).await;
    assert_eq!(
        again.json, first.json,
        "a retried send is answered, not sent twice"
    );

    let server = server.restart();
    let auth = server.sign_in(Persona::ReadOnly).await;
    let outbox = server.get("/api/v1/outbox", &auth).await.json;
    assert_eq!(outbox.as_array().unwrap().len(), 1);
    assert_eq!(outbox[0]["to"], "reports@northwind.example");
    let id = outbox[0]["id"].as_u64().unwrap();
    let message = server
        .get(&format!("/api/v1/outbox/{id}"), &auth)
        .await
        .json;
    let csv = message["attachment"]["content"].as_str().unwrap();
    assert_eq!(
        csv.lines().count(),
        3,
        "header and the two ticked items: {csv}"
    );
    assert_eq!(
        server.get("/api/v1/outbox/99", &auth).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_bulk_job_is_accepted_once_runs_in_steps_and_resumes_after_a_restart() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let view = server.get("/api/v1/licenses/bulk-view", &auth).await.json;
    let licenses = view["licenses"].as_array().unwrap();
    let users = view["users"].as_array().unwrap();
    // Two spare add-ons, each with a user of its cost center who doesn't hold that kind.
    let mut picks: Vec<(&Value, &Value)> = Vec::new();
    for l in licenses.iter().filter(|l| {
        l["assignee"].is_null() && l["kind"] != "office" && l["kind"] != "video-pro-plus"
    }) {
        let taker = users.iter().find(|u| {
            u["costCenterId"] == l["costCenterId"]
                && !licenses
                    .iter()
                    .any(|x| x["kind"] == l["kind"] && x["assignee"] == u["id"])
                && !picks
                    .iter()
                    .any(|(pl, pu)| pl["kind"] == l["kind"] && pu["id"] == u["id"])
        });
        if let Some(taker) = taker {
            picks.push((l, taker));
        }
        if picks.len() == 2 {
            break;
        }
    }
    let row = |line: u32, license: &Value, user: &Value| json!({"line": line, "licenseId": license, "mailboxId": user["mailboxId"].to_string()});
    let rows = json!([
        row(2, &picks[0].0["id"], picks[0].1),
        row(3, &picks[1].0["id"], picks[1].1),
        row(4, &json!("lic-none"), picks[0].1),
    ]);
    let job = |apply_valid_rows: bool| {
        json!({"kind": "assign-add-ons", "rows": rows, "applyValidRows": apply_valid_rows,
               "reportTo": "reports@example.com"})
    };
    let strict = server
        .post_as(&auth, "/api/v1/jobs", "j-1", job(false))
        .await;
    assert_eq!(strict.status, StatusCode::BAD_REQUEST);
    assert_eq!(strict.json["fieldErrors"][0]["field"], "rows[4].License ID");

    let accepted = server
        .post_as(&auth, "/api/v1/jobs", "j-2", job(true))
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.text);
    assert_eq!(accepted.json["id"], 1);
    assert_eq!(accepted.json["total"], 3);
    let again = server
        .post_as(&auth, "/api/v1/jobs", "j-2", job(true))
        .await;
    assert_eq!(
        again.json, accepted.json,
        "a retry is answered, not queued twice"
    );
    let listed = server.get("/api/v1/jobs", &auth).await.json;
    assert_eq!(listed.as_array().unwrap().len(), 1);

    // One step of one row, then the server stops: the rest waits in the database.
    assert!(server.state.step(1).unwrap());
    assert_eq!(server.get("/api/v1/jobs/1", &auth).await.json["done"], 1);
    let server = server.restart();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    assert_eq!(server.get("/api/v1/jobs/1", &auth).await.json["done"], 1);
    let mut steps = 0;
    while server.state.step(1).unwrap() {
        steps += 1;
    }
    assert_eq!(steps, 2, "the two rows left, one step each");

    let summary = server.get("/api/v1/jobs/1", &auth).await.json;
    assert_eq!(
        (&summary["done"], &summary["applied"], &summary["refused"]),
        (&json!(3), &json!(2), &json!(1))
    );
    let report = server.get("/api/v1/jobs/1/report", &auth).await.json;
    let outcomes: Vec<&str> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["applied", "applied", "refused"]);
    let after = server.get("/api/v1/licenses/bulk-view", &auth).await.json;
    for (license, user) in &picks {
        let held = after["licenses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == license["id"])
            .unwrap();
        assert_eq!(held["assignee"], user["id"]);
    }
    let message_id = summary["messageId"].as_u64().unwrap();
    let message = server
        .get(&format!("/api/v1/outbox/{message_id}"), &auth)
        .await
        .json;
    assert_eq!(message["to"], "reports@example.com");
    let csv = message["attachment"]["content"].as_str().unwrap();
    assert!(csv.starts_with("Row,License ID,Mailbox ID,User,Result,Reason\r\n"));
    assert!(csv.contains("Refused,\"Row 4, License ID: No license"));
    assert_eq!(
        server.get("/api/v1/jobs/99", &auth).await.status,
        StatusCode::NOT_FOUND
    );
}
