//! The SQLite database: opening it (WAL, foreign keys), schema migrations, seeding, loading the
//! account into memory, and writing planned effects.

use std::path::Path;

use domain::accounts::{LinkedAccount, PortalAccount};
use domain::bulk::Job;
use domain::inventory::{
    Address, CatalogPhone, DeviceOrder, EmergencyLocation, InventoryPhone, License, PhoneNumber,
};
use domain::mobile::CallUsage;
use domain::outbox::{Attachment, OutboxMessage};
use domain::{Account, AccountData, CostCenter, Effect, Persona, Role, Site, User};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{de::DeserializeOwned, Serialize};

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_accounts_users_auth.sql"),
    include_str!("../migrations/0002_device_orders.sql"),
    include_str!("../migrations/0003_outbox.sql"),
    include_str!("../migrations/0004_jobs.sql"),
    include_str!("../migrations/0005_call_usage.sql"),
    include_str!("../migrations/0006_accounts.sql"),
    include_str!("../migrations/0007_launch_tokens.sql"),
    include_str!("../migrations/0008_launched_sessions.sql"),
    include_str!("../migrations/0009_user_invites.sql"),
    include_str!("../migrations/0010_scheduled_invites.sql"),
];

pub type DbResult<T> = rusqlite::Result<T>;

/// Opens (creating if needed) the database at `path` and brings its schema up to date.
pub fn open(path: &Path) -> DbResult<Connection> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    migrate(&mut conn)?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> DbResult<()> {
    let applied: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if applied > MIGRATIONS.len() {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "the database was written by a newer version of the server (schema version {applied}, \
             this one knows {}): run that version, or restore a backup made for this one",
            MIGRATIONS.len()
        )));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// True when the database answers and its schema is the one this server migrates to.
pub fn is_ready(conn: &Connection) -> DbResult<bool> {
    let applied: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(applied == MIGRATIONS.len())
}

/// True once the account has been seeded.
pub fn is_seeded(conn: &Connection) -> DbResult<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM account)", [], |r| r.get(0))
}

/// An admin to create: who, with which role (and demo persona), and their password's hash.
pub struct NewAdmin {
    pub email: String,
    pub name: String,
    pub role_id: String,
    pub persona: Option<Persona>,
    pub password_hash: String,
}

/// Fills an empty database with `data` (an account) and `admins`, in one transaction. Each of
/// the account's portal accounts gets the next of `portal_hashes` (one per account, each with a
/// salt of its own) as its admin's password hash.
pub fn seed(
    conn: &mut Connection,
    data: &AccountData,
    portal_hashes: Vec<String>,
    admins: &[NewAdmin],
) -> DbResult<()> {
    assert_eq!(
        portal_hashes.len(),
        data.portal_accounts.len(),
        "one hash per portal account"
    );
    let tx = conn.transaction()?;
    let a = &data.account;
    tx.execute(
        "INSERT INTO account VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.id, a.name, a.multi_site, a.main_number, a.time_zone],
    )?;
    for s in &data.sites {
        tx.execute(
            "INSERT INTO sites VALUES (?1, ?2, ?3, ?4)",
            params![s.id, s.name, s.state, s.area_code],
        )?;
    }
    for c in &data.cost_centers {
        tx.execute(
            "INSERT INTO cost_centers VALUES (?1, ?2)",
            params![c.id, c.name],
        )?;
    }
    for r in &data.roles {
        tx.execute(
            "INSERT INTO roles VALUES (?1, ?2, ?3, ?4)",
            params![r.id, r.name, json(&r.permissions), r.admin],
        )?;
    }
    for u in &data.users {
        save_user(&tx, u)?;
    }
    for l in &data.licenses {
        insert_license(&tx, l)?;
    }
    for p in &data.phones {
        tx.execute(
            "INSERT INTO phones VALUES (?1, ?2, ?3, ?4, ?5)",
            params![p.id, p.model, p.mac, p.site_id, p.assignee],
        )?;
    }
    for n in &data.numbers {
        insert_number(&tx, n)?;
    }
    for c in &data.catalog {
        tx.execute(
            "INSERT INTO catalog VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                c.sku,
                c.brand,
                c.model,
                c.category,
                c.price_cents,
                c.description
            ],
        )?;
    }
    for a in &data.shipping_addresses {
        save_address(&tx, a)?;
    }
    for e in &data.emergency_locations {
        insert_emergency_location(&tx, e)?;
    }
    for u in &data.call_usage {
        tx.execute(
            "INSERT INTO call_usage VALUES (?1, ?2)",
            params![u.user_id, u.calls],
        )?;
    }
    for (p, password_hash) in data.portal_accounts.iter().zip(portal_hashes) {
        tx.execute(
            "INSERT INTO portal_accounts VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                p.id,
                p.name,
                p.main_number,
                p.admin_email,
                password_hash,
                p.locked
            ],
        )?;
    }
    for l in &data.linked_accounts {
        save_link(&tx, l)?;
    }
    for admin in admins {
        add_admin(&tx, admin)?;
    }
    tx.commit()
}

/// Adds an admin; returns their id. Refused (a constraint error) when the email is taken.
pub fn add_admin(conn: &Connection, admin: &NewAdmin) -> DbResult<i64> {
    conn.execute(
        "INSERT INTO admins (email, name, role_id, persona, password_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            admin.email,
            admin.name,
            admin.role_id,
            admin.persona.map(Persona::slug),
            admin.password_hash
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Reads the whole account, in the order it was stored.
pub fn load(conn: &Connection) -> DbResult<AccountData> {
    let account = conn.query_row("SELECT * FROM account", [], |r| {
        Ok(Account {
            id: r.get(0)?,
            name: r.get(1)?,
            multi_site: r.get(2)?,
            main_number: r.get(3)?,
            time_zone: r.get(4)?,
        })
    })?;
    Ok(AccountData {
        account,
        sites: all(conn, "sites", |r| {
            Ok(Site {
                id: r.get(0)?,
                name: r.get(1)?,
                state: r.get(2)?,
                area_code: r.get(3)?,
            })
        })?,
        cost_centers: all(conn, "cost_centers", |r| {
            Ok(CostCenter {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?,
        roles: all(conn, "roles", |r| {
            Ok(Role {
                id: r.get(0)?,
                name: r.get(1)?,
                permissions: parse_json(&r.get::<_, String>(2)?)?,
                admin: r.get(3)?,
            })
        })?,
        users: all(conn, "users", user_from_row)?,
        licenses: all(conn, "licenses", |r| {
            Ok(License {
                id: r.get(0)?,
                kind: from_slug(&r.get::<_, String>(1)?)?,
                cost_center_id: r.get(2)?,
                assignee: r.get(3)?,
            })
        })?,
        phones: all(conn, "phones", |r| {
            Ok(InventoryPhone {
                id: r.get(0)?,
                model: r.get(1)?,
                mac: r.get(2)?,
                site_id: r.get(3)?,
                assignee: r.get(4)?,
            })
        })?,
        numbers: all(conn, "numbers", |r| {
            Ok(PhoneNumber {
                e164: r.get(0)?,
                kind: from_slug(&r.get::<_, String>(1)?)?,
                site_id: r.get(2)?,
                assignee: r.get(3)?,
            })
        })?,
        catalog: all(conn, "catalog", |r| {
            Ok(CatalogPhone {
                sku: r.get(0)?,
                brand: r.get(1)?,
                model: r.get(2)?,
                category: r.get(3)?,
                price_cents: r.get(4)?,
                description: r.get(5)?,
            })
        })?,
        emergency_locations: all(conn, "emergency_locations", |r| {
            Ok(EmergencyLocation {
                id: r.get(0)?,
                nickname: r.get(1)?,
                site_id: r.get(2)?,
                address: parse_json(&r.get::<_, String>(3)?)?,
            })
        })?,
        orders: all(conn, "device_orders", |r| {
            Ok(DeviceOrder {
                id: r.get(0)?,
                sku: r.get(1)?,
                user_id: r.get(2)?,
                address_id: r.get(3)?,
            })
        })?,
        shipping_addresses: all(conn, "addresses", |r| {
            Ok(Address {
                id: r.get(0)?,
                name: r.get(1)?,
                street: r.get(2)?,
                city: r.get(3)?,
                state: r.get(4)?,
                postal_code: r.get(5)?,
                country: r.get(6)?,
            })
        })?,
        outbox: all(conn, "outbox", |r| {
            Ok(OutboxMessage {
                id: r.get(0)?,
                to: r.get(1)?,
                subject: r.get(2)?,
                body: r.get(3)?,
                sent_at: r.get(4)?,
                attachment: Attachment {
                    file_name: r.get(5)?,
                    mime: r.get(6)?,
                    content: r.get(7)?,
                },
            })
        })?,
        jobs: all(conn, "jobs", |r| parse_json(&r.get::<_, String>(1)?))?,
        portal_accounts: all(conn, "portal_accounts", |r| {
            Ok(PortalAccount {
                id: r.get(0)?,
                name: r.get(1)?,
                main_number: r.get(2)?,
                admin_email: r.get(3)?,
                locked: r.get(5)?,
            })
        })?,
        linked_accounts: all(conn, "linked_accounts", |r| {
            Ok(LinkedAccount {
                id: r.get(0)?,
                name: r.get(1)?,
                linked_at: r.get(2)?,
                version: r.get(3)?,
            })
        })?,
        call_usage: all(conn, "call_usage", |r| {
            Ok(CallUsage {
                user_id: r.get(0)?,
                calls: r.get(1)?,
            })
        })?,
    })
}

/// Writes one effect inside the caller's transaction.
pub fn write_effect(tx: &Transaction, effect: &Effect) -> DbResult<()> {
    let changed = match effect {
        Effect::UserUpdated { user } | Effect::UserCreated { user } => save_user(tx, user)?,
        Effect::UserDeleted { user_id } => {
            for release in [
                "UPDATE licenses SET assignee = NULL WHERE assignee = ?1",
                "UPDATE phones SET assignee = NULL WHERE assignee = ?1",
                "UPDATE numbers SET assignee = NULL WHERE assignee = ?1",
                "DELETE FROM device_orders WHERE user_id = ?1",
            ] {
                tx.execute(release, [user_id])?;
            }
            tx.execute("DELETE FROM users WHERE id = ?1", [user_id])?
        }
        Effect::LicenseAssigned {
            license_id,
            user_id,
        } => tx.execute(
            "UPDATE licenses SET assignee = ?2 WHERE id = ?1 AND assignee IS NULL",
            params![license_id, user_id],
        )?,
        Effect::LicenseMoved {
            license_id,
            cost_center_id,
        } => tx.execute(
            "UPDATE licenses SET cost_center_id = ?2 WHERE id = ?1 AND assignee IS NULL",
            params![license_id, cost_center_id],
        )?,
        Effect::AddressSaved { address } => save_address(tx, address)?,
        Effect::LicenseUnassigned { license_id } => tx.execute(
            "UPDATE licenses SET assignee = NULL WHERE id = ?1",
            params![license_id],
        )?,
        Effect::LicenseCancelled { license_id } => {
            tx.execute("DELETE FROM licenses WHERE id = ?1", params![license_id])?
        }
        Effect::NumberDeleted { e164 } => tx.execute(
            "DELETE FROM numbers WHERE e164 = ?1 AND assignee IS NULL",
            params![e164],
        )?,
        Effect::LicenseAdded { license } => insert_license(tx, license)?,
        Effect::PhoneAssigned { phone_id, user_id } => tx.execute(
            "UPDATE phones SET assignee = ?2 WHERE id = ?1 AND assignee IS NULL",
            params![phone_id, user_id],
        )?,
        Effect::DeviceOrdered { order: o } => tx.execute(
            "INSERT INTO device_orders VALUES (?1, ?2, ?3, ?4)",
            params![o.id, o.sku, o.user_id, o.address_id],
        )?,
        Effect::NumberAssigned { e164, user_id } => tx.execute(
            "UPDATE numbers SET assignee = ?2 WHERE e164 = ?1 AND assignee IS NULL",
            params![e164, user_id],
        )?,
        Effect::PhoneUnassigned { phone_id } => tx.execute(
            "UPDATE phones SET assignee = NULL WHERE id = ?1 AND assignee IS NOT NULL",
            params![phone_id],
        )?,
        Effect::NumberUnassigned { e164 } => tx.execute(
            "UPDATE numbers SET assignee = NULL WHERE e164 = ?1 AND assignee IS NOT NULL",
            params![e164],
        )?,
        Effect::NumberAdded { number } => insert_number(tx, number)?,
        Effect::EmergencyLocationAdded { location } => insert_emergency_location(tx, location)?,
        Effect::MessageSent { message: m } => tx.execute(
            "INSERT INTO outbox VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                m.id,
                m.to,
                m.subject,
                m.body,
                m.sent_at,
                m.attachment.file_name,
                m.attachment.mime,
                m.attachment.content
            ],
        )?,
        Effect::AccountLinked { link } | Effect::AccountRenamed { link } => save_link(tx, link)?,
        Effect::AccountUnlinked { account_id } => {
            // What the link opened ends with it: its tabs' sessions and unused launch tokens.
            tx.execute(
                "DELETE FROM launched_sessions WHERE account_id = ?1",
                [account_id],
            )?;
            tx.execute(
                "DELETE FROM launch_tokens WHERE account_id = ?1",
                [account_id],
            )?;
            tx.execute("DELETE FROM linked_accounts WHERE id = ?1", [account_id])?
        }
        Effect::JobQueued { job } => tx.execute(
            "INSERT INTO jobs VALUES (?1, ?2)",
            params![job.id, json(job)],
        )?,
        Effect::JobProgressed { job_id, progress } => {
            let stored: String =
                tx.query_row("SELECT job FROM jobs WHERE id = ?1", [job_id], |r| r.get(0))?;
            let mut job: Job = parse_json(&stored)?;
            job.progress.absorb(progress);
            tx.execute(
                "UPDATE jobs SET job = ?2 WHERE id = ?1",
                params![job_id, json(&job)],
            )?
        }
    };
    // Every effect changes exactly one row; anything else means the plan was made on a view
    // that no longer matches the database, so the whole transaction is rolled back.
    if changed == 1 {
        Ok(())
    } else {
        Err(rusqlite::Error::StatementChangedRows(changed))
    }
}

/// Adds a user, or updates the one with its id.
fn save_user(tx: &Transaction, u: &User) -> DbResult<usize> {
    tx.execute(
        "INSERT INTO users VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT(id) DO UPDATE SET mailbox_id = ?2, first_name = ?3, last_name = ?4,
         email = ?5, extension = ?6, user_type = ?7, site_id = ?8, cost_center_id = ?9,
         status = ?10, role_id = ?11, version = ?12, invited_at = ?13, invite_at = ?14",
        params![
            u.id,
            u.mailbox_id,
            u.first_name,
            u.last_name,
            u.email,
            u.extension,
            slug(&u.user_type),
            u.site_id,
            u.cost_center_id,
            slug(&u.status),
            u.role_id,
            u.version,
            u.invited_at,
            u.invite_at
        ],
    )
}

/// Adds a shipping address, or updates the one with its id.
fn save_address(tx: &Transaction, a: &Address) -> DbResult<usize> {
    tx.execute(
        "INSERT INTO addresses VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET name = ?2, street = ?3, city = ?4, state = ?5,
         postal_code = ?6, country = ?7",
        params![
            a.id,
            a.name,
            a.street,
            a.city,
            a.state,
            a.postal_code,
            a.country
        ],
    )
}

fn insert_license(tx: &Transaction, l: &License) -> DbResult<usize> {
    tx.execute(
        "INSERT INTO licenses VALUES (?1, ?2, ?3, ?4)",
        params![l.id, slug(&l.kind), l.cost_center_id, l.assignee],
    )
}

fn insert_number(tx: &Transaction, n: &PhoneNumber) -> DbResult<usize> {
    tx.execute(
        "INSERT INTO numbers VALUES (?1, ?2, ?3, ?4)",
        params![n.e164, slug(&n.kind), n.site_id, n.assignee],
    )
}

fn insert_emergency_location(tx: &Transaction, e: &EmergencyLocation) -> DbResult<usize> {
    tx.execute(
        "INSERT INTO emergency_locations VALUES (?1, ?2, ?3, ?4)",
        params![e.id, e.nickname, e.site_id, json(&e.address)],
    )
}

/// One user, straight from the database (used by tests and diagnostics).
pub fn user(conn: &Connection, id: u32) -> DbResult<Option<User>> {
    conn.query_row("SELECT * FROM users WHERE id = ?1", [id], user_from_row)
        .optional()
}

fn user_from_row(r: &Row) -> DbResult<User> {
    Ok(User {
        id: r.get(0)?,
        mailbox_id: r.get(1)?,
        first_name: r.get(2)?,
        last_name: r.get(3)?,
        email: r.get(4)?,
        extension: r.get(5)?,
        user_type: from_slug(&r.get::<_, String>(6)?)?,
        site_id: r.get(7)?,
        cost_center_id: r.get(8)?,
        status: from_slug(&r.get::<_, String>(9)?)?,
        role_id: r.get(10)?,
        version: r.get(11)?,
        invited_at: r.get(12)?,
        invite_at: r.get(13)?,
    })
}

/// Inserts or replaces a linked account (linked, or renamed).
fn save_link(tx: &Transaction, l: &LinkedAccount) -> DbResult<usize> {
    tx.execute(
        "INSERT OR REPLACE INTO linked_accounts VALUES (?1, ?2, ?3, ?4)",
        params![l.id, l.name, l.linked_at, l.version],
    )
}

fn all<T>(
    conn: &Connection,
    table: &str,
    map: impl FnMut(&Row) -> DbResult<T>,
) -> DbResult<Vec<T>> {
    let mut statement = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    let rows = statement.query_map([], map)?;
    rows.collect()
}

/// The serde name of an enum value (`office`, `not-activated`), as stored.
fn slug<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("not a unit enum: {other:?}"),
    }
}

fn from_slug<T: DeserializeOwned>(slug: &str) -> DbResult<T> {
    serde_json::from_value(serde_json::Value::String(slug.to_owned())).map_err(invalid)
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serialises")
}

fn parse_json<T: DeserializeOwned>(text: &str) -> DbResult<T> {
    serde_json::from_str(text).map_err(invalid)
}

/// A stored value this version cannot read.
fn invalid(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seeded_database_loads_back_exactly_the_seed() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open(&dir.path().join("t.sqlite")).unwrap();
        assert!(!is_seeded(&conn).unwrap());
        let data = domain::seed::generate(domain::seed::Dataset::Standard);
        let hashes = vec!["hash".to_owned(); data.portal_accounts.len()];
        seed(&mut conn, &data, hashes, &[]).unwrap();
        assert!(is_seeded(&conn).unwrap());
        assert_eq!(load(&conn).unwrap(), data);
    }

    #[test]
    fn an_older_database_is_brought_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
        }
        let conn = open(&path).unwrap();
        let orders: i64 = conn
            .query_row("SELECT COUNT(*) FROM device_orders", [], |r| r.get(0))
            .unwrap();
        assert_eq!(orders, 0);
    }

    #[test]
    fn a_database_newer_than_the_server_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        drop(open(&path).unwrap());
        let newer = MIGRATIONS.len() + 1;
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", newer)
            .unwrap();
        let refused = open(&path).unwrap_err().to_string();
        assert!(refused.contains("newer version of the server"), "{refused}");
        let version: usize = Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, newer);
    }

    #[test]
    fn migrations_run_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        drop(open(&path).unwrap());
        let conn = open(&path).unwrap();
        let version: usize = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len());
    }
}
