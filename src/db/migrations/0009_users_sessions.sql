-- Người dùng, mật khẩu, phiên làm việc: accounts an office administers itself, sessions that end when idle, login
-- throttling shared by every app server, and the source address on every audit row.

-- Set for a one-time password (a new account, a reset, `dondoc init`): the API refuses everything but changing it.
ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE app_user ADD COLUMN email text;
ALTER TABLE app_user ADD COLUMN password_changed_at timestamptz;
-- The per-account hard lock let anyone lock anyone out; login_throttle below replaces it.
ALTER TABLE app_user DROP COLUMN failed_logins;
ALTER TABLE app_user DROP COLUMN locked_until;

-- A session is listed and ended by this id; the token's hash never leaves the server.
ALTER TABLE user_session ADD COLUMN id integer GENERATED ALWAYS AS IDENTITY;
ALTER TABLE user_session ADD CONSTRAINT user_session_id_key UNIQUE (id);
ALTER TABLE user_session ADD COLUMN last_seen_at timestamptz;
UPDATE user_session SET last_seen_at = created_at;
ALTER TABLE user_session ALTER COLUMN last_seen_at SET NOT NULL;
ALTER TABLE user_session ADD COLUMN address text NOT NULL DEFAULT '';
ALTER TABLE user_session ADD COLUMN user_agent text NOT NULL DEFAULT '';

-- Failed logins per key ('account:NAME', 'pair:NAME@ADDRESS', 'address:ADDRESS'), whether the name exists or not:
-- each failure past a free allowance doubles the wait, and the next attempt on a key is refused until blocked_until.
CREATE TABLE login_throttle (
  key              text PRIMARY KEY,
  failures         integer NOT NULL CHECK (failures > 0),
  last_failure_at  timestamptz NOT NULL,
  blocked_until    timestamptz
);

-- Địa chỉ nguồn: the client address of the request that made the change (null for jobs and the command line).
ALTER TABLE audit_log ADD COLUMN address text;
