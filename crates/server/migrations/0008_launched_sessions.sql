-- Sessions of tabs opened in a linked account through a launch token. They live in the portal's
-- own database, beside the links they depend on: a request naming another account is honoured
-- only with one of these, for that account, while it is still linked (unlinking deletes them).
-- `admin_id` is the admin the tab works as in that account's database. Only the SHA-256 digest
-- of the cookie is stored.
CREATE TABLE launched_sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  admin_id INTEGER NOT NULL,
  csrf_token TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX launched_sessions_by_account ON launched_sessions (account_id);
