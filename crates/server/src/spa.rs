//! Serving the built SPA (`dist/`): every file is read at start-up and compressed (gzip, then
//! Brotli) once, on a thread of its own after the server listens, each file sent plain until its
//! compressed forms are ready; hashed assets are cached for a year, `index.html` is revalidated every time and
//! carries a strict Content-Security-Policy whose script hashes are computed from the page itself.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use domain::ApiError;
use sha2::{Digest, Sha256};

use crate::failure::Failure;

/// One file, ready to send.
struct Asset {
    raw: Vec<u8>,
    /// Worth compressing (text, wasm, over 1 KB).
    compressible: bool,
    gzip: OnceLock<Vec<u8>>,
    brotli: OnceLock<Vec<u8>>,
    content_type: String,
    cache_control: &'static str,
    etag: String,
}

/// The SPA's files and the page's security policy.
pub struct Spa {
    files: HashMap<String, Asset>,
    csp: String,
}

/// Cache policy of files whose names carry a content hash (Trunk's `name-<16 hex>.ext`).
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else is revalidated on every load, so a deploy is picked up at once.
const REVALIDATE: &str = "no-cache";

impl Spa {
    /// Reads `dir`, putting `config_json` into `index.html` as the app's configuration block.
    pub fn load(dir: &Path, config_json: &str) -> std::io::Result<Self> {
        let mut files = HashMap::new();
        let mut csp = None;
        for path in walk(dir)? {
            let relative = path.strip_prefix(dir).expect("walked under dir");
            let url = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
            let mut raw = std::fs::read(&path)?;
            let mut cache_control = if is_hashed(&url) {
                IMMUTABLE
            } else {
                REVALIDATE
            };
            if url == "/index.html" {
                let page = String::from_utf8_lossy(&raw).into_owned();
                let page = with_config(&page, config_json);
                csp = Some(content_security_policy(&page));
                raw = page.into_bytes();
                cache_control = REVALIDATE;
            }
            let content_type = mime_guess::from_path(&path)
                .first_or_octet_stream()
                .essence_str()
                .to_owned();
            let compressible = raw.len() > 1024 && is_compressible(&content_type);
            files.insert(
                url,
                Asset {
                    compressible,
                    gzip: OnceLock::new(),
                    brotli: OnceLock::new(),
                    etag: format!("\"{}\"", &hex_sha256(&raw)[..20]),
                    content_type: with_charset(content_type),
                    cache_control,
                    raw,
                },
            );
        }
        let csp = csp.ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "{} has no index.html: build the SPA first (trunk build --release)",
                    dir.display()
                ),
            )
        })?;
        Ok(Self { files, csp })
    }

    /// Compresses every file that is worth it: all with gzip first (quick), then with Brotli
    /// (slow, smallest). Requests meanwhile get whatever form is ready.
    pub fn compress_all(&self) {
        let worth: Vec<&Asset> = self.files.values().filter(|a| a.compressible).collect();
        for asset in &worth {
            asset.gzip.get_or_init(|| gzip(&asset.raw));
        }
        for asset in &worth {
            asset.brotli.get_or_init(|| brotli(&asset.raw));
        }
    }

    /// The Content-Security-Policy sent with the page.
    pub fn csp(&self) -> &str {
        &self.csp
    }

    /// Lets pages at `origins` (host portals) show the app in a frame, besides this server.
    pub fn framed_by(mut self, origins: &[String]) -> Self {
        if !origins.is_empty() {
            self.csp = self.csp.replace(
                "frame-ancestors 'self'",
                &format!("frame-ancestors 'self' {}", origins.join(" ")),
            );
        }
        self
    }

    fn respond(&self, path: &str, headers: &HeaderMap, head: bool) -> Response {
        let asset = match self.files.get(path) {
            Some(asset) => asset,
            // Client-side routes (no file extension) get the app; missing files a 404.
            None if !last_segment(path).contains('.') => &self.files["/index.html"],
            None => return (StatusCode::NOT_FOUND, "Not found").into_response(),
        };
        let mut response = if headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|v| v.as_bytes() == asset.etag.as_bytes())
        {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let accepted = headers
                .get(header::ACCEPT_ENCODING)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            let (body, encoding) = match (asset.brotli.get(), asset.gzip.get()) {
                (Some(br), _) if accepts(accepted, "br") => (br, Some("br")),
                (_, Some(gz)) if accepts(accepted, "gzip") => (gz, Some("gzip")),
                _ => (&asset.raw, None),
            };
            let mut response = if head {
                Body::empty().into_response()
            } else {
                Body::from(body.clone()).into_response()
            };
            let h = response.headers_mut();
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
            if let Some(encoding) = encoding {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&asset.content_type).expect("a mime type"),
            );
            response
        };
        let h = response.headers_mut();
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(asset.cache_control),
        );
        h.insert(
            header::ETAG,
            HeaderValue::from_str(&asset.etag).expect("hex"),
        );
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        if asset.content_type.starts_with("text/html") {
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&self.csp).expect("ASCII policy"),
            );
        }
        response
    }
}

/// The SPA router's own state: the built app, when the server was started with one.
pub type Served = Option<Arc<Spa>>;

/// Everything outside `/api/v1`: the SPA's files, or its page for client-side routes.
pub async fn serve(
    State(spa): State<Served>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return Failure(ApiError::not_found(format!("No such API endpoint: {path}")))
            .into_response();
    }
    let Some(spa) = spa else {
        return (
            StatusCode::NOT_FOUND,
            "This server runs the API only (started without a built SPA).",
        )
            .into_response();
    };
    match method {
        Method::GET => spa.respond(path, &headers, false),
        Method::HEAD => spa.respond(path, &headers, true),
        _ => StatusCode::METHOD_NOT_ALLOWED.into_response(),
    }
}

/// The page with the app's configuration block (a JSON data block, which the CSP allows because
/// it never runs) placed before `</head>`.
fn with_config(page: &str, config_json: &str) -> String {
    let block = format!(
        "<script id=\"switchboard-config\" type=\"application/json\">{}</script>\n",
        config_json.replace("</", "<\\/")
    );
    match page.find("</head>") {
        Some(at) => format!("{}{block}{}", &page[..at], &page[at..]),
        None => format!("{block}{page}"),
    }
}

/// A policy that allows only this origin's files, the page's own inline scripts by hash (Trunk's
/// start-up module), and WebAssembly compilation.
pub fn content_security_policy(page: &str) -> String {
    let hashes: Vec<String> = inline_scripts(page)
        .map(|body| {
            let digest = Sha256::digest(body.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'",
        hashes.join(" ")
    )
}

/// The bodies of `<script>` elements that run: no `src`, not a JSON data block.
fn inline_scripts(page: &str) -> impl Iterator<Item = &str> {
    page.split("<script").skip(1).filter_map(|rest| {
        let (tag, after) = rest.split_once('>')?;
        let body = after.split("</script>").next()?;
        let runs = !tag.contains("src=") && !tag.contains("application/json");
        runs.then_some(body)
    })
}

fn walk(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(walk(&path)?);
        } else {
            found.push(path);
        }
    }
    Ok(found)
}

fn is_hashed(url: &str) -> bool {
    let name = last_segment(url);
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn is_compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || matches!(
            content_type,
            "application/javascript" | "application/wasm" | "application/json" | "image/svg+xml"
        )
}

fn with_charset(content_type: String) -> String {
    if content_type.starts_with("text/") || content_type == "application/javascript" {
        format!("{content_type}; charset=utf-8")
    } else {
        content_type
    }
}

fn accepts(header: &str, encoding: &str) -> bool {
    header.split(',').any(|part| {
        let mut pieces = part.split(';');
        let name = pieces.next().unwrap_or_default().trim();
        let refused = pieces.any(|p| p.trim().replace(' ', "") == "q=0");
        name.eq_ignore_ascii_case(encoding) && !refused
    })
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("writing to memory");
    out
}

fn hex_sha256(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed("/switchboard-4960f947fef99600_bg.wasm"));
        assert!(is_hashed("/tokens-b752feea52d4d06e.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/robots.txt"));
    }

    #[test]
    fn the_policy_hashes_running_scripts_only() {
        let page =
            r#"<head><script type="module">init()</script><script src="/a.js"></script></head>"#;
        let page = with_config(page, r#"{"mode":"live"}"#);
        assert_eq!(inline_scripts(&page).collect::<Vec<_>>(), ["init()"]);
        let csp = content_security_policy(&page);
        assert!(csp.contains("'wasm-unsafe-eval'"));
        let script_src = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
    }

    #[test]
    fn encodings_refused_with_q0_are_not_used() {
        assert!(accepts("gzip, deflate, br", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("", "gzip"));
    }
}
