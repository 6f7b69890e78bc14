//! Generic widgets shared by every page.

pub mod data_table;
pub mod dialog;
pub mod error_view;
pub mod failure;
pub mod list_page;
pub mod loaded;
pub mod menu;
pub mod pagination;
pub mod role_choices;
pub mod table_scroller;
pub mod toasts;
pub mod understood;

/// Moves keyboard focus to the element with `id`, when there is one.
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
