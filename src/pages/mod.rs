//! One module per area of the console.

pub mod accounts;
pub mod add_users;
pub mod bulk;
pub mod jobs;
pub mod licenses;
pub mod mobile_users;
pub mod not_found;
pub mod outbox;
pub mod user;
pub mod users;
