import { FUNDS, type Day, type Fund, type Period, type PaymentCycle } from './ledger.js';
import { dayFromNumber, dayNumber, daysFromCivil, monthOfDay, periodFromIndex, periodIndex } from './periods.js';
import { Rational } from './rational.js';
import { bandOf, deadlineOf, type RuleSet } from './rules.js';

/**
 * The arrears engine (arrears.md, rule set v2): for one employer at a date D, who owes what, since when, and the
 * charges accrued, paid and outstanding per fund. Pure: the caller passes the ledger, the rule set and D.
 *
 * Allocation. Every payment dated ≤ D is applied on its day X. Under "by-fund" (Decree 233/2025 Art. 7(4)): for each
 * fund in the rule set's order, its overdue principal (deadline < X) oldest first, then that fund's charges
 * outstanding at X; then obligations not yet overdue, oldest period first and in fund order within a period. Under
 * "by-period" (rule set v1): oldest period first across funds, principal only. Only obligations already recorded (on
 * the first day of their period) are paid; what is left is a credit that pays later obligations as they are recorded,
 * in the same order as a payment received that day. A negative obligation (a correction) is a credit of its own fund
 * only, from the first day of its period, applied before that day's payments: that fund's principal oldest first,
 * never charges.
 *
 * Charges. Each đồng of principal accrues, per day t with deadline < t ≤ min(day paid, D) and t ≥ the daily rule's
 * start, the daily rate (0.03%). Under the old regime, on the 1st of each month M up to the regime's last day, the
 * principal still unpaid at the end of M−1 whose deadline is on or before the last day of M−2 earns k(fund, year of M).
 * Every charge is summed exactly as a whole number over one common denominator (the rule set's chargeDenominator),
 * in a number while it stays below 2^53 and in a bigint beyond; rounded half up once per fund (at D, and at each
 * payment that pays charges).
 *
 * The core works on numbers (month indexes, day numbers, fund indexes) so that a national file of tens of millions
 * of rows computes in seconds; `computeArrears` is the same computation for a ledger written as text.
 */

/**
 * The version of this computation, stored with each position: raised whenever the same ledger and rule set would give
 * other figures (2: rule set v2, charges paid fund by fund), so that positions computed before are recomputed.
 */
export const ENGINE_VERSION = 2;

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
 * amount). Arrays may be views into larger typed arrays. Amounts are whole VND up to 10^15.
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
  /** Principal overdue and unpaid at D. */
  late: number;
  /** Charges outstanding at D: chargeAccrued − chargePaid. */
  charge: number;
  /** All charges accrued up to D, rounded half up at D. */
  chargeAccrued: number;
  /** What payments up to D paid of this fund's charges (always 0 under "by-period"). */
  chargePaid: number;
}

/** The money figures of a position as bigint: every one exact whatever its size. */
export interface ExactMoney {
  lateAmount: bigint;
  charge: bigint;
  chargeAccrued: bigint;
  chargePaid: bigint;
  credit: bigint;
  byFund: Record<Fund, { late: bigint; charge: bigint; chargeAccrued: bigint; chargePaid: bigint }>;
}

export interface ArrearsPosition {
  lateAmount: number;
  overdueMonths: number;
  band: string;
  /** D minus the deadline of the oldest unpaid overdue period, in days; 0 when nothing is late. */
  daysLate: number;
  oldestUnpaidPeriod: Period | null;
  /** The deadline of each overdue period, oldest first: when the employer reached 1, 2, 3… months late. */
  overdueDeadlines: Day[];
  monthsEquivalent: number | null;
  /** Charges outstanding at D, the sum of the funds' figures; likewise chargeAccrued and chargePaid. */
  charge: number;
  chargeAccrued: number;
  chargePaid: number;
  byFund: Record<Fund, FundPosition>;
  /** Money received and not yet needed by any obligation (corrections' unused credit included). */
  credit: number;
  /**
   * The first day after D on which this position could read otherwise with the same ledger and rule set: tomorrow
   * while principal is overdue (its charge and days late grow), else the day after the next deadline of unpaid
   * principal, the day of the next payment or correction dated after D, or the first of next month when held credit
   * or the months-equivalent could move then. Null when no coming day changes it. A close recomputes the
   * position on or after this day only, or when the ledger changes.
   */
  changesOn: Day | null;
  /** Old-regime rates the rule set lacks where this employer had principal bearing that interest. */
  missingRates: { fund: Fund; year: number }[];
  /** The same, as English lines (the CLI's `warnings`). */
  warnings: string[];
  /**
   * The money figures as bigint, present only when one of them is beyond 2^53 (the numbers above are then the
   * nearest doubles). Null for every realistic employer.
   */
  exact: ExactMoney | null;
}

/** One application of money to one obligation's principal (see explain). */
export interface AllocationLine {
  /** A payment, a correction (negative obligation) of the same fund, or credit held from earlier payments. */
  source: 'payment' | 'correction' | 'credit';
  reference: string;
  date: Day;
  period: Period;
  fund: Fund;
  amount: number;
  deadline: Day;
  /** Days this amount was paid after the deadline that count for the daily charge. */
  chargeDays: number;
}

/** Money a payment (or held credit) put on a fund's charges. */
export interface ChargePaymentLine {
  source: 'payment' | 'credit';
  reference: string;
  date: Day;
  fund: Fund;
  amount: number;
}

/** What is still unpaid of one obligation at D and what it has cost so far. */
export interface OutstandingLine {
  period: Period;
  fund: Fund;
  deadline: Day;
  due: number;
  unpaid: number;
  overdue: boolean;
  /** D minus the deadline in days when overdue, else 0. */
  daysLate: number;
  chargeDays: number;
  /**
   * The charge accrued on this unpaid amount (daily charge and old-regime interest), whole VND: the fund's exact
   * charge on unpaid principal, rounded half up, shared among its lines by largest remainder, so the lines of a fund
   * add up to it exactly.
   */
  charge: number;
}

export interface ArrearsExplanation {
  allocations: AllocationLine[];
  chargePayments: ChargePaymentLine[];
  outstanding: OutstandingLine[];
  /**
   * Per fund: the exact charge accrued before rounding, as a fraction of đồng, with its daily and monthly parts;
   * `rounded` = chargeAccrued; `onPaidPrincipal` = the part accrued on principal already paid (late), so that
   * Σ outstanding lines' charge + onPaidPrincipal = chargeAccrued.
   */
  charges: Record<Fund, { daily: string; monthly: string; exact: string; rounded: number; onPaidPrincipal: number }>;
  /** The old-regime rates (fund and year of the rate table) that gave this employer interest, by year then fund. */
  interestRates: { fund: Fund; year: number }[];
}

/** One row of the unpaid months table (a letter's or the screen's): a contribution month across funds. */
export interface UnpaidMonth {
  period: Period;
  deadline: Day;
  unpaid: number;
  daysLate: number;
  chargeDays: number;
  charge: number;
}

/**
 * The unpaid months table of a position, with the lines that reconcile it to the totals:
 * Σ months.charge + chargeOnPaidPrincipal = chargeAccrued, chargeAccrued − chargePaid = charge, Σ months.unpaid =
 * lateAmount.
 */
export interface UnpaidMonthTable {
  months: UnpaidMonth[];
  chargeOnPaidPrincipal: number;
  chargeAccrued: number;
  chargePaid: number;
  charge: number;
  lateAmount: number;
}

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);

/**
 * An exact sum of non-negative whole numbers: a plain number while it stays below 2^53, the overflow carried in a
 * bigint, so that the common case costs what a number addition costs.
 */
class ExactSum {
  n = 0;
  b = 0n;
  add(x: number): void {
    const s = this.n + x;
    if (s <= MAX) this.n = s;
    else {
      this.b += BigInt(this.n) + BigInt(x);
      this.n = 0;
    }
  }
  /** Adds x × y × z, whole numbers ≥ 0 each below 2^53. */
  addProduct(x: number, y: number, z: number): void {
    const p = x * y * z;
    if (p <= MAX) this.add(p);
    else this.b += BigInt(x) * BigInt(y) * BigInt(z);
  }
  isZero(): boolean {
    return this.n === 0 && this.b === 0n;
  }
  /** The value when it is below 2^53, else −1. */
  safe(): number {
    if (this.b === 0n) return this.n;
    const v = this.b + BigInt(this.n);
    return v <= MAX_BIG ? Number(v) : -1;
  }
  big(): bigint {
    return this.b + BigInt(this.n);
  }
}

/** round half up of num / den, num ≥ 0: floor((2·num + den) / 2·den). */
function roundDiv(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** round half up of s / den for an exact sum, in floating point where every value is an exact integer. */
function roundSum(s: ExactSum, den: number, denBig: bigint): bigint | number {
  const v = s.safe();
  if (v >= 0) {
    const a = 2 * v + den;
    if (a <= MAX) {
      let q = Math.floor(a / (2 * den));
      // The division itself may land a hair off for very large values; settle it with exact products.
      if (q * 2 * den > a) q--;
      else if ((q + 1) * 2 * den <= a) q++;
      return q;
    }
  }
  return roundDiv(s.big(), denBig);
}

/** Per rule set: fund order as ranks, rates as whole numerators over one denominator, deadlines, computed once. */
interface Prepared {
  byFund: boolean;
  rankOfFund: Int8Array;
  fundOfRank: Int8Array;
  dailyFrom: number;
  /** The daily rate × the common denominator. */
  dailyN: number;
  den: number;
  denBig: bigint;
  /** Old-regime rate numerators by (year − RATE_YEAR_FROM) × 4 + fund; −1 where the rule set has none. */
  rateN: Float64Array;
  interestUntilIdx: number;
  /** Deadline day numbers by payment cycle and month index, filled as met (0: not yet, never a month's last day). */
  deadlines: Record<PaymentCycle, Float64Array>;
}
/** Month indexes up to the year 9999. */
const MONTH_INDEXES = 10_000 * 12;
const RATE_YEAR_FROM = 1995;
const RATE_YEARS = 2100 - RATE_YEAR_FROM + 1;
const preparedRules = new WeakMap<RuleSet, Prepared>();

function prepare(rules: RuleSet): Prepared {
  let p = preparedRules.get(rules);
  if (!p) {
    const rankOfFund = new Int8Array(FUNDS.length);
    const fundOfRank = new Int8Array(FUNDS.length);
    FUNDS.forEach((f, i) => {
      rankOfFund[i] = rules.allocationOrder.indexOf(f);
      fundOfRank[rankOfFund[i]!] = i;
    });
    const den = rules.chargeDenominator;
    const numerator = (r: Rational) => Number((r.num * den) / r.den);
    const rateN = new Float64Array(RATE_YEARS * FUNDS.length).fill(-1);
    for (let y = 0; y < RATE_YEARS; y++) {
      FUNDS.forEach((fund, f) => {
        const k = rules.monthlyInterest.rates.get(`${fund}:${RATE_YEAR_FROM + y}`);
        if (k) rateN[y * FUNDS.length + f] = numerator(k);
      });
    }
    p = {
      byFund: rules.allocation === 'by-fund',
      rankOfFund,
      fundOfRank,
      dailyFrom: dayNumber(rules.dailyCharge.from),
      dailyN: numerator(rules.dailyCharge.rate),
      den: Number(den),
      denBig: den,
      rateN,
      interestUntilIdx: periodIndex(rules.monthlyInterest.until.slice(0, 7)),
      deadlines: {
        1: new Float64Array(MONTH_INDEXES),
        3: new Float64Array(MONTH_INDEXES),
        6: new Float64Array(MONTH_INDEXES),
      },
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

const POSITIONS = 1 << 20;

const firstDayNumber = (periodIdx: number) => daysFromCivil(Math.floor(periodIdx / 12), (periodIdx % 12) + 1, 1);

let scratchKeys = new Float64Array(256);
function scratch(size: number): Float64Array {
  if (scratchKeys.length < size) scratchKeys = new Float64Array(Math.max(size, scratchKeys.length * 2));
  return scratchKeys;
}

/**
 * Sorts order[0..count) by key[0..count) (period × 4 + fund rank), ties in list order. Files list an employer's
 * obligations period by period, so insertion sort moves each item a few places at most and costs about what reading
 * them does; past a bound on the moves (a file in another order) the rest is sorted as packed numbers.
 */
function sortByKey(order: Int32Array, key: Int32Array, count: number): void {
  let moves = 0;
  const bound = 8 * count + 64;
  for (let k = 1; k < count; k++) {
    const kk = key[k]!;
    if (kk >= key[k - 1]!) continue;
    const o = order[k]!;
    let j = k - 1;
    while (j >= 0 && key[j]! > kk) {
      key[j + 1] = key[j]!;
      order[j + 1] = order[j]!;
      j--;
    }
    key[j + 1] = kk;
    order[j + 1] = o;
    moves += k - 1 - j;
    if (moves > bound) {
      // Each item as one number, key × 2^20 + its place in the ledger: an employer has fewer than 2^20 obligations.
      const packed = scratch(count);
      for (let m = 0; m < count; m++) packed[m] = key[m]! * POSITIONS + order[m]!;
      const sorted = packed.subarray(0, count).sort();
      for (let m = 0; m < count; m++) {
        const v = sorted[m]!;
        const q = Math.floor(v / POSITIONS);
        key[m] = q;
        order[m] = v - q * POSITIONS;
      }
      return;
    }
  }
}

let workOrder = new Int32Array(256);
let workKey = new Int32Array(256);
let workRemaining = new Float64Array(256);
let workDeadline = new Float64Array(256);
let workPeriod = new Int32Array(256);
let workFund = new Int8Array(256);
let workByFund = new Int32Array(256);
/** Working arrays for `count` obligations, reused across employers (the engine never runs two at once). */
function work(count: number) {
  if (workOrder.length < count) {
    const size = Math.max(count, workOrder.length * 2);
    [workOrder, workKey, workRemaining, workDeadline, workPeriod, workFund, workByFund] = [
      new Int32Array(size),
      new Int32Array(size),
      new Float64Array(size),
      new Float64Array(size),
      new Int32Array(size),
      new Int8Array(size),
      new Int32Array(size),
    ];
  }
  return {
    order: workOrder,
    key: workKey,
    remaining: workRemaining,
    deadline: workDeadline,
    period: workPeriod,
    fund: workFund,
    byFund: workByFund,
  };
}

interface Explain {
  allocations: AllocationLine[];
  chargePayments: ChargePaymentLine[];
  outstanding: OutstandingLine[];
  charges: ArrearsExplanation['charges'];
  interestRates: ArrearsExplanation['interestRates'];
}

/** Where money came from, for the explanation: payment j (≥ 0), held credit (−1) or the correction of obligation i (−2 − i). */
type Source = number;
const CREDIT: Source = -1;

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
  const F = FUNDS.length;

  // Positive obligations, ordered by period then fund rank, in working arrays reused from employer to employer, since
  // national runs do this hundreds of thousands of times. An employer has at most one obligation per month and fund,
  // 480,000 from year 0 to 9999: below 2^20.
  const n = ledger.obligationCount;
  if (n >= POSITIONS) throw new RangeError('an employer with more obligations than months × funds from year 0 to 9999');
  const { order, key, remaining, deadline, period, fund, byFund: fundList } = work(n);
  let count = 0;
  let corrections = 0;
  for (let i = 0; i < n; i++) {
    const amount = ledger.obligationAmount[i]!;
    if (amount > 0) {
      key[count] = ledger.obligationPeriod[i]! * 4 + p.rankOfFund[ledger.obligationFund[i]!]!;
      order[count++] = i;
    } else if (amount < 0) corrections++;
  }
  sortByKey(order, key, count);
  const fundStart = [0, 0, 0, 0, 0];
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    remaining[k] = ledger.obligationAmount[i]!;
    period[k] = ledger.obligationPeriod[i]!;
    fund[k] = ledger.obligationFund[i]!;
    deadline[k] = deadlineNumber(rules, p, period[k]!, cycle);
    fundStart[fund[k]! + 1]!++;
  }
  // Each fund's obligations in period order, as runs of fundList: fund f holds [fundStart[f], fundStart[f + 1]).
  for (let f = 0; f < F; f++) fundStart[f + 1]! += fundStart[f]!;
  const fill = fundStart.slice(0, F);
  for (let k = 0; k < count; k++) fundList[fill[fund[k]!]!++] = k;
  // The first obligation of each fund (and of all) that may still be unpaid: money pays each in order.
  const head = fundStart.slice(0, F);
  let next = 0;

  const daily = [new ExactSum(), new ExactSum(), new ExactSum(), new ExactSum()];
  let monthly = null as ExactSum[] | null;
  const chargePaid = [new ExactSum(), new ExactSum(), new ExactSum(), new ExactSum()];
  let missing = null as Set<number> | null;
  let applied = null as Set<number> | null;

  const chargeDays = (k: number, untilNumber: number) => {
    const from = Math.max(deadline[k]! + 1, p.dailyFrom);
    return untilNumber >= from ? untilNumber - from + 1 : 0;
  };
  // Months M from the second month after the deadline's to lastMonthIdx (and ≤ the old regime's last month) earn
  // interest on `amount`: the principal is then overdue a full month or more, whatever the payment cycle.
  const accrueMonthly = (k: number, amount: number, lastMonthIdx: number) => {
    const to = Math.min(lastMonthIdx, lastInterestIdx);
    if (period[k]! + 2 > to) return;
    const f = fund[k]!;
    for (let m = monthOfDay(deadline[k]!) + 2; m <= to; ) {
      const year = Math.floor(m / 12);
      const yearEnd = Math.min(to, year * 12 + 11);
      const y = year - RATE_YEAR_FROM;
      const rate = y >= 0 && y < RATE_YEARS ? p.rateN[y * F + f]! : -1;
      if (rate > 0) {
        monthly ??= [new ExactSum(), new ExactSum(), new ExactSum(), new ExactSum()];
        monthly[f]!.addProduct(amount, yearEnd - m + 1, rate);
        if (explain) (applied ??= new Set()).add(year * F + f);
      } else if (rate < 0) (missing ??= new Set()).add(year * F + f);
      m = yearEnd + 1;
    }
  };

  const describe = (source: Source): { source: AllocationLine['source']; reference: string } =>
    source >= 0
      ? { source: 'payment', reference: ledger.paymentReference?.(source) ?? '' }
      : source === CREDIT
        ? { source: 'credit', reference: '' }
        : {
            source: 'correction',
            reference: `${periodFromIndex(ledger.obligationPeriod[-2 - source]!)} ${FUNDS[ledger.obligationFund[-2 - source]!]}`,
          };

  /** Pays `amount` (≤ what is unpaid) of obligation k on `day` (in month `month`), with the charges it accrued until then. */
  const apply = (k: number, amount: number, day: number, month: number, source: Source) => {
    remaining[k]! -= amount;
    const days = chargeDays(k, day);
    if (days > 0) daily[fund[k]!]!.addProduct(amount, days, p.dailyN);
    // Paid on day X: unpaid at the end of every month before X's month.
    if (lastInterestIdx >= 0) accrueMonthly(k, amount, month);
    if (explain) {
      explain.allocations.push({
        ...describe(source),
        date: dayFromNumber(day),
        period: periodFromIndex(period[k]!),
        fund: FUNDS[fund[k]!]!,
        amount,
        deadline: dayFromNumber(deadline[k]!),
        chargeDays: days,
      });
    }
  };

  /** Fund f's charges outstanding now (all its overdue principal paid, so nothing more accrues today). */
  const outstandingCharge = (f: number): number => {
    const d = daily[f]!;
    const m = monthly?.[f];
    if (d.isZero() && (!m || m.isZero())) return 0;
    let total = d;
    if (m && !m.isZero()) {
      total = new ExactSum();
      total.b = d.big() + m.big();
    }
    const rounded = roundSum(total, p.den, p.denBig);
    const paid = chargePaid[f]!.safe();
    if (typeof rounded === 'number' && paid >= 0) return rounded - paid;
    const owed = BigInt(rounded) - chargePaid[f]!.big();
    return owed > MAX_BIG ? MAX : Number(owed);
  };

  /** Fund f's principal recorded by month `month` (that of `day`), oldest first, principal only; returns what is left. */
  const payFund = (f: number, money: number, day: number, month: number, overdueOnly: boolean, source: Source) => {
    let h = head[f]!;
    const end = fundStart[f + 1]!;
    while (money > 0 && h < end) {
      const k = fundList[h]!;
      const unpaid = remaining[k]!;
      if (unpaid === 0) {
        h++;
        continue;
      }
      if (period[k]! > month || (overdueOnly && deadline[k]! >= day)) break;
      const amount = unpaid < money ? unpaid : money;
      apply(k, amount, day, month, source);
      money -= amount;
      if (amount === unpaid) h++;
    }
    head[f] = h;
    return money;
  };

  /** Money received on `day` (a payment, or held credit applied that day), allocated as the rule set says. */
  const pay = (money: number, day: number, month: number, source: Source): number => {
    if (p.byFund) {
      for (let r = 0; r < F && money > 0; r++) {
        const f = p.fundOfRank[r]!;
        money = payFund(f, money, day, month, true, source);
        if (money > 0) {
          const owed = outstandingCharge(f);
          if (owed > 0) {
            const amount = owed < money ? owed : money;
            chargePaid[f]!.add(amount);
            money -= amount;
            if (explain) {
              const { source: kind, reference } = describe(source);
              explain.chargePayments.push({
                source: kind as ChargePaymentLine['source'],
                reference,
                date: dayFromNumber(day),
                fund: FUNDS[f]!,
                amount,
              });
            }
          }
        }
      }
    }
    // By fund: what is left goes to obligations not yet overdue; by period: to everything recorded, oldest first.
    while (money > 0 && next < count) {
      const unpaid = remaining[next]!;
      if (unpaid === 0) {
        next++;
        continue;
      }
      if (period[next]! > month) break;
      const amount = unpaid < money ? unpaid : money;
      apply(next, amount, day, month, source);
      money -= amount;
      if (amount === unpaid) next++;
    }
    return money;
  };

  // Held credit: money no recorded obligation needed (general), and corrections' unused credit (per fund). Both pay
  // obligations recorded later, on the first day of their period.
  let credit = 0n;
  let fundCredit = null as bigint[] | null;
  /** Spends a held credit in amounts below 2^53 through `use`, which returns what it did not need. */
  const spend = (held: bigint, use: (money: number) => number): bigint => {
    while (held > 0n) {
      const money = held > MAX_BIG ? MAX : Number(held);
      const left = use(money);
      held -= BigInt(money - left);
      if (left > 0) break;
    }
    return held;
  };
  // Periods up to this month index have been recorded when money was last applied.
  let recordedIdx = -Infinity;
  let scan = 0;
  /** Applies held credit on the first day of each period recorded after the last money event, up to `limitIdx`. */
  const catchUp = (limitIdx: number) => {
    while (scan < count && period[scan]! <= recordedIdx) scan++;
    while (scan < count && period[scan]! <= limitIdx && (credit > 0n || fundCredit !== null)) {
      const periodIdx = period[scan]!;
      const day = firstDayNumber(periodIdx);
      if (fundCredit) {
        const fc = fundCredit;
        for (let f = 0; f < F; f++) {
          if (fc[f]! > 0n) fc[f] = spend(fc[f]!, (money) => payFund(f, money, day, periodIdx, false, CREDIT));
        }
        if (fc.every((c) => c === 0n)) fundCredit = null;
      }
      if (credit > 0n) credit = spend(credit, (money) => pay(money, day, periodIdx, CREDIT));
      recordedIdx = periodIdx;
      while (scan < count && period[scan]! <= recordedIdx) scan++;
    }
  };
  const received = (month: number) => {
    if (month > recordedIdx) recordedIdx = month;
  };

  // Money events in date order; corrections (booked on the 1st of their month) before payments on the same day.
  let paymentsSorted = true;
  for (let j = 1; j < ledger.paymentCount; j++)
    if (ledger.paymentDay[j]! < ledger.paymentDay[j - 1]!) paymentsSorted = false;
  if (corrections === 0 && paymentsSorted) {
    for (let j = 0; j < ledger.paymentCount; j++) {
      const day = ledger.paymentDay[j]!;
      if (day > asOfNumber) break;
      const month = monthOfDay(day);
      if (credit > 0n) catchUp(month);
      const left = pay(ledger.paymentAmount[j]!, day, month, j);
      received(month);
      if (left > 0) credit += BigInt(left);
    }
  } else {
    const events: { day: number; amount: number; source: Source }[] = [];
    for (let i = 0; i < n; i++) {
      const amount = ledger.obligationAmount[i]!;
      const day = firstDayNumber(ledger.obligationPeriod[i]!);
      if (amount < 0 && day <= asOfNumber) events.push({ day, amount: -amount, source: -2 - i });
    }
    for (let j = 0; j < ledger.paymentCount; j++) {
      const day = ledger.paymentDay[j]!;
      if (day <= asOfNumber) events.push({ day, amount: ledger.paymentAmount[j]!, source: j });
    }
    // Corrections first within a day (in ledger order), then payments in file order.
    events.sort(
      (a, b) =>
        a.day - b.day ||
        (a.source < 0 ? 0 : 1) - (b.source < 0 ? 0 : 1) ||
        (a.source < 0 ? b.source - a.source : a.source - b.source),
    );
    for (const ev of events) {
      const idx = monthOfDay(ev.day);
      if (ev.source >= 0) {
        if (credit > 0n || fundCredit) catchUp(idx);
        const left = pay(ev.amount, ev.day, idx, ev.source);
        if (left > 0) credit += BigInt(left);
      } else {
        // Held credit is applied at recordings strictly before a correction's day: the correction goes first.
        if (credit > 0n || fundCredit) catchUp(ev.day === firstDayNumber(idx) ? idx - 1 : idx);
        const f = ledger.obligationFund[-2 - ev.source]!;
        const left = payFund(f, ev.amount, ev.day, idx, false, ev.source);
        if (left > 0) {
          fundCredit ??= [0n, 0n, 0n, 0n];
          fundCredit[f]! += BigInt(left);
        }
      }
      received(idx);
    }
  }
  if (credit > 0n || fundCredit) catchUp(asOfPeriodIdx);

  // What is unpaid at D, and the charges it has accrued up to D.
  const late = [new ExactSum(), new ExactSum(), new ExactSum(), new ExactSum()];
  let overdueMonths = 0;
  const overdueDeadlines: Day[] = [];
  let lastOverduePeriod = -1;
  let oldestIdx = -1;
  let oldestDeadline = 0;
  let changes = Number.POSITIVE_INFINITY;
  for (let k = 0; k < count; k++) {
    const unpaid = remaining[k]!;
    if (unpaid === 0) continue;
    const f = fund[k]!;
    const periodIdx = period[k]!;
    const overdue = deadline[k]! < asOfNumber;
    // Overdue the day after its deadline.
    if (!overdue && deadline[k]! + 1 < changes) changes = deadline[k]! + 1;
    const days = chargeDays(k, asOfNumber);
    if (days > 0) daily[f]!.addProduct(unpaid, days, p.dailyN);
    // Unpaid at D: unpaid at the end of every month before D's month.
    if (lastInterestIdx >= 0) accrueMonthly(k, unpaid, asOfPeriodIdx);
    if (overdue) {
      late[f]!.add(unpaid);
      // Items are in period order, so distinct periods arrive one after another.
      if (periodIdx !== lastOverduePeriod) {
        overdueMonths++;
        overdueDeadlines.push(dayFromNumber(deadline[k]!));
        lastOverduePeriod = periodIdx;
      }
      if (oldestIdx < 0) {
        oldestIdx = periodIdx;
        oldestDeadline = deadline[k]!;
      }
    }
  }

  // Per fund: charges accrued (rounded at D), paid and outstanding; in numbers unless a figure passes 2^53.
  const accrued: (number | bigint)[] = [];
  let big = false;
  for (let f = 0; f < F; f++) {
    const m = monthly?.[f];
    let total = daily[f]!;
    if (m && !m.isZero()) {
      total = new ExactSum();
      total.b = daily[f]!.big() + m.big();
    }
    const rounded = roundSum(total, p.den, p.denBig);
    accrued.push(rounded);
    if (typeof rounded === 'bigint' || late[f]!.safe() < 0 || chargePaid[f]!.safe() < 0) big = true;
  }
  let heldCredit = credit;
  for (const c of fundCredit ?? []) heldCredit += c;
  const byFund = {} as Record<Fund, FundPosition>;
  let lateAmount = 0;
  let charge = 0;
  let chargeAccrued = 0;
  let chargePaidTotal = 0;
  for (let f = 0; f < F && !big; f++) {
    const a = accrued[f] as number;
    const paid = chargePaid[f]!.n;
    const x = { late: late[f]!.n, charge: a - paid, chargeAccrued: a, chargePaid: paid };
    byFund[FUNDS[f]!] = x;
    lateAmount += x.late;
    charge += x.charge;
    chargeAccrued += a;
    chargePaidTotal += paid;
  }
  let exact: ExactMoney | null = null;
  if (big || !Number.isSafeInteger(lateAmount + chargeAccrued) || heldCredit > MAX_BIG) {
    const fundBig = FUNDS.map((_, f) => {
      const a = BigInt(accrued[f]!);
      const paid = chargePaid[f]!.big();
      return { late: late[f]!.big(), charge: a - paid, chargeAccrued: a, chargePaid: paid };
    });
    const sum = (field: 'late' | 'charge' | 'chargeAccrued' | 'chargePaid') =>
      fundBig.reduce((s, x) => s + x[field], 0n);
    exact = {
      lateAmount: sum('late'),
      charge: sum('charge'),
      chargeAccrued: sum('chargeAccrued'),
      chargePaid: sum('chargePaid'),
      credit: heldCredit,
      byFund: Object.fromEntries(FUNDS.map((f, k) => [f, fundBig[k]!])) as ExactMoney['byFund'],
    };
    FUNDS.forEach((f, k) => {
      const x = fundBig[k]!;
      byFund[f] = {
        late: Number(x.late),
        charge: Number(x.charge),
        chargeAccrued: Number(x.chargeAccrued),
        chargePaid: Number(x.chargePaid),
      };
    });
    [lateAmount, charge, chargeAccrued, chargePaidTotal] = [
      exact.lateAmount,
      exact.charge,
      exact.chargeAccrued,
      exact.chargePaid,
    ].map(Number) as [number, number, number, number];
  }

  const missingRates = missing
    ? [...missing].sort((a, b) => a - b).map((key) => ({ fund: FUNDS[key % F]!, year: Math.floor(key / F) }))
    : [];
  if (explain && applied) {
    explain.interestRates = [...applied]
      .sort((a, b) => a - b)
      .map((key) => ({ fund: FUNDS[key % F]!, year: Math.floor(key / F) }));
  }
  if (explain)
    explainCharges(
      explain,
      p,
      daily,
      monthly,
      accrued,
      asOfNumber,
      lastInterestIdx,
      { count, order, remaining, deadline, period, fund },
      ledger,
    );
  const lateExact = exact ? exact.lateAmount : lateAmount;
  const monthsEquivalentAtD =
    corrections === 0 && count === n
      ? monthsEquivalentSorted(ledger, order, count, period, asOfPeriodIdx, lateExact)
      : monthsEquivalent(ledger, asOfPeriodIdx, BigInt(lateExact));
  if (overdueMonths > 0) changes = asOfNumber + 1;
  for (let j = 0; j < ledger.paymentCount; j++) {
    const day = ledger.paymentDay[j]!;
    if (day > asOfNumber && day < changes) changes = day;
  }
  for (let i = 0; i < n; i++) {
    const day = firstDayNumber(ledger.obligationPeriod[i]!);
    if (ledger.obligationAmount[i]! < 0 && day > asOfNumber && day < changes) changes = day;
  }
  // A new month: held credit pays the periods recorded for it, and the months-equivalent's window moves (which can
  // change a figure of nothing late only when it has no month yet or corrections may bring its sum to nothing).
  if (heldCredit > 0n || corrections > 0 || (monthsEquivalentAtD === null && n > 0)) {
    changes = Math.min(changes, firstDayNumber(asOfPeriodIdx + 1));
  }

  return {
    lateAmount,
    overdueMonths,
    band: bandOf(rules, overdueMonths),
    daysLate: oldestIdx < 0 ? 0 : asOfNumber - oldestDeadline,
    oldestUnpaidPeriod: oldestIdx < 0 ? null : periodFromIndex(oldestIdx),
    overdueDeadlines,
    monthsEquivalent: monthsEquivalentAtD,
    charge,
    chargeAccrued,
    chargePaid: chargePaidTotal,
    byFund,
    credit: Number(heldCredit),
    changesOn: changes === Number.POSITIVE_INFINITY ? null : dayFromNumber(changes),
    missingRates,
    warnings: missingRates.map(
      (r) => `no old-regime interest rate for ${r.fund} in ${r.year}; that interest is counted as 0`,
    ),
    exact,
  };
}

/**
 * The explanation's charge lines: each unpaid obligation's exact charge at D, rounded per fund and shared among the
 * fund's lines by largest remainder (earlier lines first on a tie), and the rest of the fund's charge as the part on
 * principal already paid.
 */
function explainCharges(
  explain: Explain,
  p: Prepared,
  daily: ExactSum[],
  monthly: ExactSum[] | null,
  accrued: (number | bigint)[],
  asOfNumber: number,
  lastInterestIdx: number,
  w: {
    count: number;
    order: Int32Array;
    remaining: Float64Array;
    deadline: Float64Array;
    period: Int32Array;
    fund: Int8Array;
  },
  ledger: NumericLedger,
) {
  const F = FUNDS.length;
  const lines: { line: OutstandingLine; exact: bigint; f: number }[] = [];
  for (let k = 0; k < w.count; k++) {
    const unpaid = w.remaining[k]!;
    if (unpaid === 0) continue;
    const f = w.fund[k]!;
    const from = Math.max(w.deadline[k]! + 1, p.dailyFrom);
    const days = asOfNumber >= from ? asOfNumber - from + 1 : 0;
    let exact = BigInt(unpaid) * BigInt(days) * BigInt(p.dailyN);
    const to = Math.min(monthOfDay(asOfNumber), lastInterestIdx);
    for (let m = monthOfDay(w.deadline[k]!) + 2; m <= to; m++) {
      const y = Math.floor(m / 12) - RATE_YEAR_FROM;
      const rate = y >= 0 && y < RATE_YEARS ? p.rateN[y * F + f]! : -1;
      if (rate > 0) exact += BigInt(unpaid) * BigInt(rate);
    }
    const overdue = w.deadline[k]! < asOfNumber;
    lines.push({
      f,
      exact,
      line: {
        period: periodFromIndex(w.period[k]!),
        fund: FUNDS[f]!,
        deadline: dayFromNumber(w.deadline[k]!),
        due: ledger.obligationAmount[w.order[k]!]!,
        unpaid,
        overdue,
        daysLate: overdue ? asOfNumber - w.deadline[k]! : 0,
        chargeDays: days,
        charge: 0,
      },
    });
  }
  for (let f = 0; f < F; f++) {
    const own = lines.filter((l) => l.f === f);
    const onUnpaid = roundDiv(
      own.reduce((s, l) => s + l.exact, 0n),
      p.denBig,
    );
    let extra = onUnpaid;
    for (const l of own) {
      l.line.charge = Number(l.exact / p.denBig);
      extra -= l.exact / p.denBig;
    }
    [...own]
      .sort((a, b) => Number((b.exact % p.denBig) - (a.exact % p.denBig)))
      .slice(0, Number(extra))
      .forEach((l) => l.line.charge++);
    const dailyPart = daily[f]!.big();
    const monthlyPart = monthly?.[f]?.big() ?? 0n;
    const fund = FUNDS[f]!;
    explain.charges[fund] = {
      daily: Rational.of(dailyPart, p.denBig).toString(),
      monthly: Rational.of(monthlyPart, p.denBig).toString(),
      exact: Rational.of(dailyPart + monthlyPart, p.denBig).toString(),
      rounded: Number(accrued[f]!),
      onPaidPrincipal: Number(BigInt(accrued[f]!) - onUnpaid),
    };
  }
  explain.outstanding.push(...lines.map((l) => l.line));
}

/** monthsEquivalent for a ledger whose obligations are all positive, in period order as `order` gives them. */
function monthsEquivalentSorted(
  ledger: NumericLedger,
  order: Int32Array,
  count: number,
  period: Int32Array,
  asOfPeriodIdx: number,
  lateAmount: number | bigint,
): number | null {
  let months = 0;
  let sum = 0;
  let current = -1;
  for (let k = count - 1; k >= 0; k--) {
    const idx = period[k]!;
    if (idx >= asOfPeriodIdx) continue;
    if (idx !== current) {
      if (months === 12) break;
      months++;
      current = idx;
    }
    sum += ledger.obligationAmount[order[k]!]!;
  }
  if (months === 0) return null;
  if (!Number.isSafeInteger(sum)) return monthsEquivalent(ledger, asOfPeriodIdx, BigInt(lateAmount));
  return ratioInTenths(BigInt(lateAmount), months, BigInt(sum));
}

/**
 * Late amount ÷ the average monthly amount due over the (up to) 12 most recent contribution months before D's month
 * that have obligations, to one decimal, rounded half up. Null when there is no such month or their sum is not
 * positive.
 */
function monthsEquivalent(ledger: NumericLedger, asOfPeriodIdx: number, lateAmount: bigint): number | null {
  const totals = new Map<number, number>();
  for (let i = 0; i < ledger.obligationCount; i++) {
    const idx = ledger.obligationPeriod[i]!;
    if (idx < asOfPeriodIdx) totals.set(idx, (totals.get(idx) ?? 0) + ledger.obligationAmount[i]!);
  }
  if (totals.size === 0) return null;
  const recent = [...totals.keys()].sort((a, b) => b - a).slice(0, 12);
  let sum = 0;
  for (const idx of recent) sum += totals.get(idx)!;
  if (!Number.isSafeInteger(sum)) {
    // Beyond 2^53 (amounts near 10^15 a row): the same sums again, exactly.
    const exact = new Map<number, bigint>();
    for (let i = 0; i < ledger.obligationCount; i++) {
      const idx = ledger.obligationPeriod[i]!;
      if (idx < asOfPeriodIdx) exact.set(idx, (exact.get(idx) ?? 0n) + BigInt(ledger.obligationAmount[i]!));
    }
    return ratioInTenths(
      lateAmount,
      recent.length,
      recent.reduce((s, idx) => s + exact.get(idx)!, 0n),
    );
  }
  return ratioInTenths(lateAmount, recent.length, BigInt(sum));
}

/** lateAmount ÷ (sum ÷ months), in tenths, rounded half up, exactly; null with no positive sum. */
function ratioInTenths(lateAmount: bigint, months: number, sum: bigint): number | null {
  if (sum <= 0n) return null;
  if (lateAmount === 0n) return 0;
  return Number(roundDiv(lateAmount * BigInt(months) * 10n, sum)) / 10;
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
export function computeArrears(
  ledger: EmployerLedger,
  rules: RuleSet,
  asOf: Day,
  options?: { explain?: false },
): ArrearsPosition;
export function computeArrears(
  ledger: EmployerLedger,
  rules: RuleSet,
  asOf: Day,
  options: { explain?: boolean } = {},
): ArrearsPosition & { explanation?: ArrearsExplanation } {
  const numeric = toNumericLedger(ledger);
  if (!options.explain) return computeArrearsNumeric(numeric, rules, dayNumber(asOf));
  const explanation: Explain = {
    allocations: [],
    chargePayments: [],
    outstanding: [],
    charges: {} as Explain['charges'],
    interestRates: [],
  };
  const position = computeArrearsNumeric(numeric, rules, dayNumber(asOf), explanation);
  return { ...position, explanation };
}

/**
 * The unpaid months table of an explained position (the screen's and a letter's): overdue months across funds, each
 * with its unpaid principal, days late, days counted for the daily charge and charge; with the charge accrued on
 * principal already paid as its own figure, so that the table adds up to the position's totals (see UnpaidMonthTable).
 */
export function unpaidMonthTable(position: ArrearsPosition & { explanation: ArrearsExplanation }): UnpaidMonthTable {
  const months = new Map<Period, UnpaidMonth>();
  // Principal not yet overdue has accrued nothing, so every charge is on a line below or on paid principal.
  for (const line of position.explanation.outstanding) {
    if (!line.overdue) continue;
    const row = months.get(line.period) ?? {
      period: line.period,
      deadline: line.deadline,
      unpaid: 0,
      daysLate: line.daysLate,
      chargeDays: line.chargeDays,
      charge: 0,
    };
    row.unpaid += line.unpaid;
    row.charge += line.charge;
    months.set(line.period, row);
  }
  return {
    months: [...months.values()],
    chargeOnPaidPrincipal: FUNDS.reduce((s, f) => s + position.explanation.charges[f].onPaidPrincipal, 0),
    chargeAccrued: position.chargeAccrued,
    chargePaid: position.chargePaid,
    charge: position.charge,
    lateAmount: position.lateAmount,
  };
}
