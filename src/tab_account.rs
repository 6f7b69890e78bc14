//! The account this tab works in when it was opened from Accounts: kept in sessionStorage, so
//! it is this tab's alone and survives its reloads, while other tabs stay in the portal's
//! account. And the one-time launch token such a tab is opened with.

use domain::accounts::launch::token_in_fragment;

const KEY: &str = "switchboard.tab-account";

/// The linked account this tab was opened in, if any.
pub fn current() -> Option<String> {
    crate::storage::session()?
        .get_item(KEY)
        .ok()
        .flatten()
        .filter(|id| !id.is_empty())
}

/// Keeps `id` as this tab's account.
pub fn remember(id: &str) {
    if let Some(storage) = crate::storage::session() {
        let _ = storage.set_item(KEY, id);
    }
}

/// Returns this tab to the portal's own account.
pub fn forget() {
    if let Some(storage) = crate::storage::session() {
        let _ = storage.remove_item(KEY);
    }
}

/// On `<base>/launch#token=…`, the token, after taking it out of the address bar (and the
/// history) so it can't be copied, bookmarked or sent on; the page becomes `<base>/`.
pub fn take_launch_token(base_path: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let path = location.pathname().ok()?;
    if path.trim_end_matches('/') != format!("{base_path}/launch") {
        return None;
    }
    let token = token_in_fragment(&location.hash().ok()?).map(str::to_owned);
    let home = format!("{base_path}/");
    let _ = window.history().ok()?.replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&home),
    );
    token
}
