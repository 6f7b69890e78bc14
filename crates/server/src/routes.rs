//! The API under `/api/v1`: every path of the contract's table (`domain::api::Endpoint`) goes
//! to one handler that reads the request into its call with the domain, finds the caller and
//! the account it works in, and has the domain decide. Only sessions are answered here.

use std::sync::OnceLock;

use axum::body::{to_bytes, Body};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, Request as HttpRequest, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use domain::api::{decide, route, Access, ApiCall, Call, Endpoint, Request, SessionCall, Write};
use domain::ApiError;

use crate::auth::{self, caller_and_account, Caller};
use crate::backend::{Answer, ServerBackend};
use crate::failure::Failure;
use crate::session_calls;
use crate::state::AppState;

/// The contract these routes implement, generated once and served at `/api/v1/openapi.json`.
pub fn openapi_document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| domain::api::openapi::document().to_string())
}

/// The `/api/v1` router, with the rate limits of `per_second` requests a second (0: none).
pub fn api(per_second: u32) -> Router<AppState> {
    let (mut rest, mut sign_ins) = (Router::new(), Router::new());
    let mut routed: Vec<&str> = Vec::new();
    for endpoint in Endpoint::ALL {
        let path = endpoint.path();
        if routed.contains(&path) {
            continue;
        }
        routed.push(path);
        if endpoint.access() == Access::Public && *endpoint != Endpoint::OpenApi {
            sign_ins = sign_ins.route(path, any(handle));
        } else {
            rest = rest.route(path, any(handle));
        }
    }
    crate::limits::api(rest.fallback(handle), sign_ins, per_second)
}

/// Any API request: routed, its caller found, read into its call and decided.
async fn handle(State(home): State<AppState>, request: HttpRequest<Body>) -> Response {
    answer(home, request)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn answer(home: AppState, request: HttpRequest<Body>) -> Result<Response, Failure> {
    let (mut parts, body) = request.into_parts();
    let route = route(parts.method.as_str(), parts.uri.path())?;
    let endpoint = route.endpoint;
    let signed_in = match route.endpoint.access() {
        Access::SignedIn => Some(caller_and_account(&mut parts, &home)?),
        Access::Public => None,
    };
    let Ok(body) = to_bytes(body, crate::MAX_BODY_BYTES).await else {
        // Put in the one error shape with the others the framework answers.
        return Ok(StatusCode::PAYLOAD_TOO_LARGE.into_response());
    };
    let query = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
        .map_err(|e| {
            Failure(ApiError::new(
                400,
                "bad_request",
                format!("The query string is not valid: {e}."),
            ))
        })?
        .0;
    let header = |name: &str| {
        let value = parts.headers.get(name)?;
        Some(value.to_str().unwrap_or_default().to_owned())
    };
    let request = Request {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query,
        content_type: header("content-type"),
        if_match: header("if-match"),
        idempotency_key: header("idempotency-key"),
        body: body.to_vec(),
    };
    let headers = &parts.headers;
    match (route.parse(&request)?, signed_in) {
        (Call::Api(call, write), Some((caller, state))) => {
            let change = endpoint.is_change();
            decided(&home, &state, &caller, (call, &write), change)
        }
        (Call::Session(SessionCall::SignOut), Some((caller, state))) => {
            session_calls::sign_out(&home, &state, &caller, headers)
        }
        (Call::Session(SessionCall::SignIn(credentials)), _) => {
            session_calls::sign_in(&home, headers, &credentials)
        }
        (Call::Session(SessionCall::IssueToken(credentials)), _) => {
            session_calls::issue_token(&home, &credentials)
        }
        (Call::Session(SessionCall::RedeemLaunch(launch)), _) => {
            session_calls::redeem_launch_token(&home, headers, &launch)
        }
        (Call::Session(SessionCall::OpenApi), _) => Ok(openapi()),
        (Call::Api(..) | Call::Session(SessionCall::SignOut), None) => {
            Err(Failure(ApiError::from_status(401)))
        }
    }
}

/// Has the domain decide `call` by `caller` in `state`'s account; a `change` runs where it may
/// wait for the database without holding up other requests.
fn decided(
    home: &AppState,
    state: &AppState,
    caller: &Caller,
    (call, write): (ApiCall, &Write),
    change: bool,
) -> Result<Response, Failure> {
    let backend = ServerBackend {
        home,
        state,
        admin_id: caller.admin_id,
    };
    let contract = caller.contract();
    let reply = if change {
        auth::blocking(|| decide(&backend, &contract, call, write))
    } else {
        decide(&backend, &contract, call, write)
    }?;
    Ok(Answer(reply).into_response())
}

fn openapi() -> Response {
    (
        [("content-type", HeaderValue::from_static("application/json"))],
        openapi_document(),
    )
        .into_response()
}
