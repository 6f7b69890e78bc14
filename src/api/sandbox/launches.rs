//! The sandbox's launch tokens, kept in localStorage so the tab the portal's tab opens (same
//! browser, same origin) can redeem one, once.

use std::collections::HashMap;

use domain::accounts::launch::IssuedLaunch;

const KEY: &str = "switchboard.sandbox.v1.launches";

fn read() -> HashMap<String, IssuedLaunch> {
    crate::storage::local()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn write(launches: &HashMap<String, IssuedLaunch>) {
    if let (Some(storage), Ok(json)) = (crate::storage::local(), serde_json::to_string(launches)) {
        let _ = storage.set_item(KEY, &json);
    }
}

/// Keeps `issued` under `token`, dropping tokens that expired by `now_unix`.
pub fn issue(token: String, issued: IssuedLaunch, now_unix: u64) {
    let mut launches = read();
    launches.retain(|_, l| l.expires_at > now_unix);
    launches.insert(token, issued);
    write(&launches);
}

/// Takes the launch kept under `token`, so it can't be redeemed again.
pub fn take(token: &str) -> Option<IssuedLaunch> {
    let mut launches = read();
    let taken = launches.remove(token);
    if taken.is_some() {
        write(&launches);
    }
    taken
}

/// 32 random bytes from the browser's cryptographic source, in hex: the sandbox's launch
/// tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
