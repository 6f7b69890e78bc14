//! Configuration from the host page: a `<script type="application/json" id="switchboard-config">`
//! block, or `data-*` attributes on the mount element. No configuration means sandbox mode, so a
//! plain static deploy is a working demo. Bad values are reported, never fatal.

use domain::seed::Dataset;
use serde::Deserialize;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

/// Where API calls go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The in-browser implementation of the API with seeded data.
    Sandbox,
    /// HTTP calls to `api_base`.
    Live,
}

/// The app's settings after reading the host page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub mode: Mode,
    /// Prefix of API paths in live mode, e.g. `""` (same origin) or `https://portal.example/pbx`.
    pub api_base: String,
    /// Where the app's routes live, e.g. `""` or `/admin/phone`.
    pub base_path: String,
    /// CSS selector of the element the app mounts into; the body when none matches.
    pub mount: String,
    /// Sandbox: which seeded data set.
    pub dataset: Dataset,
    /// Sandbox: simulated latency of every request.
    pub latency_ms: u32,
    /// How long a request may go unanswered before the app says so (both modes).
    pub timeout_ms: u32,
    /// Live: a bearer token the host page signed the admin in with (no sign-in form then).
    pub auth_token: Option<String>,
    /// Embedded in an iframe: the origins of the host portal that may hand over the session
    /// token by `postMessage` (see `embed`). Empty: not waiting for one.
    pub parent_origins: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            mode: Mode::Sandbox,
            api_base: String::new(),
            base_path: String::new(),
            mount: "#switchboard".into(),
            dataset: Dataset::Standard,
            latency_ms: 150,
            timeout_ms: 20_000,
            auth_token: None,
            parent_origins: Vec::new(),
        }
    }
}

/// The JSON block's shape; every key optional.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawConfig {
    mode: Option<String>,
    api_base: Option<String>,
    base_path: Option<String>,
    mount: Option<String>,
    dataset: Option<String>,
    latency_ms: Option<serde_json::Value>,
    timeout_ms: Option<serde_json::Value>,
    auth_token: Option<String>,
    parent_origins: Option<Vec<String>>,
}

const SCRIPT_ID: &str = "switchboard-config";
/// Where the chosen sandbox dataset is remembered, so `?dataset=large` survives navigation.
const DATASET_KEY: &str = "switchboard.sandbox.dataset";

impl Config {
    /// Reads the configuration from the page. Returns it with the problems found, each a
    /// sentence for the console and the on-screen notice.
    pub fn from_page(document: &Document) -> (Config, Vec<String>) {
        let mut problems = Vec::new();
        let mut raw = RawConfig::default();
        if let Some(script) = document.get_element_by_id(SCRIPT_ID) {
            let text = script.text_content().unwrap_or_default();
            match serde_json::from_str::<RawConfig>(&text) {
                Ok(parsed) => raw = parsed,
                Err(e) => problems.push(format!(
                    "The #{SCRIPT_ID} block is not valid configuration JSON: {e}."
                )),
            }
        }
        let mount = raw.mount.clone().unwrap_or_else(|| Config::default().mount);
        if let Some(el) = query(document, &mount) {
            let data = el.dataset();
            raw.mode = raw.mode.or_else(|| data.get("mode"));
            raw.api_base = raw.api_base.or_else(|| data.get("apiBase"));
            raw.base_path = raw.base_path.or_else(|| data.get("basePath"));
            raw.dataset = raw.dataset.or_else(|| data.get("dataset"));
            raw.latency_ms = raw
                .latency_ms
                .or_else(|| data.get("latencyMs").map(serde_json::Value::String));
            raw.timeout_ms = raw
                .timeout_ms
                .or_else(|| data.get("timeoutMs").map(serde_json::Value::String));
        } else if raw.mount.is_some() {
            problems.push(format!(
                "No element matches mount \"{mount}\"; the app is shown in the page body."
            ));
        }
        let url = UrlOverrides::read();
        let (config, more) = Config::resolve(raw, mount, url, stored_dataset());
        problems.extend(more);
        if config.mode == Mode::Sandbox {
            remember_dataset(config.dataset);
        }
        (config, problems)
    }

    fn resolve(
        raw: RawConfig,
        mount: String,
        url: UrlOverrides,
        stored: Option<String>,
    ) -> (Config, Vec<String>) {
        let mut problems = Vec::new();
        let mut c = Config {
            mount,
            ..Config::default()
        };
        match raw.mode.as_deref() {
            None | Some("sandbox") => {}
            Some("live") => c.mode = Mode::Live,
            Some(other) => problems.push(format!(
                "Unknown mode \"{other}\" (use \"sandbox\" or \"live\"); running in sandbox mode."
            )),
        }
        c.auth_token = raw.auth_token.filter(|t| !t.trim().is_empty());
        for origin in raw.parent_origins.unwrap_or_default() {
            match crate::embed::origin_problem(&origin) {
                None => c.parent_origins.push(origin),
                Some(problem) => problems.push(problem),
            }
        }
        if let Some(base) = raw.api_base {
            c.api_base = base.trim_end_matches('/').to_owned();
        }
        if let Some(path) = raw.base_path {
            let trimmed = path.trim_end_matches('/');
            if !trimmed.is_empty() && !trimmed.starts_with('/') {
                problems.push(format!(
                    "basePath \"{path}\" must start with \"/\"; using \"/{trimmed}\"."
                ));
                c.base_path = format!("/{trimmed}");
            } else {
                c.base_path = trimmed.to_owned();
            }
        }
        for (source, value) in [
            ("URL", url.dataset),
            ("configuration", raw.dataset),
            ("saved", stored),
        ] {
            if let Some(value) = value {
                match Dataset::from_slug(&value) {
                    Some(d) => {
                        c.dataset = d;
                        break;
                    }
                    None => problems.push(format!("Unknown dataset \"{value}\" in the {source} (use \"standard\" or \"large\").")),
                }
            }
        }
        let text = |v: serde_json::Value| v.to_string().trim_matches('"').to_owned();
        let latency = url.latency.or(raw.latency_ms.map(text));
        milliseconds(
            latency,
            "latencyMs",
            0..=30_000,
            &mut c.latency_ms,
            &mut problems,
        );
        let timeout = url.timeout.or(raw.timeout_ms.map(text));
        milliseconds(
            timeout,
            "timeoutMs",
            500..=120_000,
            &mut c.timeout_ms,
            &mut problems,
        );
        (c, problems)
    }
}

/// Sets `target` to `value` if it is a whole number of milliseconds in `range`; else says so.
fn milliseconds(
    value: Option<String>,
    name: &str,
    range: std::ops::RangeInclusive<u32>,
    target: &mut u32,
    problems: &mut Vec<String>,
) {
    let Some(value) = value else { return };
    match value.parse::<u32>() {
        Ok(ms) if range.contains(&ms) => *target = ms,
        _ => problems.push(format!(
            "{name} \"{value}\" must be a whole number of milliseconds from {} to {}; using {target}.",
            range.start(),
            range.end()
        )),
    }
}

/// Settings a tester can put in the address bar: `?dataset=large&latency=0&timeout=2000`.
#[derive(Default)]
struct UrlOverrides {
    dataset: Option<String>,
    latency: Option<String>,
    timeout: Option<String>,
}

impl UrlOverrides {
    fn read() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
            return Self::default();
        };
        Self {
            dataset: params.get("dataset"),
            latency: params.get("latency"),
            timeout: params.get("timeout"),
        }
    }
}

fn query(document: &Document, selector: &str) -> Option<HtmlElement> {
    document
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

fn stored_dataset() -> Option<String> {
    crate::storage::local()?
        .get_item(DATASET_KEY)
        .ok()
        .flatten()
}

fn remember_dataset(dataset: Dataset) {
    if let Some(storage) = crate::storage::local() {
        let _ = storage.set_item(DATASET_KEY, dataset.slug());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(json: &str, url: UrlOverrides) -> (Config, Vec<String>) {
        let raw: RawConfig = serde_json::from_str(json).unwrap();
        Config::resolve(raw, "#switchboard".into(), url, None)
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn no_configuration_means_sandbox_with_defaults() {
        let (c, problems) = resolve("{}", UrlOverrides::default());
        assert_eq!(c, Config::default());
        assert!(problems.is_empty());
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn bad_values_are_reported_and_replaced() {
        let (c, problems) = resolve(
            r#"{"mode":"prod","basePath":"admin/","dataset":"huge","latencyMs":"slow","timeoutMs":10}"#,
            UrlOverrides::default(),
        );
        assert_eq!(
            (
                c.mode,
                c.base_path.as_str(),
                c.dataset,
                c.latency_ms,
                c.timeout_ms
            ),
            (Mode::Sandbox, "/admin", Dataset::Standard, 150, 20_000)
        );
        assert_eq!(problems.len(), 5, "{problems:?}");
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn parent_origins_are_exact_origins() {
        let (c, problems) = resolve(
            r#"{"parentOrigins":["https://portal.example","https://portal.example/admin","*","http://127.0.0.1:4190"]}"#,
            UrlOverrides::default(),
        );
        assert_eq!(
            c.parent_origins,
            ["https://portal.example", "http://127.0.0.1:4190"]
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn url_overrides_win_over_configuration() {
        let url = UrlOverrides {
            dataset: Some("large".into()),
            latency: Some("0".into()),
            timeout: Some("1500".into()),
        };
        let (c, problems) = resolve(
            r#"{"mode":"live","apiBase":"https://pbx.example/","latencyMs":500}"#,
            url,
        );
        assert_eq!(
            (
                c.mode,
                c.api_base.as_str(),
                c.dataset,
                c.latency_ms,
                c.timeout_ms
            ),
            (Mode::Live, "https://pbx.example", Dataset::Large, 0, 1500)
        );
        assert!(problems.is_empty());
    }
}
