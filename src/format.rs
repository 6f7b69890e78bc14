//! How money, times and sizes read in the console: amounts and dates through the browser's
//! `Intl`, in the admin's own locale and time zone.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// The currency every price of the API is in (cents of it).
const CURRENCY: &str = "USD";

/// The admin's preferred locales, as the browser reports them (empty: the browser's default).
fn locales() -> Array {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .unwrap_or_default()
}

/// An options object for `Intl` from string pairs.
fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    options
}

/// An amount of cents as the admin's locale writes money, like "$1,234.50".
pub fn money(cents: u64) -> String {
    let format = Intl::NumberFormat::new(
        &locales(),
        &options(&[("style", "currency"), ("currency", CURRENCY)]),
    );
    let amount = JsValue::from_f64(cents as f64 / 100.0);
    format
        .format()
        .call1(&format, &amount)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("${}.{:02}", cents / 100, cents % 100))
}

/// A time (milliseconds since the Unix epoch) written with these `Intl.DateTimeFormat`
/// options, in the admin's locale and time zone.
fn date_time(unix_ms: f64, pairs: &[(&str, &str)]) -> String {
    let format = Intl::DateTimeFormat::new(&locales(), &options(pairs));
    let date = js_sys::Date::new(&unix_ms.into());
    format
        .format()
        .call1(&format, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A time (seconds since the Unix epoch), date and time of day.
pub fn local_time(unix: u64) -> String {
    date_time(
        unix as f64 * 1000.0,
        &[
            ("year", "numeric"),
            ("month", "numeric"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "2-digit"),
            ("second", "2-digit"),
        ],
    )
}

/// A date (Unix seconds) as "Dec 1, 2026".
pub fn local_day(unix: u64) -> String {
    date_time(
        unix as f64 * 1000.0,
        &[("month", "short"), ("day", "numeric"), ("year", "numeric")],
    )
}

/// A time of day (milliseconds since the Unix epoch), like "10:32:15 AM".
pub fn local_time_of_day(unix_ms: f64) -> String {
    date_time(
        unix_ms,
        &[
            ("hour", "numeric"),
            ("minute", "2-digit"),
            ("second", "2-digit"),
        ],
    )
}

/// A size in bytes as people read it.
pub fn size(bytes: u32) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KB", f64::from(bytes) / 1024.0),
        _ => format!("{:.1} MB", f64::from(bytes) / 1_048_576.0),
    }
}

/// `n` with the word for one or for many: "1 phone", "3 phones".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `YYYY-MM-DDTHH:MM` in the browser's time zone, for a `datetime-local` input.
pub fn local_input_value(unix: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A `datetime-local` value (the browser's time zone) as Unix seconds.
pub fn parse_local(value: &str) -> Option<u64> {
    let ms = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value)).get_time();
    (ms.is_finite() && ms > 0.0).then(|| (ms / 1000.0) as u64)
}

/// The browser's IANA time zone, like `Europe/Berlin`: the admin's, for times they pick.
pub fn time_zone() -> String {
    let resolved = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&resolved, &"timeZone".into())
        .ok()
        .and_then(|z| z.as_string())
        .unwrap_or_default()
}
