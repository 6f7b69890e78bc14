-- When a scheduled welcome email goes out to a user who has not activated yet (Unix seconds);
-- NULL when none is scheduled. The background runner sends it when due, after a restart too.
ALTER TABLE users ADD COLUMN invite_at INTEGER;
