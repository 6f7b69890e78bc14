//! Endpoint tests: the reference server in-process over a temporary SQLite database.

mod support;

use axum::http::StatusCode;
use domain::api::Endpoint;
use domain::seed::{generate, Dataset};
use domain::users_query::UsersQuery;
use domain::{Persona, User, UserStatus};
use serde_json::{json, Value};
use support::{Auth, TestServer};

/// The first enabled user of the seed, with the path that edits them.
fn enabled_user() -> (User, String) {
    let user = generate(Dataset::Standard)
        .users
        .into_iter()
        .find(|u| u.status == UserStatus::Enabled)
        .unwrap();
    let path = format!("/api/v1/users/{}", user.id);
    (user, path)
}

fn disable() -> Option<Value> {
    Some(json!({"status": "disabled"}))
}

#[tokio::test]
async fn every_endpoint_but_sign_in_needs_a_session() {
    let server = TestServer::new();
    for path in ["/api/v1/session", "/api/v1/directory", "/api/v1/users"] {
        let answer = server.get(path, &Auth::default()).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(answer.code(), "unauthenticated");
        assert!(answer.json["message"].as_str().unwrap().contains("Sign in"));
    }
    let forged = Auth {
        cookie: Some("not-a-session".into()),
        ..Auth::default()
    };
    assert_eq!(server.get("/api/v1/session", &forged).await.status, 401);
}

#[tokio::test]
async fn sign_in_explains_bad_input_and_wrong_passwords_then_locks_out() {
    let server = TestServer::new();
    let nobody = Auth::default();
    let sign_in = |email: &str, password: &str| {
        let body = json!({"email": email, "password": password});
        server.send("POST", "/api/v1/auth/sign-in", &nobody, &[], Some(body))
    };
    let empty = sign_in("", "").await;
    assert_eq!(empty.status, 400);
    let fields: Vec<_> = empty.json["fieldErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["email", "password"]);

    let email = Persona::ReadOnly.admin().email;
    let unknown = sign_in("nobody@northwind.example", "x").await;
    assert_eq!(
        (unknown.status, unknown.code()),
        (StatusCode::UNAUTHORIZED, "invalid_credentials")
    );
    for _ in 0..server::auth::MAX_FAILED_SIGN_INS {
        let wrong = sign_in(&email, "wrong").await;
        assert_eq!(wrong.code(), "invalid_credentials");
    }
    let locked = sign_in(&email, server::DEMO_PASSWORD).await;
    assert_eq!(
        (locked.status, locked.code()),
        (StatusCode::TOO_MANY_REQUESTS, "sign_in_locked")
    );
    assert!(locked.json["message"]
        .as_str()
        .unwrap()
        .contains("15 minutes"));
    let wait: u64 = locked.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((890..=900).contains(&wait), "{wait}");
    assert_eq!(locked.json["retryAfterSecs"], wait);
    // Other admins are not affected.
    server.sign_in(Persona::SuperAdmin).await;
}

#[tokio::test]
async fn a_cookie_session_is_http_only_strict_and_ends_at_sign_out() {
    let server = TestServer::new();
    let answer = server
        .send(
            "POST",
            "/api/v1/auth/sign-in",
            &Auth::default(),
            &[],
            Some(json!({"email": Persona::SuperAdmin.admin().email, "password": server::DEMO_PASSWORD})),
        )
        .await;
    let cookie = answer.headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert_eq!(answer.json["admin"]["name"], "Dana Whitfield");
    assert_eq!(answer.json["persona"], "super-admin");

    let auth = server.sign_in(Persona::SuperAdmin).await;
    let session = server.get("/api/v1/session", &auth).await;
    assert_eq!(session.json["csrfToken"].as_str(), auth.csrf.as_deref());
    let out = server
        .send("POST", "/api/v1/auth/sign-out", &auth, &[], Some(json!({})))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(server.get("/api/v1/session", &auth).await.status, 401);
}

#[tokio::test]
async fn changes_with_the_cookie_need_the_csrf_token_and_bearer_tokens_do_not() {
    let server = TestServer::new();
    let (user, path) = enabled_user();
    let version = format!("\"{}\"", user.version);
    let mut auth = server.sign_in(Persona::SuperAdmin).await;
    let good_csrf = auth.csrf.take();
    let refused = server
        .send("PATCH", &path, &auth, &[("if-match", &version)], disable())
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::FORBIDDEN, "csrf_failed")
    );
    auth.csrf = Some("forged".into());
    let forged = server
        .send("PATCH", &path, &auth, &[("if-match", &version)], disable())
        .await;
    assert_eq!(forged.code(), "csrf_failed");
    auth.csrf = good_csrf;
    let ok = server
        .send("PATCH", &path, &auth, &[("if-match", &version)], disable())
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);

    let bearer = server.token(Persona::SuperAdmin).await;
    let session = server.get("/api/v1/session", &bearer).await;
    assert_eq!(session.status, 200);
    assert!(session.json.get("csrfToken").is_none());
    let enable = server
        .send(
            "PATCH",
            &path,
            &bearer,
            &[("if-match", &format!("\"{}\"", user.version + 1))],
            Some(json!({"status": "enabled"})),
        )
        .await;
    assert_eq!(enable.status, StatusCode::OK, "{}", enable.text);
}

#[tokio::test]
async fn every_role_may_read_but_only_managers_may_change_users() {
    let server = TestServer::new();
    let (user, path) = enabled_user();
    let read_only = server.sign_in(Persona::ReadOnly).await;
    let list = server.get("/api/v1/users", &read_only).await;
    assert_eq!(list.json["total"], 120);
    let refused = server
        .send(
            "PATCH",
            &path,
            &read_only,
            &[("if-match", &user.version.to_string())],
            disable(),
        )
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    assert!(refused.json["message"]
        .as_str()
        .unwrap()
        .contains("Read-only"));
    let unversioned = server
        .send("PATCH", &path, &read_only, &[], disable())
        .await;
    assert_eq!(unversioned.code(), "forbidden", "the role is checked first");
    let stored = server::db::user(&server.state.db(), user.id)
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, UserStatus::Enabled, "nothing was written");
}

#[tokio::test]
async fn invalid_queries_and_changes_name_the_field() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let bad = server
        .get("/api/v1/users?type=robots&perPage=7", &auth)
        .await;
    assert_eq!(
        (bad.status, bad.code()),
        (StatusCode::BAD_REQUEST, "validation_failed")
    );
    let fields: Vec<_> = bad.json["fieldErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["type", "perPage"]);

    let (user, path) = enabled_user();
    let v = user.version.to_string();
    let back = server
        .send(
            "PATCH",
            &path,
            &auth,
            &[("if-match", &v)],
            Some(json!({"status": "not-activated"})),
        )
        .await;
    assert_eq!(back.status, 400);
    assert_eq!(back.json["fieldErrors"][0]["field"], "status");
    let garbage = server
        .send(
            "PATCH",
            &path,
            &auth,
            &[("if-match", &v)],
            Some(json!({"status": 7})),
        )
        .await;
    assert_eq!(
        (garbage.status, garbage.code()),
        (StatusCode::BAD_REQUEST, "bad_request")
    );
    let unknown = server
        .send(
            "PATCH",
            &path,
            &auth,
            &[("if-match", &v)],
            Some(json!({"salary": 1})),
        )
        .await;
    assert_eq!(unknown.code(), "bad_request");
    assert!(unknown.json["message"].as_str().unwrap().contains("salary"));
    let missing = server
        .send(
            "PATCH",
            "/api/v1/users/999999",
            &auth,
            &[("if-match", "1")],
            disable(),
        )
        .await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn a_retried_change_returns_the_first_reply_and_acts_once() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let (user, path) = enabled_user();
    let headers = [
        ("if-match", "\"1\""),
        ("idempotency-key", "disable-once-123"),
    ];
    assert_eq!(user.version, 1);
    let first = server
        .send("PATCH", &path, &auth, &headers, disable())
        .await;
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(first.headers["etag"], "\"2\"");
    // The retry carries the version the admin saw (now stale), yet gets the first reply.
    let retry = server
        .send("PATCH", &path, &auth, &headers, disable())
        .await;
    assert_eq!(retry.status, 200, "{}", retry.text);
    assert_eq!(retry.json, first.json);
    assert_eq!(retry.headers["idempotent-replayed"], "true");
    let stored = server::db::user(&server.state.db(), user.id)
        .unwrap()
        .unwrap();
    assert_eq!((stored.status, stored.version), (UserStatus::Disabled, 2));

    let other = server
        .send(
            "PATCH",
            &path,
            &auth,
            &headers,
            Some(json!({"status": "enabled"})),
        )
        .await;
    assert_eq!(
        (other.status.as_u16(), other.code()),
        (422, "idempotency_key_reused")
    );
}

#[tokio::test]
async fn a_stale_or_missing_version_is_refused() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let other_admin = server.sign_in(Persona::UsersAdminNoPurchase).await;
    let (_, path) = enabled_user();
    let first = server
        .send(
            "PATCH",
            &path,
            &other_admin,
            &[("if-match", "\"1\"")],
            disable(),
        )
        .await;
    assert_eq!(first.status, 200);
    let stale = server
        .send(
            "PATCH",
            &path,
            &auth,
            &[("if-match", "\"1\"")],
            Some(json!({"status": "enabled"})),
        )
        .await;
    assert_eq!(
        (stale.status.as_u16(), stale.code()),
        (412, "stale_version")
    );
    assert!(stale.json["message"].as_str().unwrap().contains("Reload"));
    let unversioned = server.send("PATCH", &path, &auth, &[], disable()).await;
    assert_eq!(
        (unversioned.status.as_u16(), unversioned.code()),
        (428, "version_required")
    );
    let malformed = server
        .send("PATCH", &path, &auth, &[("if-match", "soon")], disable())
        .await;
    assert_eq!(malformed.status, 400);
}

#[tokio::test]
async fn bodies_must_be_json() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let (_, path) = enabled_user();
    let answer = server
        .send(
            "PATCH",
            &path,
            &auth,
            &[("if-match", "1"), ("content-type", "text/plain")],
            None,
        )
        .await;
    assert_eq!(
        (answer.status.as_u16(), answer.code()),
        (415, "unsupported_media_type")
    );
    let form = server
        .send(
            "POST",
            "/api/v1/auth/sign-in",
            &Auth::default(),
            &[("content-type", "text/plain")],
            None,
        )
        .await;
    assert_eq!(
        form.code(),
        "unsupported_media_type",
        "no sign-in by cross-site form"
    );
}

#[tokio::test]
async fn changes_survive_a_restart() {
    let server = TestServer::new();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let (user, path) = enabled_user();
    let changed = server
        .send(
            "PATCH",
            &path,
            &auth,
            &[("if-match", "1"), ("idempotency-key", "k-1")],
            disable(),
        )
        .await;
    assert_eq!(changed.status, 200);
    let server = server.restart();
    let auth = server.sign_in(Persona::SuperAdmin).await;
    let list = server
        .get("/api/v1/users?status=disabled&perPage=100", &auth)
        .await;
    let ids: Vec<u64> = list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect();
    assert!(ids.contains(&u64::from(user.id)));
}

#[tokio::test]
async fn the_server_lists_exactly_what_the_sandbox_lists() {
    // The sandbox answers with `IndexedAccount::list_users` over the seed; so must the server.
    let server = TestServer::new();
    let auth = server.sign_in(Persona::ReadOnly).await;
    let seed = domain::IndexedAccount::new(generate(Dataset::Standard));
    for query in [
        "",
        "q=chen",
        "type=mobile&site=site-2",
        "costCenter=cc-3&status=enabled&sort=-extension",
        "sort=email&page=3&perPage=25",
        "q=northwind.example&sort=-name&perPage=100",
        "page=99",
    ] {
        let answer = server.get(&format!("/api/v1/users?{query}"), &auth).await;
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').unwrap())
            .collect();
        let (parsed, errors) = UsersQuery::parse(pairs);
        assert!(errors.is_empty());
        let expected = serde_json::to_value(seed.list_users(&parsed)).unwrap();
        assert_eq!(answer.json, expected, "{query}");
    }
    let directory = server.get("/api/v1/directory", &auth).await;
    assert_eq!(
        directory.json,
        serde_json::to_value(seed.directory()).unwrap()
    );
}

#[tokio::test]
async fn unknown_endpoints_and_methods_get_the_error_shape() {
    let server = TestServer::new();
    let missing = server.get("/api/v1/nope", &Auth::default()).await;
    assert_eq!(
        (missing.status.as_u16(), missing.code()),
        (404, "not_found")
    );
    let outside = server.get("/api/v2/users", &Auth::default()).await;
    assert_eq!(outside.code(), "not_found");
    let wrong = server
        .send("DELETE", "/api/v1/users", &Auth::default(), &[], None)
        .await;
    assert_eq!(
        (wrong.status.as_u16(), wrong.code()),
        (405, "method_not_allowed")
    );
    let api = server.get("/api/v1/users", &Auth::default()).await;
    assert_eq!(api.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn the_openapi_document_lists_exactly_the_routes_served() {
    let server = TestServer::new();
    let served = server.get("/api/v1/openapi.json", &Auth::default()).await;
    assert_eq!(served.status, 200);
    let document = domain::api::openapi::document();
    assert_eq!(served.json, document);
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented: Vec<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
                .map(move |method| (method.clone(), path.clone()))
        })
        .collect();
    let mut routes: Vec<(String, String)> = Endpoint::ALL
        .iter()
        .map(|e| (e.method().as_str().to_lowercase(), e.path().to_owned()))
        .collect();
    documented.sort();
    routes.sort();
    assert_eq!(documented, routes);
}
