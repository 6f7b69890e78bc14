//! Serving the built SPA (`dist/`). `index.html` is this module's own answer: the app's
//! configuration put in, a strict Content-Security-Policy whose script hashes are computed from
//! the page itself, revalidated on every load. Every other file is tower-http's `ServeDir`, which
//! sends the Brotli or gzip file beside it (`name.br`, `name.gz`) when the browser takes it;
//! [`Spa::compress_all`] writes those once, after the server listens, so until then a file goes
//! out plain. Files whose names carry a content hash are cached for a year.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use domain::ApiError;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::failure::Failure;

/// `index.html` with the app's configuration, in each form it is sent.
struct Page {
    raw: Vec<u8>,
    gzip: Vec<u8>,
    brotli: Vec<u8>,
    etag: String,
}

/// The SPA's files and the page's security policy.
pub struct Spa {
    dir: PathBuf,
    files: ServeDir,
    page: Page,
    csp: String,
}

/// Cache policy of files whose names carry a content hash (Trunk's `name-<16 hex>.ext`).
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else is revalidated on every load, so a deploy is picked up at once.
const REVALIDATE: &str = "no-cache";

impl Spa {
    /// Reads `dir`'s `index.html`, putting `config_json` into it as the app's configuration block.
    pub fn load(dir: &Path, config_json: &str) -> std::io::Result<Self> {
        let page = std::fs::read_to_string(dir.join("index.html")).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!(
                    "{} has no index.html ({e}): build the SPA first (trunk build --release)",
                    dir.display()
                ),
            )
        })?;
        let page = with_config(&page, config_json);
        let csp = content_security_policy(&page);
        let raw = page.into_bytes();
        Ok(Self {
            dir: dir.to_owned(),
            files: ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .append_index_html_on_directories(false),
            page: Page {
                gzip: gzip(&raw),
                brotli: brotli(&raw),
                etag: format!("\"{}\"", &hex_sha256(&raw)[..20]),
                raw,
            },
            csp,
        })
    }

    /// Writes the gzip (quick) and then the Brotli (slow, smallest) form beside every file worth
    /// it (text and wasm over 1 KB), each through a temporary name so a half-written one is
    /// never sent. A form already newer than its file is kept; one that can't be written (a
    /// read-only directory) leaves that file sent plain.
    pub fn compress_all(&self) {
        let worth: Vec<PathBuf> = walk(&self.dir)
            .unwrap_or_default()
            .into_iter()
            .filter(|path| is_compressible(path))
            .collect();
        for (extension, compress) in [("gz", gzip as fn(&[u8]) -> Vec<u8>), ("br", brotli)] {
            for path in &worth {
                if let Err(e) = write_beside(path, extension, compress) {
                    tracing::warn!("{} stays uncompressed: {e}", path.display());
                }
            }
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

    /// The page, for `/`, `/index.html` and every client-side route.
    fn page(&self, headers: &HeaderMap, head: bool) -> Response {
        let page = &self.page;
        let mut response = if headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|v| v.as_bytes() == page.etag.as_bytes())
        {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let accepted = headers
                .get(header::ACCEPT_ENCODING)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            let (body, encoding) = if accepts(accepted, "br") {
                (&page.brotli, Some("br"))
            } else if accepts(accepted, "gzip") {
                (&page.gzip, Some("gzip"))
            } else {
                (&page.raw, None)
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
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            response
        };
        let h = response.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
        h.insert(
            header::ETAG,
            HeaderValue::from_str(&page.etag).expect("hex"),
        );
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&self.csp).expect("ASCII policy"),
        );
        response
    }

    /// Any other file, from `ServeDir`, with its cache policy.
    async fn file(&self, request: Request) -> Response {
        let hashed = is_hashed(request.uri().path());
        let Ok(response) = self.files.clone().oneshot(request).await;
        let mut response = response.map(Body::new);
        if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
            let policy = if hashed { IMMUTABLE } else { REVALIDATE };
            let h = response.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
            // The precompressed form or the plain one, by Accept-Encoding.
            h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        }
        response
    }
}

/// The SPA router's own state: the built app, when the server was started with one.
pub type Served = Option<Arc<Spa>>;

/// Everything outside `/api/v1`: the SPA's files, or its page for client-side routes.
pub async fn serve(State(spa): State<Served>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
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
    let head = match *request.method() {
        Method::GET => false,
        Method::HEAD => true,
        _ => return StatusCode::METHOD_NOT_ALLOWED.into_response(),
    };
    // Client-side routes (no file extension) get the app.
    if path == "/index.html" || !last_segment(&path).contains('.') {
        spa.page(request.headers(), head)
    } else {
        spa.file(request).await
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

/// Text and wasm files over 1 KB, other than the page (sent from memory) and compressed forms.
fn is_compressible(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let kind = mime_guess::from_path(path).first_or_octet_stream();
    let text = kind.type_() == "text"
        || matches!(
            kind.essence_str(),
            "application/javascript" | "application/wasm" | "application/json" | "image/svg+xml"
        );
    let big = std::fs::metadata(path).is_ok_and(|m| m.len() > 1024);
    text && big && name != "index.html" && !name.ends_with(".br") && !name.ends_with(".gz")
}

/// Writes `compress(file)` to `file.extension` unless that is already newer than the file.
fn write_beside(
    path: &Path,
    extension: &str,
    compress: fn(&[u8]) -> Vec<u8>,
) -> std::io::Result<()> {
    let mut target = path.as_os_str().to_owned();
    target.push(format!(".{extension}"));
    let target = PathBuf::from(target);
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified());
    if matches!((modified(&target), modified(path)), (Ok(done), Ok(source)) if done >= source) {
        return Ok(());
    }
    let mut partial = target.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, compress(&std::fs::read(path)?))?;
    std::fs::rename(&partial, &target)
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
