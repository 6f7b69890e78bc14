//! The sandbox and the server answer the same requests the same way: one script of requests
//! (every endpoint, good and bad) is sent to the sandbox core and to the server in process, in
//! step, and each answer must have the same status, error code, version and body.

mod support;

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use domain::api::{Endpoint, Request, API_ROOT};
use domain::inventory::LicenseKind;
use domain::seed::{generate, Dataset, DEMO_PASSWORD};
use domain::{Persona, UserStatus, UserType};
use sandbox::{Holding, MemoryPlatform, SandboxCore};
use serde_json::{json, Value};
use support::{batch, Auth, TestServer};

/// One scripted request.
#[derive(Clone)]
struct Step {
    persona: Persona,
    method: &'static str,
    /// Under `/api/v1`, with its query string.
    path: String,
    content_type: Option<&'static str>,
    headers: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
}

fn get(path: impl Into<String>) -> Step {
    Step {
        persona: Persona::SuperAdmin,
        method: "GET",
        path: path.into(),
        content_type: None,
        headers: Vec::new(),
        body: None,
    }
}

/// A JSON request.
fn send(method: &'static str, path: impl Into<String>, body: Value) -> Step {
    Step {
        method,
        content_type: Some("application/json"),
        body: Some(body.to_string().into_bytes()),
        ..get(path)
    }
}

impl Step {
    fn key(mut self, key: &str) -> Self {
        self.headers.push(("idempotency-key", key.to_owned()));
        self
    }

    fn seen(mut self, version: impl std::fmt::Display) -> Self {
        self.headers.push(("if-match", format!("\"{version}\"")));
        self
    }

    fn by(mut self, persona: Persona) -> Self {
        self.persona = persona;
        self
    }

    fn typed(mut self, content_type: Option<&'static str>) -> Self {
        self.content_type = content_type;
        self
    }

    fn raw(mut self, body: &str) -> Self {
        self.body = Some(body.as_bytes().to_vec());
        self
    }
}

/// An answer as compared: status, the record's version, and the JSON body.
#[derive(Debug)]
struct Seen {
    status: u16,
    version: Option<u32>,
    replayed: bool,
    body: Value,
}

/// The script: every endpoint of the table at least once, and each way a request can be wrong.
fn script() -> Vec<Step> {
    let data = generate(Dataset::Standard);
    let enabled = data
        .users
        .iter()
        .find(|u| u.status == UserStatus::Enabled && u.user_type == UserType::Office)
        .unwrap();
    let (id, version) = (enabled.id, enabled.version);
    let other = data
        .users
        .iter()
        .find(|u| u.status == UserStatus::Enabled && u.id != id)
        .unwrap();
    let mobile = data
        .users
        .iter()
        .find(|u| u.user_type == UserType::Mobile)
        .unwrap();
    let waiting = data
        .users
        .iter()
        .find(|u| u.status == UserStatus::NotActivated)
        .unwrap();
    let activate = format!("/users/{}/activation", waiting.id);
    let invitee = data
        .users
        .iter()
        .filter(|u| u.status == UserStatus::NotActivated)
        .nth(1)
        .unwrap();
    let invite = format!("/users/{}/invites", invitee.id);
    let credentials = json!({"credentials": {
        "password": "Harbour42view", "passwordAgain": "Harbour42view", "temporaryPassword": true,
        "pin": "2580", "pinAgain": "2580",
        "securityQuestion": domain::add_users::SECURITY_QUESTIONS[0], "securityAnswer": "Biscuit",
    }});
    let held = data
        .licenses
        .iter()
        .find(|l| l.kind.is_add_on() && l.assignee.is_some())
        .unwrap();
    let spare_number = data.numbers.iter().find(|n| n.assignee.is_none()).unwrap();
    let cost_center = data.cost_centers[0].id.clone();
    let linked = data.linked_accounts[0].id.clone();
    // A portal account not linked yet and whose sign-in isn't locked, its admin's email in
    // capitals (emails match whatever their case).
    let linkable = data
        .portal_accounts
        .iter()
        .find(|p| !p.locked && data.linked_accounts.iter().all(|l| l.id != p.id))
        .map(|p| p.admin_email.to_uppercase())
        .unwrap();
    let user = format!("/users/{id}");
    // An Office user no other step uses, deleted: their page is gone afterwards.
    let doomed = data
        .users
        .iter()
        .filter(|u| u.user_type == UserType::Office && u.status == UserStatus::Enabled)
        .find(|u| ![id, other.id].contains(&u.id) && Some(u.id) != held.assignee)
        .unwrap();
    // Another one, given a phone and a number from their page.
    let equipped = data
        .users
        .iter()
        .filter(|u| u.user_type == UserType::Office && u.status == UserStatus::Enabled)
        .find(|u| ![id, other.id, doomed.id].contains(&u.id) && Some(u.id) != held.assignee)
        .unwrap();
    let equip = format!("/users/{}/equipment", equipped.id);
    let second_spare = data
        .numbers
        .iter()
        .filter(|n| n.assignee.is_none())
        .nth(1)
        .unwrap();
    let delete = |path: &str| Step {
        method: "DELETE",
        ..get(path)
    };
    let doomed_page = format!("/users/{}", doomed.id);
    let disable = json!({"status": "disabled"});
    vec![
        // Routing.
        get("/nothing"),
        get("/users/"),
        send("DELETE", "/users", json!({})),
        get("/auth/sign-in"),
        send("PATCH", "/accounts/links", json!({})),
        // Reads.
        get("/session"),
        get("/directory"),
        get("/users?perPage=25&sort=-name"),
        get("/users?q=a&type=office&page=2&perPage=25"),
        get("/users?perPage=0&type=robot"),
        get("/user-batches/view"),
        get(format!("/users/{id}/licenses")),
        get("/users/abc/licenses"),
        get("/users/999999/licenses"),
        get(format!("/users/{id}")),
        get("/users/abc"),
        get("/users/999999"),
        get("/accounts?q=&page=1"),
        get("/mobile-users"),
        get("/inventory"),
        get("/inventory/all?perPage=25"),
        get("/inventory/office?perPage=50&page=3&q=1"),
        get("/inventory/nothing"),
        get("/inventory/all?perPage=-1"),
        get("/licenses/bulk-view"),
        get("/jobs"),
        get("/jobs/999"),
        get("/outbox"),
        get("/outbox/999"),
        // A change, its retries and its version checks.
        send("PATCH", &user, disable.clone()).key("k-1"),
        send("PATCH", &user, disable.clone())
            .seen(version + 5)
            .key("k-2"),
        send("PATCH", &user, disable.clone())
            .seen(version)
            .typed(None),
        send("PATCH", &user, disable.clone())
            .seen(version)
            .typed(Some("text/plain")),
        send("PATCH", &user, disable.clone()).seen("seven"),
        send("PATCH", &user, disable.clone()).seen(version).key(" "),
        send("PATCH", &user, json!({"status": 7}))
            .seen(version)
            .key("k-3"),
        send("PATCH", &user, disable.clone())
            .seen(version)
            .raw("{not json"),
        send("PATCH", &user, disable.clone())
            .seen(version)
            .key("k-4")
            .by(Persona::ReadOnly),
        send("PATCH", &user, disable.clone())
            .seen(version)
            .key("k-5"),
        send("PATCH", &user, disable.clone())
            .seen(version)
            .key("k-5"),
        send("PATCH", &user, json!({"status": "enabled"}))
            .seen(version)
            .key("k-5"),
        send("PATCH", &user, json!({"status": "enabled"}))
            .seen(version)
            .key("k-6"),
        send("PATCH", "/users/999999", disable).seen(1).key("k-7"),
        // Every other change, once well and once not.
        send("POST", "/user-batches", batch()).key("b-1"),
        send("POST", "/user-batches", batch()).key("b-1"),
        send("POST", "/user-batches", batch()).key("b-2"),
        send("POST", "/user-batches", json!({"rows": []})).key("b-3"),
        send(
            "PUT",
            format!("/users/{}/licenses", other.id),
            json!({"userType": "office", "addOns": []}),
        ),
        send(
            "PUT",
            format!("/users/{}/licenses", other.id),
            json!({"userType": "office", "addOns": []}),
        )
        .seen(other.version)
        .key("l-1"),
        send(
            "PUT",
            "/users/abc/licenses",
            json!({"userType": "office", "addOns": []}),
        )
        .seen(1),
        send(
            "POST",
            format!("/users/{}/digital-line", mobile.id),
            json!({"phone": "desktop-app"}),
        )
        .seen(mobile.version),
        // Sending a user not activated yet the welcome email: done, replayed, stale, an odd body.
        send("POST", &invite, json!({}))
            .seen(invitee.version)
            .key("i-1"),
        send("POST", &invite, json!({}))
            .seen(invitee.version)
            .key("i-1"),
        send("POST", &invite, json!({}))
            .seen(invitee.version)
            .key("i-2"),
        send("POST", &invite, json!({"to": "someone@else.example"}))
            .seen(invitee.version + 1)
            .key("i-3"),
        get(format!("/users/{}", invitee.id)),
        get("/outbox"),
        // Scheduling it: too soon, then in an hour; cancelled, and nothing left to cancel.
        send("POST", &invite, json!({"sendAtUnix": now() + 60}))
            .seen(invitee.version + 1)
            .key("i-4"),
        send("POST", &invite, json!({"sendAtUnix": now() + 3600}))
            .seen(invitee.version + 1)
            .key("i-5"),
        get(format!("/users/{}", invitee.id)),
        delete(&invite).seen(invitee.version + 1).key("i-6"),
        delete(&invite).seen(invitee.version + 2).key("i-7"),
        delete(&invite).seen(invitee.version + 3).key("i-8"),
        // Activating a user not activated yet: stale, bad credentials, done, replayed, again.
        send("POST", &activate, credentials.clone())
            .seen(waiting.version + 1)
            .key("v-1"),
        send(
            "POST",
            &activate,
            json!({"credentials": {"password": "short"}}),
        )
        .seen(waiting.version)
        .key("v-2"),
        send("POST", &activate, credentials.clone())
            .seen(waiting.version)
            .key("v-3"),
        send("POST", &activate, credentials.clone())
            .seen(waiting.version)
            .key("v-3"),
        send("POST", &activate, credentials.clone())
            .seen(waiting.version + 1)
            .key("v-4"),
        send("POST", "/users/999999/activation", credentials.clone())
            .seen(1)
            .key("v-5"),
        send("POST", &equip, json!({})).seen(equipped.version).key("e-1"),
        send(
            "POST",
            &equip,
            json!({"phone": {"kind": "bring-own"}, "number": {"kind": "inventory", "e164": second_spare.e164}}),
        )
        .seen(equipped.version)
        .key("e-2"),
        send(
            "POST",
            &equip,
            json!({"phone": {"kind": "bring-own"}, "number": {"kind": "inventory", "e164": second_spare.e164}}),
        )
        .seen(equipped.version)
        .key("e-2"),
        send("POST", &equip, json!({"phone": {"kind": "bring-own"}}))
            .seen(equipped.version)
            .key("e-3"),
        get(format!("/users/{}", equipped.id)),
        // Its number taken back; then it isn't theirs to give back.
        send(
            "POST",
            format!("/users/{}/releases", equipped.id),
            json!({"numbers": [second_spare.e164]}),
        )
        .seen(equipped.version + 1)
        .key("e-4"),
        send(
            "POST",
            format!("/users/{}/releases", equipped.id),
            json!({"numbers": [second_spare.e164]}),
        )
        .seen(equipped.version + 2)
        .key("e-5"),
        // Its details: a clash with another user's email, then a move to another cost center.
        send(
            "PUT",
            format!("/users/{}/details", equipped.id),
            json!({"firstName": equipped.first_name, "lastName": equipped.last_name, "email": other.email,
                "extension": equipped.extension, "siteId": equipped.site_id,
                "costCenterId": equipped.cost_center_id, "roleId": equipped.role_id}),
        )
        .seen(equipped.version + 2)
        .key("d-1"),
        send(
            "PUT",
            format!("/users/{}/details", equipped.id),
            json!({"firstName": "Moved", "lastName": equipped.last_name, "email": equipped.email,
                "extension": equipped.extension, "siteId": equipped.site_id,
                "costCenterId": data.cost_centers.iter().find(|c| c.id != equipped.cost_center_id).unwrap().id,
                "roleId": equipped.role_id}),
        )
        .seen(equipped.version + 2)
        .key("d-2"),
        get(format!("/users/{}", equipped.id)),
        get(&doomed_page),
        delete(&doomed_page).key("x-1"),
        delete(&doomed_page).seen(doomed.version + 1).key("x-2"),
        delete(&doomed_page)
            .seen(doomed.version)
            .key("x-3")
            .by(Persona::ReadOnly),
        delete(&doomed_page).seen(doomed.version).key("x-4"),
        delete(&doomed_page).seen(doomed.version).key("x-4"),
        get(&doomed_page),
        delete("/users/999999").seen(1).key("x-5"),
        send(
            "POST",
            "/mobile-users/deletions",
            json!({"users": [{"id": mobile.id, "version": mobile.version + 3}]}),
        )
        .key("m-1"),
        send("POST", "/mobile-users/deletions", json!({"users": []})).key("m-2"),
        send(
            "POST",
            "/licenses/assignments",
            json!({"kind": "push-to-talk", "costCenterId": cost_center, "userIds": [id]}),
        )
        .key("a-1"),
        send(
            "POST",
            "/licenses/assignments",
            json!({"kind": LicenseKind::Office, "costCenterId": cost_center, "userIds": [id]}),
        )
        .key("a-2"),
        send(
            "POST",
            "/licenses/unassignments",
            json!({"licenses": [{"id": held.id, "assignee": held.assignee}]}),
        )
        .key("u-1"),
        send("POST", "/licenses/unassignments", json!({"licenses": []})).key("u-2"),
        send(
            "POST",
            "/licenses/reassignments",
            json!({"license": {"id": held.id, "assignee": held.assignee}, "toUserId": other.id}),
        )
        .key("r-1"),
        send("POST", "/licenses/upgrades", json!({"users": []})).key("g-1"),
        send(
            "POST",
            "/numbers/deletions",
            json!({"e164": spare_number.e164}),
        )
        .key("n-1"),
        send(
            "POST",
            "/numbers/deletions",
            json!({"e164": "+15550000000"}),
        )
        .key("n-2"),
        send(
            "POST",
            "/jobs",
            json!({"kind": "assign-add-ons", "rows": []}),
        )
        .key("j-1"),
        send(
            "POST",
            "/jobs",
            json!({"kind": "assign-add-ons", "rows": [
                {"line": 2, "mailboxId": "123456789", "license": "Large Meetings"}
            ], "applyValidRows": true, "reportTo": "ops@northwind.example"}),
        )
        .key("j-2"),
        get("/jobs"),
        get("/jobs/1"),
        get("/jobs/1/report"),
        send("POST", "/exports", json!({"to": "nobody"})).key("e-1"),
        send(
            "POST",
            "/exports",
            json!({"to": "reports@northwind.example"}),
        )
        .key("e-2"),
        get("/outbox"),
        get("/outbox/1"),
        // Multi-Account Access.
        send(
            "POST",
            "/accounts/links",
            json!({"email": "nobody@example.com", "password": "x"}),
        )
        .key("x-1"),
        send(
            "POST",
            "/accounts/links",
            json!({"email": linkable, "password": DEMO_PASSWORD}),
        )
        .key("x-0"),
        send(
            "PATCH",
            format!("/accounts/{linked}"),
            json!({"name": "Renamed"}),
        )
        .key("x-2"),
        send(
            "PATCH",
            format!("/accounts/{linked}"),
            json!({"name": "Renamed"}),
        )
        .seen(1)
        .key("x-3"),
        send(
            "POST",
            "/accounts/unlinks",
            json!({"accounts": ["acct-nothing"]}),
        )
        .key("x-4"),
        send("POST", "/accounts/acct-nothing/launch", json!({})),
        send("POST", format!("/accounts/{linked}/launch"), json!({})).by(Persona::ReadOnly),
        send("POST", format!("/accounts/{linked}/launch"), json!({})),
        send("POST", "/auth/launch", json!({"token": "not-a-token"})),
        // Sessions.
        send(
            "POST",
            "/auth/sign-in",
            json!({"email": "", "password": ""}),
        ),
        send(
            "POST",
            "/auth/sign-in",
            json!({"email": Persona::SuperAdmin.admin().email, "password": "wrong"}),
        ),
        send(
            "POST",
            "/auth/sign-in",
            json!({"email": Persona::SuperAdmin.admin().email, "password": DEMO_PASSWORD}),
        )
        .typed(Some("text/plain")),
        send(
            "POST",
            "/auth/tokens",
            json!({"email": Persona::SuperAdmin.admin().email, "password": DEMO_PASSWORD}),
        ),
        send(
            "POST",
            "/auth/sign-in",
            json!({"email": Persona::ReadOnly.admin().email, "password": DEMO_PASSWORD}),
        ),
        send("POST", "/auth/sign-out", json!({})),
    ]
}

/// Endpoints the script leaves out, and why: the contract document is the server's own.
const NOT_SCRIPTED: &[Endpoint] = &[Endpoint::OpenApi];

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

async fn on_server(server: &TestServer, auth: &Auth, step: &Step) -> Seen {
    let mut headers: Vec<(&str, &str)> =
        step.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if let Some(content_type) = step.content_type {
        headers.push(("content-type", content_type));
    }
    let path = format!("{API_ROOT}{}", step.path);
    let answer = server
        .send_bytes(step.method, &path, auth, &headers, step.body.clone())
        .await;
    let version = answer
        .headers
        .get("etag")
        .map(|v| v.to_str().unwrap().trim_matches('"').parse().unwrap());
    Seen {
        status: answer.status.as_u16(),
        version,
        replayed: answer.headers.contains_key("idempotent-replayed"),
        body: answer.json,
    }
}

fn on_sandbox(sandbox: &SandboxCore<MemoryPlatform>, step: &Step) -> Seen {
    let (path, query) = step.path.split_once('?').unwrap_or((&step.path, ""));
    let header = |name: &str| {
        step.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    let request = Request {
        method: step.method.to_owned(),
        path: path.to_owned(),
        query: query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_owned(), v.to_owned())
            })
            .collect(),
        content_type: step.content_type.map(str::to_owned),
        if_match: header("if-match"),
        idempotency_key: header("idempotency-key"),
        body: step.body.clone().unwrap_or_default(),
    };
    sandbox.platform().set_now(now());
    sandbox.set_persona(step.persona);
    match sandbox.handle(&request) {
        Ok(reply) => Seen {
            status: reply.status,
            version: reply.version,
            replayed: reply.replayed,
            body: serde_json::from_str(&reply.body).unwrap_or(Value::Null),
        },
        Err(error) => Seen {
            status: error.status,
            version: None,
            replayed: false,
            body: serde_json::to_value(&error).unwrap(),
        },
    }
}

/// Where `a` and `b` differ, ignoring what no two back ends can share: secrets (tokens) and
/// the second a time was read (times within a few seconds are the same).
fn differences(at: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let secret = ["token", "csrfToken"].contains(&key.as_str());
                let (p, q) = (&x.get(key), &y.get(key));
                match (p, q) {
                    (Some(Value::String(_)), Some(Value::String(_))) if secret => {}
                    (Some(Value::String(_)), None) | (None, Some(Value::String(_)))
                        if key == "csrfToken" => {}
                    (Some(p), Some(q)) => differences(&format!("{at}.{key}"), p, q, out),
                    _ => out.push(format!("{at}.{key}: {p:?} vs {q:?}")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differences(&format!("{at}[{i}]"), p, q, out);
            }
        }
        (Value::Number(x), Value::Number(y)) if at.ends_with("At") => {
            let (x, y) = (x.as_u64().unwrap_or(0), y.as_u64().unwrap_or(0));
            if x.abs_diff(y) > 5 {
                out.push(format!("{at}: {x} vs {y}"));
            }
        }
        _ if a != b => out.push(format!("{at}: {a} vs {b}")),
        _ => {}
    }
}

/// Whether `body` is what the document says `method path` answers with `status`: a status the
/// operation lists, and a body its schema accepts (an unrouted request: an `ApiError`).
fn undocumented(document: &Value, step: &Step, status: u16, body: &Value) -> Option<String> {
    let path = step.path.split('?').next().unwrap();
    let schema = match domain::api::route(step.method, path) {
        Err(_) => json!({"$ref": "#/components/schemas/ApiError"}),
        Ok(route) => {
            let endpoint = route.endpoint;
            let method = endpoint.method().as_str().to_ascii_lowercase();
            let response =
                &document["paths"][endpoint.path()][method]["responses"][status.to_string()];
            if !response.is_object() {
                return Some(format!("{status} is not a status {endpoint:?} lists"));
            }
            match response.pointer("/content/application~1json/schema") {
                Some(schema) => schema.clone(),
                None if body.is_null() => return None,
                None => return Some(format!("{status} has a body but the document gives none")),
            }
        }
    };
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": document["components"],
        "allOf": [schema],
    });
    let validator = jsonschema::validator_for(&root).expect("the document's schemas compile");
    let errors: Vec<String> = validator
        .iter_errors(body)
        .take(3)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    (!errors.is_empty()).then(|| errors.join("; "))
}

#[tokio::test]
async fn every_answer_of_the_script_is_one_the_generated_document_describes() {
    let document = domain::api::openapi::document();
    let server = TestServer::new();
    let mut sessions: HashMap<String, Auth> = HashMap::new();
    for persona in Persona::ALL {
        sessions.insert(persona.slug().to_owned(), server.sign_in(persona).await);
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for step in &script() {
        let served = on_server(&server, &sessions[step.persona.slug()], step).await;
        if let Some(problem) = undocumented(&document, step, served.status, &served.body) {
            problems.push(format!("{} {}: {problem}", step.method, step.path));
        }
        checked += usize::from(!served.body.is_null());
    }
    assert!(
        problems.is_empty(),
        "{} answers the document doesn't describe:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked > 60, "only {checked} bodies were checked");
}

#[tokio::test]
async fn the_sandbox_and_the_server_answer_every_scripted_request_alike() {
    let script = script();
    for endpoint in Endpoint::ALL {
        let scripted = script.iter().any(|s| {
            let path = s.path.split('?').next().unwrap();
            domain::api::route(s.method, path).is_ok_and(|r| r.endpoint == *endpoint)
        });
        assert!(
            scripted || NOT_SCRIPTED.contains(endpoint),
            "the script never calls {endpoint:?}"
        );
    }
    let server = TestServer::new();
    let mut sessions: HashMap<String, Auth> = HashMap::new();
    for persona in Persona::ALL {
        sessions.insert(persona.slug().to_owned(), server.sign_in(persona).await);
    }
    let sandbox = SandboxCore::new(
        MemoryPlatform::at(now()),
        Holding::Portal(Dataset::Standard),
    );
    let mut drifts = Vec::new();
    let mut statuses = Vec::new();
    for step in &script {
        let auth = &sessions[step.persona.slug()];
        let served = on_server(&server, auth, step).await;
        let answered = on_sandbox(&sandbox, step);
        let name = format!("{} {} as {:?}", step.method, step.path, step.persona);
        statuses.push(format!("{} {name}", served.status));
        let mut found = Vec::new();
        if (served.status, served.version, served.replayed)
            != (answered.status, answered.version, answered.replayed)
        {
            found.push(format!(
                "status/version/replayed: server {} {:?} {}, sandbox {} {:?} {}",
                served.status,
                served.version,
                served.replayed,
                answered.status,
                answered.version,
                answered.replayed
            ));
        }
        differences("body", &served.body, &answered.body, &mut found);
        if !found.is_empty() {
            found.truncate(5);
            drifts.push(format!("{name}:\n    {}", found.join("\n    ")));
        }
    }
    println!("{}", statuses.join("\n"));
    assert!(
        drifts.is_empty(),
        "{} drifts:\n{}",
        drifts.len(),
        drifts.join("\n")
    );
    let successes = statuses.iter().filter(|s| s.starts_with('2')).count();
    assert!(
        successes >= 30,
        "only {successes} scripted requests succeeded"
    );
}
