-- Kế hoạch thu: the amount an office is assigned to collect in a year. Some provinces measure the late ratio against
-- it instead of the amount receivable (the rule set's lateRatioDenominator says which).
CREATE TABLE collection_plan (
  office_id   integer NOT NULL REFERENCES office (id),
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount      bigint NOT NULL CHECK (amount > 0),
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (office_id, year)
);
