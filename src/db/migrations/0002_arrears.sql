-- Chậm đóng: rule sets as versioned data, and the stored arrears position of every employer.

-- A rule set (deadlines, allocation order, rates, bands…) in the JSON form of domain/rules.ts. The one in force at
-- a date is the latest with effective_from ≤ that date.
CREATE TABLE rule_set (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  effective_from  date NOT NULL UNIQUE,
  body            jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- The position of each employer at `as_of` (the latest close), recomputed for the employers whose obligations or
-- payments change. Per-fund columns keep "by fund" queries to plain sums.
CREATE TABLE arrears_position (
  employer_id           integer PRIMARY KEY REFERENCES employer (id),
  as_of                 date NOT NULL,
  rule_set_id           text NOT NULL REFERENCES rule_set (id),
  late_amount           bigint NOT NULL,
  overdue_months        integer NOT NULL,
  band                  text NOT NULL,
  oldest_unpaid_period  text,
  months_equivalent     numeric(10, 1),
  charge                bigint NOT NULL,
  credit                bigint NOT NULL,
  late_bhxh             bigint NOT NULL,
  late_bhtnld           bigint NOT NULL,
  late_bhtn             bigint NOT NULL,
  late_bhyt             bigint NOT NULL,
  charge_bhxh           bigint NOT NULL,
  charge_bhtnld         bigint NOT NULL,
  charge_bhtn           bigint NOT NULL,
  charge_bhyt           bigint NOT NULL,
  computed_at           timestamptz NOT NULL
);
CREATE INDEX arrears_position_late_idx ON arrears_position (late_amount DESC) WHERE late_amount > 0;

-- Every file imported, by content hash: importing the same file again changes nothing.
CREATE TABLE import_batch (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('employers', 'obligations', 'payments')),
  file_name    text NOT NULL,
  sha256       text NOT NULL,
  rows         integer NOT NULL,
  inserted     integer NOT NULL,
  updated      integer NOT NULL,
  user_id      integer REFERENCES app_user (id),
  imported_at  timestamptz NOT NULL,
  UNIQUE (kind, sha256)
);
