-- A large import on the embedded database is applied in short steps from a stage table, so that no statement holds
-- its one connection for long. This row is written before the first step and removed in the transaction that records
-- the batch: while it exists, the rows of the stage up to `applied_through` are in the ledger without their batch.
-- The next start takes them out again (ledger-files/stepped.ts), so a crash leaves all of a file or none of it.
CREATE TABLE import_pending (
  stage           text PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('obligations', 'payments')),
  applied_through bigint NOT NULL DEFAULT 0,
  started_at      timestamptz NOT NULL DEFAULT now()
);
