//! Building in-app URLs: query strings, and links under the base path.

use leptos::prelude::use_context;

/// `path?k=v&…` with the values percent-encoded; just `path` when there are no pairs.
pub fn with_query(path: &str, pairs: &[(&'static str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
        .collect();
    format!("{path}?{}", query.join("&"))
}

/// The path the app is served under (empty at the root), for the addresses it builds itself
/// rather than through the router (a new tab's).
#[derive(Clone, Debug)]
pub struct BasePath(pub String);

/// `path` (absolute within the app, like `/licenses`) as a link's `href` under the base path.
/// The router prefixes the base path when it navigates, but not in `<A href>`.
pub fn href(path: &str) -> String {
    let base = use_context::<BasePath>().map(|b| b.0).unwrap_or_default();
    format!("{base}{path}")
}
