-- Versions of the other tables the day's pages read, as ledger_version's 'books' and 'payments' are of the books: the
-- worklist, the employer list and an employer's arrears are kept between requests while the versions of every table
-- they read stand (db/versions.ts). 'positions': the arrears and ladder positions the close, the imports and the
-- actions write; 'actions': the enforcement actions (the worklist's follow-up day); 'assignments'; 'offices' (their
-- names and paths, which decide a scope); 'rules': the rule sets an employer's arrears are computed under.
INSERT INTO ledger_version (name, version) VALUES
  ('positions', nextval('ledger_version_seq')),
  ('actions', nextval('ledger_version_seq')),
  ('assignments', nextval('ledger_version_seq')),
  ('offices', nextval('ledger_version_seq')),
  ('rules', nextval('ledger_version_seq'));

-- BEFORE the statement, not after it as for the books: a writer takes the version's row lock before any row of the
-- table, so two transactions writing the same rows queue on the version row and never each hold what the other
-- waits for (one holding a row the statement wrote, the other the version row from an earlier statement).
CREATE TRIGGER arrears_position_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON arrears_position
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump('positions');
CREATE TRIGGER ladder_position_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON ladder_position
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump('positions');
CREATE TRIGGER enforcement_action_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON enforcement_action
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump('actions');
CREATE TRIGGER assignment_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON assignment
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump('assignments');
CREATE TRIGGER office_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON office
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump('offices');
CREATE TRIGGER rule_set_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON rule_set
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump('rules');
