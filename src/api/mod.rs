//! The API client pages use, handed down by context. Behind it is either the HTTP transport
//! (a real server) or the in-browser sandbox; pages never know which.

mod http;
pub mod sandbox;

use crate::session::SessionState;
use domain::accounts::launch::{LaunchGrant, LaunchRequest};
use domain::accounts::{AccountRow, LinkRequest, LinkedAccount, RenameAccount};
use domain::activation::{Activation, InviteRequest};
use domain::add_users::{AddUsersRequest, AddUsersResult, AddUsersView};
use domain::api::{Endpoint, Method};
use domain::auth::Credentials;
use domain::bulk::{BulkView, JobReport, JobSummary, NewJob};
use domain::equipment::{EquipmentRequest, ReleaseRequest};
use domain::licenses::{
    Changed, EditLicenses, ExportRequest, InventoryItem, InventoryLine, InventoryType, ItemsQuery,
    UserLicenses,
};
use domain::mobile::{DeleteMobileUsers, DigitalLineRequest, MobileUsers, MobileUsersDeleted};
use domain::outbox::{OutboxEntry, OutboxMessage};
use domain::user_details::UserDetails;
use domain::user_page::{UserDeleted, UserDetail};
use domain::users_query::{Page, UserRow, UsersQuery};
use domain::{ApiError, Directory, Session, User, UserPatch};
use futures::future::{select, Either};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::pin;

pub use http::HttpTransport;
pub use sandbox::Sandbox;

/// One API call, independent of how it travels.
#[derive(Clone, Debug)]
pub struct ApiRequest {
    pub method: Method,
    /// Full path, e.g. `/api/v1/users`.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<String>,
    /// The record version the admin saw (`If-Match`), for edits.
    pub if_match: Option<u32>,
    /// Makes a retried change act once (`Idempotency-Key`).
    pub idempotency_key: Option<String>,
}

impl ApiRequest {
    /// A call to `endpoint` (from the contract's table) with `params` in its path.
    fn to(endpoint: Endpoint, params: &[&str]) -> Self {
        Self {
            method: endpoint.method(),
            path: endpoint.url(params),
            query: Vec::new(),
            body: None,
            if_match: None,
            idempotency_key: None,
        }
    }

    /// The same call with `body` as JSON.
    fn body(mut self, body: &impl serde::Serialize) -> Self {
        self.body = Some(serde_json::to_string(body).expect("request bodies serialise"));
        self
    }

    /// The same call with a query string.
    fn query(mut self, query: Vec<(&'static str, String)>) -> Self {
        self.query = query;
        self
    }

    /// The same change, made once however often it is retried with `key`.
    fn once(mut self, key: &str) -> Self {
        self.idempotency_key = Some(key.to_owned());
        self
    }

    /// The same edit, of the record as the admin saw it at `version`.
    fn seen(mut self, version: u32) -> Self {
        self.if_match = Some(version);
        self
    }
}

#[derive(Clone)]
enum Transport {
    Http(HttpTransport),
    Sandbox(Sandbox),
}

/// The typed API. Cheap to clone.
#[derive(Clone)]
pub struct ApiClient {
    transport: Transport,
    /// Told when the server says the session has ended, so the shell can ask to sign in again.
    session: Option<SessionState>,
    /// How long a request may go unanswered before it fails as timed out.
    timeout_ms: u32,
}

/// The default for [`ApiClient::with_timeout`].
const TIMEOUT_MS: u32 = 20_000;

impl ApiClient {
    /// A client for a real server; `session`, when given, is ended whenever it answers 401
    /// (none when the host page signs the admin in with a bearer token: the app can't renew it).
    pub fn http(transport: HttpTransport, session: Option<SessionState>) -> Self {
        Self {
            transport: Transport::Http(transport),
            session,
            timeout_ms: TIMEOUT_MS,
        }
    }

    pub fn sandbox(sandbox: Sandbox) -> Self {
        Self {
            transport: Transport::Sandbox(sandbox),
            session: None,
            timeout_ms: TIMEOUT_MS,
        }
    }

    /// The same client, giving up on a request unanswered after `ms`.
    pub fn with_timeout(mut self, ms: u32) -> Self {
        self.timeout_ms = ms;
        self
    }

    /// The sandbox behind this client, for the sandbox tools; `None` in live mode.
    pub fn as_sandbox(&self) -> Option<&Sandbox> {
        match &self.transport {
            Transport::Sandbox(s) => Some(s),
            Transport::Http(_) => None,
        }
    }

    /// Sends the request and returns the body of a successful answer. Any 401 ends the
    /// session, so the shell asks the admin to sign in again.
    async fn send_raw(&self, request: ApiRequest) -> Result<String, ApiError> {
        let answer = async {
            match &self.transport {
                Transport::Http(h) => h.send(&request).await,
                Transport::Sandbox(s) => s.send(&request).await,
            }
        };
        within(self.timeout_ms, answer)
            .await
            .map_err(say_when_to_retry)
            .inspect_err(|error| {
                // A refused launch token says so itself: nobody's session ended.
                let launch = error.code.starts_with("launch_");
                if let (401, Some(session), false) = (error.status, self.session, launch) {
                    session.end();
                }
            })
    }

    async fn send<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T, ApiError> {
        let body = self.send_raw(request).await?;
        serde_json::from_str(&body).map_err(|e| {
            ApiError::new(
                502,
                "bad_response",
                format!("The server sent a response this console could not read ({e})."),
            )
        })
    }

    /// The signed-in admin, account and role.
    pub async fn session(&self) -> Result<Session, ApiError> {
        let session: Session = self.send(ApiRequest::to(Endpoint::Session, &[])).await?;
        self.remember(&session);
        Ok(session)
    }

    /// Signs in with email and password (live mode: starts a cookie session). Signing in always
    /// signs in to the portal's own account, so a tab that was working in a linked account (its
    /// session there ended) comes back to the portal's: it reloads there, from where the account
    /// can be opened again.
    pub async fn sign_in(&self, credentials: &Credentials) -> Result<Session, ApiError> {
        let session: Session = self
            .send(ApiRequest::to(Endpoint::SignIn, &[]).body(credentials))
            .await?;
        self.remember(&session);
        if crate::tab_account::current().is_some_and(|id| id != session.account.id) {
            crate::tab_account::forget();
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        }
        Ok(session)
    }

    /// Signs this tab in to the linked account a launch token was issued for (once), and works
    /// in that account from then on, across this tab's reloads.
    pub async fn redeem_launch(&self, token: &str) -> Result<Session, ApiError> {
        let request = LaunchRequest {
            token: token.to_owned(),
        };
        let session: Session = self
            .send(ApiRequest::to(Endpoint::RedeemLaunch, &[]).body(&request))
            .await?;
        crate::tab_account::remember(&session.account.id);
        if let Transport::Http(h) = &self.transport {
            h.set_account(session.account.id.clone());
        }
        self.remember(&session);
        Ok(session)
    }

    /// Ends the session.
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        self.send_raw(ApiRequest::to(Endpoint::SignOut, &[]))
            .await
            .map(drop)
    }

    /// What the Add User wizard needs of the account: spare inventory, taken emails and
    /// extensions, roles, catalog and addresses.
    pub async fn add_users_view(&self) -> Result<AddUsersView, ApiError> {
        self.get(Endpoint::AddUsersView, &[]).await
    }

    /// Adds a batch of users; `idempotency_key` identifies this submit across retries.
    pub async fn add_users(
        &self,
        request: &AddUsersRequest,
        idempotency_key: &str,
    ) -> Result<AddUsersResult, ApiError> {
        self.post_once(Endpoint::AddUsers, &[], request, idempotency_key)
            .await
    }

    /// What a user holds, what could be given to them, and what a removal deletes.
    pub async fn user_licenses(&self, id: u32) -> Result<UserLicenses, ApiError> {
        self.get(Endpoint::UserLicenses, &[&id.to_string()]).await
    }

    /// One user's page: their row of the Users list, what they hold, what deleting them loses.
    pub async fn user(&self, id: u32) -> Result<UserDetail, ApiError> {
        self.get(Endpoint::User, &[&id.to_string()]).await
    }

    /// Deletes the user `id`, seen at `version`; what they held goes back to inventory.
    pub async fn delete_user(
        &self,
        id: u32,
        version: u32,
        idempotency_key: &str,
    ) -> Result<UserDeleted, ApiError> {
        let request = ApiRequest::to(Endpoint::DeleteUser, &[&id.to_string()]);
        self.send(request.seen(version).once(idempotency_key)).await
    }

    /// Sends the user `id`, seen at `version`, the welcome email with a new activation link:
    /// now, or at `send_at_unix`.
    pub async fn send_invite(
        &self,
        id: u32,
        version: u32,
        send_at_unix: Option<u64>,
        idempotency_key: &str,
    ) -> Result<User, ApiError> {
        let request = ApiRequest::to(Endpoint::SendInvite, &[&id.to_string()]);
        let invite = InviteRequest { send_at_unix };
        self.send(request.body(&invite).seen(version).once(idempotency_key))
            .await
    }

    /// Cancels the scheduled invite of the user `id`, seen at `version`.
    pub async fn cancel_invite(
        &self,
        id: u32,
        version: u32,
        idempotency_key: &str,
    ) -> Result<User, ApiError> {
        let request = ApiRequest::to(Endpoint::CancelInvite, &[&id.to_string()]);
        self.send(request.seen(version).once(idempotency_key)).await
    }

    /// Gives the user `id`, seen at `version`, a phone and a number.
    pub async fn equip_user(
        &self,
        id: u32,
        request: &EquipmentRequest,
        version: u32,
        idempotency_key: &str,
    ) -> Result<User, ApiError> {
        let request_to = ApiRequest::to(Endpoint::EquipUser, &[&id.to_string()]);
        self.send(request_to.body(request).seen(version).once(idempotency_key))
            .await
    }

    /// Sets the name, email, extension, site, cost center and role of the user `id`, seen at
    /// `version`.
    pub async fn edit_details(
        &self,
        id: u32,
        details: &UserDetails,
        version: u32,
        idempotency_key: &str,
    ) -> Result<User, ApiError> {
        let request = ApiRequest::to(Endpoint::EditDetails, &[&id.to_string()]);
        self.send(request.body(details).seen(version).once(idempotency_key))
            .await
    }

    /// Takes phones and numbers back from the user `id`, seen at `version`, into inventory.
    pub async fn release_equipment(
        &self,
        id: u32,
        release: &ReleaseRequest,
        version: u32,
        idempotency_key: &str,
    ) -> Result<User, ApiError> {
        let request = ApiRequest::to(Endpoint::ReleaseEquipment, &[&id.to_string()]);
        self.send(request.body(release).seen(version).once(idempotency_key))
            .await
    }

    /// Activates the user `id`, seen at `version`, with the credentials the admin assigns.
    pub async fn activate_user(
        &self,
        id: u32,
        activation: &Activation,
        version: u32,
        idempotency_key: &str,
    ) -> Result<User, ApiError> {
        let request = ApiRequest::to(Endpoint::ActivateUser, &[&id.to_string()]);
        self.send(request.body(activation).seen(version).once(idempotency_key))
            .await
    }

    /// Sets a user's type and add-ons as the admin saw them at `version`.
    pub async fn edit_licenses(
        &self,
        id: u32,
        edit: &EditLicenses,
        version: u32,
        idempotency_key: &str,
    ) -> Result<User, ApiError> {
        let request = ApiRequest::to(Endpoint::EditLicenses, &[&id.to_string()]);
        self.send(request.body(edit).seen(version).once(idempotency_key))
            .await
    }

    /// One page of the linked accounts matching `q`, with their services' status.
    pub async fn linked_accounts(&self, q: &str, page: u32) -> Result<Page<AccountRow>, ApiError> {
        let query = vec![("q", q.to_owned()), ("page", page.to_string())];
        self.send(ApiRequest::to(Endpoint::Accounts, &[]).query(query))
            .await
    }

    /// A one-time token that opens linked account `id` in a new tab. Each call issues its own,
    /// so a retry is harmless.
    pub async fn launch_account(&self, id: &str) -> Result<LaunchGrant, ApiError> {
        self.send(ApiRequest::to(Endpoint::IssueLaunch, &[id]))
            .await
    }

    /// Links another account with its admin's credentials.
    pub async fn link_account(
        &self,
        request: &LinkRequest,
        idempotency_key: &str,
    ) -> Result<LinkedAccount, ApiError> {
        self.post_once(Endpoint::LinkAccount, &[], request, idempotency_key)
            .await
    }

    /// Renames the linked account `id` the admin saw at `version`.
    pub async fn rename_account(
        &self,
        id: &str,
        request: &RenameAccount,
        version: u32,
        idempotency_key: &str,
    ) -> Result<LinkedAccount, ApiError> {
        let rename = ApiRequest::to(Endpoint::RenameAccount, &[id]);
        self.send(rename.body(request).seen(version).once(idempotency_key))
            .await
    }

    /// Every Mobile user with this billing cycle's calls.
    pub async fn mobile_users(&self) -> Result<MobileUsers, ApiError> {
        self.get(Endpoint::MobileUsers, &[]).await
    }

    /// Deletes Mobile users as the admin saw them, all or nothing.
    pub async fn delete_mobile_users(
        &self,
        request: &DeleteMobileUsers,
        idempotency_key: &str,
    ) -> Result<MobileUsersDeleted, ApiError> {
        self.post_once(Endpoint::DeleteMobileUsers, &[], request, idempotency_key)
            .await
    }

    /// Replaces the Mobile user `id`, seen at `version`, with a DigitalLine.
    pub async fn replace_with_digital_line(
        &self,
        id: u32,
        request: &DigitalLineRequest,
        version: u32,
        idempotency_key: &str,
    ) -> Result<User, ApiError> {
        let line = ApiRequest::to(Endpoint::DigitalLine, &[&id.to_string()]);
        self.send(line.body(request).seen(version).once(idempotency_key))
            .await
    }

    /// Licenses & Inventory: totals per type.
    pub async fn inventory(&self) -> Result<Vec<InventoryLine>, ApiError> {
        self.get(Endpoint::Inventory, &[]).await
    }

    /// One page of a type's items (of every type when `None`) with their holders.
    pub async fn inventory_items(
        &self,
        kind: Option<InventoryType>,
        query: &ItemsQuery,
    ) -> Result<Page<InventoryItem>, ApiError> {
        let scope = kind.map_or("all", InventoryType::slug);
        let request = ApiRequest::to(Endpoint::InventoryItems, &[scope]);
        self.send(request.query(query.to_pairs())).await
    }

    /// Every item matching `query` (all pages), for a download.
    pub async fn all_inventory_items(
        &self,
        kind: Option<InventoryType>,
        query: &ItemsQuery,
    ) -> Result<Vec<InventoryItem>, ApiError> {
        let mut q = ItemsQuery {
            page: 1,
            per_page: 1000,
            ..query.clone()
        };
        let mut items = Vec::new();
        loop {
            let page = self.inventory_items(kind, &q).await?;
            let done = q.page * q.per_page >= page.total;
            items.extend(page.items);
            if done {
                return Ok(items);
            }
            q.page += 1;
        }
    }

    /// What checking a bulk file needs.
    pub async fn bulk_view(&self) -> Result<BulkView, ApiError> {
        self.get(Endpoint::BulkView, &[]).await
    }

    /// Submits a bulk file's rows as a background job, once however often it is retried with
    /// the key.
    pub async fn create_job(
        &self,
        request: &NewJob,
        idempotency_key: &str,
    ) -> Result<JobSummary, ApiError> {
        self.post_once(Endpoint::CreateJob, &[], request, idempotency_key)
            .await
    }

    /// Every bulk job, newest first.
    pub async fn jobs(&self) -> Result<Vec<JobSummary>, ApiError> {
        self.get(Endpoint::Jobs, &[]).await
    }

    /// One job's progress.
    pub async fn job(&self, id: u32) -> Result<JobSummary, ApiError> {
        self.get(Endpoint::Job, &[&id.to_string()]).await
    }

    /// Every row of a job with its outcome.
    pub async fn job_report(&self, id: u32) -> Result<JobReport, ApiError> {
        self.get(Endpoint::JobReport, &[&id.to_string()]).await
    }

    /// "Send to email": the Download list as a message in the outbox.
    pub async fn send_export(
        &self,
        request: &ExportRequest,
        idempotency_key: &str,
    ) -> Result<OutboxEntry, ApiError> {
        self.post_once(Endpoint::Export, &[], request, idempotency_key)
            .await
    }

    /// The outbox, newest first.
    pub async fn outbox(&self) -> Result<Vec<OutboxEntry>, ApiError> {
        self.get(Endpoint::Outbox, &[]).await
    }

    /// One outbox message with its attachment.
    pub async fn outbox_message(&self, id: u32) -> Result<OutboxMessage, ApiError> {
        self.get(Endpoint::OutboxMessage, &[&id.to_string()]).await
    }

    /// A change answered with how many things it changed (license and number changes,
    /// unlinking accounts), once however often it is retried with the same `idempotency_key`.
    pub async fn post_change(
        &self,
        endpoint: Endpoint,
        body: &impl serde::Serialize,
        idempotency_key: &str,
    ) -> Result<Changed, ApiError> {
        self.post_once(endpoint, &[], body, idempotency_key).await
    }

    /// A read of `endpoint` with `params` in its path.
    async fn get<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        params: &[&str],
    ) -> Result<T, ApiError> {
        self.send(ApiRequest::to(endpoint, params)).await
    }

    /// A change of `body` to `endpoint` that acts once however often it is retried with the key.
    async fn post_once<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        params: &[&str],
        body: &impl serde::Serialize,
        idempotency_key: &str,
    ) -> Result<T, ApiError> {
        let request = ApiRequest::to(endpoint, params).body(body);
        self.send(request.once(idempotency_key)).await
    }

    /// Keeps the session's CSRF token for the changes that follow.
    fn remember(&self, session: &Session) {
        if let Transport::Http(h) = &self.transport {
            h.set_csrf_token(session.csrf_token.clone());
        }
    }

    /// Sites and cost centers, for filters and pickers.
    pub async fn directory(&self) -> Result<Directory, ApiError> {
        self.get(Endpoint::Directory, &[]).await
    }

    /// One page of the Users list.
    pub async fn users(&self, query: &UsersQuery) -> Result<Page<UserRow>, ApiError> {
        let request = ApiRequest::to(Endpoint::Users, &[]).query(query.to_pairs());
        self.send(request).await
    }

    /// Changes a user the admin saw at `version`; `idempotency_key` identifies this one change
    /// across retries.
    pub async fn patch_user(
        &self,
        id: u32,
        patch: &UserPatch,
        version: u32,
        idempotency_key: &str,
    ) -> Result<User, ApiError> {
        let request = ApiRequest::to(Endpoint::PatchUser, &[&id.to_string()]);
        self.send(request.body(patch).seen(version).once(idempotency_key))
            .await
    }
}

/// `answer`, or a timeout error once `ms` pass without one. The request itself may still
/// arrive: changes carry idempotency keys, so trying again is safe.
async fn within(
    ms: u32,
    answer: impl Future<Output = Result<String, ApiError>>,
) -> Result<String, ApiError> {
    let timer = gloo_timers::future::TimeoutFuture::new(ms);
    match select(pin!(answer), timer).await {
        Either::Left((result, _)) => result,
        Either::Right(((), _)) => Err(ApiError::new(
            0,
            "timeout",
            format!(
                "The server didn't answer within {} seconds. Check your connection and try again.",
                ms.div_ceil(1000)
            ),
        )),
    }
}

/// A rate limit's message says when to try again (`Retry-After`), unless it already does.
fn say_when_to_retry(mut error: ApiError) -> ApiError {
    if let (429, Some(secs)) = (error.status, error.retry_after_secs) {
        if !error.message.contains("Try again in") {
            let unit = if secs == 1 { "second" } else { "seconds" };
            error.message = format!("{} Try again in {secs} {unit}.", error.message);
        }
    }
    error
}

/// A fresh idempotency key: one per admin action, reused when that action is retried. A
/// random UUID from `crypto` (`randomUUID` where the page is a secure context, else the same
/// 122 random bits from `getRandomValues`, which every context has), so two admins' keys never
/// meet.
pub fn new_idempotency_key() -> String {
    let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) else {
        // No window crypto at all (never in a browser that runs this app): time and Math.random.
        let now = js_sys::Date::now() as u64;
        let random = (js_sys::Math::random() * 1e15) as u64;
        return format!("{now:x}-{random:x}");
    };
    if js_sys::Reflect::has(&crypto, &"randomUUID".into()).unwrap_or(false) {
        return crypto.random_uuid();
    }
    let mut bytes = [0u8; 16];
    let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The key for sending `body`: the one kept in `sent` when it is the body sent last (a retry
/// acts once), else a fresh one (a corrected body is a new change). Keeps the pair.
pub fn key_for<T: PartialEq + Clone + Send + Sync + 'static>(
    sent: StoredValue<Option<(T, String)>>,
    body: T,
) -> (T, String) {
    if !sent.with_value(|last| last.as_ref().is_some_and(|(b, _)| *b == body)) {
        sent.set_value(Some((body, new_idempotency_key())));
    }
    sent.get_value().expect("just set")
}

/// Context wrapper so the client (not `Send`) can live in the reactive tree.
#[derive(Clone, Copy)]
struct ApiContext(StoredValue<ApiClient, LocalStorage>);

/// Makes `client` the API for this subtree.
pub fn provide_api(client: ApiClient) {
    provide_context(ApiContext(StoredValue::new_local(client)));
}

/// The API client provided by [`provide_api`].
pub fn use_api() -> ApiClient {
    expect_context::<ApiContext>().0.get_value()
}
