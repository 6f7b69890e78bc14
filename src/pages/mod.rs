//! One module per area of the console.

pub mod not_found;
pub mod users;
