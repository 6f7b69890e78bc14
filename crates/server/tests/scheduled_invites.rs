//! Scheduled invites go out at their time: from the background runner with no request, after a
//! restart too, and once; or, when a request comes first, before it is answered. The server's
//! clock is moved ahead here, so these tests have a binary of their own.

mod support;

use axum::http::StatusCode;
use domain::bulk::JOB_SLICE;
use domain::seed::{generate, Dataset};
use domain::{Persona, User, UserStatus};
use serde_json::json;
use server::jobs::Steps;
use support::{Auth, TestServer};

/// Schedules `user`'s invite for `at` (Unix seconds).
async fn schedule(server: &TestServer, auth: &Auth, user: &User, at: u64) {
    let answer = server
        .send(
            "POST",
            &format!("/api/v1/users/{}/invites", user.id),
            auth,
            &[
                ("if-match", &format!("\"{}\"", user.version)),
                ("idempotency-key", &format!("schedule-{}", user.id)),
            ],
            Some(json!({"sendAtUnix": at})),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.json["inviteAt"], at);
}

/// The outbox's messages to `user`, with when each was sent.
async fn sent_to(server: &TestServer, auth: &Auth, user: &User) -> Vec<u64> {
    let outbox = server.get("/api/v1/outbox", auth).await;
    assert_eq!(outbox.status, StatusCode::OK, "{}", outbox.text);
    outbox
        .json
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["to"] == user.email.as_str())
        .map(|m| m["sentAt"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_scheduled_invite_goes_out_at_its_time_after_a_restart_once_and_before_any_answer() {
    let data = generate(Dataset::Standard);
    let mut waiting = data
        .users
        .iter()
        .filter(|u| u.status == UserStatus::NotActivated);
    let (first, second) = (waiting.next().unwrap(), waiting.next().unwrap());
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let at = server::clock::now() + 600;
    schedule(&server, &auth, first, at).await;
    assert!(!server.state.step(JOB_SLICE).unwrap(), "nothing is due yet");
    assert!(sent_to(&server, &auth, first).await.is_empty());

    // Stopped, and started again once the time has passed: the runner sends it unasked.
    let server = server.restart();
    server::clock::set_ahead(900);
    assert!(server.state.step(JOB_SLICE).unwrap());
    let stored = server::db::user(&server.state.db(), first.id)
        .unwrap()
        .unwrap();
    assert_eq!((stored.invited_at, stored.invite_at), (Some(at), None));
    assert!(!server.state.step(JOB_SLICE).unwrap(), "sent once");
    let auth = server.sign_in(Persona::SuperAdmin).await;
    assert_eq!(sent_to(&server, &auth, first).await, [at]);

    // Due when a request comes before the runner's next look: sent before it is answered.
    let later = server::clock::now() + 600;
    schedule(&server, &auth, second, later).await;
    server::clock::set_ahead(900 + 900);
    assert_eq!(sent_to(&server, &auth, second).await, [later]);
    assert!(!server.state.step(JOB_SLICE).unwrap(), "sent once");
}
