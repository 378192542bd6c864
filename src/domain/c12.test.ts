import { describe, expect, it } from 'vitest';
import { c12Statement } from './c12.js';
import { FUNDS } from './ledger.js';
import { addMonths } from './periods.js';
import { DEFAULT_RULES, parseRuleSet } from './rules.js';

const rules = parseRuleSet(DEFAULT_RULES);

/**
 * A monthly payer owes BHXH 10.000.000 and BHYT 2.000.000 for 08/2025 (due 30/09) and again for 10/2025 (due
 * 30/11), and pays 12.000.000 on 10/10. By fund (BHYT first): BHYT's 2.000.000 and its 10 days' charge 6.000, then
 * 9.994.000 of BHXH's 10.000.000. At 31/10 BHXH owes 6.000 of 08 and 10.000.000 of 10; its charge is 10 days on
 * 9.994.000 (29.982) and 31 days on 6.000 (55,8): 30.037,8 → 30.038, none paid.
 */
const ledger = {
  paymentCycle: 1 as const,
  obligations: [
    { period: '2025-08', fund: 'BHXH' as const, amount: 10_000_000 },
    { period: '2025-08', fund: 'BHYT' as const, amount: 2_000_000 },
    { period: '2025-10', fund: 'BHXH' as const, amount: 10_000_000 },
    { period: '2025-10', fund: 'BHYT' as const, amount: 2_000_000 },
  ],
  payments: [{ date: '2025-10-10', amount: 12_000_000, reference: 'UNC-251010' }],
};
const zero = { BHXH: 0, BHTNLD: 0, BHTN: 0, BHYT: 0 };

describe('C12-TS monthly statement', () => {
  it('gives A brought forward, B arising, C paid with its charge part and D carried forward, by hand', () => {
    const s = c12Statement(ledger, () => rules, '2025-10');
    expect(s.contributions).toEqual({
      broughtForward: { byFund: { ...zero, BHXH: 10_000_000, BHYT: 2_000_000 }, total: 12_000_000 },
      arising: { byFund: { ...zero, BHXH: 10_000_000, BHYT: 2_000_000 }, total: 12_000_000 },
      paid: { byFund: { ...zero, BHXH: 9_994_000, BHYT: 2_000_000 }, total: 11_994_000 },
      carriedForward: { byFund: { ...zero, BHXH: 10_006_000, BHYT: 2_000_000 }, total: 12_006_000 },
    });
    expect(s.charges).toEqual({
      broughtForward: { byFund: zero, total: 0 },
      arising: { byFund: { ...zero, BHXH: 30_038, BHYT: 6_000 }, total: 36_038 },
      paid: { byFund: { ...zero, BHYT: 6_000 }, total: 6_000 },
      carriedForward: { byFund: { ...zero, BHXH: 30_038 }, total: 30_038 },
    });
  });

  it('adds up, A + B − C = D per fund, month after month, with a correction and an overpayment', () => {
    const busy = {
      ...ledger,
      obligations: [
        ...ledger.obligations,
        { period: '2025-11', fund: 'BHXH' as const, amount: -1_500_000 },
        { period: '2025-11', fund: 'BHTN' as const, amount: 800_000 },
      ],
      payments: [
        ...ledger.payments,
        { date: '2025-11-05', amount: 3_000_000, reference: 'UNC-251105' },
        { date: '2025-12-20', amount: 20_000_000, reference: 'UNC-251220' },
      ],
    };
    for (const month of ['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01']) {
      const s = c12Statement(busy, () => rules, month);
      for (const part of [s.contributions, s.charges]) {
        for (const f of FUNDS) {
          expect(part.broughtForward.byFund[f] + part.arising.byFund[f] - part.paid.byFund[f], `${month} ${f}`).toBe(
            part.carriedForward.byFund[f],
          );
        }
      }
      // What one month carries forward, the next brings forward.
      const next = c12Statement(busy, () => rules, addMonths(month, 1));
      expect(next.contributions.broughtForward).toEqual(s.contributions.carriedForward);
      expect(next.charges.broughtForward).toEqual(s.charges.carriedForward);
    }
  });
});
