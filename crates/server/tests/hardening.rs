//! The server as an operator runs it: no demo secrets outside the demo, the first admin made by
//! `create-admin`, cookies for HTTPS, sessions answered from memory, rate and size limits in the
//! error shape, request ids, health checks, and a panicking handler that takes nothing down.

mod support;

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use domain::Persona;
use serde_json::json;
use server::operator::{create_admin, AdminToCreate};
use server::{AppState, OpenError, Seeding, Settings, DEMO_PASSWORD};
use support::{Auth, TestServer};
use tower::ServiceExt;

fn plain() -> Settings {
    Settings {
        secure_cookies: false,
        rate_limit: 0,
    }
}

#[tokio::test]
async fn without_the_demo_a_new_database_holds_nothing_until_the_operator_creates_an_admin() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prod.sqlite");
    let refused = AppState::open(&path, Seeding::Empty, plain())
        .err()
        .unwrap();
    assert!(matches!(refused, OpenError::NoAccount), "{refused}");
    assert!(refused.to_string().contains("create-admin"));

    let short = AdminToCreate {
        email: "ops@example.com",
        name: "Ops Admin",
        password: "too short",
        account_name: "Example Corp",
    };
    let problem = create_admin(&path, &short).unwrap_err();
    assert!(problem.contains("at least 12 characters"), "{problem}");
    let who = AdminToCreate {
        password: "a long operator secret",
        ..short
    };
    let done = create_admin(&path, &who).unwrap();
    assert!(done.contains("Created account Example Corp"), "{done}");
    assert!(
        !done.contains(who.password),
        "the password is never printed"
    );
    let again = create_admin(&path, &who).unwrap_err();
    assert!(again.contains("already exists"), "{again}");

    let server = TestServer::serving(dir, AppState::open(&path, Seeding::Empty, plain()).unwrap());
    let sign_in = |email: &str, password: &str| json!({ "email": email, "password": password });
    let demo = server
        .send(
            "POST",
            "/api/v1/auth/tokens",
            &Auth::default(),
            &[],
            Some(sign_in(&Persona::SuperAdmin.admin().email, DEMO_PASSWORD)),
        )
        .await;
    assert_eq!(
        demo.status,
        StatusCode::UNAUTHORIZED,
        "no demo admin exists"
    );
    let issued = server
        .send(
            "POST",
            "/api/v1/auth/tokens",
            &Auth::default(),
            &[],
            Some(sign_in("ops@example.com", who.password)),
        )
        .await;
    assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.text);
    let ops = Auth {
        bearer: issued.json["token"].as_str().map(str::to_owned),
        ..Auth::default()
    };
    let session = server.get("/api/v1/session", &ops).await;
    assert_eq!(session.json["account"]["name"], "Example Corp");
    assert_eq!(session.json["role"]["id"], Persona::SuperAdmin.role_id());
    let users = server.get("/api/v1/users", &ops).await;
    assert_eq!(users.json["total"], 0, "an empty account has no users");
    let accounts = server.get("/api/v1/accounts", &ops).await;
    assert_eq!(accounts.json["total"], 0, "nor demo accounts to link");
}

#[test]
fn every_seeded_password_hash_has_a_salt_of_its_own() {
    let server = TestServer::new();
    let conn = rusqlite::Connection::open(server.dir.path().join("test.sqlite")).unwrap();
    let column = |sql: &str| -> Vec<String> {
        let mut statement = conn.prepare(sql).unwrap();
        let rows = statement.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let mut hashes = column("SELECT password_hash FROM admins");
    hashes.extend(column("SELECT password_hash FROM portal_accounts"));
    assert!(hashes.len() > 40);
    let distinct: std::collections::HashSet<&String> = hashes.iter().collect();
    assert_eq!(distinct.len(), hashes.len());
}

#[tokio::test]
async fn behind_https_cookies_are_secure_and_host_prefixed() {
    let server = TestServer::new();
    let credentials =
        json!({"email": Persona::SuperAdmin.admin().email, "password": DEMO_PASSWORD});
    let https = [("x-forwarded-proto", "https")];
    let signed_in = server
        .send(
            "POST",
            "/api/v1/auth/sign-in",
            &Auth::default(),
            &https,
            Some(credentials.clone()),
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.text);
    let cookie = signed_in.headers["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-sb_session="), "{cookie}");
    assert!(cookie.contains("; Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"));
    let secret = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("__Host-sb_session=");
    let prefixed = format!("__Host-sb_session={secret}");
    let session = server
        .send(
            "GET",
            "/api/v1/session",
            &Auth::default(),
            &[("cookie", &prefixed), https[0]],
            None,
        )
        .await;
    assert_eq!(session.status, StatusCode::OK);
    let unprefixed = format!("sb_session={secret}");
    let wrong_name = server
        .send(
            "GET",
            "/api/v1/session",
            &Auth::default(),
            &[("cookie", &unprefixed), https[0]],
            None,
        )
        .await;
    assert_eq!(wrong_name.status, StatusCode::UNAUTHORIZED);

    let loopback = server
        .send(
            "POST",
            "/api/v1/auth/sign-in",
            &Auth::default(),
            &[],
            Some(credentials),
        )
        .await;
    let cookie = loopback.headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("sb_session=") && !cookie.contains("Secure"),
        "{cookie}"
    );

    let always = TestServer::with_settings(Settings {
        secure_cookies: true,
        rate_limit: 0,
    });
    let signed_in = always
        .send(
            "POST",
            "/api/v1/auth/sign-in",
            &Auth::default(),
            &[],
            Some(json!({"email": Persona::SuperAdmin.admin().email, "password": DEMO_PASSWORD})),
        )
        .await;
    assert!(signed_in.headers["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("__Host-sb_session="));
}

#[tokio::test]
async fn sessions_outlive_a_restart_and_end_at_sign_out() {
    let server = TestServer::new();
    let admin = server.sign_in(Persona::SuperAdmin).await;
    let token = server.token(Persona::ReadOnly).await;
    let server = server.restart();
    assert_eq!(
        server.get("/api/v1/session", &admin).await.status,
        StatusCode::OK
    );
    assert_eq!(
        server.get("/api/v1/session", &token).await.status,
        StatusCode::OK
    );
    let out = server
        .send(
            "POST",
            "/api/v1/auth/sign-out",
            &token,
            &[],
            Some(json!({})),
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        server.get("/api/v1/session", &token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        server.get("/api/v1/session", &admin).await.status,
        StatusCode::OK
    );
    let server = server.restart();
    assert_eq!(
        server.get("/api/v1/session", &token).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn past_the_rate_limit_the_answer_is_429_with_retry_after() {
    let server = TestServer::with_settings(Settings {
        secure_cookies: false,
        rate_limit: 2,
    });
    // A burst of five times the limit passes, then refusals (however slowly this machine sends:
    // two a second come back, far fewer than it sends).
    let mut passed = 0;
    let refused = loop {
        let answer = server.get("/api/v1/session", &Auth::default()).await;
        if answer.status != StatusCode::UNAUTHORIZED {
            break answer;
        }
        passed += 1;
        assert!(passed < 1000, "never limited");
    };
    assert!(passed >= 10, "a burst of 10 passes, not {passed}");
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.text
    );
    assert_eq!(refused.code(), "rate_limited");
    assert!(refused.headers.contains_key("retry-after"));
    assert!(refused.json["message"]
        .as_str()
        .unwrap()
        .contains("try again"));
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_in_the_error_shape() {
    let server = TestServer::new();
    let admin = server.token(Persona::SuperAdmin).await;
    let rows: Vec<_> = (0..200_000)
        .map(|line| json!({"line": line, "mailboxId": "123456789", "license": "Large Meetings"}))
        .collect();
    let answer = server
        .post_as(
            &admin,
            "/api/v1/jobs",
            "big",
            json!({"kind": "assign-add-ons", "rows": rows}),
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        answer.text
    );
    assert_eq!(answer.code(), "payload_too_large");
    assert_eq!(
        server
            .get("/api/v1/jobs", &admin)
            .await
            .json
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_health_needs_no_session() {
    let server = TestServer::new();
    let live = server.get("/healthz", &Auth::default()).await;
    assert_eq!(live.status, StatusCode::OK);
    let ready = server.get("/readyz", &Auth::default()).await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.json["status"], "ready");
    let id = live.headers["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let refused = server.get("/api/v1/users", &Auth::default()).await;
    assert!(refused.headers.contains_key("x-request-id"));
    let given = server
        .send(
            "GET",
            "/api/v1/session",
            &Auth::default(),
            &[("x-request-id", "trace-42")],
            None,
        )
        .await;
    assert_eq!(given.headers["x-request-id"], "trace-42");
}

async fn boom() -> &'static str {
    panic!("a bug in a handler")
}

#[tokio::test]
async fn a_panicking_handler_answers_500_and_the_server_goes_on() {
    let router = server::operated(
        Router::new()
            .route("/boom", get(boom))
            .route("/fine", get(|| async { "fine" })),
    );
    let ask = |path: &'static str| {
        let router = router.clone();
        async move {
            router
                .oneshot(
                    axum::http::Request::get(path)
                        .body(axum::body::Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap()
        }
    };
    let boom = ask("/boom").await;
    assert_eq!(boom.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = http_body_util::BodyExt::collect(boom.into_body())
        .await
        .unwrap()
        .to_bytes();
    let error: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(error["code"], "internal");
    assert_eq!(ask("/fine").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let server = TestServer::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server::serve::serve(
        listener,
        server::app(server.state.clone(), None),
        std::time::Duration::from_secs(1),
        async {
            stopped.await.ok();
        },
    ));

    let mut whole = tokio::net::TcpStream::connect(address).await.unwrap();
    whole
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    whole.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.to_lowercase().contains("x-request-id"));

    let mut slow = tokio::net::TcpStream::connect(address).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    // The headers never end: the server closes the connection (the limit is 1 s here; the wait
    // allows for a busy machine).
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        slow.read_to_end(&mut rest),
    )
    .await;
    assert!(closed.is_ok(), "still open after 60 s");
    assert!(!String::from_utf8_lossy(&rest).contains("200 OK"));

    stop.send(()).unwrap();
    serving.await.unwrap();
}
