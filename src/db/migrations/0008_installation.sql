-- What this database is for, set once: 'production' by `dondoc init`, 'demo' by the first start's demo load.
-- A demo load marks itself 'loading' first and 'ready' last, so a load cut short by a crash is seen at the next
-- start and done again, never served half-made. A database without the row was set up by hand (tests, old copies).
CREATE TABLE installation (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  purpose     text NOT NULL CHECK (purpose IN ('demo', 'production')),
  state       text NOT NULL CHECK (state IN ('loading', 'ready')),
  created_at  timestamptz NOT NULL,
  ready_at    timestamptz
);

-- Before this table, the only way to fill a database was the demo load.
INSERT INTO installation (purpose, state, created_at, ready_at)
SELECT 'demo', 'ready', now(), now() WHERE EXISTS (SELECT 1 FROM app_user WHERE username = 'admin')
  AND EXISTS (SELECT 1 FROM obligation);
