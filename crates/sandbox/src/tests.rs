//! What is the sandbox's own: changes kept on the platform across a reload, personas signing in
//! with the demo password, launch tokens redeemed once, and the worker's messages to the page.

use std::collections::HashMap;
use std::rc::Rc;

use domain::api::Request;
use domain::seed::{generate, Dataset, DEMO_PASSWORD};
use domain::{Persona, UserStatus};
use serde_json::{json, Value};

use crate::messages::{FromWorker, ToWorker, KEPT_PREFIX};
use crate::worker::WorkerCore;

use super::*;

/// The platform shared by the "tabs" of one browser.
#[derive(Clone)]
struct Shared(Rc<MemoryPlatform>);

impl Platform for Shared {
    fn load(&self, key: &str) -> Option<String> {
        self.0.load(key)
    }
    fn save(&self, key: &str, value: &str) {
        self.0.save(key, value);
    }
    fn remove(&self, key: &str) {
        self.0.remove(key);
    }
    fn now(&self) -> u64 {
        self.0.now()
    }
    fn random_token(&self) -> String {
        self.0.random_token()
    }
}

fn json_request(method: &str, path: &str, body: Value) -> Request {
    Request {
        content_type: Some("application/json".into()),
        body: body.to_string().into_bytes(),
        ..Request::new(method, path)
    }
}

/// The seed's first enabled user, and the request that disables them at their version.
fn disable_first_enabled_user() -> (domain::User, Request) {
    let user = generate(Dataset::Standard)
        .users
        .into_iter()
        .find(|u| u.status == UserStatus::Enabled)
        .unwrap();
    let mut disable = json_request(
        "PATCH",
        &format!("/users/{}", user.id),
        json!({"status": "disabled"}),
    );
    disable.if_match = Some(user.version.to_string());
    (user, disable)
}

fn body(reply: Result<Reply, ApiError>) -> Value {
    serde_json::from_str(&reply.unwrap().body).unwrap()
}

#[test]
fn changes_and_their_replies_survive_a_reload_and_a_reset_forgets_them() {
    let platform = Shared(Rc::new(MemoryPlatform::at(1_000_000)));
    let portal = || SandboxCore::new(platform.clone(), Holding::Portal(Dataset::Standard));
    let (user, mut disable) = disable_first_enabled_user();
    disable.idempotency_key = Some("k".into());
    let first = portal();
    assert_eq!(body(first.handle(&disable))["status"], "disabled");
    let reloaded = portal();
    let again = reloaded.handle(&disable).unwrap();
    assert!(
        again.replayed,
        "a retry after a reload gets the first reply"
    );
    let mut search = Request::new("GET", "/users");
    search.query = vec![("q".into(), user.email.clone())];
    let users = body(reloaded.handle(&search));
    let disabled = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == user.id)
        .unwrap()["status"]
        .clone();
    assert_eq!(disabled, "disabled");
    reloaded.reset();
    let after = portal().handle(&disable).unwrap();
    assert!(!after.replayed, "a reset forgets replies too");
}

#[test]
fn personas_sign_in_with_the_demo_password_only() {
    let sandbox = SandboxCore::new(MemoryPlatform::at(5), Holding::Portal(Dataset::Standard));
    let sign_in = |password: &str| {
        let email = Persona::ReadOnly.admin().email;
        sandbox.handle(&json_request(
            "POST",
            "/auth/sign-in",
            json!({"email": email, "password": password}),
        ))
    };
    assert_eq!(sign_in("wrong").unwrap_err().code, "invalid_credentials");
    assert_eq!(sandbox.persona(), Persona::SuperAdmin);
    let session = body(sign_in(DEMO_PASSWORD));
    assert_eq!(session["persona"], "read-only");
    assert_eq!(sandbox.persona(), Persona::ReadOnly);
}

#[test]
fn a_launch_token_opens_its_account_once_in_the_tab_that_redeems_it() {
    let platform = Shared(Rc::new(MemoryPlatform::at(1_000)));
    let portal = SandboxCore::new(platform.clone(), Holding::Portal(Dataset::Standard));
    let linked = generate(Dataset::Standard).linked_accounts[0].id.clone();
    let grant = body(portal.handle(&Request::new("POST", &format!("/accounts/{linked}/launch"))));
    let redeem = json_request("POST", "/auth/launch", json!({"token": grant["token"]}));
    let tab = SandboxCore::new(platform.clone(), Holding::Portal(Dataset::Standard));
    let session = body(tab.handle(&redeem));
    assert_eq!(session["account"]["id"], linked.as_str());
    assert!(matches!(tab.holding(), Holding::Linked(a) if a.id == linked));
    assert_eq!(tab.handle(&redeem).unwrap_err().status, 401);
    // The portal's own tab stays where it was.
    assert_eq!(portal.holding(), Holding::Portal(Dataset::Standard));
}

/// The worker's clock and secrets, in a test.
struct Fixed;

impl crate::relay::Source for Fixed {
    fn now(&self) -> u64 {
        1_000_000
    }
    fn random_token(&self) -> String {
        "0".repeat(64)
    }
}

/// What the page keeps of the worker's notes, as localStorage would.
fn keep(page: &mut HashMap<String, String>, out: &[FromWorker]) {
    for message in out {
        if let FromWorker::Kept { key, value } = message {
            match value {
                Some(value) => page.insert(key.clone(), value.clone()),
                None => page.remove(key),
            };
        }
    }
}

fn start(page: &HashMap<String, String>) -> (WorkerCore<Fixed>, Vec<FromWorker>) {
    let mut worker = WorkerCore::new(Fixed);
    let out = worker.receive(ToWorker::Start {
        dataset: Dataset::Standard,
        linked_account: None,
        kept: page.clone(),
    });
    (worker, out)
}

fn answer(out: &[FromWorker]) -> &Result<Reply, ApiError> {
    match out.last() {
        Some(FromWorker::Answer { result }) => result,
        other => panic!("the last message is the answer, not {other:?}"),
    }
}

#[test]
fn the_worker_sends_what_to_keep_before_the_answer_and_starts_again_from_it() {
    let mut page = HashMap::new();
    let (mut worker, out) = start(&page);
    assert_eq!(
        out,
        vec![FromWorker::Persona {
            persona: Persona::SuperAdmin
        }]
    );
    let (user, disable) = disable_first_enabled_user();
    // Through the page's message, as JSON both ways.
    let posted: ToWorker = serde_json::from_str(
        &serde_json::to_string(&ToWorker::Request { request: disable }).unwrap(),
    )
    .unwrap();
    let out = worker.receive(posted);
    assert!(
        matches!(&out[0], FromWorker::Kept { key, value: Some(_) } if key.starts_with(KEPT_PREFIX))
    );
    assert_eq!(answer(&out).as_ref().unwrap().status, 200);
    keep(&mut page, &out);

    // A reload: a new worker from what the page kept holds the change.
    let (mut reloaded, _) = start(&page);
    let mut search = Request::new("GET", "/users");
    search.query = vec![("q".into(), user.email.clone())];
    let out = reloaded.receive(ToWorker::Request { request: search });
    let shown: Value = serde_json::from_str(&answer(&out).as_ref().unwrap().body).unwrap();
    assert_eq!(shown["items"][0]["status"], "disabled");

    // Reset forgets it, on the page too.
    let out = reloaded.receive(ToWorker::Reset);
    assert!(matches!(&out[0], FromWorker::Kept { value: None, .. }));
    keep(&mut page, &out);
    assert!(page.keys().all(|k| !k.contains("standard")));
}

#[test]
fn the_worker_says_who_is_signed_in_when_it_changes_and_refuses_requests_before_it_starts() {
    let mut idle = WorkerCore::new(Fixed);
    let out = idle.receive(ToWorker::Request {
        request: Request::new("GET", "/session"),
    });
    assert_eq!(answer(&out).as_ref().unwrap_err().status, 503);

    let (mut worker, _) = start(&HashMap::new());
    let out = worker.receive(ToWorker::SetPersona {
        persona: Persona::ReadOnly,
    });
    assert!(out.contains(&FromWorker::Persona {
        persona: Persona::ReadOnly
    }));
    let out = worker.receive(ToWorker::Request {
        request: Request::new("GET", "/session"),
    });
    assert!(
        !out.iter().any(|m| matches!(m, FromWorker::Persona { .. })),
        "no news, no note"
    );
}
