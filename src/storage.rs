//! Access to the browser's localStorage (absent in some embedded or private contexts).

/// The page's localStorage, if the browser allows it.
pub fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
