-- Giới hạn tần suất: requests counted per key (a limit and a client address) in fixed windows, here so that every app
-- server on this database counts the same client together. One row per key and window, bumped by one upsert per
-- request; windows that have ended are deleted from time to time, so the table holds about a minute of clients and
-- needs no index beyond its key.
CREATE TABLE rate_limit_window (
  key           text NOT NULL,
  window_start  timestamptz NOT NULL,
  hits          integer NOT NULL CHECK (hits > 0),
  PRIMARY KEY (key, window_start)
);

-- The first day after as_of on which the position could read otherwise with the same ledger (the engine's
-- changesOn; 'infinity' when no coming day changes it): the daily close recomputes only the positions whose day has
-- come, as the imports recompute those whose ledger changed. Null for positions stored before: the next close
-- recomputes them.
ALTER TABLE arrears_position ADD COLUMN changes_on date;
