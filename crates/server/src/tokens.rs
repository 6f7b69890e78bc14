//! Where a request's session secret travels: the session cookies (one name per account a tab
//! works in, `__Host-` prefixed over HTTPS) and the bearer token.

use axum::http::HeaderMap;

/// How long a cookie session lasts.
pub const COOKIE_TTL_SECS: u64 = 12 * 60 * 60;
/// Name of the session cookie.
pub const COOKIE: &str = "sb_session";

/// The name of the session cookie of a tab opened in linked account `id` (the portal's own is
/// [`COOKIE`]), so the portal's tab keeps its session beside it.
pub fn cookie_for(id: &str) -> String {
    format!("{COOKIE}_{id}")
}

/// The name cookie `base` has on a request over HTTPS (`__Host-` prefixed) or plain HTTP.
pub fn cookie_name(base: &str, https: bool) -> String {
    if https {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

/// The `Set-Cookie` value that starts (or, with an empty secret, ends) a cookie session of the
/// cookie `base` (named for `https` by [`cookie_name`]).
pub fn session_cookie(base: &str, secret: &str, https: bool) -> String {
    let max_age = if secret.is_empty() {
        0
    } else {
        COOKIE_TTL_SECS
    };
    format!(
        "{}={secret}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        cookie_name(base, https),
        if https { "; Secure" } else { "" }
    )
}

/// The bearer token of the `Authorization` header.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty())
        .then(|| token.trim().to_owned())
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    cookies(headers)
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// Every `name=value` pair of the request's `Cookie` headers.
pub fn cookies(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
}
