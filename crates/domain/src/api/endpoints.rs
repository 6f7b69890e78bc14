//! The table of endpoints: each once, with its method, its path under `/api/v1`, who may call it
//! and whether it reads a JSON body. Clients build their requests from it and both back ends
//! route incoming requests with it, so an unknown path (404) or a wrong method (405) is answered
//! the same everywhere.

use crate::error::ApiError;

/// HTTP methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// `GET`, `POST`, …
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// The method named `name` (any case); `None` for one the API never uses.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Get, Self::Post, Self::Put, Self::Patch, Self::Delete]
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
    }
}

/// Who may call an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone: signing in, and the contract itself.
    Public,
    /// A signed-in admin (cookie session or bearer token).
    SignedIn,
}

/// What an endpoint reads from the request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// Nothing; any body is ignored.
    None,
    /// A JSON document (`Content-Type: application/json`, else 415).
    Json,
}

macro_rules! endpoints {
    ($( #[doc = $doc:literal] $name:ident = $method:ident $path:literal, $access:ident, $body:ident,
        $request:tt => $status:literal $reply:tt, [$($error:literal),*]; )*) => {
        /// Every endpoint of the API.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Endpoint {
            $( #[doc = $doc] $name, )*
        }

        impl Endpoint {
            /// Every endpoint, in the order of the table.
            pub const ALL: &'static [Endpoint] = &[$(Endpoint::$name),*];

            /// Its method.
            pub const fn method(self) -> Method {
                match self { $(Endpoint::$name => Method::$method,)* }
            }

            /// Its path under `/api/v1`, with `{name}` for each path parameter.
            pub const fn path(self) -> &'static str {
                match self { $(Endpoint::$name => $path,)* }
            }

            /// Who may call it.
            pub const fn access(self) -> Access {
                match self { $(Endpoint::$name => Access::$access,)* }
            }

            /// What it reads from the body.
            pub const fn body(self) -> Body {
                match self { $(Endpoint::$name => Body::$body,)* }
            }

            /// The status of a successful answer.
            pub const fn success(self) -> u16 {
                match self { $(Endpoint::$name => $status,)* }
            }

            /// Its name in the table (the OpenAPI operation id).
            pub const fn name(self) -> &'static str {
                match self { $(Endpoint::$name => stringify!($name),)* }
            }

            /// What it does, in a line.
            pub fn summary(self) -> &'static str {
                match self { $(Endpoint::$name => $doc.trim_start(),)* }
            }

            /// The statuses its own rules may answer with, besides those every endpoint of its
            /// kind may (see [`Endpoint::statuses`]).
            pub const fn rule_statuses(self) -> &'static [u16] {
                match self { $(Endpoint::$name => &[$($error),*],)* }
            }

            /// The schemas of its request body and its successful reply, adding the schemas they
            /// refer to to `components`.
            #[cfg(feature = "openapi")]
            pub fn schemas(self, components: &mut super::schema::Components) -> super::schema::Bodies {
                match self { $(Endpoint::$name => (
                    schema_of!(components, $request),
                    schema_of!(components, $reply),
                ),)* }
            }
        }
    };
}

/// The schema of a body in the table: none (`_`), a list of a type (`[T]`), a page of a type
/// (`(Page<T>)`) or a named type.
#[cfg(feature = "openapi")]
macro_rules! schema_of {
    ($components:ident, _) => {
        None
    };
    ($components:ident, [$item:ty]) => {
        Some(super::schema::list_of::<$item>($components))
    };
    ($components:ident, (Page<$item:ty>)) => {
        Some(super::schema::page_of::<$item>($components))
    };
    ($components:ident, $type:ident) => {
        Some(super::schema::one::<$type>($components))
    };
}

#[cfg(feature = "openapi")]
use crate::{
    accounts::launch::{LaunchGrant, LaunchRequest},
    accounts::{AccountRow, LinkRequest, LinkedAccount, RenameAccount, UnlinkRequest},
    activation::{Activation, InviteRequest},
    add_users::{AddUsersRequest, AddUsersResult, AddUsersView},
    auth::{Credentials, TokenGrant},
    bulk::{BulkView, JobReport, JobSummary, NewJob},
    equipment::{EquipmentRequest, ReleaseRequest},
    licenses::{
        AssignAddOns, Changed, DeleteNumber, EditLicenses, ExportRequest, InventoryItem,
        InventoryLine, Reassign, Unassign, UpgradeToOffice, UserLicenses,
    },
    mobile::{DeleteMobileUsers, DigitalLineRequest, MobileUsers, MobileUsersDeleted},
    outbox::{OutboxEntry, OutboxMessage},
    user_details::UserDetails,
    user_page::{UserDeleted, UserDetail},
    users_query::UserRow,
    Directory, Session, User, UserPatch,
};

// Each endpoint: method and path, who may call it, whether it reads a JSON body, its request
// and successful reply (`_`: none, `[T]`: a list), and the statuses its own rules answer with.
endpoints! {
    /// Starts a cookie session in the portal's own account.
    SignIn = Post "/auth/sign-in", Public, Json, Credentials => 200 Session, [401, 429];
    /// Ends the caller's session or revokes its token.
    SignOut = Post "/auth/sign-out", SignedIn, None, _ => 204 _, [];
    /// A bearer token for a host portal.
    IssueToken = Post "/auth/tokens", Public, Json, Credentials => 201 TokenGrant, [401, 429];
    /// Redeems a launch token for a session of a linked account.
    RedeemLaunch = Post "/auth/launch", Public, Json, LaunchRequest => 200 Session, [401, 404, 423];
    /// The signed-in admin, account and role.
    Session = Get "/session", SignedIn, None, _ => 200 Session, [];
    /// Sites and cost centers.
    Directory = Get "/directory", SignedIn, None, _ => 200 Directory, [];
    /// One page of the Users list.
    Users = Get "/users", SignedIn, None, _ => 200 (Page<UserRow>), [400];
    /// One user's page: their row of the Users list, what they hold, what deleting them loses.
    User = Get "/users/{id}", SignedIn, None, _ => 200 UserDetail, [404];
    /// Deletes a user of any type seen at a version; what they held goes back to inventory.
    DeleteUser = Delete "/users/{id}", SignedIn, None, _ => 200 UserDeleted, [404, 412, 428];
    /// Activates a user not activated yet with credentials the admin assigns.
    ActivateUser = Post "/users/{id}/activation", SignedIn, Json, Activation => 200 User, [404, 409, 412, 428];
    /// Sends a user not activated yet the welcome email with a new activation link, now or at a time.
    SendInvite = Post "/users/{id}/invites", SignedIn, Json, InviteRequest => 200 User, [404, 409, 412, 428];
    /// Cancels a user's scheduled invite.
    CancelInvite = Delete "/users/{id}/invites", SignedIn, None, _ => 200 User, [404, 409, 412, 428];
    /// Sets a user's name, email, extension, site, cost center and role, seen at a version.
    EditDetails = Put "/users/{id}/details", SignedIn, Json, UserDetails => 200 User, [404, 412, 428];
    /// Changes a user seen at a version.
    PatchUser = Patch "/users/{id}", SignedIn, Json, UserPatch => 200 User, [404, 412, 428];
    /// What the Add User wizard needs of the account.
    AddUsersView = Get "/user-batches/view", SignedIn, None, _ => 200 AddUsersView, [];
    /// Adds a batch of users.
    AddUsers = Post "/user-batches", SignedIn, Json, AddUsersRequest => 201 AddUsersResult, [];
    /// What a user holds and could be given.
    UserLicenses = Get "/users/{id}/licenses", SignedIn, None, _ => 200 UserLicenses, [404];
    /// Sets a user's type and add-ons.
    EditLicenses = Put "/users/{id}/licenses", SignedIn, Json, EditLicenses => 200 User, [404, 412, 428];
    /// Gives an Office or Video Pro+ user a phone and a number.
    EquipUser = Post "/users/{id}/equipment", SignedIn, Json, EquipmentRequest => 200 User, [404, 409, 412, 428];
    /// Takes phones and numbers back from a user into inventory.
    ReleaseEquipment = Post "/users/{id}/releases", SignedIn, Json, ReleaseRequest => 200 User, [404, 409, 412, 428];
    /// Replaces a Mobile user with a DigitalLine.
    DigitalLine = Post "/users/{id}/digital-line", SignedIn, Json, DigitalLineRequest => 200 User, [404, 412, 428];
    /// One page of the linked accounts.
    Accounts = Get "/accounts", SignedIn, None, _ => 200 (Page<AccountRow>), [];
    /// Links another account.
    LinkAccount = Post "/accounts/links", SignedIn, Json, LinkRequest => 201 LinkedAccount, [409, 423];
    /// Unlinks accounts.
    UnlinkAccounts = Post "/accounts/unlinks", SignedIn, Json, UnlinkRequest => 200 Changed, [412];
    /// Renames a linked account seen at a version.
    RenameAccount = Patch "/accounts/{id}", SignedIn, Json, RenameAccount => 200 LinkedAccount, [404, 412, 428];
    /// A one-time token that opens a linked account in a new tab.
    IssueLaunch = Post "/accounts/{id}/launch", SignedIn, None, _ => 201 LaunchGrant, [404, 423];
    /// Every Mobile user with this billing cycle's calls.
    MobileUsers = Get "/mobile-users", SignedIn, None, _ => 200 MobileUsers, [];
    /// Deletes Mobile users, all or nothing.
    DeleteMobileUsers = Post "/mobile-users/deletions", SignedIn, Json, DeleteMobileUsers => 200 MobileUsersDeleted, [412];
    /// Licenses & Inventory totals.
    Inventory = Get "/inventory", SignedIn, None, _ => 200 [InventoryLine], [];
    /// One page of a type's items (`all`: every type).
    InventoryItems = Get "/inventory/{type}", SignedIn, None, _ => 200 (Page<InventoryItem>), [400, 404];
    /// Assigns add-ons to users.
    AssignAddOns = Post "/licenses/assignments", SignedIn, Json, AssignAddOns => 200 Changed, [404, 412];
    /// Takes licenses back.
    Unassign = Post "/licenses/unassignments", SignedIn, Json, Unassign => 200 Changed, [404, 412];
    /// Moves a license to another user.
    Reassign = Post "/licenses/reassignments", SignedIn, Json, Reassign => 200 Changed, [404, 412];
    /// Upgrades Video users to Office.
    UpgradeToOffice = Post "/licenses/upgrades", SignedIn, Json, UpgradeToOffice => 200 Changed, [412];
    /// What checking a bulk file needs.
    BulkView = Get "/licenses/bulk-view", SignedIn, None, _ => 200 BulkView, [];
    /// Submits a bulk file's rows as a background job.
    CreateJob = Post "/jobs", SignedIn, Json, NewJob => 202 JobSummary, [];
    /// Every bulk job, newest first.
    Jobs = Get "/jobs", SignedIn, None, _ => 200 [JobSummary], [];
    /// One job's progress.
    Job = Get "/jobs/{id}", SignedIn, None, _ => 200 JobSummary, [404];
    /// Every row of a job with its outcome.
    JobReport = Get "/jobs/{id}/report", SignedIn, None, _ => 200 JobReport, [404];
    /// Deletes a spare number.
    DeleteNumber = Post "/numbers/deletions", SignedIn, Json, DeleteNumber => 200 Changed, [404, 409];
    /// Sends the Download list to an email address (the outbox).
    Export = Post "/exports", SignedIn, Json, ExportRequest => 201 OutboxEntry, [];
    /// The outbox, newest first.
    Outbox = Get "/outbox", SignedIn, None, _ => 200 [OutboxEntry], [];
    /// One outbox message with its attachment.
    OutboxMessage = Get "/outbox/{id}", SignedIn, None, _ => 200 OutboxMessage, [404];
    /// This contract, as an OpenAPI document.
    OpenApi = Get "/openapi.json", Public, None, _ => 200 _, [];
}

/// The root every path of the table is under.
pub const API_ROOT: &str = "/api/v1";

impl Endpoint {
    /// The full path of this endpoint with `params` in place of its `{…}` parameters, in order:
    /// `UserLicenses.url(&["7"])` is `/api/v1/users/7/licenses`.
    pub fn url(self, params: &[&str]) -> String {
        let mut params = params.iter();
        let mut url = String::from(API_ROOT);
        for segment in self.path().split('/').skip(1) {
            url.push('/');
            if segment.starts_with('{') {
                url.push_str(params.next().expect("a value for every path parameter"));
            } else {
                url.push_str(segment);
            }
        }
        url
    }

    /// Every status it may answer with: its success, its rules' own, and those every endpoint
    /// of its kind may give (bad input, no session, refusals, limits, failures), in order.
    pub fn statuses(self) -> Vec<u16> {
        let mut statuses = vec![self.success(), 408, 429, 500];
        statuses.extend_from_slice(self.rule_statuses());
        if self.body() == Body::Json {
            statuses.extend([400, 413, 415]);
        }
        if self.access() == Access::SignedIn {
            // No session; a refused role or security token; a tab's account no longer there.
            statuses.extend([401, 403, 404]);
            if self.body() == Body::Json {
                // An idempotency key used before for another change.
                statuses.push(422);
            }
        }
        statuses.sort_unstable();
        statuses.dedup();
        statuses
    }

    /// Whether it changes something (a method other than GET).
    pub fn is_change(self) -> bool {
        self.method() != Method::Get
    }

    /// Whether it takes an `Idempotency-Key` and `If-Match`: a change with a JSON body, or a
    /// deletion.
    pub fn is_keyed(self) -> bool {
        self.body() == Body::Json || self.method() == Method::Delete
    }
}

/// A request matched to its endpoint, with the values of the path's parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub endpoint: Endpoint,
    pub params: Vec<String>,
}

/// The endpoint `method` `path` (under `/api/v1`) calls: 404 when no endpoint has that path,
/// 405 when one has but not for that method. A literal segment wins over a parameter, so
/// `/accounts/links` is never account `links`.
pub fn route(method: &str, path: &str) -> Result<Route, ApiError> {
    let segments: Vec<&str> = path
        .strip_prefix('/')
        .unwrap_or("\u{0}")
        .split('/')
        .collect();
    let matched = |template: &str| -> Option<(usize, Vec<String>)> {
        let parts: Vec<&str> = template.split('/').skip(1).collect();
        if parts.len() != segments.len() {
            return None;
        }
        let mut literal = 0;
        let mut params = Vec::new();
        for (part, segment) in parts.iter().zip(&segments) {
            if part.starts_with('{') {
                if segment.is_empty() {
                    return None;
                }
                params.push((*segment).to_owned());
            } else if part == segment {
                literal += 1;
            } else {
                return None;
            }
        }
        Some((literal, params))
    };
    let candidates: Vec<(Endpoint, usize, Vec<String>)> = Endpoint::ALL
        .iter()
        .filter_map(|&e| matched(e.path()).map(|(literal, params)| (e, literal, params)))
        .collect();
    let Some(best) = candidates.iter().map(|c| c.1).max() else {
        return Err(ApiError::not_found(format!(
            "No such API endpoint: {API_ROOT}{path}"
        )));
    };
    let method = Method::parse(method);
    candidates
        .into_iter()
        .filter(|c| c.1 == best)
        .find(|c| Some(c.0.method()) == method)
        .map(|(endpoint, _, params)| Route { endpoint, params })
        .ok_or_else(|| {
            ApiError::new(
                405,
                "method_not_allowed",
                "This endpoint does not accept that method.",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_is_found_at_its_own_url() {
        for &endpoint in Endpoint::ALL {
            let params: Vec<&str> = endpoint
                .path()
                .split('/')
                .filter(|s| s.starts_with('{'))
                .map(|_| "7")
                .collect();
            let url = endpoint.url(&params);
            let path = url.strip_prefix(API_ROOT).unwrap();
            let found = route(endpoint.method().as_str(), path).unwrap();
            assert_eq!(found.endpoint, endpoint, "{url}");
            assert_eq!(found.params.len(), params.len());
        }
    }

    #[test]
    fn unknown_paths_are_404_and_wrong_methods_405() {
        assert_eq!(route("GET", "/nothing").unwrap_err().status, 404);
        assert_eq!(route("GET", "/users/").unwrap_err().status, 404);
        assert_eq!(route("GET", "").unwrap_err().status, 404);
        assert_eq!(route("DELETE", "/users").unwrap_err().status, 405);
        assert_eq!(route("TRACE", "/users").unwrap_err().status, 405);
        assert_eq!(route("GET", "/auth/sign-in").unwrap_err().status, 405);
        // A literal segment is never taken for a parameter.
        assert_eq!(route("PATCH", "/accounts/links").unwrap_err().status, 405);
        let rename = route("PATCH", "/accounts/AC-2").unwrap();
        assert_eq!(rename.endpoint, Endpoint::RenameAccount);
        assert_eq!(rename.params, ["AC-2"]);
        let message = route("GET", "/nothing").unwrap_err().message;
        assert_eq!(message, "No such API endpoint: /api/v1/nothing");
    }

    #[test]
    fn no_two_endpoints_share_a_method_and_path() {
        for (i, a) in Endpoint::ALL.iter().enumerate() {
            for b in &Endpoint::ALL[i + 1..] {
                assert!(
                    (a.method(), a.path()) != (b.method(), b.path()),
                    "{a:?} and {b:?}"
                );
            }
        }
    }
}
