-- The version of the books a receivable is summed from: every statement that writes `obligation` or `employer`
-- (an employer's office decides whose receivable its obligations count in) gives it a new number, in the writing
-- transaction, so a reader sees the new version exactly when it sees the rows that caused it. Summing a year's
-- obligations reads millions of rows; reading this row, one. One counter for both tables, so that a transaction
-- writing both takes one row lock, and two such transactions cannot wait on each other's counters in turn.
CREATE TABLE ledger_version (
  name     text PRIMARY KEY,
  version  bigint NOT NULL
);
-- Versions are drawn from a sequence, not counted from the row: a number is never given twice, even if the row were
-- lost and made again, so a sum kept under an old number can never be taken for a sum of new books.
CREATE SEQUENCE ledger_version_seq;
INSERT INTO ledger_version (name, version) VALUES ('books', nextval('ledger_version_seq'));

CREATE FUNCTION ledger_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_version (name, version) VALUES (TG_ARGV[0], nextval('ledger_version_seq'))
    ON CONFLICT (name) DO UPDATE SET version = excluded.version;
  RETURN NULL;
END $$;

CREATE TRIGGER obligation_books_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON obligation
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump('books');
CREATE TRIGGER employer_books_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON employer
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump('books');

-- The day of the latest close is the least as_of of the positions, read on every worklist request: from the index's
-- first entry instead of the whole table.
CREATE INDEX arrears_position_as_of_idx ON arrears_position (as_of);
