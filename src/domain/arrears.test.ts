import { describe, expect, it } from 'vitest';
import { computeArrears, type EmployerLedger, type LedgerObligation } from './arrears.js';
import { dayFromNumber, dayNumber, monthOfDay } from './periods.js';
import type { Fund, PaymentCycle } from './ledger.js';
import { DEFAULT_RULES, deadlineOf, parseRuleSet, type RuleSetJson } from './rules.js';

const rules = parseRuleSet(DEFAULT_RULES);
const withRates = (rates: RuleSetJson['monthlyInterest']['rates']) =>
  parseRuleSet({ ...DEFAULT_RULES, monthlyInterest: { ...DEFAULT_RULES.monthlyInterest, rates } });

const ledger = (
  obligations: [string, Fund, number][],
  payments: [string, number][] = [],
  paymentCycle: PaymentCycle = 1,
): EmployerLedger => ({
  paymentCycle,
  obligations: obligations.map(([period, fund, amount]) => ({ period, fund, amount })),
  payments: payments.map(([date, amount], i) => ({ date, amount, reference: `P${i + 1}` })),
});

describe('deadlines', () => {
  it('gives monthly payers the last day of the same month up to 2025-06 and of the next month from 2025-07', () => {
    expect(deadlineOf(rules, '2024-02', 1)).toBe('2024-02-29');
    expect(deadlineOf(rules, '2025-06', 1)).toBe('2025-06-30');
    expect(deadlineOf(rules, '2025-07', 1)).toBe('2025-08-31');
    expect(deadlineOf(rules, '2025-12', 1)).toBe('2026-01-31');
  });

  it('gives every month of a quarter the quarter deadline, switching with the quarter that starts 2025-07', () => {
    for (const p of ['2025-04', '2025-05', '2025-06']) expect(deadlineOf(rules, p, 3)).toBe('2025-06-30');
    for (const p of ['2025-07', '2025-08', '2025-09']) expect(deadlineOf(rules, p, 3)).toBe('2025-10-31');
    for (const p of ['2025-10', '2025-11', '2025-12']) expect(deadlineOf(rules, p, 3)).toBe('2026-01-31');
  });

  it('gives every month of a half-year the half-year deadline', () => {
    expect(deadlineOf(rules, '2024-07', 6)).toBe('2024-12-31');
    expect(deadlineOf(rules, '2025-01', 6)).toBe('2025-06-30');
    expect(deadlineOf(rules, '2025-06', 6)).toBe('2025-06-30');
    expect(deadlineOf(rules, '2025-07', 6)).toBe('2026-01-31');
    expect(deadlineOf(rules, '2025-12', 6)).toBe('2026-01-31');
  });
});

describe('late amount and daily charge (0.03% a day from 2025-07-01)', () => {
  it('charges 10 days for principal due 2025-08-31 and paid 2025-09-10', () => {
    const r = computeArrears(ledger([['2025-07', 'BHXH', 10_000_000]], [['2025-09-10', 10_000_000]]), rules, '2025-09-30');
    // 10,000,000 × 0.0003 × 10 days
    expect(r.charge).toBe(30_000);
    expect(r.lateAmount).toBe(0);
    expect(r.band).toBe('none');
  });

  it('charges the same 10 days when the principal is still unpaid at D = 2025-09-10', () => {
    const r = computeArrears(ledger([['2025-07', 'BHXH', 10_000_000]]), rules, '2025-09-10');
    expect(r).toMatchObject({
      lateAmount: 10_000_000, overdueMonths: 1, band: '1-2', oldestUnpaidPeriod: '2025-07', charge: 30_000,
    });
    expect(r.byFund.BHXH).toEqual({ late: 10_000_000, charge: 30_000 });
  });

  it('charges nothing for payment on the deadline and one day for the day after', () => {
    const onTime = computeArrears(ledger([['2025-07', 'BHXH', 1_000_000]], [['2025-08-31', 1_000_000]]), rules, '2025-10-01');
    const dayLate = computeArrears(ledger([['2025-07', 'BHXH', 1_000_000]], [['2025-09-01', 1_000_000]]), rules, '2025-10-01');
    expect(onTime.charge).toBe(0);
    expect(dayLate.charge).toBe(300);
  });

  it('is not late on the deadline itself, only from the day after', () => {
    const l = ledger([['2025-07', 'BHXH', 1_000_000]]);
    expect(computeArrears(l, rules, '2025-08-31').lateAmount).toBe(0);
    expect(computeArrears(l, rules, '2025-09-01').lateAmount).toBe(1_000_000);
  });

  it('ignores payments dated after D', () => {
    const r = computeArrears(ledger([['2025-07', 'BHXH', 1_000_000]], [['2025-09-20', 1_000_000]]), rules, '2025-09-10');
    expect(r.lateAmount).toBe(1_000_000);
    expect(r.charge).toBe(3_000);
  });
});

describe('allocation of payments', () => {
  const july: [string, Fund, number][] = [
    ['2025-07', 'BHXH', 1_000],
    ['2025-07', 'BHTNLD', 20],
    ['2025-07', 'BHTN', 80],
    ['2025-07', 'BHYT', 180],
  ];

  it('pays BHYT, then BHTN, then BHTNLĐ, then BHXH within a month, and rounds each fund once', () => {
    const r = computeArrears(ledger(july, [['2025-08-10', 200]]), rules, '2025-09-05', { explain: true });
    expect(r.explanation.allocations.map((a) => [a.fund, a.amount])).toEqual([['BHYT', 180], ['BHTN', 20]]);
    expect(r.byFund).toEqual({
      BHYT: { late: 0, charge: 0 },
      BHTN: { late: 60, charge: 0 }, // 60 × 0.0003 × 5 = 0.09
      BHTNLD: { late: 20, charge: 0 }, // 0.03
      BHXH: { late: 1_000, charge: 2 }, // 1.5 rounds half up to 2
    });
    expect(r.lateAmount).toBe(1_080);
    expect(r.charge).toBe(2);
    expect(r.explanation.charges.BHXH).toEqual({ daily: '3/2', monthly: '0', exact: '3/2', rounded: 2 });
  });

  it('pays the oldest month first, then months not yet due, and keeps the rest as credit', () => {
    const r = computeArrears(
      ledger([['2025-07', 'BHXH', 100], ['2025-08', 'BHXH', 100], ['2025-09', 'BHXH', 100]], [['2025-09-15', 250]]),
      rules,
      '2025-09-20',
      { explain: true },
    );
    expect(r.explanation.allocations.map((a) => [a.period, a.amount, a.chargeDays])).toEqual([
      ['2025-07', 100, 15],
      ['2025-08', 100, 0],
      ['2025-09', 50, 0],
    ]);
    expect(r.lateAmount).toBe(0);
    expect(r.credit).toBe(0);
    const over = computeArrears(ledger([['2025-07', 'BHXH', 100]], [['2025-08-01', 130]]), rules, '2025-10-01');
    expect(over.credit).toBe(30);
  });

  it('uses an earlier credit for an obligation booked later', () => {
    const r = computeArrears(ledger([['2025-07', 'BHXH', 100], ['2025-08', 'BHYT', 30]], [['2025-08-01', 130]]), rules, '2025-12-01');
    expect(r.lateAmount).toBe(0);
    expect(r.credit).toBe(0);
  });

  it('applies a correction (negative amount) on the first day of its month to the oldest debt', () => {
    const r = computeArrears(
      ledger([['2025-07', 'BHXH', 1_000_000], ['2025-08', 'BHXH', 500_000], ['2025-09', 'BHXH', -300_000]]),
      rules,
      '2025-10-05',
      { explain: true },
    );
    expect(r.explanation.allocations).toMatchObject([
      { source: 'correction', date: '2025-09-01', period: '2025-07', amount: 300_000, chargeDays: 1 },
    ]);
    // July: 300,000 paid 2025-09-01 (1 day) and 700,000 unpaid for 35 days (09-01..10-05); August (deadline
    // 09-30) unpaid 5 days. 0.0003 × (300,000 × 1 + 700,000 × 35 + 500,000 × 5) = 90 + 7,350 + 750
    expect(r.lateAmount).toBe(1_200_000);
    expect(r.overdueMonths).toBe(2);
    expect(r.charge).toBe(8_190);
  });
});

describe('old regime interest (Decision 595) and the 1 Jul 2025 switch', () => {
  const rates = withRates([{ fund: 'BHXH', year: 2025, rate: '1%' }, { fund: 'BHXH', year: 2024, rate: '0.5%' }]);

  it('charges k on the 1st of each month M for periods ≤ M−2 unpaid at the end of M−1, then 0.03% a day', () => {
    const r = computeArrears(ledger([['2025-03', 'BHXH', 1_000_000]]), rates, '2025-07-15');
    // 1 May, 1 Jun, 1 Jul: 3 × 1% × 1,000,000 = 30,000; days 07-01..07-15: 15 × 300 = 4,500
    expect(r.charge).toBe(34_500);
    expect(r.warnings).toEqual([]);
  });

  it('stops old-regime interest with the payment: paid in May means unpaid only at the end of April', () => {
    const r = computeArrears(ledger([['2025-03', 'BHXH', 1_000_000]], [['2025-05-20', 1_000_000]]), rates, '2025-07-15');
    // Only 1 May counts (unpaid at the end of April); the payment on 20 May ends it before 1 June.
    expect(r.charge).toBe(10_000);
  });

  it('uses the rate of the year of M across a year end', () => {
    const r = computeArrears(ledger([['2024-10', 'BHXH', 1_000_000]]), rates, '2025-02-15');
    // M = 2024-12 at 0.5%; 2025-01 and 2025-02 at 1%: 5,000 + 20,000
    expect(r.charge).toBe(25_000);
  });

  it('counts interest on the straddling month under both regimes for their own days', () => {
    const r = computeArrears(ledger([['2025-05', 'BHXH', 1_000_000]]), rates, '2025-07-31');
    // Period 2025-05 (deadline 2025-05-31): 1 Jul (≤ M−2 = May) at 1% = 10,000; then 31 days of July = 9,300.
    expect(r.charge).toBe(19_300);
    expect(r.byFund.BHXH.late).toBe(1_000_000);
  });

  it('counts missing rates as zero and says so', () => {
    const r = computeArrears(ledger([['2025-03', 'BHYT', 1_000_000]]), rates, '2025-06-15');
    expect(r.charge).toBe(0);
    expect(r.warnings).toEqual(['no old-regime interest rate for BHYT in 2025; that interest is counted as 0']);
  });
});

describe('overdue months, bands and months-equivalent', () => {
  const months = (from: number, count: number, amount = 1_000_000): [string, Fund, number][] =>
    Array.from({ length: count }, (_, i) => {
      const idx = 2024 * 12 + from - 1 + i;
      return [`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`, 'BHXH', amount] as [string, Fund, number];
    });

  it('bands by overdue months: none, 1-2, 3-5, 6-11, 12+', () => {
    const bandAt = (count: number) => computeArrears(ledger(months(1, count)), rules, '2025-06-15').band;
    // With monthly deadlines at each month's end, 2024-01.. periods are all overdue by 2025-06-15 (≤ 2025-05).
    expect(computeArrears(ledger([]), rules, '2025-06-15').band).toBe('none');
    expect(bandAt(2)).toBe('1-2');
    expect(bandAt(3)).toBe('3-5');
    expect(bandAt(5)).toBe('3-5');
    expect(bandAt(6)).toBe('6-11');
    expect(bandAt(11)).toBe('6-11');
    expect(bandAt(12)).toBe('12+');
  });

  it('divides the late amount by the average of the 12 latest months before D', () => {
    // 2024-07..2025-06 at 1,000,000, plus 2025-07 (D's month, not counted); nothing paid.
    const l = ledger([...months(7, 12), ['2025-07', 'BHXH', 9_000_000]]);
    const r = computeArrears(l, rules, '2025-07-20');
    expect(r.lateAmount).toBe(12_000_000);
    expect(r.overdueMonths).toBe(12);
    expect(r.monthsEquivalent).toBe(12);
  });

  it('rounds months-equivalent half up to one decimal, and is null without history', () => {
    // 3 months of 1,000,000 before D; late 1,250,000 → 1.25 → 1.3
    const r = computeArrears(ledger(months(1, 3), [['2024-02-01', 1_750_000]]), rules, '2024-05-10');
    expect(r.lateAmount).toBe(1_250_000);
    expect(r.monthsEquivalent).toBe(1.3);
    expect(computeArrears(ledger([]), rules, '2024-05-10').monthsEquivalent).toBeNull();
  });

  it('names the oldest period with an unpaid balance', () => {
    const r = computeArrears(ledger(months(1, 4), [['2024-02-10', 1_500_000]]), rules, '2024-06-01');
    expect(r.oldestUnpaidPeriod).toBe('2024-02');
    expect(r.overdueMonths).toBe(3);
  });
});

describe('rule sets', () => {
  it('refuses a rule set with a bad field and names it', () => {
    expect(() => parseRuleSet({ ...DEFAULT_RULES, allocationOrder: ['BHYT', 'BHXH'] })).toThrow(/allocationOrder/);
    expect(() => parseRuleSet({ ...DEFAULT_RULES, dailyCharge: { from: '2025-07-01', rate: 'nhiều' } })).toThrow(
      /dailyCharge.rate/,
    );
    expect(() => parseRuleSet({ ...DEFAULT_RULES, bands: [{ code: 'x', minMonths: 1 }] })).toThrow(/bands\[0\]/);
    expect(() => parseRuleSet({ ...DEFAULT_RULES, chargesFirst: true })).toThrow(/chargesFirst true is not supported/);
  });

  it('follows a different allocation order when the rule set says so', () => {
    const bhxhFirst = parseRuleSet({ ...DEFAULT_RULES, allocationOrder: ['BHXH', 'BHTNLD', 'BHTN', 'BHYT'] });
    const l: LedgerObligation[] = [
      { period: '2025-07', fund: 'BHYT', amount: 100 },
      { period: '2025-07', fund: 'BHXH', amount: 100 },
    ];
    const r = computeArrears({ paymentCycle: 1, obligations: l, payments: [{ date: '2025-08-01', amount: 100, reference: 'x' }] }, bhxhFirst, '2025-09-02');
    expect(r.byFund.BHXH.late).toBe(0);
    expect(r.byFund.BHYT.late).toBe(100);
  });
});

describe('calendar arithmetic of the engine', () => {
  it('finds the month of any day as the calendar does, across leap years and centuries', () => {
    // 1970 ± 2,000 years; ISO strings hold four-digit years only.
    for (let n = -700_000; n < 700_000; n += 997) {
      const d = new Date(n * 86_400_000);
      expect(monthOfDay(n)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
      expect(dayFromNumber(n)).toBe(d.toISOString().slice(0, 10));
      expect(dayNumber(d.toISOString().slice(0, 10))).toBe(n);
    }
  });
});

describe('rounding of large charges', () => {
  it('stays exact for amounts of hundreds of billions over years of days', () => {
    // 987,654,321,987 đồng unpaid from 2025-09-01 to 2027-12-31 (852 days) at 0.03%: 252,439,844,699,877.2 → …877
    const r = computeArrears(ledger([['2025-07', 'BHXH', 987_654_321_987]]), rules, '2027-12-31');
    expect(r.charge).toBe(Number((987_654_321_987n * 852n * 3n + 5000n) / 10000n));
  });
});
