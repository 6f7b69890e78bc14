//! The HTTP transport: JSON over fetch (gloo-net) to the reference server or a host portal.

use std::cell::RefCell;
use std::rc::Rc;

use domain::accounts::launch::ACCOUNT_HEADER;
use domain::ApiError;
use gloo_net::http::{Method as HttpMethod, RequestBuilder};

use super::{ApiRequest, Method};

/// Sends API requests to `base` (empty for same origin), signed with the session cookie and
/// its CSRF token, or with a bearer token the host page handed over.
#[derive(Clone, Debug)]
pub struct HttpTransport {
    base: String,
    bearer: Option<String>,
    csrf_token: Rc<RefCell<Option<String>>>,
    /// The linked account this tab works in (opened from Accounts), sent with every request.
    account: Rc<RefCell<Option<String>>>,
}

impl HttpTransport {
    /// `account`: the linked account this tab was opened in, if any.
    pub fn new(base: impl Into<String>, bearer: Option<String>, account: Option<String>) -> Self {
        Self {
            base: base.into(),
            bearer,
            csrf_token: Rc::default(),
            account: Rc::new(RefCell::new(account)),
        }
    }

    /// From now on, works in linked account `id` (this tab was just opened in it).
    pub fn set_account(&self, id: String) {
        *self.account.borrow_mut() = Some(id);
    }

    /// The token sent in `X-CSRF-Token` with every change (cookie sessions).
    pub fn set_csrf_token(&self, token: Option<String>) {
        *self.csrf_token.borrow_mut() = token;
    }

    /// Sends the request; a non-2xx answer becomes the server's [`ApiError`] body, or the
    /// canonical one for its status when the body is not one.
    pub async fn send(&self, request: &ApiRequest) -> Result<String, ApiError> {
        let url = format!("{}{}", self.base, request.path);
        let mut builder = RequestBuilder::new(&url)
            .method(match request.method {
                Method::Get => HttpMethod::GET,
                Method::Post => HttpMethod::POST,
                Method::Patch => HttpMethod::PATCH,
                Method::Put => HttpMethod::PUT,
                Method::Delete => HttpMethod::DELETE,
            })
            .query(request.query.iter().map(|(k, v)| (*k, v.as_str())))
            .header("Accept", "application/json");
        if let Some(token) = &self.bearer {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        } else if request.method != Method::Get {
            if let Some(csrf) = self.csrf_token.borrow().as_deref() {
                builder = builder.header("X-CSRF-Token", csrf);
            }
        }
        if let Some(account) = self.account.borrow().as_deref() {
            builder = builder.header(ACCOUNT_HEADER, account);
        }
        if let Some(version) = request.if_match {
            builder = builder.header("If-Match", &format!("\"{version}\""));
        }
        if let Some(key) = &request.idempotency_key {
            builder = builder.header("Idempotency-Key", key);
        }
        let response = match &request.body {
            Some(body) => {
                builder
                    .header("Content-Type", "application/json")
                    .body(body.clone())
                    .map_err(|e| ApiError::new(0, "bad_request", e.to_string()))?
                    .send()
                    .await
            }
            None => builder.send().await,
        }
        .map_err(|_| {
            ApiError::network("Can't reach the server. Check your connection and try again.")
        })?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok());
        let text = response.text().await.unwrap_or_default();
        if (200..300).contains(&status) {
            Ok(text)
        } else {
            let mut error = serde_json::from_str::<ApiError>(&text)
                .unwrap_or_else(|_| ApiError::from_status(status));
            error.retry_after_secs = error.retry_after_secs.or(retry_after);
            Err(error)
        }
    }
}
