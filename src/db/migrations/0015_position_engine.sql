-- A stored position says which version of the arrears engine computed it, so that positions computed before a change
-- of the computation (rule set v2: charges paid fund by fund) are recomputed when the server starts instead of
-- keeping their old figures until the next day's close. Positions stored so far may predate v2: they count as v1.
ALTER TABLE arrears_position ADD COLUMN engine_version integer NOT NULL DEFAULT 1;
