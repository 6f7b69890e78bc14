//! Access to the browser's localStorage (absent in some embedded or private contexts).

/// The page's localStorage, if the browser allows it.
pub fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This tab's sessionStorage (copied into tabs it opens, kept across its reloads).
pub fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}
