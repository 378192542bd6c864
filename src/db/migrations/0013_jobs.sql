-- Background jobs (the daily close, campaign reminders): one row per named job. The lease makes one process run a
-- job at a time across every app server on this database: a process takes it when it is free or its holder's time
-- ran out (a holder that died), renews it while it works and frees it when done. The last run's outcome stays for
-- the operators; `done_for` is the day whose work the job last finished (a close cut short is not done).
CREATE TABLE job_lease (
  name              text PRIMARY KEY,
  holder            text,
  expires_at        timestamptz,
  last_started_at   timestamptz,
  last_finished_at  timestamptz,
  last_outcome      text CHECK (last_outcome IN ('ok', 'failed', 'stopped')),
  last_summary      text,
  done_for          date,
  CHECK ((holder IS NULL) = (expires_at IS NULL))
);
