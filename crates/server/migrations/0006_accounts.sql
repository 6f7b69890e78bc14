-- Multi-Account Access: the portal's other accounts (their admin's sign-in, checked when an
-- admin links one), and the accounts linked to this one under the names the admins gave them.
CREATE TABLE portal_accounts (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  main_number   TEXT NOT NULL,
  admin_email   TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  locked        INTEGER NOT NULL
);

CREATE TABLE linked_accounts (
  id        TEXT PRIMARY KEY REFERENCES portal_accounts (id),
  name      TEXT NOT NULL,
  linked_at INTEGER NOT NULL,
  version   INTEGER NOT NULL
);
