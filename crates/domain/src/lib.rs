//! Switchboard's domain: the shared types, rules and API DTOs used by the browser app, the
//! in-browser sandbox and the reference server alike. No web or storage dependencies here, so
//! every rule is tested natively in milliseconds.

pub mod account;
pub mod accounts;
pub mod activation;
pub mod add_users;
pub mod api;
pub mod auth;
pub mod background;
pub mod bulk;
pub mod effects;
pub mod equipment;
pub mod error;
pub mod indexed;
pub mod inventory;
pub mod licenses;
pub mod mobile;
pub mod outbox;
pub mod permissions;
pub mod prices;
pub mod records;
pub mod rng;
pub mod seed;
mod sorted_index;
pub mod user_details;
pub mod user_page;
pub mod users;
pub mod users_index;
pub mod users_query;
pub mod workbook;

pub use account::{Account, AccountData, CostCenter, Directory, Session, Site};
pub use effects::Effect;
pub use error::{ApiError, FieldError};
pub use indexed::IndexedAccount;
pub use permissions::{Permission, Persona, Role};
pub use users::{plan_patch_request, plan_patch_user, User, UserPatch, UserStatus, UserType};
pub use users_query::{Page, SortKey, UserRow, UsersQuery};
