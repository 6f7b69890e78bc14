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
    ($( $(#[$doc:meta])* $name:ident = $method:ident $path:literal, $access:ident, $body:ident, $status:literal; )*) => {
        /// Every endpoint of the API.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Endpoint {
            $( $(#[$doc])* $name, )*
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
        }
    };
}

endpoints! {
    /// Starts a cookie session in the portal's own account.
    SignIn = Post "/auth/sign-in", Public, Json, 200;
    /// Ends the caller's session or revokes its token.
    SignOut = Post "/auth/sign-out", SignedIn, None, 204;
    /// A bearer token for a host portal.
    IssueToken = Post "/auth/tokens", Public, Json, 201;
    /// Redeems a launch token for a session of a linked account.
    RedeemLaunch = Post "/auth/launch", Public, Json, 200;
    /// The signed-in admin, account and role.
    Session = Get "/session", SignedIn, None, 200;
    /// Sites and cost centers.
    Directory = Get "/directory", SignedIn, None, 200;
    /// One page of the Users list.
    Users = Get "/users", SignedIn, None, 200;
    /// Changes a user seen at a version.
    PatchUser = Patch "/users/{id}", SignedIn, Json, 200;
    /// What the Add User wizard needs of the account.
    AddUsersView = Get "/user-batches/view", SignedIn, None, 200;
    /// Adds a batch of users.
    AddUsers = Post "/user-batches", SignedIn, Json, 201;
    /// What a user holds and could be given.
    UserLicenses = Get "/users/{id}/licenses", SignedIn, None, 200;
    /// Sets a user's type and add-ons.
    EditLicenses = Put "/users/{id}/licenses", SignedIn, Json, 200;
    /// Replaces a Mobile user with a DigitalLine.
    DigitalLine = Post "/users/{id}/digital-line", SignedIn, Json, 200;
    /// One page of the linked accounts.
    Accounts = Get "/accounts", SignedIn, None, 200;
    /// Links another account.
    LinkAccount = Post "/accounts/links", SignedIn, Json, 201;
    /// Unlinks accounts.
    UnlinkAccounts = Post "/accounts/unlinks", SignedIn, Json, 200;
    /// Renames a linked account seen at a version.
    RenameAccount = Patch "/accounts/{id}", SignedIn, Json, 200;
    /// A one-time token that opens a linked account in a new tab.
    IssueLaunch = Post "/accounts/{id}/launch", SignedIn, None, 201;
    /// Every Mobile user with this billing cycle's calls.
    MobileUsers = Get "/mobile-users", SignedIn, None, 200;
    /// Deletes Mobile users, all or nothing.
    DeleteMobileUsers = Post "/mobile-users/deletions", SignedIn, Json, 200;
    /// Licenses & Inventory totals.
    Inventory = Get "/inventory", SignedIn, None, 200;
    /// One page of a type's items (`all`: every type).
    InventoryItems = Get "/inventory/{type}", SignedIn, None, 200;
    /// Assigns add-ons to users.
    AssignAddOns = Post "/licenses/assignments", SignedIn, Json, 200;
    /// Takes licenses back.
    Unassign = Post "/licenses/unassignments", SignedIn, Json, 200;
    /// Moves a license to another user.
    Reassign = Post "/licenses/reassignments", SignedIn, Json, 200;
    /// Upgrades Video users to Office.
    UpgradeToOffice = Post "/licenses/upgrades", SignedIn, Json, 200;
    /// What checking a bulk file needs.
    BulkView = Get "/licenses/bulk-view", SignedIn, None, 200;
    /// Submits a bulk file's rows as a background job.
    CreateJob = Post "/jobs", SignedIn, Json, 202;
    /// Every bulk job, newest first.
    Jobs = Get "/jobs", SignedIn, None, 200;
    /// One job's progress.
    Job = Get "/jobs/{id}", SignedIn, None, 200;
    /// Every row of a job with its outcome.
    JobReport = Get "/jobs/{id}/report", SignedIn, None, 200;
    /// Deletes a spare number.
    DeleteNumber = Post "/numbers/deletions", SignedIn, Json, 200;
    /// Sends the Download list to an email address (the outbox).
    Export = Post "/exports", SignedIn, Json, 201;
    /// The outbox, newest first.
    Outbox = Get "/outbox", SignedIn, None, 200;
    /// One outbox message with its attachment.
    OutboxMessage = Get "/outbox/{id}", SignedIn, None, 200;
    /// This contract, as an OpenAPI document.
    OpenApi = Get "/openapi.json", Public, None, 200;
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

    /// Whether it changes something (a method other than GET).
    pub fn is_change(self) -> bool {
        self.method() != Method::Get
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
