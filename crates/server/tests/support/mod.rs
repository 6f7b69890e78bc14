//! An in-process server over a temporary database, and requests against it.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use domain::add_users::{
    next_free_extensions, AddUsersRequest, NewUser, NumberChoice, PhoneChoice, Setup,
};
use domain::inventory::LicenseKind;
use domain::seed::{generate, Dataset};
use domain::{Persona, UserType};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use server::spa::Spa;
use server::{app, AppState, Seeding, Settings, DEMO_PASSWORD};
use std::sync::Arc;

use tempfile::TempDir;
use tower::ServiceExt;

/// A server with its own database file, removed when dropped.
pub struct TestServer {
    pub state: AppState,
    router: Router,
    pub dir: TempDir,
}

/// An answer: status, headers and the JSON body (`Value::Null` when empty or not JSON).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
    pub text: String,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.json["code"].as_str().unwrap_or_default()
    }
}

/// How a test signs its requests.
#[derive(Clone, Debug, Default)]
pub struct Auth {
    pub cookie: Option<String>,
    pub csrf: Option<String>,
    pub bearer: Option<String>,
    /// The linked account a tab opened from Accounts works in: its own cookie, and the header.
    pub account: Option<String>,
}

impl TestServer {
    pub fn new() -> Self {
        Self::with_spa(None)
    }

    pub fn with_spa(spa: Option<Spa>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let state = open(&dir);
        Self {
            router: app(state.clone(), spa.map(Arc::new)),
            state,
            dir,
        }
    }

    /// A server over the demo with these settings.
    pub fn with_settings(settings: Settings) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(
            &dir.path().join("test.sqlite"),
            Seeding::Demo(Dataset::Standard),
            settings,
        )
        .unwrap();
        Self::serving(dir, state)
    }

    /// Serves `state`, whose database is in `dir`.
    pub fn serving(dir: TempDir, state: AppState) -> Self {
        Self {
            router: app(state.clone(), None),
            state,
            dir,
        }
    }

    /// The same database opened again, as after a restart.
    pub fn restart(self) -> Self {
        let TestServer { dir, state, .. } = self;
        drop(state);
        let state = open(&dir);
        Self {
            router: app(state.clone(), None),
            state,
            dir,
        }
    }

    pub async fn send(
        &self,
        method: &str,
        path: &str,
        auth: &Auth,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Answer {
        let mut headers = headers.to_vec();
        if body.is_some() {
            headers.push(("content-type", "application/json"));
        }
        let body = body.map(|json| json.to_string().into_bytes());
        self.send_bytes(method, path, auth, &headers, body).await
    }

    /// A request with exactly these headers and body bytes.
    pub async fn send_bytes(
        &self,
        method: &str,
        path: &str,
        auth: &Auth,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(cookie) = &auth.cookie {
            let name = match &auth.account {
                Some(id) => format!("sb_session_{id}"),
                None => "sb_session".to_owned(),
            };
            request = request.header("cookie", format!("{name}={cookie}"));
        }
        if let Some(id) = &auth.account {
            request = request.header("x-switchboard-account", id);
        }
        if let Some(csrf) = &auth.csrf {
            request = request.header("x-csrf-token", csrf);
        }
        if let Some(bearer) = &auth.bearer {
            request = request.header("authorization", format!("Bearer {bearer}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = body.map_or_else(Body::empty, Body::from);
        let response = self
            .router
            .clone()
            .oneshot(request.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Answer {
            status,
            headers,
            json: serde_json::from_str(&text).unwrap_or(Value::Null),
            text,
        }
    }

    pub async fn get(&self, path: &str, auth: &Auth) -> Answer {
        self.send("GET", path, auth, &[], None).await
    }

    /// A JSON POST as `auth` with an idempotency key.
    pub async fn post_as(&self, auth: &Auth, path: &str, key: &str, body: Value) -> Answer {
        self.send("POST", path, auth, &[("idempotency-key", key)], Some(body))
            .await
    }

    /// Signs in as a demo persona with a cookie session.
    pub async fn sign_in(&self, persona: Persona) -> Auth {
        let answer = self
            .send(
                "POST",
                "/api/v1/auth/sign-in",
                &Auth::default(),
                &[],
                Some(json!({"email": persona.admin().email, "password": DEMO_PASSWORD})),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        let set_cookie = answer.headers["set-cookie"].to_str().unwrap();
        let cookie = set_cookie
            .split(';')
            .next()
            .unwrap()
            .trim_start_matches("sb_session=")
            .to_owned();
        Auth {
            cookie: Some(cookie),
            csrf: answer.json["csrfToken"].as_str().map(str::to_owned),
            ..Auth::default()
        }
    }

    /// A bearer token for a demo persona, as a host portal would get one.
    pub async fn token(&self, persona: Persona) -> Auth {
        let answer = self
            .send(
                "POST",
                "/api/v1/auth/tokens",
                &Auth::default(),
                &[],
                Some(json!({"email": persona.admin().email, "password": DEMO_PASSWORD})),
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
        Auth {
            bearer: answer.json["token"].as_str().map(str::to_owned),
            ..Auth::default()
        }
    }
}

fn open(dir: &TempDir) -> AppState {
    AppState::open(
        &dir.path().join("test.sqlite"),
        Seeding::Demo(Dataset::Standard),
        Settings {
            secure_cookies: false,
            rate_limit: 0,
        },
    )
    .unwrap()
}

/// Two valid Office users from inventory (spare licenses and numbers), as the wizard sends them.
pub fn batch() -> Value {
    let data = generate(Dataset::Standard);
    let extensions = next_free_extensions(&data, &[], 2);
    let numbers: Vec<_> = data
        .numbers
        .iter()
        .filter(|n| n.assignee.is_none())
        .collect();
    let licenses: Vec<_> = data
        .licenses
        .iter()
        .filter(|l| l.kind == LicenseKind::Office && l.assignee.is_none())
        .collect();
    let rows = (0..2)
        .map(|i| NewUser {
            email: format!("batch.user{i}@northwind.example"),
            first_name: format!("Batch{i}"),
            last_name: "User".into(),
            site_id: numbers[i].site_id.clone(),
            cost_center_id: licenses[i].cost_center_id.clone(),
            extension: extensions[i].clone(),
            phone: PhoneChoice::DesktopApp,
            number: NumberChoice::Inventory {
                e164: numbers[i].e164.clone(),
            },
            setup: Setup::SendInvite,
            role_id: "role-standard".into(),
        })
        .collect();
    serde_json::to_value(AddUsersRequest {
        user_type: UserType::Office,
        require_unique_emails: true,
        rows,
        acknowledged_charges: false,
        addresses: Vec::new(),
    })
    .unwrap()
}
