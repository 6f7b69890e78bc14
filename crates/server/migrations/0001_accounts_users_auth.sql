-- The account and what it holds. Rows keep the seed's order through their rowid.
CREATE TABLE account (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  multi_site  INTEGER NOT NULL CHECK (multi_site IN (0, 1)),
  main_number TEXT NOT NULL,
  time_zone   TEXT NOT NULL
);

CREATE TABLE sites (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  state     TEXT NOT NULL,
  area_code TEXT NOT NULL
);

CREATE TABLE cost_centers (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE roles (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  permissions TEXT NOT NULL, -- JSON array of permission slugs
  admin       INTEGER NOT NULL CHECK (admin IN (0, 1))
);

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  mailbox_id     INTEGER NOT NULL UNIQUE,
  first_name     TEXT NOT NULL,
  last_name      TEXT NOT NULL,
  email          TEXT NOT NULL,
  extension      TEXT NOT NULL UNIQUE,
  user_type      TEXT NOT NULL,
  site_id        TEXT NOT NULL REFERENCES sites (id),
  cost_center_id TEXT NOT NULL REFERENCES cost_centers (id),
  status         TEXT NOT NULL,
  role_id        TEXT NOT NULL REFERENCES roles (id),
  version        INTEGER NOT NULL
);
CREATE INDEX users_email ON users (email COLLATE NOCASE);

CREATE TABLE licenses (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  cost_center_id TEXT NOT NULL REFERENCES cost_centers (id),
  assignee       INTEGER REFERENCES users (id)
);

CREATE TABLE phones (
  id       TEXT PRIMARY KEY,
  model    TEXT NOT NULL,
  mac      TEXT NOT NULL UNIQUE,
  site_id  TEXT NOT NULL REFERENCES sites (id),
  assignee INTEGER REFERENCES users (id)
);

CREATE TABLE numbers (
  e164     TEXT PRIMARY KEY,
  kind     TEXT NOT NULL,
  site_id  TEXT NOT NULL REFERENCES sites (id),
  assignee INTEGER REFERENCES users (id)
);

CREATE TABLE catalog (
  sku         TEXT PRIMARY KEY,
  brand       TEXT NOT NULL,
  model       TEXT NOT NULL,
  category    TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  description TEXT NOT NULL
);

CREATE TABLE addresses (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  street      TEXT NOT NULL,
  city        TEXT NOT NULL,
  state       TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  country     TEXT NOT NULL
);

CREATE TABLE emergency_locations (
  id         TEXT PRIMARY KEY,
  nickname   TEXT NOT NULL,
  site_id    TEXT NOT NULL REFERENCES sites (id),
  address    TEXT NOT NULL -- JSON address, kept as entered even if the shipping address changes
);

-- Who may sign in to the console.
CREATE TABLE admins (
  id              INTEGER PRIMARY KEY,
  email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name            TEXT NOT NULL,
  role_id         TEXT NOT NULL REFERENCES roles (id),
  persona         TEXT,
  password_hash   TEXT NOT NULL,
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER NOT NULL DEFAULT 0
);

-- Cookie sessions and bearer tokens; only a SHA-256 of the secret is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  admin_id   INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('cookie', 'bearer')),
  csrf_token TEXT,
  expires_at INTEGER NOT NULL
);

-- The first reply to each change, so a retried request returns it instead of acting twice.
CREATE TABLE idempotency (
  admin_id    INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status      INTEGER NOT NULL,
  body        TEXT NOT NULL,
  version     INTEGER, -- the record version sent as ETag
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (admin_id, key)
);
