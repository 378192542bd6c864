-- The version of the payments, as ledger_version's 'books' is of the obligations and employers: every statement that
-- writes `payment` gives it a new number in the writing transaction. A province's report reads the arrears of each of
-- its employers at two days; with both versions unchanged since the last report, nothing its figures stand on has
-- changed, and the per-employer check of the books (a pass over every obligation and payment of the province) is
-- skipped. A row of its own, so a day's payments do not make the receivables summed under 'books' be summed again.
-- Writers of both take 'books' first (employers, obligations, then payments, as every load orders its files), so two
-- of them never wait on each other's rows in turn.
INSERT INTO ledger_version (name, version) VALUES ('payments', nextval('ledger_version_seq'));

CREATE TRIGGER payment_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON payment
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump('payments');
