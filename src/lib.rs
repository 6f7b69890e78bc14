//! Switchboard: the admin console for cloud phone systems, as a Leptos single-page app.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod download;
pub mod embed;
pub mod format;
pub mod pages;
pub mod routes;
pub mod session;
pub mod sheets;
pub mod shell;
pub mod storage;
pub mod tab_account;
pub mod url;
pub mod workers;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Reads the host page's configuration and mounts the app.
pub fn start() {
    console_error_panic_hook::set_once();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document");
    let (config, problems) = config::Config::from_page(&document);
    for problem in &problems {
        web_sys::console::warn_1(&format!("Switchboard configuration: {problem}").into());
    }
    match web_sys::window() {
        Some(window)
            if config.auth_token.is_none()
                && !config.parent_origins.is_empty()
                && embed::in_frame(&window) =>
        {
            app::waiting_for_host(&config, &document);
            let origins = config.parent_origins.clone();
            embed::await_token(&window, origins, move |token| {
                let config = config::Config {
                    auth_token: Some(token),
                    ..config
                };
                app::mount(config, problems, &document);
            });
        }
        _ => app::mount(config, problems, &document),
    }
}
