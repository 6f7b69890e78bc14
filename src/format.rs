//! How times and sizes read in the console.

/// A time (seconds since the Unix epoch) in the browser's time zone.
pub fn local_time(unix: u64) -> String {
    let date = js_sys::Date::new(&((unix as f64) * 1000.0).into());
    String::from(date.to_locale_string("en-US", &wasm_bindgen::JsValue::UNDEFINED))
}

/// A date (Unix seconds) as "Dec 1, 2026", in the browser's time zone.
pub fn local_day(unix: u64) -> String {
    let date = js_sys::Date::new(&((unix as f64) * 1000.0).into());
    let options = js_sys::Object::new();
    for (key, value) in [("month", "short"), ("day", "numeric"), ("year", "numeric")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    String::from(date.to_locale_date_string("en-US", &options))
}

/// A time of day (milliseconds since the Unix epoch) in the browser's time zone, like
/// "10:32:15 AM".
pub fn local_time_of_day(unix_ms: f64) -> String {
    let date = js_sys::Date::new(&unix_ms.into());
    String::from(date.to_locale_time_string("en-US"))
}

/// A size in bytes as people read it.
pub fn size(bytes: u32) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KB", f64::from(bytes) / 1024.0),
        _ => format!("{:.1} MB", f64::from(bytes) / 1_048_576.0),
    }
}
