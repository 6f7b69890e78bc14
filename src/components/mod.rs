//! Generic widgets shared by every page.

pub mod data_table;
pub mod dialog;
pub mod error_view;
pub mod pagination;
pub mod toasts;
