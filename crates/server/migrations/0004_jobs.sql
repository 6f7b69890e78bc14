-- Bulk jobs: the accepted rows and how far processing got, as the domain's Job in JSON. A job's
-- progress is rewritten in the same transaction as the changes of each step, so a restart
-- resumes exactly after the last committed step.
CREATE TABLE jobs (
  id  INTEGER PRIMARY KEY,
  job TEXT NOT NULL
);
