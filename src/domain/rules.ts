import { FUNDS, type Day, type Fund, type Period, type PaymentCycle } from './ledger.js';
import { addMonths, isDay, isPeriod, lastDayOf, periodIndex } from './periods.js';
import { DEFAULT_DISCLOSURE, type DisclosureRules } from './disclosure.js';
import { DEFAULT_EMULATION, type EmulationRules } from './emulation.js';
import { DEFAULT_ESCALATION, type EscalationRules } from './ladder.js';
import { Rational } from './rational.js';

/**
 * A rule set: every number of the arrears computation that law or policy may change, as data with an effective
 * date (arrears.md marks them "config"). The JSON form is what `--rules FILE` reads and what the database stores.
 */
export interface RuleSetJson {
  id: string;
  name: string;
  effectiveFrom: Day;
  /**
   * Deadlines by contribution month; the last entry whose fromPeriod ≤ the period (monthly payers) or the cycle's
   * first month (3- and 6-monthly payers) applies. monthsAfterPeriod 0 = last day of the period's own month, 1 = last
   * day of the month after; monthsAfterCycle likewise from the cycle's last month.
   */
  deadlines: { fromPeriod: Period; monthsAfterPeriod: number; monthsAfterCycle: number }[];
  /** The order in which a payment pays the funds (Decree 233/2025 Art. 7(4): BHYT, BHTN, BHTNLĐ, BHXH). */
  allocationOrder: Fund[];
  /**
   * How a payment is allocated (arrears.md): "by-fund" (rule set v2, the statutory order; the default when absent):
   * fund by fund in allocationOrder, each fund's overdue principal oldest first and then that fund's charges;
   * "by-period" (rule set v1): oldest period first across funds, principal only, charges never paid down.
   */
  allocation?: Allocation;
  /** Daily charge on overdue principal, for days t ≥ from (Law 41/2024 Art. 40: 0.03%). */
  dailyCharge: { from: Day; rate: string };
  /**
   * Old regime (Decision 595 Art. 37): monthly interest on the 1st of each month up to and including `until`,
   * at a monthly rate per fund and year. A missing rate means no interest, with a warning.
   */
  monthlyInterest: { until: Day; rates: { fund: Fund; year: number; rate: string }[] };
  /** Bands of overdue months, by their lower edge; the first band must start at 0. */
  bands: { code: string; minMonths: number }[];
  /** Late ratio denominator: the amount receivable for the year, or the collection plan assigned to the office. */
  lateRatioDenominator: 'receivable' | 'plan';
  /** The escalation ladder's days and thresholds; a rule set for the arrears computation alone may leave it out. */
  escalation?: EscalationRules;
  /** Who goes on the public lists; likewise optional. */
  disclosure?: DisclosureRules;
  /** The year-end emulation score's weights and thresholds; likewise optional. */
  emulation?: EmulationRules;
}

export interface RuleSet {
  id: string;
  name: string;
  effectiveFrom: Day;
  deadlines: { fromPeriodIndex: number; monthsAfterPeriod: number; monthsAfterCycle: number }[];
  allocationOrder: readonly Fund[];
  allocation: Allocation;
  dailyCharge: { from: Day; rate: Rational };
  /** The least common denominator of the daily rate and every old-regime rate (≤ 10^12). */
  chargeDenominator: bigint;
  monthlyInterest: { until: Day; rates: Map<string, Rational> };
  bands: { code: string; minMonths: number }[];
  lateRatioDenominator: 'receivable' | 'plan';
  escalation: EscalationRules;
  disclosure: DisclosureRules;
  emulation: EmulationRules;
  json: RuleSetJson;
}

/** The rule set in force since 1 Jul 2025 (Law 41/2024/QH15), with the Decision 595 regime for earlier periods. */
export const DEFAULT_RULES: RuleSetJson = {
  id: 'luat-41-2024',
  name: 'Luật BHXH 41/2024/QH15 (từ 01/07/2025); Quyết định 595/QĐ-BHXH cho thời gian trước',
  effectiveFrom: '2025-07-01',
  deadlines: [
    { fromPeriod: '1995-01', monthsAfterPeriod: 0, monthsAfterCycle: 0 },
    { fromPeriod: '2025-07', monthsAfterPeriod: 1, monthsAfterCycle: 1 },
  ],
  allocationOrder: ['BHYT', 'BHTN', 'BHTNLD', 'BHXH'],
  allocation: 'by-fund',
  dailyCharge: { from: '2025-07-01', rate: '0.03%' },
  monthlyInterest: {
    until: '2025-07-01',
    // Administrators add each year's published rates (2 × the fund's average investment return of the previous
    // year; BHYT: 2 × the 9-month interbank rate). Only the rate quoted by the domain notes is seeded.
    rates: [
      { fund: 'BHXH', year: 2016, rate: '1.065%' },
      { fund: 'BHTNLD', year: 2016, rate: '1.065%' },
      { fund: 'BHTN', year: 2016, rate: '1.065%' },
    ],
  },
  bands: [
    { code: 'none', minMonths: 0 },
    { code: '1-2', minMonths: 1 },
    { code: '3-5', minMonths: 3 },
    { code: '6-11', minMonths: 6 },
    { code: '12+', minMonths: 12 },
  ],
  lateRatioDenominator: 'receivable',
  escalation: DEFAULT_ESCALATION,
  disclosure: DEFAULT_DISCLOSURE,
  emulation: DEFAULT_EMULATION,
};

export const ALLOCATIONS = ['by-fund', 'by-period'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

/**
 * Charges are summed exactly as whole numbers over one denominator shared by the daily rate and every old-regime
 * rate; rates with more decimals than this could hold are refused rather than approximated.
 */
const MAX_RATE_DENOMINATOR = 10n ** 12n;

export class RuleSetError extends Error {
  override name = 'RuleSetError';
}

const rateKey = (fund: Fund, year: number) => `${fund}:${year}`;

/** Checks a rule set as read from JSON and prepares it for computation; the message names the bad field. */
export function parseRuleSet(input: unknown): RuleSet {
  const fail = (field: string, why: string): never => {
    throw new RuleSetError(`rule set: ${field} ${why}`);
  };
  if (typeof input !== 'object' || input === null) fail('', 'must be a JSON object');
  const r = input as Partial<RuleSetJson>;
  const text = (v: unknown, field: string) => (typeof v === 'string' && v.length > 0 ? v : fail(field, 'must be text'));
  const day = (v: unknown, field: string) =>
    typeof v === 'string' && isDay(v) ? v : fail(field, 'must be YYYY-MM-DD');
  const rate = (v: unknown, field: string) => {
    try {
      const value = Rational.parse(String(v));
      if (value.num < 0n) fail(field, 'must not be negative');
      return value;
    } catch (error) {
      if (error instanceof RuleSetError) throw error;
      return fail(field, `must be a rate such as "0.03%", "0.0003" or "3/10000", got ${JSON.stringify(v)}`);
    }
  };
  const whole = (v: unknown, field: string, min: number, max: number) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? (v as number)
      : fail(field, `must be a whole number ${min}–${max}`);

  if (!Array.isArray(r.deadlines) || r.deadlines.length === 0) fail('deadlines', 'must be a non-empty list');
  const deadlines = r.deadlines!.map((d, i) => ({
    fromPeriodIndex: periodIndex(
      typeof d?.fromPeriod === 'string' && isPeriod(d.fromPeriod)
        ? d.fromPeriod
        : fail(`deadlines[${i}].fromPeriod`, 'must be YYYY-MM'),
    ),
    monthsAfterPeriod: whole(d.monthsAfterPeriod, `deadlines[${i}].monthsAfterPeriod`, 0, 12),
    monthsAfterCycle: whole(d.monthsAfterCycle, `deadlines[${i}].monthsAfterCycle`, 0, 12),
  }));
  deadlines.forEach((d, i) => {
    if (i > 0 && d.fromPeriodIndex <= deadlines[i - 1]!.fromPeriodIndex)
      fail('deadlines', 'must be in increasing fromPeriod order');
  });

  const order = r.allocationOrder;
  if (!Array.isArray(order) || order.length !== FUNDS.length || FUNDS.some((f) => !order.includes(f))) {
    fail('allocationOrder', `must list each of ${FUNDS.join(', ')} once`);
  }
  const allocation = r.allocation ?? 'by-fund';
  if (!ALLOCATIONS.includes(allocation)) fail('allocation', `must be ${ALLOCATIONS.map((a) => `"${a}"`).join(' or ')}`);

  const daily = r.dailyCharge ?? fail('dailyCharge', 'is missing');
  const interest = r.monthlyInterest ?? fail('monthlyInterest', 'is missing');
  if (!Array.isArray(interest.rates)) fail('monthlyInterest.rates', 'must be a list');
  const rates = new Map<string, Rational>();
  interest.rates.forEach((entry, i) => {
    if (!FUNDS.includes(entry?.fund)) fail(`monthlyInterest.rates[${i}].fund`, `must be one of ${FUNDS.join(', ')}`);
    const year = whole(entry.year, `monthlyInterest.rates[${i}].year`, 1995, 2100);
    const key = rateKey(entry.fund, year);
    if (rates.has(key)) fail(`monthlyInterest.rates[${i}]`, `repeats ${entry.fund} ${year}`);
    rates.set(key, rate(entry.rate, `monthlyInterest.rates[${i}].rate`));
  });
  const dailyRate = rate(daily.rate, 'dailyCharge.rate');
  let chargeDenominator = dailyRate.den;
  for (const k of rates.values()) chargeDenominator = lcm(chargeDenominator, k.den);
  if (chargeDenominator > MAX_RATE_DENOMINATOR)
    fail('monthlyInterest.rates', 'have too many decimals together (at most 12)');

  if (!Array.isArray(r.bands) || r.bands.length === 0) fail('bands', 'must be a non-empty list');
  const bands = r.bands!.map((b, i) => ({
    code: text(b?.code, `bands[${i}].code`),
    minMonths: whole(b.minMonths, `bands[${i}].minMonths`, 0, 1200),
  }));
  if (bands[0]!.minMonths !== 0) fail('bands[0].minMonths', 'must be 0');
  bands.forEach((b, i) => {
    if (i > 0 && b.minMonths <= bands[i - 1]!.minMonths) fail('bands', 'must be in increasing minMonths order');
  });
  if (r.lateRatioDenominator !== 'receivable' && r.lateRatioDenominator !== 'plan') {
    fail('lateRatioDenominator', 'must be "receivable" or "plan"');
  }

  let escalation = DEFAULT_ESCALATION;
  if (r.escalation !== undefined) {
    const e = r.escalation;
    const days = (field: 'responseDays' | 'meetingDays' | 'inspectionDays' | 'evasionDays' | 'sanctionDays') =>
      whole(e?.[field], `escalation.${field}`, 0, 365);
    const referral = e?.referral ?? fail('escalation.referral', 'is missing');
    if (!Array.isArray(referral.clauses) || referral.clauses.length === 0)
      fail('escalation.referral.clauses', 'must be a non-empty list');
    escalation = {
      urgingLetterByDay: whole(e.urgingLetterByDay, 'escalation.urgingLetterByDay', 1, 28),
      responseDays: days('responseDays'),
      meetingDays: days('meetingDays'),
      inspectionMonths: whole(e.inspectionMonths, 'escalation.inspectionMonths', 1, 120),
      inspectionDays: days('inspectionDays'),
      evasionDays: days('evasionDays'),
      sanctionDays: days('sanctionDays'),
      referral: {
        minMonths: whole(referral.minMonths, 'escalation.referral.minMonths', 1, 120),
        days: whole(referral.days, 'escalation.referral.days', 0, 365),
        // Highest clause first, so the first threshold reached names the clause.
        clauses: referral.clauses
          .map((c, i) => ({
            clause: whole(c?.clause, `escalation.referral.clauses[${i}].clause`, 1, 9),
            minAmount: whole(c.minAmount, `escalation.referral.clauses[${i}].minAmount`, 0, 9e15),
            minWorkers: whole(c.minWorkers, `escalation.referral.clauses[${i}].minWorkers`, 0, 10_000_000),
          }))
          .sort((a, b) => b.clause - a.clause),
      },
    };
  }

  let disclosure = DEFAULT_DISCLOSURE;
  if (r.disclosure !== undefined) {
    const d = r.disclosure;
    disclosure = {
      late: {
        minMonths: whole(d?.late?.minMonths, 'disclosure.late.minMonths', 1, 120),
        minAmount: whole(d?.late?.minAmount, 'disclosure.late.minAmount', 0, 9e15),
      },
      commendation: {
        minHeadcount: whole(d?.commendation?.minHeadcount, 'disclosure.commendation.minHeadcount', 0, 10_000_000),
        cleanMonths: whole(d?.commendation?.cleanMonths, 'disclosure.commendation.cleanMonths', 1, 120),
      },
      // Rule sets stored before the look-back was an option keep the default.
      award:
        d.award === undefined
          ? DEFAULT_DISCLOSURE.award
          : { lookbackMonths: whole(d.award?.lookbackMonths, 'disclosure.award.lookbackMonths', 1, 120) },
    };
  }

  let emulation = DEFAULT_EMULATION;
  if (r.emulation !== undefined) {
    const m = r.emulation;
    const points = (v: unknown, field: string) => whole(v, `emulation.${field}`, 0, 1000);
    emulation = {
      weights: {
        reduction: points(m?.weights?.reduction, 'weights.reduction'),
        target: points(m?.weights?.target, 'weights.target'),
        timeliness: points(m?.weights?.timeliness, 'weights.timeliness'),
        inspectionCoverage: points(m?.weights?.inspectionCoverage, 'weights.inspectionCoverage'),
        recoveryAfterInspection: points(m?.weights?.recoveryAfterInspection, 'weights.recoveryAfterInspection'),
      },
      reductionForFullMarks: whole(m.reductionForFullMarks, 'emulation.reductionForFullMarks', 1, 100),
      commendFrom: points(m.commendFrom, 'commendFrom'),
      criticiseBelow: points(m.criticiseBelow, 'criticiseBelow'),
    };
    if (emulation.criticiseBelow > emulation.commendFrom)
      fail('emulation.criticiseBelow', 'must not exceed commendFrom');
  }

  const json = input as RuleSetJson;
  return {
    id: text(r.id, 'id'),
    name: text(r.name, 'name'),
    effectiveFrom: day(r.effectiveFrom, 'effectiveFrom'),
    deadlines,
    allocationOrder: order!,
    allocation,
    dailyCharge: { from: day(daily.from, 'dailyCharge.from'), rate: dailyRate },
    chargeDenominator,
    monthlyInterest: { until: day(interest.until, 'monthlyInterest.until'), rates },
    bands,
    lateRatioDenominator: r.lateRatioDenominator!,
    escalation,
    disclosure,
    emulation,
    json,
  };
}

function lcm(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
}

export function monthlyRate(rules: RuleSet, fund: Fund, year: number): Rational | undefined {
  return rules.monthlyInterest.rates.get(rateKey(fund, year));
}

/** Hạn nộp of a contribution month for a payer on the given cycle. */
export function deadlineOf(rules: RuleSet, period: Period, cycle: PaymentCycle): Day {
  const index = periodIndex(period);
  // Cycles are calendar quarters and half-years: months 0–2, 3–5… or 0–5, 6–11 of the year.
  const cycleStart = index - ((index % 12) % cycle);
  const ruleFor = (at: number) => {
    let found = rules.deadlines[0]!;
    for (const d of rules.deadlines) if (d.fromPeriodIndex <= at) found = d;
    return found;
  };
  if (cycle === 1) return lastDayOf(addMonths(period, ruleFor(index).monthsAfterPeriod));
  const cycleEnd = addMonths(period, cycleStart + cycle - 1 - index);
  return lastDayOf(addMonths(cycleEnd, ruleFor(cycleStart).monthsAfterCycle));
}

export function bandOf(rules: RuleSet, overdueMonths: number): string {
  let code = rules.bands[0]!.code;
  for (const b of rules.bands) if (overdueMonths >= b.minMonths) code = b.code;
  return code;
}
