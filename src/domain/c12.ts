import { computeArrears, type EmployerLedger } from './arrears.js';
import { FUNDS, type Day, type Fund, type Period } from './ledger.js';
import { addMonths, firstDayOf, lastDayOf } from './periods.js';
import type { RuleSet } from './rules.js';

/**
 * Thông báo kết quả đóng BHXH, BHYT, BHTN (mẫu C12-TS), the monthly statement of what an employer owes, in VSS's
 * layout: per fund, A brought forward from the month before, B arising in the month, C paid in the month (of which the
 * late-payment charge), D carried forward; A + B − C = D for the contributions and for the charges, fund by fund. It
 * is a statement, never an urging (report-figures' footnote).
 *
 * Contributions owed at a day are the contribution months up to that day's month not yet paid, due or not; the
 * charges owed are the engine's outstanding charges. B is the month's contributions less what corrections (negative
 * obligations) paid in it, plus the charges accrued in it; C is what payments (and credit held from earlier payments)
 * paid in it.
 */
export interface C12Line {
  byFund: Record<Fund, number>;
  total: number;
}

export interface C12Part {
  broughtForward: C12Line;
  arising: C12Line;
  paid: C12Line;
  carriedForward: C12Line;
}

export interface C12Statement {
  month: Period;
  /** Tiền đóng BHXH, BHYT, BHTN, BHTNLĐ-BNN. */
  contributions: C12Part;
  /** Tiền chậm đóng (the charge part). */
  charges: C12Part;
}

const line = (byFund: Record<Fund, number>): C12Line => ({ byFund, total: FUNDS.reduce((s, f) => s + byFund[f], 0) });
const perFund = (value: (fund: Fund) => number) =>
  line(Object.fromEntries(FUNDS.map((f) => [f, value(f)])) as Record<Fund, number>);

export function c12Statement(ledger: EmployerLedger, rulesAt: (day: Day) => RuleSet, month: Period): C12Statement {
  const start = lastDayOf(addMonths(month, -1));
  const end = lastDayOf(month);
  const before = computeArrears(ledger, rulesAt(start), start, { explain: true });
  const after = computeArrears(ledger, rulesAt(end), end, { explain: true });
  const owed = (position: typeof before, upTo: Period) => (fund: Fund) =>
    position.explanation.outstanding
      .filter((l) => l.fund === fund && l.period <= upTo)
      .reduce((s, l) => s + l.unpaid, 0);
  const inMonth = (day: Day) => day >= firstDayOf(month) && day <= end;
  const allocated = (fund: Fund, sources: readonly string[]) =>
    after.explanation.allocations
      .filter((a) => a.fund === fund && inMonth(a.date) && a.period <= month && sources.includes(a.source))
      .reduce((s, a) => s + a.amount, 0);
  const chargesPaid = (fund: Fund) =>
    after.explanation.chargePayments
      .filter((c) => c.fund === fund && inMonth(c.date))
      .reduce((s, c) => s + c.amount, 0);
  const arising = (fund: Fund) =>
    ledger.obligations
      .filter((o) => o.fund === fund && o.period === month && o.amount > 0)
      .reduce((s, o) => s + o.amount, 0) - allocated(fund, ['correction']);
  return {
    month,
    contributions: {
      broughtForward: perFund(owed(before, addMonths(month, -1))),
      arising: perFund(arising),
      paid: perFund((f) => allocated(f, ['payment', 'credit'])),
      carriedForward: perFund(owed(after, month)),
    },
    charges: {
      broughtForward: perFund((f) => before.byFund[f].charge),
      arising: perFund((f) => after.byFund[f].chargeAccrued - before.byFund[f].chargeAccrued),
      paid: perFund(chargesPaid),
      carriedForward: perFund((f) => after.byFund[f].charge),
    },
  };
}
