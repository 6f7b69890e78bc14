-- Calls per user in the current billing cycle, as the call records report them (the seed
-- simulates them). No foreign key: a deleted Mobile user's calls still count for this cycle's
-- charge.
CREATE TABLE call_usage (
  user_id INTEGER PRIMARY KEY,
  calls   INTEGER NOT NULL
);
