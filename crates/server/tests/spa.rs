//! Serving the built SPA: configuration, security policy, caching and compression.

mod support;

use server::spa::Spa;
use support::{Auth, TestServer};

fn built_app() -> (tempfile::TempDir, Spa) {
    let dist = tempfile::tempdir().unwrap();
    let page = format!(
        "<!DOCTYPE html><html><head><script type=\"module\">import init from '/app-0123456789abcdef.js'; await init();</script></head><body><div id=\"switchboard\"></div>{}</body></html>",
        " ".repeat(2000)
    );
    std::fs::write(dist.path().join("index.html"), page).unwrap();
    std::fs::write(
        dist.path().join("app-0123456789abcdef.js"),
        "export default async function init() {}\n".repeat(100),
    )
    .unwrap();
    let spa = Spa::load(dist.path(), r#"{"mode":"live"}"#).unwrap();
    (dist, spa)
}

#[tokio::test]
async fn the_page_runs_in_live_mode_under_a_strict_policy() {
    let (_dist, spa) = built_app();
    let server = TestServer::with_spa(Some(spa));
    let page = server.get("/", &Auth::default()).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains(
        r#"<script id="switchboard-config" type="application/json">{"mode":"live"}</script>"#
    ));
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{csp}"
    );
    assert!(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"));
    assert_eq!(page.headers["cache-control"], "no-cache");
    assert_eq!(page.headers["x-content-type-options"], "nosniff");

    let route = server.get("/users?type=mobile", &Auth::default()).await;
    assert_eq!(route.text, page.text, "client-side routes get the app");
    let missing = server.get("/missing-file.js", &Auth::default()).await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn hashed_assets_are_immutable_compressed_and_revalidated() {
    let (_dist, spa) = built_app();
    spa.compress_all();
    let server = TestServer::with_spa(Some(spa));
    let path = "/app-0123456789abcdef.js";
    let brotli = server
        .send(
            "GET",
            path,
            &Auth::default(),
            &[("accept-encoding", "gzip, br")],
            None,
        )
        .await;
    assert_eq!(brotli.headers["content-encoding"], "br");
    assert_eq!(brotli.headers["vary"], "Accept-Encoding");
    assert_eq!(
        brotli.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let gzip = server
        .send(
            "GET",
            path,
            &Auth::default(),
            &[("accept-encoding", "gzip")],
            None,
        )
        .await;
    assert_eq!(gzip.headers["content-encoding"], "gzip");
    let plain = server.get(path, &Auth::default()).await;
    assert!(plain.headers.get("content-encoding").is_none());
    assert!(plain.text.starts_with("export default"));
    let modified = plain.headers["last-modified"].to_str().unwrap().to_owned();
    let again = server
        .send(
            "GET",
            path,
            &Auth::default(),
            &[("if-modified-since", &modified)],
            None,
        )
        .await;
    assert_eq!(again.status, 304);
}

#[tokio::test]
async fn the_page_is_compressed_and_revalidated_by_etag() {
    let (_dist, spa) = built_app();
    let server = TestServer::with_spa(Some(spa));
    let page = server
        .send(
            "GET",
            "/users",
            &Auth::default(),
            &[("accept-encoding", "br")],
            None,
        )
        .await;
    assert_eq!(page.headers["content-encoding"], "br");
    let etag = page.headers["etag"].to_str().unwrap().to_owned();
    let again = server
        .send(
            "GET",
            "/",
            &Auth::default(),
            &[("if-none-match", &etag)],
            None,
        )
        .await;
    assert_eq!(again.status, 304);
}

#[tokio::test]
async fn compressed_forms_are_written_once_beside_their_files() {
    let (dist, spa) = built_app();
    spa.compress_all();
    let br = dist.path().join("app-0123456789abcdef.js.br");
    let written = std::fs::metadata(&br).unwrap().modified().unwrap();
    assert!(dist.path().join("app-0123456789abcdef.js.gz").exists());
    assert!(
        !dist.path().join("index.html.br").exists(),
        "the page is sent from memory, with its configuration"
    );
    spa.compress_all();
    assert_eq!(std::fs::metadata(&br).unwrap().modified().unwrap(), written);
}

#[tokio::test]
async fn files_are_sent_plain_until_their_compressed_forms_are_ready() {
    let (_dist, spa) = built_app();
    let server = TestServer::with_spa(Some(spa));
    let path = "/app-0123456789abcdef.js";
    let early = server
        .send(
            "GET",
            path,
            &Auth::default(),
            &[("accept-encoding", "gzip, br")],
            None,
        )
        .await;
    assert_eq!(early.status, 200);
    assert!(early.headers.get("content-encoding").is_none());
    assert!(early.text.starts_with("export default"));
}

#[tokio::test]
async fn only_the_host_portals_named_may_frame_the_page() {
    let (_dist, spa) = built_app();
    let alone = spa.csp().to_owned();
    assert!(alone.ends_with("frame-ancestors 'self'"), "{alone}");
    let spa = spa.framed_by(&["https://portal.example".to_owned()]);
    let server = TestServer::with_spa(Some(spa));
    let page = server.get("/users", &Auth::default()).await;
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.ends_with("frame-ancestors 'self' https://portal.example"),
        "{csp}"
    );
}
