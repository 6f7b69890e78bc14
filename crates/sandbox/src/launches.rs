//! The sandbox's launch tokens, kept on the platform so the tab the portal's tab opens (same
//! browser, same origin) can redeem one, once.

use std::collections::HashMap;

use domain::accounts::launch::IssuedLaunch;

use crate::platform::Platform;

const KEY: &str = "switchboard.sandbox.v1.launches";

fn read(platform: &impl Platform) -> HashMap<String, IssuedLaunch> {
    platform
        .load(KEY)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn write(platform: &impl Platform, launches: &HashMap<String, IssuedLaunch>) {
    if let Ok(json) = serde_json::to_string(launches) {
        platform.save(KEY, &json);
    }
}

/// Keeps `issued` under a new token, dropping tokens that expired; returns the token.
pub fn issue(platform: &impl Platform, issued: &IssuedLaunch) -> String {
    let token = platform.random_token();
    let mut launches = read(platform);
    launches.retain(|_, l| l.expires_at > platform.now());
    launches.insert(token.clone(), issued.clone());
    write(platform, &launches);
    token
}

/// Takes the launch kept under `token`, so it can't be redeemed again.
pub fn take(platform: &impl Platform, token: &str) -> Option<IssuedLaunch> {
    let mut launches = read(platform);
    let taken = launches.remove(token);
    if taken.is_some() {
        write(platform, &launches);
    }
    taken
}
