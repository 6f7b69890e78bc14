//! The API's endpoints under `/api/v1`. Each reads the caller, lets the domain decide, and
//! answers with domain DTOs or the one error shape.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, on, patch, post, MethodFilter, MethodRouter};
use axum::{Json, Router};
use domain::accounts::{
    accounts_query, list_accounts, plan_link, plan_rename, plan_unlink, LinkRequest, RenameAccount,
    UnlinkRequest,
};
use domain::add_users::{plan_add_users, AddUsersRequest, AddUsersView};
use domain::auth::{Credentials, TokenGrant};
use domain::bulk::{find_job, job_report, job_summaries, plan_job, BulkView, JobSummary, NewJob};
use domain::licenses::{
    inventory_summary, items_scope, plan_assign_add_ons, plan_delete_number, plan_edit_licenses,
    plan_export, plan_reassign, plan_unassign, plan_upgrade_to_office, user_licenses, Changed,
    EditLicenses, ExportRequest, ItemsQuery,
};
use domain::mobile::{
    mobile_users, plan_delete_mobile_users, plan_digital_line, DeleteMobileUsers,
    DigitalLineRequest,
};
use domain::outbox::{find_message, outbox_entries};
use domain::users_query::UsersQuery;
use domain::{plan_patch_request, AccountData, ApiError, Effect, Role, Session, User, UserPatch};

use crate::auth::{self, authenticate, start_session, Caller, Kind, Started};
use crate::failure::{parse_body, Failure};
use crate::launch;
use crate::state::AppState;
use crate::tenant::Tenant;
use crate::writes::{self, Change, Reply};

/// The contract these routes implement, served at `/api/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Every route, as `(method, path)` in OpenAPI's path syntax; the contract test checks the
/// OpenAPI document lists exactly these.
pub const ROUTES: &[(&str, &str)] = &[
    ("post", "/auth/sign-in"),
    ("post", "/auth/sign-out"),
    ("post", "/auth/tokens"),
    ("post", "/auth/launch"),
    ("get", "/session"),
    ("get", "/directory"),
    ("get", "/users"),
    ("patch", "/users/{id}"),
    ("get", "/user-batches/view"),
    ("post", "/user-batches"),
    ("get", "/users/{id}/licenses"),
    ("put", "/users/{id}/licenses"),
    ("post", "/users/{id}/digital-line"),
    ("get", "/accounts"),
    ("post", "/accounts/links"),
    ("post", "/accounts/unlinks"),
    ("patch", "/accounts/{id}"),
    ("post", "/accounts/{id}/launch"),
    ("get", "/mobile-users"),
    ("post", "/mobile-users/deletions"),
    ("get", "/inventory"),
    ("get", "/inventory/{type}"),
    ("post", "/licenses/assignments"),
    ("post", "/licenses/unassignments"),
    ("post", "/licenses/reassignments"),
    ("post", "/licenses/upgrades"),
    ("get", "/licenses/bulk-view"),
    ("post", "/jobs"),
    ("get", "/jobs"),
    ("get", "/jobs/{id}"),
    ("get", "/jobs/{id}/report"),
    ("post", "/numbers/deletions"),
    ("post", "/exports"),
    ("get", "/outbox"),
    ("get", "/outbox/{id}"),
    ("get", "/openapi.json"),
];

/// The `/api/v1` router, with the rate limits of `per_second` requests a second (0: none).
pub fn api(per_second: u32) -> Router<AppState> {
    let sign_ins = Router::new()
        .route("/auth/sign-in", post(sign_in))
        .route("/auth/tokens", post(issue_token))
        .route("/auth/launch", post(launch::redeem));
    crate::limits::api(rest(), sign_ins, per_second)
}

/// Every route but the sign-ins.
fn rest() -> Router<AppState> {
    Router::new()
        .route("/auth/sign-out", post(sign_out))
        .route("/session", get(session))
        .route("/directory", get(directory))
        .route("/users", get(users))
        .route("/users/{id}", patch(patch_user))
        .route("/user-batches/view", get(add_users_view))
        .route(
            "/user-batches",
            body_change(|data, caller, request: &AddUsersRequest| {
                let plan = plan_add_users(request, data, &caller.role, auth::now())?;
                Ok((plan.effects, Reply::json(201, &plan.result)))
            }),
        )
        .route(
            "/users/{id}/licenses",
            user_route(
                MethodFilter::PUT,
                |data, role, id, seen, edit: EditLicenses| {
                    plan_edit_licenses(data, role, id, seen, &edit)
                },
            )
            .get(licenses_of_user),
        )
        .route(
            "/users/{id}/digital-line",
            user_route(
                MethodFilter::POST,
                |data, role, id, seen, line: DigitalLineRequest| {
                    plan_digital_line(data, role, id, seen, &line, auth::now())
                },
            ),
        )
        .route("/accounts", get(accounts))
        .route("/accounts/links", post(link_account))
        .route(
            "/accounts/unlinks",
            body_change(|data, caller, request: &UnlinkRequest| {
                let effects = plan_unlink(data, &caller.role, request)?;
                let reply = Reply::json(
                    200,
                    &Changed {
                        changed: effects.len() as u32,
                    },
                );
                Ok((effects, reply))
            }),
        )
        .route("/accounts/{id}", patch(rename_account))
        .route("/accounts/{id}/launch", post(launch::issue))
        .route("/mobile-users", get(mobile))
        .route(
            "/mobile-users/deletions",
            body_change(|data, caller, request: &DeleteMobileUsers| {
                let (reply, effects) = plan_delete_mobile_users(data, &caller.role, request)?;
                Ok((effects, Reply::json(200, &reply)))
            }),
        )
        .route("/inventory", get(inventory))
        .route("/inventory/{type}", get(inventory_items))
        .route(
            "/licenses/assignments",
            inventory_change(plan_assign_add_ons),
        )
        .route("/licenses/unassignments", inventory_change(plan_unassign))
        .route("/licenses/reassignments", inventory_change(plan_reassign))
        .route(
            "/licenses/upgrades",
            inventory_change(plan_upgrade_to_office),
        )
        .route("/numbers/deletions", inventory_change(plan_delete_number))
        .route("/licenses/bulk-view", get(bulk_view))
        .route(
            "/jobs",
            body_change(|data, caller, request: &NewJob| {
                let (job, effects) =
                    plan_job(data, &caller.role, &caller.admin.name, request, auth::now())?;
                Ok((effects, Reply::json(202, &job)))
            })
            .get(jobs),
        )
        .route("/jobs/{id}", get(job))
        .route("/jobs/{id}/report", get(report))
        .route(
            "/exports",
            body_change(|data, _caller, request: &ExportRequest| {
                let (entry, effects) = plan_export(data, request, auth::now())?;
                Ok((effects, Reply::json(201, &entry)))
            }),
        )
        .route("/outbox", get(outbox))
        .route("/outbox/{id}", get(outbox_message))
        .route("/openapi.json", get(openapi))
        .fallback(no_such_endpoint)
        .method_not_allowed_fallback(method_not_allowed)
}

/// Signs in to the portal's own account, whatever account the request names: a linked account
/// is only ever opened through a launch token.
async fn sign_in(
    State(home): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let started = start_session_for(&home, &headers, &body, Kind::Cookie)?;
    signed_in(&home, &headers, started)
}

/// The answer that starts a cookie session in `state`'s account: the session, and its cookie
/// (for a request with `headers`).
pub fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    started: Started,
) -> Result<Response, Failure> {
    let mut response = Json(auth::session_for(
        state,
        started.admin_id,
        started.csrf_token,
    )?)
    .into_response();
    response.headers_mut().insert(
        "set-cookie",
        HeaderValue::from_str(&auth::session_cookie(
            state.cookie(),
            &started.secret,
            auth::over_https(headers, state.settings()),
        ))
        .expect("cookie is ASCII"),
    );
    Ok(response)
}

/// Checks the JSON credentials in a sign-in body and starts a session of `kind` for that admin:
/// who it is and the session's secrets.
fn start_session_for(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
    kind: Kind,
) -> Result<Started, Failure> {
    writes::require_json(headers)?;
    let credentials: Credentials = parse_body(body)?;
    let admin_id = authenticate(state, &credentials)?;
    Ok(auth::blocking(|| {
        start_session(state, &state.db(), admin_id, kind)
    })?)
}

async fn sign_out(
    State(home): State<AppState>,
    Tenant(state): Tenant,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    auth::blocking(|| caller.sign_out(&home))?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if caller.kind == Kind::Cookie {
        response.headers_mut().insert(
            "set-cookie",
            HeaderValue::from_str(&auth::session_cookie(
                state.cookie(),
                "",
                auth::over_https(&headers, state.settings()),
            ))
            .expect("cookie is ASCII"),
        );
    }
    Ok(response)
}

/// A bearer token of the portal's own account, whatever account the request names.
async fn issue_token(
    State(home): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let started = start_session_for(&home, &headers, &body, Kind::Bearer)?;
    let grant = TokenGrant {
        token: started.secret,
        token_type: "Bearer".into(),
        expires_at: started.expires_at,
    };
    Ok((StatusCode::CREATED, Json(grant)).into_response())
}

async fn session(Tenant(state): Tenant, caller: Caller) -> Json<Session> {
    Json(caller.session(&state))
}

async fn directory(Tenant(state): Tenant, _caller: Caller) -> Response {
    Json(state.data().directory()).into_response()
}

/// The query string's pairs, or the 400 for one that isn't valid.
type QueryPairs = Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>;

fn pairs(query: QueryPairs) -> Result<Vec<(String, String)>, Failure> {
    query.map(|Query(p)| p).map_err(|e| {
        Failure(ApiError::new(
            400,
            "bad_request",
            format!("The query string is not valid: {e}."),
        ))
    })
}

async fn users(
    Tenant(state): Tenant,
    _caller: Caller,
    query: QueryPairs,
) -> Result<Response, Failure> {
    let pairs = pairs(query)?;
    let (query, errors) = UsersQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if !errors.is_empty() {
        return Err(Failure(ApiError::validation(errors)));
    }
    let page = state.data().list_users(&query);
    Ok(Json(page).into_response())
}

async fn patch_user(
    Tenant(state): Tenant,
    caller: Caller,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Reply, Failure> {
    user_change(
        &state,
        &caller,
        "PATCH",
        &uri,
        &headers,
        &body,
        |data, patch: UserPatch, seen| plan_patch_request(data, &id, &patch, seen, &caller.role),
    )
}

/// A change to one user that the admin saw at the `If-Match` version: the body as `T`, decided
/// by `plan`, answered with the updated user and its version as `ETag`.
fn user_change<T: serde::de::DeserializeOwned>(
    state: &AppState,
    caller: &Caller,
    method: &str,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
    plan: impl FnOnce(&AccountData, T, Option<u32>) -> Result<(User, Vec<Effect>), ApiError>,
) -> Result<Reply, Failure> {
    let change = Change::new(headers, method, uri.path(), body)?;
    let request: T = parse_body(body)?;
    let seen = writes::if_match(headers)?;
    writes::apply(state, caller, &change, |data| {
        let (user, effects) = plan(data, request, seen)?;
        let version = user.version;
        Ok((effects, Reply::json(200, &user).with_version(version)))
    })
}

async fn add_users_view(Tenant(state): Tenant, _caller: Caller) -> Response {
    Json(AddUsersView::of(&state.data())).into_response()
}

/// A user id from the path, or 404.
fn user_id(id: &str) -> Result<u32, Failure> {
    id.parse()
        .map_err(|_| Failure(ApiError::not_found("That user no longer exists.")))
}

async fn licenses_of_user(
    Tenant(state): Tenant,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    let found = user_licenses(&state.data(), &caller.role, user_id(&id)?)
        .ok_or_else(|| Failure(ApiError::not_found("That user no longer exists.")))?;
    Ok(Json(found).into_response())
}

async fn accounts(
    Tenant(state): Tenant,
    _caller: Caller,
    query: QueryPairs,
) -> Result<Response, Failure> {
    let pairs = pairs(query)?;
    let (q, page) = accounts_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let list = list_accounts(&state.data(), &q, page, auth::now());
    Ok(Json(list).into_response())
}

/// Links another account: its admin's password is checked against the portal's record first
/// (as costly for an unknown email), then the domain decides.
async fn link_account(
    Tenant(state): Tenant,
    caller: Caller,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Reply, Failure> {
    let change = Change::new(&headers, "POST", uri.path(), &body)?;
    let request: LinkRequest = parse_body(&body)?;
    let password_ok = auth::portal_password_ok(&state, &request.email, &request.password)?;
    writes::apply(&state, &caller, &change, |data| {
        let (link, effects) = plan_link(data, &caller.role, &request, password_ok, auth::now())?;
        Ok((effects, Reply::json(201, &link)))
    })
}

async fn rename_account(
    Tenant(state): Tenant,
    caller: Caller,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Reply, Failure> {
    let change = Change::new(&headers, "PATCH", uri.path(), &body)?;
    let request: RenameAccount = parse_body(&body)?;
    let seen = writes::if_match(&headers)?;
    writes::apply(&state, &caller, &change, |data| {
        let (link, effects) = plan_rename(data, &caller.role, &id, seen, &request)?;
        let version = link.version;
        Ok((effects, Reply::json(200, &link).with_version(version)))
    })
}

async fn mobile(Tenant(state): Tenant, _caller: Caller) -> Response {
    Json(mobile_users(&state.data(), auth::now())).into_response()
}

async fn inventory(Tenant(state): Tenant, _caller: Caller) -> Response {
    Json(inventory_summary(&state.data())).into_response()
}

async fn inventory_items(
    Tenant(state): Tenant,
    _caller: Caller,
    Path(kind): Path<String>,
    query: QueryPairs,
) -> Result<Response, Failure> {
    let kind = items_scope(&kind).map_err(Failure)?;
    let pairs = pairs(query)?;
    let (query, errors) = ItemsQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if !errors.is_empty() {
        return Err(Failure(ApiError::validation(errors)));
    }
    Ok(Json(state.data().list_items(kind, &query)).into_response())
}

async fn bulk_view(Tenant(state): Tenant, _caller: Caller) -> Response {
    Json(BulkView::of(&state.data())).into_response()
}

async fn jobs(Tenant(state): Tenant, _caller: Caller) -> Response {
    Json(job_summaries(&state.data().jobs)).into_response()
}

async fn job(
    Tenant(state): Tenant,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    let data = state.data();
    let job = find_job(&data.jobs, &id).map_err(Failure)?;
    Ok(Json(JobSummary::from(job)).into_response())
}

async fn report(
    Tenant(state): Tenant,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    let data = state.data();
    let job = find_job(&data.jobs, &id).map_err(Failure)?;
    Ok(Json(job_report(&data, job)).into_response())
}

async fn outbox(Tenant(state): Tenant, _caller: Caller) -> Response {
    Json(outbox_entries(&state.data().outbox)).into_response()
}

async fn outbox_message(
    Tenant(state): Tenant,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    let data = state.data();
    let message = find_message(&data.outbox, &id).map_err(Failure)?;
    Ok(Json(message).into_response())
}

/// A change to the user in the path, seen at the `If-Match` version: the body as `T`, decided
/// by `plan`, answered with the updated user (see [`user_change`]).
fn user_route<T, F>(method: MethodFilter, plan: F) -> MethodRouter<AppState>
where
    T: serde::de::DeserializeOwned + 'static,
    F: Fn(&AccountData, &Role, u32, Option<u32>, T) -> Result<(User, Vec<Effect>), ApiError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    on(
        method,
        move |Tenant(state): Tenant,
              caller: Caller,
              Path(id): Path<String>,
              verb: Method,
              uri: Uri,
              headers: HeaderMap,
              body: Bytes| async move {
            let id = user_id(&id)?;
            user_change(
                &state,
                &caller,
                verb.as_str(),
                &uri,
                &headers,
                &body,
                |data, request: T, seen| plan(data, &caller.role, id, seen, request),
            )
        },
    )
}

/// A POST whose JSON body is `T`, decided by `decide` under the idempotency and transaction
/// shell: the effects to commit and the reply.
fn body_change<T, F>(decide: F) -> MethodRouter<AppState>
where
    T: serde::de::DeserializeOwned + 'static,
    F: Fn(&AccountData, &Caller, &T) -> Result<(Vec<Effect>, Reply), ApiError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    post(
        move |Tenant(state): Tenant, caller: Caller, uri: Uri, headers: HeaderMap, body: Bytes| async move {
            let change = Change::new(&headers, "POST", uri.path(), &body)?;
            let request: T = parse_body(&body)?;
            writes::apply(&state, &caller, &change, |data| {
                decide(data, &caller, &request)
            })
        },
    )
}

/// A license or number change planned by `plan`, answered with [`Changed`].
fn inventory_change<T: serde::de::DeserializeOwned + 'static>(
    plan: fn(&AccountData, &Role, &T) -> Result<Vec<Effect>, ApiError>,
) -> MethodRouter<AppState> {
    body_change(move |data, caller, request: &T| {
        let effects = plan(data, &caller.role, request)?;
        let reply = Reply::json(200, &Changed::of(&effects));
        Ok((effects, reply))
    })
}

async fn openapi() -> Response {
    (
        [("content-type", HeaderValue::from_static("application/json"))],
        OPENAPI,
    )
        .into_response()
}

async fn no_such_endpoint(uri: Uri) -> Failure {
    Failure(ApiError::not_found(format!(
        "No such API endpoint: {}",
        uri.path()
    )))
}

async fn method_not_allowed() -> Failure {
    Failure(ApiError::new(
        405,
        "method_not_allowed",
        "This endpoint does not accept that method.",
    ))
}
