import { describe, expect, it } from 'vitest';
import {
  computeArrears,
  unpaidMonthTable,
  type EmployerLedger,
  type LedgerObligation,
  type LedgerPayment,
} from './arrears.js';
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
    const r = computeArrears(
      ledger([['2025-07', 'BHXH', 10_000_000]], [['2025-09-10', 10_000_000]]),
      rules,
      '2025-09-30',
    );
    // 10,000,000 × 0.0003 × 10 days
    expect(r.charge).toBe(30_000);
    expect(r.lateAmount).toBe(0);
    expect(r.band).toBe('none');
  });

  it('charges the same 10 days when the principal is still unpaid at D = 2025-09-10', () => {
    const r = computeArrears(ledger([['2025-07', 'BHXH', 10_000_000]]), rules, '2025-09-10');
    expect(r).toMatchObject({
      lateAmount: 10_000_000,
      overdueMonths: 1,
      band: '1-2',
      oldestUnpaidPeriod: '2025-07',
      charge: 30_000,
    });
    expect(r.byFund.BHXH).toEqual({ late: 10_000_000, charge: 30_000, chargeAccrued: 30_000, chargePaid: 0 });
    expect(r.daysLate).toBe(10);
  });

  it('charges nothing for payment on the deadline and one day for the day after', () => {
    const onTime = computeArrears(
      ledger([['2025-07', 'BHXH', 1_000_000]], [['2025-08-31', 1_000_000]]),
      rules,
      '2025-10-01',
    );
    const dayLate = computeArrears(
      ledger([['2025-07', 'BHXH', 1_000_000]], [['2025-09-01', 1_000_000]]),
      rules,
      '2025-10-01',
    );
    expect(onTime.charge).toBe(0);
    expect(dayLate.charge).toBe(300);
  });

  it('is not late on the deadline itself, only from the day after', () => {
    const l = ledger([['2025-07', 'BHXH', 1_000_000]]);
    expect(computeArrears(l, rules, '2025-08-31').lateAmount).toBe(0);
    expect(computeArrears(l, rules, '2025-09-01').lateAmount).toBe(1_000_000);
  });

  it('ignores payments dated after D', () => {
    const r = computeArrears(
      ledger([['2025-07', 'BHXH', 1_000_000]], [['2025-09-20', 1_000_000]]),
      rules,
      '2025-09-10',
    );
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
    expect(r.explanation.allocations.map((a) => [a.fund, a.amount])).toEqual([
      ['BHYT', 180],
      ['BHTN', 20],
    ]);
    const fund = (late: number, charge: number) => ({ late, charge, chargeAccrued: charge, chargePaid: 0 });
    expect(r.byFund).toEqual({
      BHYT: fund(0, 0),
      BHTN: fund(60, 0), // 60 × 0.0003 × 5 = 0.09
      BHTNLD: fund(20, 0), // 0.03
      BHXH: fund(1_000, 2), // 1.5 rounds half up to 2
    });
    expect(r.lateAmount).toBe(1_080);
    expect(r.charge).toBe(2);
    expect(r.explanation.charges.BHXH).toEqual({
      daily: '3/2',
      monthly: '0',
      exact: '3/2',
      rounded: 2,
      onPaidPrincipal: 0,
    });
  });

  it('pays the oldest month first, then months not yet due, and keeps the rest as credit', () => {
    const r = computeArrears(
      ledger(
        [
          ['2025-07', 'BHXH', 100],
          ['2025-08', 'BHXH', 100],
          ['2025-09', 'BHXH', 100],
        ],
        [['2025-09-15', 250]],
      ),
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
    const r = computeArrears(
      ledger(
        [
          ['2025-07', 'BHXH', 100],
          ['2025-08', 'BHYT', 30],
        ],
        [['2025-08-01', 130]],
      ),
      rules,
      '2025-12-01',
    );
    expect(r.lateAmount).toBe(0);
    expect(r.credit).toBe(0);
  });

  it('applies a correction (negative amount) on the first day of its month to the oldest debt', () => {
    const r = computeArrears(
      ledger([
        ['2025-07', 'BHXH', 1_000_000],
        ['2025-08', 'BHXH', 500_000],
        ['2025-09', 'BHXH', -300_000],
      ]),
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
  const rates = withRates([
    { fund: 'BHXH', year: 2025, rate: '1%' },
    { fund: 'BHXH', year: 2024, rate: '0.5%' },
  ]);

  it('charges k on the 1st of each month M for periods ≤ M−2 unpaid at the end of M−1, then 0.03% a day', () => {
    const r = computeArrears(ledger([['2025-03', 'BHXH', 1_000_000]]), rates, '2025-07-15');
    // 1 May, 1 Jun, 1 Jul: 3 × 1% × 1,000,000 = 30,000; days 07-01..07-15: 15 × 300 = 4,500
    expect(r.charge).toBe(34_500);
    expect(r.warnings).toEqual([]);
  });

  it('stops old-regime interest with the payment: paid in May means unpaid only at the end of April', () => {
    const r = computeArrears(
      ledger([['2025-03', 'BHXH', 1_000_000]], [['2025-05-20', 1_000_000]]),
      rates,
      '2025-07-15',
    );
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
      return [`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`, 'BHXH', amount] as [
        string,
        Fund,
        number,
      ];
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
    expect(() => parseRuleSet({ ...DEFAULT_RULES, allocation: 'by-age' })).toThrow(
      /allocation must be "by-fund" or "by-period"/,
    );
    expect(() =>
      parseRuleSet({
        ...DEFAULT_RULES,
        monthlyInterest: {
          until: '2025-07-01',
          rates: [
            { fund: 'BHXH', year: 2020, rate: '1/7919' },
            { fund: 'BHYT', year: 2020, rate: '1/7907' },
            { fund: 'BHTN', year: 2020, rate: '1/7901' },
            { fund: 'BHTNLD', year: 2020, rate: '1/7883' },
          ],
        },
      }),
    ).toThrow(/too many decimals/);
  });

  it('allocates by fund unless the rule set says by period, also when it is stored without the field', () => {
    expect(parseRuleSet(DEFAULT_RULES).allocation).toBe('by-fund');
    const { allocation: _, ...withoutField } = DEFAULT_RULES;
    expect(parseRuleSet(withoutField).allocation).toBe('by-fund');
    expect(parseRuleSet({ ...DEFAULT_RULES, allocation: 'by-period' }).allocation).toBe('by-period');
  });

  it('follows a different allocation order when the rule set says so', () => {
    const bhxhFirst = parseRuleSet({ ...DEFAULT_RULES, allocationOrder: ['BHXH', 'BHTNLD', 'BHTN', 'BHYT'] });
    const l: LedgerObligation[] = [
      { period: '2025-07', fund: 'BHYT', amount: 100 },
      { period: '2025-07', fund: 'BHXH', amount: 100 },
    ];
    const r = computeArrears(
      { paymentCycle: 1, obligations: l, payments: [{ date: '2025-08-01', amount: 100, reference: 'x' }] },
      bhxhFirst,
      '2025-09-02',
    );
    expect(r.byFund.BHXH.late).toBe(0);
    expect(r.byFund.BHYT.late).toBe(100);
  });
});

describe('rule set v2: allocation by fund with its charges (Decree 233/2025 Art. 7(4))', () => {
  const byPeriod = parseRuleSet({ ...DEFAULT_RULES, allocation: 'by-period' });
  // July and August, BHXH 1,000,000 and BHYT 100,000 each; deadlines 2025-08-31 and 2025-09-30. On 2025-10-10 the
  // employer pays 1,500,000: July is 40 days late (09-01..10-10), August 10 days.
  const twoMonths = ledger(
    [
      ['2025-07', 'BHXH', 1_000_000],
      ['2025-07', 'BHYT', 100_000],
      ['2025-08', 'BHXH', 1_000_000],
      ['2025-08', 'BHYT', 100_000],
    ],
    [['2025-10-10', 1_500_000]],
  );

  it('pays BHYT principal and its charges first, then BHXH principal oldest first; BHXH charges stay owed', () => {
    const r = computeArrears(twoMonths, rules, '2025-10-31', { explain: true });
    // BHYT: 200,000 principal, then its charges 100,000 × 40 × 0.0003 + 100,000 × 10 × 0.0003 = 1,200 + 300.
    // BHXH gets 1,500,000 − 201,500 = 1,298,500: July in full, 298,500 of August.
    expect(r.explanation.allocations.map((a) => [a.period, a.fund, a.amount, a.chargeDays])).toEqual([
      ['2025-07', 'BHYT', 100_000, 40],
      ['2025-08', 'BHYT', 100_000, 10],
      ['2025-07', 'BHXH', 1_000_000, 40],
      ['2025-08', 'BHXH', 298_500, 10],
    ]);
    expect(r.explanation.chargePayments).toEqual([
      { source: 'payment', reference: 'P1', date: '2025-10-10', fund: 'BHYT', amount: 1_500 },
    ]);
    // BHXH accrued: 1,000,000 × 40 × 0.0003 = 12,000; 298,500 × 10 × 0.0003 = 895.5; 701,500 still unpaid at
    // 2025-10-31 for 31 days: 6,523.95. 19,419.45 → 19,419.
    expect(r.byFund.BHXH).toEqual({ late: 701_500, charge: 19_419, chargeAccrued: 19_419, chargePaid: 0 });
    expect(r.byFund.BHYT).toEqual({ late: 0, charge: 0, chargeAccrued: 1_500, chargePaid: 1_500 });
    expect(r).toMatchObject({
      lateAmount: 701_500,
      overdueMonths: 1,
      oldestUnpaidPeriod: '2025-08',
      daysLate: 31,
      charge: 19_419,
      chargeAccrued: 20_919,
      chargePaid: 1_500,
      credit: 0,
    });
  });

  it('gives a month table with the charge per unpaid month and the charge on principal already paid, adding up to the totals', () => {
    const table = unpaidMonthTable(computeArrears(twoMonths, rules, '2025-10-31', { explain: true }));
    // August BHXH: 6,523.95 → 6,524. Paid principal: BHXH 19,419 − 6,524 = 12,895, BHYT 1,500.
    expect(table).toEqual({
      months: [
        { period: '2025-08', deadline: '2025-09-30', unpaid: 701_500, daysLate: 31, chargeDays: 31, charge: 6_524 },
      ],
      chargeOnPaidPrincipal: 14_395,
      chargeAccrued: 20_919,
      chargePaid: 1_500,
      charge: 19_419,
      lateAmount: 701_500,
    });
  });

  it('keeps the old order under "by-period": oldest month first across funds, principal only', () => {
    const r = computeArrears(twoMonths, byPeriod, '2025-10-31', { explain: true });
    expect(r.explanation.allocations.map((a) => [a.period, a.fund, a.amount])).toEqual([
      ['2025-07', 'BHYT', 100_000],
      ['2025-07', 'BHXH', 1_000_000],
      ['2025-08', 'BHYT', 100_000],
      ['2025-08', 'BHXH', 300_000],
    ]);
    expect(r.explanation.chargePayments).toEqual([]);
    // BHYT 1,200 + 300; BHXH 12,000 + 300,000 × 10 × 0.0003 = 900 + 700,000 × 31 × 0.0003 = 6,510.
    expect(r).toMatchObject({ lateAmount: 700_000, charge: 20_910, chargeAccrued: 20_910, chargePaid: 0 });
    expect(r.byFund.BHXH).toEqual({ late: 700_000, charge: 19_410, chargeAccrued: 19_410, chargePaid: 0 });
  });

  it('pays part of a charge, the rest later, and rounds the charge half up at the payment', () => {
    // July BHXH 1,000,000 due 2025-08-31, paid with 1,005,000 on 2025-09-30: 30 days, charge 9,000, of which 5,000 paid.
    const part = ledger([['2025-07', 'BHXH', 1_000_000]], [['2025-09-30', 1_005_000]]);
    expect(computeArrears(part, rules, '2025-10-31').byFund.BHXH).toEqual({
      late: 0,
      charge: 4_000,
      chargeAccrued: 9_000,
      chargePaid: 5_000,
    });
    // 10,000 more on 2025-10-15: 4,000 settle the charge (no principal left, nothing more accrues), 6,000 is credit.
    const rest = ledger(
      [['2025-07', 'BHXH', 1_000_000]],
      [
        ['2025-09-30', 1_005_000],
        ['2025-10-15', 10_000],
      ],
    );
    expect(computeArrears(rest, rules, '2025-10-31')).toMatchObject({
      charge: 0,
      chargeAccrued: 9_000,
      chargePaid: 9_000,
      credit: 6_000,
    });
    // 2,500 paid one day late with 3,000: 0.75 rounds to 1 đồng of charge paid; 499 is credit.
    const small = computeArrears(ledger([['2025-07', 'BHXH', 2_500]], [['2025-09-01', 3_000]]), rules, '2025-10-31');
    expect(small).toMatchObject({ charge: 0, chargeAccrued: 1, chargePaid: 1, credit: 499 });
  });

  it("pays a fund's charges even when that fund has no overdue principal left, before the next fund's principal", () => {
    // BHYT July 100,000 paid 2025-09-10 exactly (10 days, charge 300 owed); BHXH July 1,000,000 unpaid. On
    // 2025-09-20, 50,000: BHYT's 300 first, then 49,700 to BHXH.
    const r = computeArrears(
      ledger(
        [
          ['2025-07', 'BHXH', 1_000_000],
          ['2025-07', 'BHYT', 100_000],
        ],
        [
          ['2025-09-10', 100_000],
          ['2025-09-20', 50_000],
        ],
      ),
      rules,
      '2025-09-20',
    );
    expect(r.byFund.BHYT).toEqual({ late: 0, charge: 0, chargeAccrued: 300, chargePaid: 300 });
    // BHXH: 49,700 × 20 days + 950,300 × 20 days = 1,000,000 × 20 × 0.0003 = 6,000.
    expect(r.byFund.BHXH).toEqual({ late: 950_300, charge: 6_000, chargeAccrued: 6_000, chargePaid: 0 });
  });

  it('holds what is left as credit and pays a later month with it on the first day of that month', () => {
    // July BHXH 100 paid with 130 on 2025-07-20, before August is recorded: 30 is held and pays August BHYT on 2025-08-01.
    const r = computeArrears(
      ledger(
        [
          ['2025-07', 'BHXH', 100],
          ['2025-08', 'BHYT', 50],
        ],
        [['2025-07-20', 130]],
      ),
      rules,
      '2025-08-15',
      { explain: true },
    );
    expect(r.explanation.allocations.map((a) => [a.source, a.date, a.period, a.amount])).toEqual([
      ['payment', '2025-07-20', '2025-07', 100],
      ['credit', '2025-08-01', '2025-08', 30],
    ]);
    expect(r.credit).toBe(0);
  });
});

describe('rule set v2: a correction is a credit of its own fund only', () => {
  it("pays its fund's overdue principal and keeps the rest for that fund, never another", () => {
    // 2025-09 BHYT −300,000 (booked 2025-09-01): pays July BHYT 200,000 (1 day late: 60), 100,000 stays BHYT credit;
    // July BHXH stays unpaid (2025-09-01..09-10: 10 days, 3,000).
    const l = ledger([
      ['2025-07', 'BHXH', 1_000_000],
      ['2025-07', 'BHYT', 200_000],
      ['2025-09', 'BHYT', -300_000],
    ]);
    const r = computeArrears(l, rules, '2025-09-10', { explain: true });
    expect(r.explanation.allocations).toMatchObject([
      {
        source: 'correction',
        reference: '2025-09 BHYT',
        date: '2025-09-01',
        period: '2025-07',
        fund: 'BHYT',
        amount: 200_000,
        chargeDays: 1,
      },
    ]);
    expect(r.byFund.BHXH).toEqual({ late: 1_000_000, charge: 3_000, chargeAccrued: 3_000, chargePaid: 0 });
    // The correction never pays charges: BHYT's 60 stays owed although 100,000 of BHYT credit is left.
    expect(r.byFund.BHYT).toEqual({ late: 0, charge: 60, chargeAccrued: 60, chargePaid: 0 });
    expect(r).toMatchObject({ lateAmount: 1_000_000, credit: 100_000 });
  });

  it("pays that fund's later obligation with the rest when it is recorded", () => {
    const l = ledger([
      ['2025-07', 'BHXH', 1_000_000],
      ['2025-07', 'BHYT', 200_000],
      ['2025-09', 'BHYT', -300_000],
      ['2025-10', 'BHYT', 150_000],
      ['2025-10', 'BHXH', 10],
    ]);
    const r = computeArrears(l, rules, '2025-10-05', { explain: true });
    expect(r.explanation.allocations.map((a) => [a.source, a.date, a.period, a.fund, a.amount])).toEqual([
      ['correction', '2025-09-01', '2025-07', 'BHYT', 200_000],
      ['credit', '2025-10-01', '2025-10', 'BHYT', 100_000],
    ]);
    expect(r.credit).toBe(0);
    expect(r.byFund.BHXH.late).toBe(1_000_000);
  });

  it('goes before a payment of the same day', () => {
    // 2025-09-01: the BHXH correction −400 pays July BHXH first; the payment of 500 then pays BHYT July and its
    // charge (100 × 1 day: 0.03 → 0), then the rest of BHXH.
    const l = ledger(
      [
        ['2025-07', 'BHXH', 1_000],
        ['2025-07', 'BHYT', 100],
        ['2025-09', 'BHXH', -400],
      ],
      [['2025-09-01', 500]],
    );
    const r = computeArrears(l, rules, '2025-09-01', { explain: true });
    expect(r.explanation.allocations.map((a) => [a.source, a.fund, a.amount])).toEqual([
      ['correction', 'BHXH', 400],
      ['payment', 'BHYT', 100],
      ['payment', 'BHXH', 400],
    ]);
    expect(r.lateAmount).toBe(200);
  });
});

describe('rule set v2: old-regime interest only on principal overdue a full month or more', () => {
  const rates = withRates([{ fund: 'BHXH', year: 2025, rate: '1%' }]);

  it("gives a quarterly payer interest from the second month after the quarter's deadline, none on months not yet due", () => {
    // Q1 2025 is due 2025-03-31: interest on 1 May and 1 June only (2 × 1% × 1,000,000). April is due 2025-06-30:
    // not yet due at 2025-06-15, no interest (the earlier engine charged 1 June on it, and 1 March to 1 June on January).
    const r = computeArrears(
      ledger(
        [
          ['2025-01', 'BHXH', 1_000_000],
          ['2025-04', 'BHXH', 1_000_000],
        ],
        [],
        3,
      ),
      rates,
      '2025-06-15',
    );
    expect(r).toMatchObject({
      lateAmount: 1_000_000,
      charge: 20_000,
      chargeAccrued: 20_000,
      missingRates: [],
      warnings: [],
    });
  });

  it('gives no interest and no warning for a quarter paid on time, and a warning only where a missing rate changes the figures', () => {
    // January paid 2025-03-30, before the quarter's deadline: no interest base, so no warning for the missing BHYT rate.
    const onTime = computeArrears(
      ledger([['2025-01', 'BHYT', 1_000_000]], [['2025-03-30', 1_000_000]], 3),
      rates,
      '2025-12-31',
    );
    expect(onTime).toMatchObject({ charge: 0, missingRates: [], warnings: [] });
    const owed = computeArrears(ledger([['2025-01', 'BHYT', 1_000_000]], [], 3), rates, '2025-06-15');
    expect(owed.missingRates).toEqual([{ fund: 'BHYT', year: 2025 }]);
  });
});

describe('rule set v2: exact above 2^53', () => {
  it("sums a fund's late amount and its đồng × days exactly, with no RangeError", () => {
    // Ten months 2025-07..2026-04 of 999,999,999,999,991 + i đồng, unpaid at 2026-12-31; days late from each
    // deadline (last day of the next month): 487, 457, 426, 396, 365, 334, 306, 275, 245, 214.
    const days = [487, 457, 426, 396, 365, 334, 306, 275, 245, 214];
    const periods = [
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ];
    const amounts = periods.map((_, i) => 999_999_999_999_991 + i);
    const r = computeArrears(ledger(periods.map((p, i) => [p, 'BHXH', amounts[i]!])), rules, '2026-12-31');
    const units = amounts.reduce((s, a, i) => s + BigInt(a) * BigInt(days[i]!), 0n);
    const charge = (units * 3n * 2n + 10_000n) / 20_000n; // round half up of units × 3 / 10,000
    expect(r.exact).toEqual({
      lateAmount: 9_999_999_999_999_955n,
      charge,
      chargeAccrued: charge,
      chargePaid: 0n,
      credit: 0n,
      byFund: {
        BHXH: { late: 9_999_999_999_999_955n, charge, chargeAccrued: charge, chargePaid: 0n },
        BHTNLD: { late: 0n, charge: 0n, chargeAccrued: 0n, chargePaid: 0n },
        BHTN: { late: 0n, charge: 0n, chargeAccrued: 0n, chargePaid: 0n },
        BHYT: { late: 0n, charge: 0n, chargeAccrued: 0n, chargePaid: 0n },
      },
    });
    expect(r.overdueMonths).toBe(10);
    expect(r.daysLate).toBe(487);
    expect(computeArrears(ledger([['2025-07', 'BHXH', 1_000]]), rules, '2026-12-31').exact).toBeNull();
  });

  it('pays charges exactly when đồng × days passes 2^53', () => {
    // 999,999,999,999,999 paid on 2027-12-31, 852 days late (2025-09-01..2027-12-31): 852 × 0.0003 × it =
    // 255,599,999,999,999.74… → 255,600,000,000,000, which a second payment on 2028-01-02 settles; the rest is credit.
    const a = 999_999_999_999_999;
    const r = computeArrears(
      ledger(
        [['2025-07', 'BHXH', a]],
        [
          ['2027-12-31', a],
          ['2028-01-02', a],
        ],
      ),
      rules,
      '2028-01-10',
    );
    expect(r.byFund.BHXH).toEqual({
      late: 0,
      chargeAccrued: 255_600_000_000_000,
      chargePaid: 255_600_000_000_000,
      charge: 0,
    });
    expect(r.credit).toBe(744_399_999_999_999);
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

describe('order of the ledger', () => {
  it('gives the same position whatever order the obligations are listed in, month by month or not', () => {
    const funds: Fund[] = ['BHXH', 'BHTNLD', 'BHTN', 'BHYT'];
    // 40 months × 4 funds from 2023-01, amounts that differ by month and fund so that any misordering shows.
    const inOrder: [string, Fund, number][] = [];
    for (let m = 0; m < 40; m++) {
      const idx = 2023 * 12 + m;
      const period = `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
      funds.forEach((fund, f) => inOrder.push([period, fund, 1_000_000 * (f + 1) + 7_919 * m]));
    }
    const payments: [string, number][] = [
      ['2024-03-20', 9_000_000],
      ['2025-09-05', 200_000_000],
      ['2026-02-10', 25_000_000],
    ];
    const expected = computeArrears(ledger(inOrder, payments, 3), rules, '2026-11-15');
    expect(expected.lateAmount).toBeGreaterThan(0);
    expect(expected.chargePaid).toBeGreaterThan(0);
    // Listed month by month, each month's funds come in the reverse of the payment order (a few places to move);
    // reversed or interleaved, items are far from their place.
    const reversed = [...inOrder].reverse();
    const interleaved = inOrder.filter((_, i) => i % 2 === 1).concat(inOrder.filter((_, i) => i % 2 === 0));
    for (const list of [reversed, interleaved]) {
      expect(computeArrears(ledger(list, payments, 3), rules, '2026-11-15')).toEqual(expected);
    }
  });
});

describe('the day a position next changes', () => {
  /** A small deterministic generator, so a failure names a ledger that can be made again. */
  const lcg = (seed: number) => () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  /** Obligations over 2024–2025 in one or two funds, sometimes a correction, paid on time, late, partly or ahead. */
  function randomLedger(random: () => number): EmployerLedger {
    const cycle = ([1, 1, 1, 3, 6] as PaymentCycle[])[Math.floor(random() * 5)]!;
    const funds: Fund[] = random() < 0.5 ? ['BHXH'] : ['BHXH', 'BHYT'];
    const first = dayNumber('2024-01-01');
    const obligations: LedgerObligation[] = [];
    const payments: LedgerPayment[] = [];
    const months = 6 + Math.floor(random() * 18);
    const start = Math.floor(random() * 6);
    const habit = random();
    for (let m = start; m < start + months; m++) {
      const period = `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
      for (const fund of funds) {
        obligations.push({ period, fund, amount: 1_000_000 * (1 + Math.floor(random() * 5)) });
      }
      if (random() < 0.05) obligations.push({ period, fund: funds[0]!, amount: -500_000 });
      // Paid some days into the next month: before, near or after the deadline, in full, in part or more.
      if (random() < habit + 0.2) {
        const paidOn = first + Math.floor((m + 1) * 30.4 + random() * 60 - 20);
        const owed = obligations.filter((o) => o.period === period).reduce((s, o) => s + o.amount, 0);
        payments.push({ date: dayFromNumber(paidOn), amount: Math.round(owed * (0.5 + random())), reference: `P${m}` });
      }
    }
    payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { paymentCycle: cycle, obligations, payments };
  }

  it('leaves every figure as it is on each day before it, over a few hundred ledgers', () => {
    const random = lcg(7);
    let checkedDays = 0;
    let quiet = 0;
    for (let n = 0; n < 300; n++) {
      const l = randomLedger(random);
      const asOf = dayFromNumber(dayNumber('2024-06-01') + Math.floor(random() * 600));
      const at = computeArrears(l, rules, asOf);
      if (at.changesOn !== null) expect(at.changesOn > asOf).toBe(true);
      const until = Math.min(
        at.changesOn === null ? Number.POSITIVE_INFINITY : dayNumber(at.changesOn),
        dayNumber(asOf) + 120,
      );
      if (until > dayNumber(asOf) + 1) quiet++;
      for (let d = dayNumber(asOf) + 1; d < until; d++) {
        expect(computeArrears(l, rules, dayFromNumber(d)), `ledger ${n} at ${dayFromNumber(d)}`).toEqual(at);
        checkedDays++;
      }
    }
    // Enough ledgers whose position holds for days, so the check is not empty.
    expect(quiet).toBeGreaterThan(30);
    expect(checkedDays).toBeGreaterThan(1000);
  });

  it('is tomorrow while principal is overdue, and the day after the next deadline for principal not yet due', () => {
    const july = ledger([['2025-07', 'BHXH', 1_000_000]]);
    expect(computeArrears(july, rules, '2025-08-20').changesOn).toBe('2025-09-01');
    expect(computeArrears(july, rules, '2025-09-02').changesOn).toBe('2025-09-03');
    // Paid in full: nothing coming changes it (its months-equivalent already counts a month).
    const paid = ledger([['2025-07', 'BHXH', 1_000_000]], [['2025-08-10', 1_000_000]]);
    expect(computeArrears(paid, rules, '2025-09-15').changesOn).toBeNull();
    // A payment dated after D counts from its day.
    expect(computeArrears(paid, rules, '2025-08-05').changesOn).toBe('2025-08-10');
    // Money held in credit pays next month's periods when they are recorded.
    const ahead = ledger([['2025-07', 'BHXH', 1_000_000]], [['2025-08-10', 3_000_000]]);
    expect(computeArrears(ahead, rules, '2025-09-15').changesOn).toBe('2025-10-01');
  });
});
