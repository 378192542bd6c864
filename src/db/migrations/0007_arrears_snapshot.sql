-- The arrears of each office as at each close, by ownership type and band: the history behind the national dashboards
-- (stored positions hold only the latest close).
CREATE TABLE arrears_snapshot (
  as_of           date NOT NULL,
  office_id       integer NOT NULL REFERENCES office (id),
  ownership       text NOT NULL,
  band            text NOT NULL,
  employers       integer NOT NULL,
  late_employers  integer NOT NULL,
  late_amount     bigint NOT NULL,
  charge          bigint NOT NULL,
  PRIMARY KEY (as_of, office_id, ownership, band)
);
CREATE INDEX arrears_snapshot_office_idx ON arrears_snapshot (office_id, as_of);
