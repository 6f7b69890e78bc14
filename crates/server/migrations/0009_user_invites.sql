-- When the last welcome email with the activation link went out to a user who has not
-- activated yet (Unix seconds); NULL when none did.
ALTER TABLE users ADD COLUMN invited_at INTEGER;
