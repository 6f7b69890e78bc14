-- Launch tokens: a linked account opened in a new tab redeems one of these, once, within a
-- minute, for a session of that account. Only the SHA-256 digest of the token is stored.
CREATE TABLE launch_tokens (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
