import { FUNDS, type Day, type Fund, type Period, type PaymentCycle } from './ledger.js';
import { dayNumber, firstDayOf, periodFromIndex, periodIndex } from './periods.js';
import { Rational } from './rational.js';
import { bandOf, deadlineOf, monthlyRate, type RuleSet } from './rules.js';

/**
 * The arrears engine (arrears.md): for one employer at a date D, who owes what, since when, and the charge accrued.
 * Pure: the caller passes the ledger, the rule set and D.
 *
 * Allocation. Every payment dated ≤ D is applied on its date to the obligations in the order oldest period first,
 * then the rule set's fund order, including obligations not yet due; what is left is a credit. A negative obligation
 * (a correction) lowers what is owed: it is applied like a payment on the first day of its contribution month, since
 * that is when the correction is booked.
 *
 * Charges. Each đồng of principal accrues, per day t with deadline < t ≤ min(day paid, D) and t ≥ the daily rule's
 * start, the daily rate (0.03%). Under the old regime, on the 1st of each month M up to the regime's last day, the
 * principal of periods ≤ M−2 still unpaid at the end of M−1 earns k(fund, year of M). Charges are summed exactly per
 * fund (integer đồng-days and đồng-months, times rational rates) and rounded half up once per fund at D; the
 * employer's charge is the sum of its rounded fund charges.
 */

export interface LedgerObligation {
  period: Period;
  fund: Fund;
  amount: number;
}

export interface LedgerPayment {
  date: Day;
  amount: number;
  reference: string;
}

export interface EmployerLedger {
  paymentCycle: PaymentCycle;
  obligations: readonly LedgerObligation[];
  payments: readonly LedgerPayment[];
}

export interface FundPosition {
  late: number;
  charge: number;
}

export interface ArrearsPosition {
  lateAmount: number;
  overdueMonths: number;
  band: string;
  oldestUnpaidPeriod: Period | null;
  monthsEquivalent: number | null;
  charge: number;
  byFund: Record<Fund, FundPosition>;
  /** Money received and not yet needed by any obligation. */
  credit: number;
  warnings: string[];
}

/** One application of money to one obligation (see explain). */
export interface AllocationLine {
  source: 'payment' | 'correction';
  reference: string;
  date: Day;
  period: Period;
  fund: Fund;
  amount: number;
  deadline: Day;
  /** Days this amount was paid after the deadline that count for the daily charge. */
  chargeDays: number;
}

/** What is still unpaid of one obligation at D and what it has cost so far. */
export interface OutstandingLine {
  period: Period;
  fund: Fund;
  deadline: Day;
  due: number;
  unpaid: number;
  overdue: boolean;
  chargeDays: number;
}

export interface ArrearsExplanation {
  allocations: AllocationLine[];
  outstanding: OutstandingLine[];
  /** Exact charge per fund before rounding, as a fraction of đồng, with its daily and monthly parts. */
  charges: Record<Fund, { daily: string; monthly: string; exact: string; rounded: number }>;
}

interface Item {
  period: Period;
  periodIdx: number;
  fund: Fund;
  fundRank: number;
  due: number;
  remaining: number;
  deadline: Day;
  deadlineNumber: number;
}

const emptyByFund = <T>(make: () => T): Record<Fund, T> =>
  ({ BHXH: make(), BHTNLD: make(), BHTN: make(), BHYT: make() });

export function computeArrears(
  ledger: EmployerLedger,
  rules: RuleSet,
  asOf: Day,
  options: { explain: true },
): ArrearsPosition & { explanation: ArrearsExplanation };
export function computeArrears(ledger: EmployerLedger, rules: RuleSet, asOf: Day, options?: { explain?: false }): ArrearsPosition;
export function computeArrears(
  ledger: EmployerLedger,
  rules: RuleSet,
  asOf: Day,
  options: { explain?: boolean } = {},
): ArrearsPosition & { explanation?: ArrearsExplanation } {
  const asOfNumber = dayNumber(asOf);
  const asOfPeriodIdx = periodIndex(asOf.slice(0, 7));
  const fundRank = new Map(rules.allocationOrder.map((f, i) => [f, i]));
  const dailyFrom = dayNumber(rules.dailyCharge.from);
  // The last month M whose 1st carries old-regime interest: the 1st of `until`'s month is never after `until`, and
  // the 1st of D's month is never after D.
  const lastInterestIdx = Math.min(periodIndex(rules.monthlyInterest.until.slice(0, 7)), asOfPeriodIdx);

  const items: Item[] = [];
  const events: { date: Day; dateNumber: number; amount: number; source: 'payment' | 'correction'; reference: string }[] = [];
  for (const o of ledger.obligations) {
    if (o.amount > 0) {
      const deadline = deadlineOf(rules, o.period, ledger.paymentCycle);
      items.push({
        period: o.period, periodIdx: periodIndex(o.period), fund: o.fund, fundRank: fundRank.get(o.fund)!,
        due: o.amount, remaining: o.amount, deadline, deadlineNumber: dayNumber(deadline),
      });
    } else if (o.amount < 0) {
      const date = firstDayOf(o.period);
      const dateNumber = dayNumber(date);
      if (dateNumber <= asOfNumber) {
        events.push({ date, dateNumber, amount: -o.amount, source: 'correction', reference: `${o.period} ${o.fund}` });
      }
    }
  }
  for (const p of ledger.payments) {
    const dateNumber = dayNumber(p.date);
    if (dateNumber <= asOfNumber) events.push({ date: p.date, dateNumber, amount: p.amount, source: 'payment', reference: p.reference });
  }
  items.sort((a, b) => a.periodIdx - b.periodIdx || a.fundRank - b.fundRank);
  // Same day: corrections (booked at the month's start) before payments, payments in the order given.
  events.sort((a, b) => a.dateNumber - b.dateNumber || (a.source === b.source ? 0 : a.source === 'correction' ? -1 : 1));

  const dailyUnits = emptyByFund(() => 0); // Σ đồng × days
  const monthlyUnits = emptyByFund(() => new Map<number, number>()); // year → Σ đồng × months
  const allocations: AllocationLine[] | undefined = options.explain ? [] : undefined;

  // Days t with max(deadline + 1, daily start) ≤ t ≤ until.
  const chargeDays = (item: Item, untilNumber: number) =>
    Math.max(0, untilNumber - Math.max(item.deadlineNumber + 1, dailyFrom) + 1);

  // Months M in [period + 2, lastMonthUnpaid] (and ≤ the old regime's last month) earn interest on `amount`.
  const accrueMonthly = (item: Item, amount: number, lastMonthIdx: number) => {
    const to = Math.min(lastMonthIdx, lastInterestIdx);
    for (let m = item.periodIdx + 2; m <= to; ) {
      const year = Math.floor(m / 12);
      const yearEnd = Math.min(to, year * 12 + 11);
      const units = monthlyUnits[item.fund];
      units.set(year, (units.get(year) ?? 0) + amount * (yearEnd - m + 1));
      m = yearEnd + 1;
    }
  };

  let next = 0; // first item with something left to pay
  let credit = 0;
  for (const event of events) {
    let money = event.amount;
    while (money > 0 && next < items.length) {
      const item = items[next]!;
      const applied = Math.min(money, item.remaining);
      item.remaining -= applied;
      money -= applied;
      const days = chargeDays(item, event.dateNumber);
      dailyUnits[item.fund] += applied * days;
      // Paid on day X: unpaid at the end of every month before X's month.
      accrueMonthly(item, applied, periodIndex(event.date.slice(0, 7)));
      allocations?.push({
        source: event.source, reference: event.reference, date: event.date, period: item.period, fund: item.fund,
        amount: applied, deadline: item.deadline, chargeDays: days,
      });
      if (item.remaining === 0) next++;
    }
    credit += money;
  }

  const byFund = emptyByFund<FundPosition>(() => ({ late: 0, charge: 0 }));
  const overduePeriods = new Set<number>();
  let oldestIdx = Infinity;
  const outstanding: OutstandingLine[] | undefined = options.explain ? [] : undefined;
  for (let i = next; i < items.length; i++) {
    const item = items[i]!;
    if (item.remaining === 0) continue;
    const overdue = item.deadlineNumber < asOfNumber;
    const days = chargeDays(item, asOfNumber);
    dailyUnits[item.fund] += item.remaining * days;
    // Unpaid at D: unpaid at the end of every month before D's month.
    accrueMonthly(item, item.remaining, asOfPeriodIdx);
    if (overdue) {
      byFund[item.fund].late += item.remaining;
      overduePeriods.add(item.periodIdx);
      oldestIdx = Math.min(oldestIdx, item.periodIdx);
    }
    outstanding?.push({
      period: item.period, fund: item.fund, deadline: item.deadline, due: item.due, unpaid: item.remaining, overdue,
      chargeDays: days,
    });
  }

  const warnings: string[] = [];
  const charges = {} as ArrearsExplanation['charges'];
  let charge = 0;
  for (const fund of FUNDS) {
    const units = dailyUnits[fund];
    if (!Number.isSafeInteger(units)) throw new RangeError(`charge base for ${fund} exceeds exact integer range`);
    const daily = rules.dailyCharge.rate.scale(units);
    let monthly = Rational.ZERO;
    for (const [year, amountMonths] of [...monthlyUnits[fund]].sort((a, b) => a[0] - b[0])) {
      const k = monthlyRate(rules, fund, year);
      if (k) monthly = monthly.plus(k.scale(amountMonths));
      else warnings.push(`no old-regime interest rate for ${fund} in ${year}; that interest is counted as 0`);
    }
    const exact = daily.plus(monthly);
    const rounded = Number(exact.roundHalfUp());
    byFund[fund].charge = rounded;
    charge += rounded;
    charges[fund] = { daily: daily.toString(), monthly: monthly.toString(), exact: exact.toString(), rounded };
  }

  const lateAmount = FUNDS.reduce((sum, f) => sum + byFund[f].late, 0);
  const overdueMonths = overduePeriods.size;
  const position: ArrearsPosition & { explanation?: ArrearsExplanation } = {
    lateAmount,
    overdueMonths,
    band: bandOf(rules, overdueMonths),
    oldestUnpaidPeriod: oldestIdx === Infinity ? null : periodFromIndex(oldestIdx),
    monthsEquivalent: monthsEquivalent(ledger.obligations, asOfPeriodIdx, lateAmount),
    charge,
    byFund,
    credit,
    warnings,
  };
  if (options.explain) position.explanation = { allocations: allocations!, outstanding: outstanding!, charges };
  return position;
}

/**
 * Late amount ÷ the average monthly amount due over the (up to) 12 most recent contribution months before D's month
 * that have obligations, to one decimal, rounded half up. Null when there is no such month or their sum is not
 * positive.
 */
export function monthsEquivalent(obligations: readonly LedgerObligation[], asOfPeriodIdx: number, lateAmount: number) {
  const totals = new Map<number, number>();
  for (const o of obligations) {
    const idx = periodIndex(o.period);
    if (idx < asOfPeriodIdx) totals.set(idx, (totals.get(idx) ?? 0) + o.amount);
  }
  const recent = [...totals].sort((a, b) => b[0] - a[0]).slice(0, 12);
  const sum = recent.reduce((s, [, amount]) => s + amount, 0);
  if (recent.length === 0 || sum <= 0) return null;
  // lateAmount ÷ (sum ÷ n), in tenths, exactly.
  const tenths = Rational.of(BigInt(lateAmount) * BigInt(recent.length) * 10n, BigInt(sum)).roundHalfUp();
  return Number(tenths) / 10;
}
