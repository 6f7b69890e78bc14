-- Email the admins were sent (exports, job reports), kept so they can be opened in the app.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  sent_at    INTEGER NOT NULL,
  file_name  TEXT NOT NULL,
  mime       TEXT NOT NULL,
  content    TEXT NOT NULL
);
