//! What an operator runs before the first start without the demo: `create-admin` makes the
//! account (empty, when the database holds none yet) and an admin of it with the Super Admin
//! role. The password is given by the caller (read from the environment or standard input by
//! the command), checked against the domain's rules and stored only as an Argon2id hash.

use std::path::Path;

use domain::auth::new_admin_problems;
use domain::seed::empty_account;
use domain::Persona;

use crate::db::{self, NewAdmin};

/// Who to create.
pub struct AdminToCreate<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password: &'a str,
    /// The account's name, when the database holds no account yet.
    pub account_name: &'a str,
}

/// Creates the admin in the database at `path` (creating the account first when there is none);
/// says what it did, or why it could not.
pub fn create_admin(path: &Path, who: &AdminToCreate) -> Result<String, String> {
    let problems = new_admin_problems(who.email, who.name, who.password);
    if !problems.is_empty() {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect();
        return Err(lines.join("\n"));
    }
    let mut conn = db::open(path).map_err(|e| format!("can't open {}: {e}", path.display()))?;
    let mut made = String::new();
    if !db::is_seeded(&conn).map_err(|e| e.to_string())? {
        let account = empty_account(&new_account_id(), who.account_name.trim());
        db::seed(&mut conn, &account, Vec::new(), &[]).map_err(|e| e.to_string())?;
        made = format!(
            "Created account {} ({}). ",
            account.account.name, account.account.id
        );
    }
    let admin = NewAdmin {
        email: who.email.trim().to_owned(),
        name: who.name.trim().to_owned(),
        role_id: Persona::SuperAdmin.role_id().to_owned(),
        persona: None,
        password_hash: crate::passwords::hash(who.password),
    };
    match db::add_admin(&conn, &admin) {
        Ok(_) => Ok(format!(
            "{made}Created admin {} <{}> with the Super Admin role: sign in with that email and the password you gave.",
            admin.name, admin.email
        )),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(format!("An admin with the email {} already exists.", admin.email))
        }
        Err(e) => Err(e.to_string()),
    }
}

/// `acct-` and six random digits.
fn new_account_id() -> String {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).expect("the OS random source");
    format!("acct-{:06}", u32::from_le_bytes(bytes) % 1_000_000)
}
