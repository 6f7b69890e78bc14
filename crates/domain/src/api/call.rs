//! Turning a routed request into a typed call: the body, query and path read into the
//! endpoint's types, and for a change what makes it safe to retry and to check against the
//! version the admin saw. Every back end reads requests with this, so a bad body, a missing
//! content type or a malformed header gets the same answer everywhere.

use serde::de::DeserializeOwned;

use super::endpoints::{Body, Endpoint, Route};
use super::idempotency::{fingerprint, MAX_KEY_LEN};
use super::request::Request;
use crate::accounts::launch::LaunchRequest;
use crate::accounts::{accounts_query, LinkRequest, RenameAccount, UnlinkRequest};
use crate::activation::{Activation, InviteRequest};
use crate::add_users::AddUsersRequest;
use crate::auth::Credentials;
use crate::bulk::NewJob;
use crate::equipment::{EquipmentRequest, ReleaseRequest};
use crate::error::ApiError;
use crate::licenses::{
    items_scope, AssignAddOns, DeleteNumber, EditLicenses, ExportRequest, InventoryType,
    ItemsQuery, Reassign, Unassign, UpgradeToOffice,
};
use crate::mobile::{DeleteMobileUsers, DigitalLineRequest};
use crate::user_details::UserDetails;
use crate::users::UserPatch;
use crate::users_query::UsersQuery;

/// What each back end answers on its own: sessions travel differently (cookies, tokens), and
/// the contract document is the server's.
#[derive(Clone, Debug)]
pub enum SessionCall {
    SignIn(Credentials),
    IssueToken(Credentials),
    SignOut,
    RedeemLaunch(LaunchRequest),
    OpenApi,
}

/// A call the domain decides (`api::decide`), the same in every back end.
// One is built per request and moved once: the size of its largest body doesn't matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum ApiCall {
    Session,
    Directory,
    Users(UsersQuery),
    User {
        id: String,
    },
    DeleteUser {
        id: String,
    },
    ActivateUser {
        id: String,
        activation: Activation,
    },
    SendInvite {
        id: String,
        invite: InviteRequest,
    },
    CancelInvite {
        id: String,
    },
    EditDetails {
        id: String,
        details: UserDetails,
    },
    PatchUser {
        id: String,
        patch: UserPatch,
    },
    AddUsersView,
    AddUsers(AddUsersRequest),
    UserLicenses {
        id: String,
    },
    EditLicenses {
        id: String,
        edit: EditLicenses,
    },
    EquipUser {
        id: String,
        equipment: EquipmentRequest,
    },
    ReleaseEquipment {
        id: String,
        release: ReleaseRequest,
    },
    DigitalLine {
        id: String,
        line: DigitalLineRequest,
    },
    Accounts {
        q: String,
        page: u32,
    },
    LinkAccount(LinkRequest),
    UnlinkAccounts(UnlinkRequest),
    RenameAccount {
        id: String,
        rename: RenameAccount,
    },
    IssueLaunch {
        id: String,
    },
    MobileUsers,
    DeleteMobileUsers(DeleteMobileUsers),
    Inventory,
    InventoryItems {
        kind: Option<InventoryType>,
        query: ItemsQuery,
    },
    AssignAddOns(AssignAddOns),
    Unassign(Unassign),
    Reassign(Reassign),
    UpgradeToOffice(UpgradeToOffice),
    BulkView,
    CreateJob(NewJob),
    Jobs,
    Job {
        id: String,
    },
    JobReport {
        id: String,
    },
    DeleteNumber(DeleteNumber),
    Export(ExportRequest),
    Outbox,
    OutboxMessage {
        id: String,
    },
}

/// What identifies a change across retries, and the version it was made against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Write {
    /// The `Idempotency-Key`, when sent.
    pub key: Option<String>,
    /// Ties the key to this exact request: a key reused for another change is refused.
    pub fingerprint: String,
    /// The version named by `If-Match`.
    pub seen: Option<u32>,
}

/// A request read into its call.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Call {
    Session(SessionCall),
    Api(ApiCall, Write),
}

impl Route {
    /// Reads `request`'s headers, body and query as this endpoint's call: 415 for a body that is
    /// not declared JSON, 400 for a malformed `Idempotency-Key` or `If-Match`, a body that isn't
    /// the endpoint's JSON or a query value out of range.
    pub fn parse(self, request: &Request) -> Result<Call, ApiError> {
        let write = write_of(self.endpoint, request)?;
        let mut params = self.params.into_iter();
        let mut param = || params.next().unwrap_or_default();
        use ApiCall as A;
        let api = |call: ApiCall| Ok(Call::Api(call, write.clone()));
        let session = |call: SessionCall| Ok(Call::Session(call));
        match self.endpoint {
            Endpoint::SignIn => session(SessionCall::SignIn(json(&request.body)?)),
            Endpoint::IssueToken => session(SessionCall::IssueToken(json(&request.body)?)),
            Endpoint::SignOut => session(SessionCall::SignOut),
            Endpoint::RedeemLaunch => session(SessionCall::RedeemLaunch(json(&request.body)?)),
            Endpoint::OpenApi => session(SessionCall::OpenApi),
            Endpoint::Session => api(A::Session),
            Endpoint::Directory => api(A::Directory),
            Endpoint::Users => {
                let (query, errors) = UsersQuery::parse(request.pairs());
                valid(errors)?;
                api(A::Users(query))
            }
            Endpoint::User => api(A::User { id: param() }),
            Endpoint::DeleteUser => api(A::DeleteUser { id: param() }),
            Endpoint::ActivateUser => api(A::ActivateUser {
                activation: json(&request.body)?,
                id: param(),
            }),
            Endpoint::SendInvite => api(A::SendInvite {
                invite: json(&request.body)?,
                id: param(),
            }),
            Endpoint::CancelInvite => api(A::CancelInvite { id: param() }),
            Endpoint::EditDetails => api(A::EditDetails {
                details: json(&request.body)?,
                id: param(),
            }),
            Endpoint::PatchUser => api(A::PatchUser {
                patch: json(&request.body)?,
                id: param(),
            }),
            Endpoint::AddUsersView => api(A::AddUsersView),
            Endpoint::AddUsers => api(A::AddUsers(json(&request.body)?)),
            Endpoint::UserLicenses => api(A::UserLicenses { id: param() }),
            Endpoint::EditLicenses => api(A::EditLicenses {
                edit: json(&request.body)?,
                id: param(),
            }),
            Endpoint::EquipUser => api(A::EquipUser {
                equipment: json(&request.body)?,
                id: param(),
            }),
            Endpoint::ReleaseEquipment => api(A::ReleaseEquipment {
                release: json(&request.body)?,
                id: param(),
            }),
            Endpoint::DigitalLine => api(A::DigitalLine {
                line: json(&request.body)?,
                id: param(),
            }),
            Endpoint::Accounts => {
                let (q, page) = accounts_query(request.pairs());
                api(A::Accounts { q, page })
            }
            Endpoint::LinkAccount => api(A::LinkAccount(json(&request.body)?)),
            Endpoint::UnlinkAccounts => api(A::UnlinkAccounts(json(&request.body)?)),
            Endpoint::RenameAccount => api(A::RenameAccount {
                rename: json(&request.body)?,
                id: param(),
            }),
            Endpoint::IssueLaunch => api(A::IssueLaunch { id: param() }),
            Endpoint::MobileUsers => api(A::MobileUsers),
            Endpoint::DeleteMobileUsers => api(A::DeleteMobileUsers(json(&request.body)?)),
            Endpoint::Inventory => api(A::Inventory),
            Endpoint::InventoryItems => {
                let kind = items_scope(&param())?;
                let (query, errors) = ItemsQuery::parse(request.pairs());
                valid(errors)?;
                api(A::InventoryItems { kind, query })
            }
            Endpoint::AssignAddOns => api(A::AssignAddOns(json(&request.body)?)),
            Endpoint::Unassign => api(A::Unassign(json(&request.body)?)),
            Endpoint::Reassign => api(A::Reassign(json(&request.body)?)),
            Endpoint::UpgradeToOffice => api(A::UpgradeToOffice(json(&request.body)?)),
            Endpoint::BulkView => api(A::BulkView),
            Endpoint::CreateJob => api(A::CreateJob(json(&request.body)?)),
            Endpoint::Jobs => api(A::Jobs),
            Endpoint::Job => api(A::Job { id: param() }),
            Endpoint::JobReport => api(A::JobReport { id: param() }),
            Endpoint::DeleteNumber => api(A::DeleteNumber(json(&request.body)?)),
            Endpoint::Export => api(A::Export(json(&request.body)?)),
            Endpoint::Outbox => api(A::Outbox),
            Endpoint::OutboxMessage => api(A::OutboxMessage { id: param() }),
        }
    }
}

/// The content type, idempotency key and version of a request to `endpoint`: none for a read,
/// and no content type for a deletion (it has no body).
fn write_of(endpoint: Endpoint, request: &Request) -> Result<Write, ApiError> {
    if !endpoint.is_keyed() {
        return Ok(Write::default());
    }
    let json = endpoint.body() == Body::None
        || request.content_type.as_deref().is_some_and(|t| {
            t.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json {
        return Err(ApiError::new(
            415,
            "unsupported_media_type",
            "Send the request body as JSON (Content-Type: application/json).",
        ));
    }
    let key = match request.idempotency_key.as_deref().map(str::trim) {
        None => None,
        Some(key) if key.is_empty() || key.len() > MAX_KEY_LEN => {
            return Err(ApiError::new(
                400,
                "bad_request",
                format!("Idempotency-Key must be 1 to {MAX_KEY_LEN} visible characters."),
            ))
        }
        Some(key) => Some(key.to_owned()),
    };
    let seen = match request.if_match.as_deref() {
        None => None,
        Some(value) => Some(version_in(value).ok_or_else(|| {
            ApiError::new(
                400,
                "bad_request",
                "If-Match must be the version you last saw, like \"7\".",
            )
        })?),
    };
    Ok(Write {
        fingerprint: fingerprint(request),
        key,
        seen,
    })
}

/// The version an `If-Match` value names: `"7"`, `W/"7"` or `7`.
fn version_in(value: &str) -> Option<u32> {
    value
        .trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .ok()
}

/// A JSON body as `T`, or the 400 that says why it isn't one.
fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            400,
            "bad_request",
            format!("The request body is not valid: {e}."),
        )
    })
}

fn valid(errors: Vec<crate::error::FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::route;

    fn post(path: &str, body: &str) -> Request {
        Request {
            content_type: Some("application/json".into()),
            body: body.as_bytes().to_vec(),
            ..Request::new("POST", path)
        }
    }

    fn parse(request: &Request) -> Result<Call, ApiError> {
        route(&request.method, &request.path)?.parse(request)
    }

    #[test]
    fn a_change_needs_a_json_body_and_well_formed_headers() {
        let mut request = post("/exports", r#"{"to":"a@b.co"}"#);
        request.content_type = None;
        assert_eq!(parse(&request).unwrap_err().status, 415);
        request.content_type = Some("text/plain".into());
        assert_eq!(parse(&request).unwrap_err().status, 415);
        request.content_type = Some("Application/JSON; charset=utf-8".into());
        request.idempotency_key = Some(" ".into());
        assert_eq!(parse(&request).unwrap_err().status, 400);
        request.idempotency_key = Some("k".repeat(MAX_KEY_LEN + 1));
        assert_eq!(parse(&request).unwrap_err().status, 400);
        request.idempotency_key = Some("k1".into());
        request.if_match = Some("seven".into());
        assert_eq!(parse(&request).unwrap_err().status, 400);
        request.if_match = Some("W/\"7\"".into());
        let Ok(Call::Api(_, write)) = parse(&request) else {
            panic!("a valid export")
        };
        assert_eq!((write.key.as_deref(), write.seen), (Some("k1"), Some(7)));
    }

    #[test]
    fn bodies_and_queries_are_read_into_their_types() {
        let bad = parse(&post("/jobs", "{not json")).unwrap_err();
        assert_eq!((bad.status, bad.code.as_str()), (400, "bad_request"));
        let mut users = Request::new("GET", "/users");
        users.query = vec![("perPage".into(), "0".into())];
        assert_eq!(parse(&users).unwrap_err().code, "validation_failed");
        let kind = parse(&Request::new("GET", "/inventory/nothing")).unwrap_err();
        assert_eq!(kind.status, 404);
        // Reads ignore whatever body they are sent.
        let mut session = Request::new("GET", "/session");
        session.body = b"junk".to_vec();
        assert!(matches!(
            parse(&session),
            Ok(Call::Api(ApiCall::Session, _))
        ));
    }

    #[test]
    fn the_same_change_has_the_same_fingerprint_and_another_does_not() {
        let a = post("/exports", r#"{"to":"a@b.co"}"#);
        let b = post("/exports", r#"{"to":"c@d.co"}"#);
        let mut c = a.clone();
        c.if_match = Some("3".into());
        let print = |r: &Request| match parse(r).unwrap() {
            Call::Api(_, write) => write.fingerprint,
            Call::Session(_) => unreachable!(),
        };
        assert_eq!(print(&a), print(&a.clone()));
        assert_ne!(print(&a), print(&b));
        assert_ne!(print(&a), print(&c));
    }
}
