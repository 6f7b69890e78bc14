//! Where a request's session secret travels: the session cookies (one name per account a tab
//! works in, `__Host-` prefixed over HTTPS) and the bearer token.

use axum::http::HeaderMap;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use axum_extra::headers::authorization::{Authorization, Bearer};
use axum_extra::headers::HeaderMapExt;

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

/// The cookie that starts (or, with an empty secret, ends) a cookie session of the cookie
/// `base` (named for `https` by [`cookie_name`]).
pub fn session_cookie(base: &str, secret: &str, https: bool) -> Cookie<'static> {
    let max_age = if secret.is_empty() {
        0
    } else {
        COOKIE_TTL_SECS
    };
    Cookie::build((cookie_name(base, https), secret.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(time::Duration::seconds(max_age as i64))
        .secure(https)
        .build()
}

/// The bearer token of the `Authorization` header.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let token = headers.typed_get::<Authorization<Bearer>>()?;
    let token = token.token().trim();
    (!token.is_empty()).then(|| token.to_owned())
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(name)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

/// The request's session cookies (of this tab's account or a linked one), by name.
pub fn session_cookies(headers: &HeaderMap) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = CookieJar::from_headers(headers)
        .iter()
        .filter(|c| c.name().trim_start_matches("__Host-").starts_with(COOKIE))
        .map(|c| (c.name().to_owned(), c.value().to_owned()))
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_cookie_is_host_only_http_only_and_strict() {
        let set = session_cookie(COOKIE, "s3cret", true).to_string();
        for part in [
            "__Host-sb_session=s3cret",
            "HttpOnly",
            "SameSite=Strict",
            "Secure",
            "Path=/",
            "Max-Age=43200",
        ] {
            assert!(set.contains(part), "{part} in {set}");
        }
        let ended = session_cookie(COOKIE, "", false).to_string();
        assert!(ended.starts_with("sb_session=;") && ended.contains("Max-Age=0"));
        assert!(!ended.contains("Secure"), "{ended}");
    }

    #[test]
    fn bearer_tokens_and_session_cookies_are_read_from_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "bearer abc".parse().unwrap());
        headers.insert(
            "cookie",
            "a=1; sb_session_acc2=two; sb_session=one".parse().unwrap(),
        );
        assert_eq!(bearer(&headers).as_deref(), Some("abc"));
        assert_eq!(cookie(&headers, "sb_session").as_deref(), Some("one"));
        assert_eq!(
            session_cookies(&headers)[0],
            ("sb_session".to_owned(), "one".to_owned())
        );
        headers.insert("authorization", "Bearer  ".parse().unwrap());
        assert_eq!(bearer(&headers), None);
        headers.insert("authorization", "Basic abc".parse().unwrap());
        assert_eq!(bearer(&headers), None);
    }
}
