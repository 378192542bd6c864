import { FUNDS, type Day, type Fund, type Period, type PaymentCycle } from './ledger.js';
import { dayFromNumber, dayNumber, monthOfDay, periodFromIndex, periodIndex } from './periods.js';
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
 *
 * The core works on numbers (month indexes, day numbers, fund indexes) so that a national file of tens of millions
 * of rows computes in seconds; `computeArrears` is the same computation for a ledger written as text.
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

/**
 * The same ledger as numbers: obligation i is (period index, index in FUNDS, amount); payment j is (day number,
 * amount). Arrays may be views into larger typed arrays.
 */
export interface NumericLedger {
  paymentCycle: PaymentCycle;
  obligationCount: number;
  obligationPeriod: ArrayLike<number>;
  obligationFund: ArrayLike<number>;
  obligationAmount: ArrayLike<number>;
  paymentCount: number;
  paymentDay: ArrayLike<number>;
  paymentAmount: ArrayLike<number>;
  /** Only needed for the explanation. */
  paymentReference?: (index: number) => string;
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
  /** The deadline of each overdue period, oldest first: when the employer reached 1, 2, 3… months late. */
  overdueDeadlines: Day[];
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

/** Per rule set: fund order as ranks, the daily rate as numbers, and deadlines as day numbers, computed once. */
interface Prepared {
  rankOfFund: Int8Array;
  dailyFrom: number;
  dailyNum: bigint;
  dailyDen: bigint;
  interestUntilIdx: number;
  /** Deadline day numbers by payment cycle and month index, filled as met (0: not yet, never a month's last day). */
  deadlines: Record<PaymentCycle, Float64Array>;
}
/** Month indexes up to the year 9999. */
const MONTH_INDEXES = 10_000 * 12;
const preparedRules = new WeakMap<RuleSet, Prepared>();

function prepare(rules: RuleSet): Prepared {
  let p = preparedRules.get(rules);
  if (!p) {
    const rankOfFund = new Int8Array(FUNDS.length);
    FUNDS.forEach((f, i) => (rankOfFund[i] = rules.allocationOrder.indexOf(f)));
    p = {
      rankOfFund,
      dailyFrom: dayNumber(rules.dailyCharge.from),
      dailyNum: rules.dailyCharge.rate.num,
      dailyDen: rules.dailyCharge.rate.den,
      interestUntilIdx: periodIndex(rules.monthlyInterest.until.slice(0, 7)),
      deadlines: { 1: new Float64Array(MONTH_INDEXES), 3: new Float64Array(MONTH_INDEXES), 6: new Float64Array(MONTH_INDEXES) },
    };
    preparedRules.set(rules, p);
  }
  return p;
}

function deadlineNumber(rules: RuleSet, p: Prepared, periodIdx: number, cycle: PaymentCycle): number {
  const table = p.deadlines[cycle];
  let n = table[periodIdx]!;
  if (n === 0) {
    n = dayNumber(deadlineOf(rules, periodFromIndex(periodIdx), cycle));
    table[periodIdx] = n;
  }
  return n;
}

let scratchKeys = new Float64Array(256);
function scratch(size: number): Float64Array {
  if (scratchKeys.length < size) scratchKeys = new Float64Array(Math.max(size, scratchKeys.length * 2));
  return scratchKeys;
}
let workOrder = new Int32Array(256);
let workRemaining = new Float64Array(256);
let workDeadline = new Float64Array(256);
/** Working arrays for `count` obligations, reused across employers (the engine never runs two at once). */
function work(count: number) {
  if (workOrder.length < count) {
    const size = Math.max(count, workOrder.length * 2);
    [workOrder, workRemaining, workDeadline] = [new Int32Array(size), new Float64Array(size), new Float64Array(size)];
  }
  return { order: workOrder.subarray(0, count), remaining: workRemaining, deadline: workDeadline };
}

/** round half up of units × num / den, exactly: in floating point where every value is an exact integer, else bigint. */
function roundCharge(units: number, num: bigint, den: bigint): number {
  if (units === 0) return 0;
  const n = Number(num);
  const d = Number(den);
  const a = 2 * units * n + d; // round half up: floor((2·u·n + d) / 2d)
  if (units > 0 && Number.isSafeInteger(a) && Number.isSafeInteger(2 * d)) {
    let q = Math.floor(a / (2 * d));
    // The division itself may land a hair off for very large values; settle it with exact products.
    if (q * 2 * d > a) q--;
    else if ((q + 1) * 2 * d <= a) q++;
    return q;
  }
  return Number(Rational.of(BigInt(units) * num, den).roundHalfUp());
}

interface Explain {
  allocations: AllocationLine[];
  outstanding: OutstandingLine[];
  charges: ArrearsExplanation['charges'];
}

/** The position of a numeric ledger at D (a day number); see the module comment for the rules. */
export function computeArrearsNumeric(
  ledger: NumericLedger,
  rules: RuleSet,
  asOfNumber: number,
  explain?: Explain,
): ArrearsPosition {
  const p = prepare(rules);
  const asOfPeriodIdx = monthOfDay(asOfNumber);
  const lastInterestIdx = Math.min(p.interestUntilIdx, asOfPeriodIdx);
  const cycle = ledger.paymentCycle;

  // Positive obligations, ordered by period then fund rank: each sorts as one number (key × 2^16 + position), in a
  // scratch array reused from employer to employer, since national runs do this hundreds of thousands of times.
  const n = ledger.obligationCount;
  const keys = scratch(n);
  let count = 0;
  let corrections = 0;
  for (let i = 0; i < n; i++) {
    const amount = ledger.obligationAmount[i]!;
    if (amount > 0) {
      keys[count++] = (ledger.obligationPeriod[i]! * 4 + p.rankOfFund[ledger.obligationFund[i]!]!) * 65536 + i;
    } else if (amount < 0) corrections++;
  }
  if (n >= 65536) throw new RangeError('an employer with 65,536 obligations or more');
  const sorted = keys.subarray(0, count).sort();
  const { order, remaining, deadline } = work(count);
  for (let k = 0; k < count; k++) {
    const i = sorted[k]! % 65536;
    order[k] = i;
    remaining[k] = ledger.obligationAmount[i]!;
    deadline[k] = deadlineNumber(rules, p, ledger.obligationPeriod[i]!, cycle);
  }

  const dailyUnits = [0, 0, 0, 0]; // per fund: Σ đồng × days
  let monthlyUnits: Map<number, number>[] | null = null; // per fund: year → Σ đồng × months

  const chargeDays = (k: number, untilNumber: number) => {
    const from = Math.max(deadline[k]! + 1, p.dailyFrom);
    return untilNumber >= from ? untilNumber - from + 1 : 0;
  };
  // Months M in [period + 2, lastMonthUnpaid] (and ≤ the old regime's last month) earn interest on `amount`.
  const accrueMonthly = (periodIdx: number, fund: number, amount: number, lastMonthIdx: number) => {
    const to = Math.min(lastMonthIdx, lastInterestIdx);
    for (let m = periodIdx + 2; m <= to; ) {
      monthlyUnits ??= [new Map(), new Map(), new Map(), new Map()];
      const units = monthlyUnits[fund]!;
      const year = Math.floor(m / 12);
      const yearEnd = Math.min(to, year * 12 + 11);
      units.set(year, (units.get(year) ?? 0) + amount * (yearEnd - m + 1));
      m = yearEnd + 1;
    }
  };

  // Money events in date order; corrections (booked on the 1st of their month) before payments on the same day.
  const events: { day: number; amount: number; correction: number }[] = [];
  if (corrections > 0) {
    for (let i = 0; i < n; i++) {
      const amount = ledger.obligationAmount[i]!;
      const day = dayNumber(`${periodFromIndex(ledger.obligationPeriod[i]!)}-01`);
      if (amount < 0 && day <= asOfNumber) events.push({ day, amount: -amount, correction: i });
    }
  }
  let paymentsSorted = true;
  for (let j = 0; j < ledger.paymentCount; j++) {
    const day = ledger.paymentDay[j]!;
    if (j > 0 && day < ledger.paymentDay[j - 1]!) paymentsSorted = false;
  }
  const useEvents = corrections > 0 || !paymentsSorted;
  if (useEvents) {
    for (let j = 0; j < ledger.paymentCount; j++) {
      const day = ledger.paymentDay[j]!;
      if (day <= asOfNumber) events.push({ day, amount: ledger.paymentAmount[j]!, correction: -1 - j });
    }
    events.sort((a, b) => a.day - b.day || (a.correction >= 0 ? 0 : 1) - (b.correction >= 0 ? 0 : 1) ||
      (a.correction >= 0 ? 0 : b.correction - a.correction));
  }
  const eventCount = useEvents ? events.length : ledger.paymentCount;

  let next = 0;
  let credit = 0;
  for (let e = 0; e < eventCount; e++) {
    let day: number;
    let money: number;
    let source = -1; // payment index, or obligation index of a correction as −2 − i
    if (useEvents) {
      const ev = events[e]!;
      day = ev.day;
      money = ev.amount;
      source = ev.correction >= 0 ? -2 - ev.correction : -1 - ev.correction;
    } else {
      day = ledger.paymentDay[e]!;
      if (day > asOfNumber) break;
      money = ledger.paymentAmount[e]!;
      source = e;
    }
    const paidMonth = lastInterestIdx >= 0 ? monthOfDay(day) : 0;
    while (money > 0 && next < count) {
      const applied = Math.min(money, remaining[next]!);
      remaining[next]! -= applied;
      money -= applied;
      const i = order[next]!;
      const fund = ledger.obligationFund[i]!;
      const days = chargeDays(next, day);
      dailyUnits[fund]! += applied * days;
      // Paid on day X: unpaid at the end of every month before X's month.
      accrueMonthly(ledger.obligationPeriod[i]!, fund, applied, paidMonth);
      if (explain) {
        explain.allocations.push({
          source: source >= 0 ? 'payment' : 'correction',
          reference: source >= 0
            ? ledger.paymentReference?.(source) ?? ''
            : `${periodFromIndex(ledger.obligationPeriod[-2 - source]!)} ${FUNDS[ledger.obligationFund[-2 - source]!]}`,
          date: dayFromNumber(day), period: periodFromIndex(ledger.obligationPeriod[i]!), fund: FUNDS[fund]!,
          amount: applied, deadline: dayFromNumber(deadline[next]!), chargeDays: days,
        });
      }
      if (remaining[next] === 0) next++;
    }
    credit += money;
  }

  const late = [0, 0, 0, 0];
  let overdueMonths = 0;
  const overdueDeadlines: Day[] = [];
  let lastOverduePeriod = -1;
  let oldestIdx = -1;
  for (let k = next; k < count; k++) {
    const unpaid = remaining[k]!;
    if (unpaid === 0) continue;
    const i = order[k]!;
    const fund = ledger.obligationFund[i]!;
    const periodIdx = ledger.obligationPeriod[i]!;
    const overdue = deadline[k]! < asOfNumber;
    const days = chargeDays(k, asOfNumber);
    dailyUnits[fund]! += unpaid * days;
    // Unpaid at D: unpaid at the end of every month before D's month.
    accrueMonthly(periodIdx, fund, unpaid, asOfPeriodIdx);
    if (overdue) {
      late[fund]! += unpaid;
      // Items are in period order, so distinct periods arrive one after another.
      if (periodIdx !== lastOverduePeriod) {
        overdueMonths++;
        overdueDeadlines.push(dayFromNumber(deadline[k]!));
        lastOverduePeriod = periodIdx;
      }
      if (oldestIdx < 0) oldestIdx = periodIdx;
    }
    explain?.outstanding.push({
      period: periodFromIndex(periodIdx), fund: FUNDS[fund]!, deadline: dayFromNumber(deadline[k]!),
      due: ledger.obligationAmount[i]!, unpaid, overdue, chargeDays: days,
    });
  }

  const warnings: string[] = [];
  const byFund = {} as Record<Fund, FundPosition>;
  let charge = 0;
  for (let f = 0; f < FUNDS.length; f++) {
    const fund = FUNDS[f]!;
    const units = dailyUnits[f]!;
    if (!Number.isSafeInteger(units)) throw new RangeError(`charge base for ${fund} exceeds exact integer range`);
    const monthly = monthlyUnits ? [...(monthlyUnits as Map<number, number>[])[f]!].sort((a, b) => a[0] - b[0]) : [];
    let rounded: number;
    if (monthly.length === 0 && !explain) {
      rounded = roundCharge(units, p.dailyNum, p.dailyDen);
    } else {
      const daily = rules.dailyCharge.rate.scale(units);
      let interest = Rational.ZERO;
      for (const [year, amountMonths] of monthly) {
        const k = monthlyRate(rules, fund, year);
        if (k) interest = interest.plus(k.scale(amountMonths));
        else warnings.push(`no old-regime interest rate for ${fund} in ${year}; that interest is counted as 0`);
      }
      const exact = daily.plus(interest);
      rounded = Number(exact.roundHalfUp());
      if (explain) {
        explain.charges[fund] = { daily: daily.toString(), monthly: interest.toString(), exact: exact.toString(), rounded };
      }
    }
    byFund[fund] = { late: late[f]!, charge: rounded };
    charge += rounded;
  }

  const lateAmount = late[0]! + late[1]! + late[2]! + late[3]!;
  return {
    lateAmount,
    overdueMonths,
    band: bandOf(rules, overdueMonths),
    oldestUnpaidPeriod: oldestIdx < 0 ? null : periodFromIndex(oldestIdx),
    overdueDeadlines,
    monthsEquivalent: corrections === 0 && count === n
      ? monthsEquivalentSorted(ledger, order, asOfPeriodIdx, lateAmount)
      : monthsEquivalent(ledger, asOfPeriodIdx, lateAmount),
    charge,
    byFund,
    credit,
    warnings,
  };
}

/** monthsEquivalent for a ledger whose obligations are all positive and given in period order (`order`). */
function monthsEquivalentSorted(ledger: NumericLedger, order: Int32Array, asOfPeriodIdx: number, lateAmount: number) {
  let months = 0;
  let sum = 0;
  let current = -1;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    const idx = ledger.obligationPeriod[i]!;
    if (idx >= asOfPeriodIdx) continue;
    if (idx !== current) {
      if (months === 12) break;
      months++;
      current = idx;
    }
    sum += ledger.obligationAmount[i]!;
  }
  return ratioInTenths(lateAmount, months, sum);
}

/** lateAmount ÷ (sum ÷ months), in tenths, rounded half up, exactly; null without months or with no positive sum. */
function ratioInTenths(lateAmount: number, months: number, sum: number): number | null {
  if (months === 0 || sum <= 0) return null;
  if (lateAmount === 0) return 0;
  return Number(Rational.of(BigInt(lateAmount) * BigInt(months) * 10n, BigInt(sum)).roundHalfUp()) / 10;
}

/**
 * Late amount ÷ the average monthly amount due over the (up to) 12 most recent contribution months before D's month
 * that have obligations, to one decimal, rounded half up. Null when there is no such month or their sum is not
 * positive.
 */
function monthsEquivalent(ledger: NumericLedger, asOfPeriodIdx: number, lateAmount: number): number | null {
  const totals = new Map<number, number>();
  for (let i = 0; i < ledger.obligationCount; i++) {
    const idx = ledger.obligationPeriod[i]!;
    if (idx < asOfPeriodIdx) totals.set(idx, (totals.get(idx) ?? 0) + ledger.obligationAmount[i]!);
  }
  const recent = [...totals.keys()].sort((a, b) => b - a).slice(0, 12);
  const sum = recent.reduce((s, idx) => s + totals.get(idx)!, 0);
  return ratioInTenths(lateAmount, recent.length, sum);
}

/** The numeric form of a ledger written as text. */
export function toNumericLedger(ledger: EmployerLedger): NumericLedger {
  return {
    paymentCycle: ledger.paymentCycle,
    obligationCount: ledger.obligations.length,
    obligationPeriod: ledger.obligations.map((o) => periodIndex(o.period)),
    obligationFund: ledger.obligations.map((o) => FUNDS.indexOf(o.fund)),
    obligationAmount: ledger.obligations.map((o) => o.amount),
    paymentCount: ledger.payments.length,
    paymentDay: ledger.payments.map((p) => dayNumber(p.date)),
    paymentAmount: ledger.payments.map((p) => p.amount),
    paymentReference: (i) => ledger.payments[i]!.reference,
  };
}

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
  const numeric = toNumericLedger(ledger);
  if (!options.explain) return computeArrearsNumeric(numeric, rules, dayNumber(asOf));
  const explanation: Explain = { allocations: [], outstanding: [], charges: {} as Explain['charges'] };
  const position = computeArrearsNumeric(numeric, rules, dayNumber(asOf), explanation);
  return { ...position, explanation };
}
