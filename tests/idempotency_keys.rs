//! Idempotency keys in the browser: random UUIDs, never repeated.

use std::collections::HashSet;

use switchboard::api::new_idempotency_key;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn keys_are_random_uuids_and_never_repeat() {
    let keys: HashSet<String> = (0..2_000).map(|_| new_idempotency_key()).collect();
    assert_eq!(keys.len(), 2_000);
    for key in &keys {
        let parts: Vec<&str> = key.split('-').collect();
        let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12], "{key}");
        assert!(
            key.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
            "{key}"
        );
        assert!(parts[2].starts_with('4'), "version 4: {key}");
    }
}
