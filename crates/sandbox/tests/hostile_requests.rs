//! Outside text never crashes the API: generated bodies, queries, paths and headers sent to
//! every endpoint get a success or a 4xx in the error shape, one the endpoint table says it
//! can give; never a 5xx or a panic. The sandbox and the server read and decide requests with
//! the same `domain::api` code (the parity test shows they answer alike), so this runs natively
//! against the sandbox core, thousands of requests a second.

use std::cell::Cell;

use domain::add_users::SECURITY_QUESTIONS;
use domain::api::{Body, Endpoint, Method, Request};
use domain::seed::{generate, Dataset};
use domain::users::{UserStatus, UserType};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sandbox::{Holding, MemoryPlatform, SandboxCore};
use serde_json::{json, Value};

/// Cases per property (each sends a request to every endpoint).
const CASES: u32 = 256;

fn sandbox() -> SandboxCore<MemoryPlatform> {
    SandboxCore::new(
        MemoryPlatform::at(1_800_000_000),
        Holding::Portal(Dataset::Standard),
    )
}

/// Sends `request` to `endpoint` and checks the answer is one its table line allows.
fn check(core: &SandboxCore<MemoryPlatform>, endpoint: Endpoint, request: &Request) {
    match core.handle(request) {
        Ok(reply) => assert_eq!(
            reply.status,
            endpoint.success(),
            "{} {} answered {}",
            request.method,
            request.path,
            reply.status
        ),
        Err(error) => {
            assert!(
                (400..500).contains(&error.status),
                "{} {} with {:?} gave {} {}",
                request.method,
                request.path,
                String::from_utf8_lossy(&request.body),
                error.status,
                error.message
            );
            assert!(
                endpoint.statuses().contains(&error.status) || error.status == 404,
                "{} {}: {} is not among the statuses the table gives ({:?})",
                request.method,
                request.path,
                error.status,
                endpoint.statuses()
            );
            assert!(!error.code.is_empty() && !error.message.is_empty());
        }
    }
}

/// A JSON value of any shape, a few levels deep, with hostile strings among its leaves.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        hostile_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Names the API's bodies use, and others, so generated objects reach the rules behind them.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "kind",
            "rows",
            "userIds",
            "costCenterId",
            "status",
            "name",
            "email",
            "extension",
            "siteId",
            "type",
            "licenses",
            "quantity",
            "setup",
            "phone",
            "number",
            "emergency",
            "token",
            "password",
            "accountIds",
            "ids",
            "applyValidRows",
            "acknowledgedCharges",
            "sendAtUnix",
            "e164",
            "sku",
            "addressId",
            "roleId",
            "users",
            "userType",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z]{1,12}",
    ]
}

/// Text an admin might paste, or an attacker send.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::sample::select(vec![
            "",
            " ",
            "<script>alert(1)</script>",
            "=HYPERLINK(\"x\")",
            "\u{202e}evil",
            "\u{200b}",
            "'; DROP TABLE users; --",
            "../../etc/passwd",
            "%00",
            "1e309",
            "-1",
            "99999999999999999999",
            "office",
            "video-pro-plus",
            "push-to-talk",
            "enabled",
            "disabled",
            "send-invite",
        ])
        .prop_map(str::to_owned),
        "[ -~]{0,40}",
        Just("x".repeat(10_000)),
    ]
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Sends a request made from each generated value to every endpoint `which` picks.
fn at_every<S: Strategy>(
    values: S,
    which: impl Fn(&Endpoint) -> bool,
    request: impl Fn(&S::Value, Endpoint) -> Request,
) {
    let core = sandbox();
    runner()
        .run(&values, |value| {
            for &endpoint in Endpoint::ALL.iter().filter(|e| which(e)) {
                check(&core, endpoint, &request(&value, endpoint));
            }
            Ok(())
        })
        .unwrap();
}

/// The request to `endpoint` with `param` for each path parameter.
fn to(endpoint: Endpoint, param: &str) -> Request {
    let params = vec![param; endpoint.path().matches('{').count()];
    let path = endpoint.url(&params);
    let path = path.strip_prefix(domain::api::API_ROOT).unwrap();
    Request::new(endpoint.method().as_str(), path)
}

/// A body each JSON endpoint accepts, with ids from the seed, and the path parameter it goes
/// to: what the generated mutations start from, so they reach the rules behind the shape.
fn templates() -> Vec<(Endpoint, &'static str, Value)> {
    let data = generate(Dataset::Standard);
    let user = &data.users[0];
    let waiting = data
        .users
        .iter()
        .find(|u| u.status == UserStatus::NotActivated)
        .unwrap();
    let center = &data.cost_centers[0].id;
    let held = data.licenses.iter().find(|l| l.assignee.is_some()).unwrap();
    let number = &data.numbers[0].e164;
    let linked = &data.linked_accounts[0].id;
    let row = json!({
        "email": "new.person@northwind.example", "firstName": "New", "lastName": "Person",
        "siteId": data.sites[0].id, "costCenterId": center, "extension": "1999",
        "phone": {"kind": "purchase", "sku": data.catalog[0].sku, "addressId": "addr-1"},
        "number": {"kind": "inventory", "e164": number},
        "setup": {"kind": "schedule-invite", "sendAtUnix": 1_900_000_000u64}, "roleId": data.roles[0].id,
    });
    let add_users = json!({
        "userType": UserType::Office, "requireUniqueEmails": true, "rows": [row],
        "acknowledgedCharges": true,
    });
    let license = json!({"id": held.id, "assignee": held.assignee});
    let add_ons = json!({
        "kind": "assign-add-ons",
        "rows": [{"line": 2, "mailboxId": user.mailbox_id.to_string(), "license": "Large Meetings"}],
        "applyValidRows": true, "reportTo": "ops@northwind.example",
    });
    vec![
        (
            Endpoint::PatchUser,
            leak(user.id.to_string()),
            json!({"status": "disabled"}),
        ),
        (Endpoint::AddUsers, "", add_users),
        (
            Endpoint::SendInvite,
            leak(waiting.id.to_string()),
            json!({}),
        ),
        (
            Endpoint::ActivateUser,
            leak(waiting.id.to_string()),
            json!({"credentials": {
                "password": "Harbour42view", "passwordAgain": "Harbour42view", "pin": "2580",
                "pinAgain": "2580", "securityQuestion": SECURITY_QUESTIONS[0],
                "securityAnswer": "Biscuit", "emergency": {"kind": "existing", "locationId": "erl-1"},
            }}),
        ),
        (
            Endpoint::EditLicenses,
            leak(user.id.to_string()),
            json!({"userType": "office", "addOns": ["push-to-talk"]}),
        ),
        (
            Endpoint::AssignAddOns,
            "",
            json!({"kind": "push-to-talk", "costCenterId": center, "userIds": [user.id]}),
        ),
        (Endpoint::Unassign, "", json!({"licenses": [license]})),
        (
            Endpoint::Reassign,
            "",
            json!({"license": license, "toUserId": data.users[1].id}),
        ),
        (
            Endpoint::UpgradeToOffice,
            "",
            json!({"users": [{"id": user.id, "version": user.version}]}),
        ),
        (Endpoint::DeleteNumber, "", json!({"e164": number})),
        (Endpoint::CreateJob, "", add_ons),
        (
            Endpoint::DeleteMobileUsers,
            "",
            json!({"users": [{"id": user.id, "version": user.version}]}),
        ),
        (
            Endpoint::EquipUser,
            leak(user.id.to_string()),
            json!({"phone": {"kind": "bring-own"}, "number": {"kind": "inventory", "e164": number}}),
        ),
        (
            Endpoint::ReleaseEquipment,
            leak(user.id.to_string()),
            json!({"numbers": [number]}),
        ),
        (
            Endpoint::EditDetails,
            leak(user.id.to_string()),
            json!({"firstName": user.first_name, "lastName": user.last_name, "email": user.email,
                "extension": user.extension, "siteId": user.site_id,
                "costCenterId": user.cost_center_id, "roleId": user.role_id}),
        ),
        (
            Endpoint::DigitalLine,
            leak(user.id.to_string()),
            json!({"phone": {"kind": "desktop-app"}, "number": {"kind": "inventory", "e164": number}}),
        ),
        (
            Endpoint::Export,
            "",
            json!({"to": "reports@northwind.example"}),
        ),
        (
            Endpoint::LinkAccount,
            "",
            json!({"email": "admin@x.example", "password": "p"}),
        ),
        (Endpoint::UnlinkAccounts, "", json!({"accounts": [linked]})),
        (
            Endpoint::RenameAccount,
            leak(linked.clone()),
            json!({"name": "Renamed"}),
        ),
        (Endpoint::RedeemLaunch, "", json!({"token": "t"})),
        (
            Endpoint::SignIn,
            "",
            json!({"email": "dana.whitfield@northwind.example", "password": "p"}),
        ),
        (
            Endpoint::IssueToken,
            "",
            json!({"email": "dana.whitfield@northwind.example", "password": "p"}),
        ),
    ]
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// `template` with its leaves replaced, in order, where `with` has a value.
fn mutate(template: &Value, with: &mut impl Iterator<Item = Option<Value>>) -> Value {
    match template {
        Value::Array(items) => Value::Array(items.iter().map(|v| mutate(v, with)).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), mutate(v, with)))
                .collect(),
        ),
        leaf => with.next().flatten().unwrap_or_else(|| leaf.clone()),
    }
}

const JSON: Option<&str> = Some("application/json");

/// The request to `endpoint` carrying `body`, with a fresh idempotency key.
fn with_body(
    endpoint: Endpoint,
    param: &str,
    content_type: Option<&str>,
    body: impl Into<Vec<u8>>,
    if_match: Option<String>,
) -> Request {
    Request {
        content_type: content_type.map(str::to_owned),
        body: body.into(),
        idempotency_key: Some(fresh_key()),
        if_match,
        ..to(endpoint, param)
    }
}

/// A fresh idempotency key for every request, so replays don't hide what a body does.
fn fresh_key() -> String {
    thread_local!(static N: Cell<u64> = const { Cell::new(0) });
    N.with(|n| {
        n.set(n.get() + 1);
        format!("generated-{}", n.get())
    })
}

#[test]
fn valid_bodies_with_generated_leaves_get_a_success_or_a_4xx_at_every_endpoint() {
    let core = sandbox();
    let templates = templates();
    let covered = |e: &Endpoint| templates.iter().any(|(t, _, _)| t == e);
    assert!(
        Endpoint::ALL
            .iter()
            .filter(|e| e.body() == Body::Json)
            .all(covered),
        "a template for every endpoint that reads a body"
    );
    let leaves = prop::collection::vec(prop::option::weighted(0.3, json()), 24);
    runner()
        .run(&leaves, |leaves| {
            for (endpoint, param, template) in &templates {
                let body = mutate(template, &mut leaves.clone().into_iter()).to_string();
                let if_match = Some("\"1\"".to_owned());
                let request = with_body(*endpoint, param, JSON, body, if_match);
                check(&core, *endpoint, &request);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn generated_json_bodies_get_a_success_or_a_4xx_at_every_endpoint() {
    let param = prop::sample::select(vec!["1", "2", "u-1", "acc-1", "x"]);
    at_every(
        (json(), param, any::<bool>()),
        |e| e.body() == Body::Json,
        |(body, param, versioned), endpoint| {
            let if_match = versioned.then(|| "\"1\"".to_owned());
            with_body(endpoint, param, JSON, body.to_string(), if_match)
        },
    );
}

#[test]
fn random_bytes_as_a_body_get_a_4xx_at_every_endpoint_that_reads_one() {
    let bytes = prop::collection::vec(any::<u8>(), 0..600);
    at_every(
        (bytes, prop::option::of("[ -~]{0,30}")),
        |e| e.body() == Body::Json,
        |(bytes, content_type), endpoint| {
            let if_match = String::from_utf8_lossy(&bytes[..bytes.len().min(8)]).into();
            let content_type = content_type.as_deref();
            with_body(endpoint, "1", content_type, bytes.clone(), Some(if_match))
        },
    );
}

#[test]
fn generated_queries_get_a_success_or_a_4xx_at_every_read() {
    let key = prop_oneof![
        prop::sample::select(vec![
            "q",
            "sort",
            "page",
            "perPage",
            "status",
            "type",
            "site",
            "costCenter",
            "kind",
            "state",
            "assignee",
            "cursor",
            "since",
            "dataset",
        ])
        .prop_map(str::to_owned),
        "[a-z]{1,8}",
    ];
    at_every(
        prop::collection::vec((key, hostile_text()), 0..6),
        |e| e.method() == Method::Get,
        |query, endpoint| Request {
            query: query.clone(),
            ..to(endpoint, "1")
        },
    );
}

#[test]
fn generated_paths_and_methods_get_a_4xx_never_a_panic() {
    let core = sandbox();
    let method = prop::sample::select(vec![
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "get", "",
    ]);
    let path = prop_oneof![
        prop::collection::vec("[a-z0-9%.{}-]{0,12}", 0..6)
            .prop_map(|s| format!("/{}", s.join("/"))),
        any::<String>(),
    ];
    runner()
        .run(&(method, path), |(method, path)| {
            let request = Request::new(method, &path);
            if let Err(error) = core.handle(&request) {
                prop_assert!(
                    (400..500).contains(&error.status),
                    "{method} {path:?}: {}",
                    error.status
                );
            }
            Ok(())
        })
        .unwrap();
}
