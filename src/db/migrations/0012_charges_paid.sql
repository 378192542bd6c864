-- Rule set v2 (arrears.md): payments pay each fund's charges after its overdue principal, so a stored position keeps
-- per fund the charge accrued, the part paid and what is outstanding (the existing charge columns), and the days since
-- the oldest unpaid deadline.

ALTER TABLE arrears_position
  ADD COLUMN days_late              integer NOT NULL DEFAULT 0,
  ADD COLUMN charge_accrued         bigint NOT NULL DEFAULT 0,
  ADD COLUMN charge_paid            bigint NOT NULL DEFAULT 0,
  ADD COLUMN charge_accrued_bhxh    bigint NOT NULL DEFAULT 0,
  ADD COLUMN charge_accrued_bhtnld  bigint NOT NULL DEFAULT 0,
  ADD COLUMN charge_accrued_bhtn    bigint NOT NULL DEFAULT 0,
  ADD COLUMN charge_accrued_bhyt    bigint NOT NULL DEFAULT 0,
  ADD COLUMN charge_paid_bhxh       bigint NOT NULL DEFAULT 0,
  ADD COLUMN charge_paid_bhtnld     bigint NOT NULL DEFAULT 0,
  ADD COLUMN charge_paid_bhtn       bigint NOT NULL DEFAULT 0,
  ADD COLUMN charge_paid_bhyt       bigint NOT NULL DEFAULT 0;

-- Positions stored so far were computed principal only: nothing paid their charges, so accrued = outstanding, and
-- their days late follow from the oldest overdue deadline. The next close recomputes them under the rule set in force.
UPDATE arrears_position SET
  charge_accrued = charge,
  charge_accrued_bhxh = charge_bhxh, charge_accrued_bhtnld = charge_bhtnld,
  charge_accrued_bhtn = charge_bhtn, charge_accrued_bhyt = charge_bhyt,
  days_late = CASE WHEN jsonb_array_length(overdue_deadlines) > 0
                   THEN as_of - (overdue_deadlines ->> 0)::date ELSE 0 END;

-- Rule sets stored before v2 name no allocation; the statutory order by fund is now the default, written out.
UPDATE rule_set SET body = (body - 'chargesFirst') || '{"allocation": "by-fund"}'::jsonb WHERE NOT body ? 'allocation';
