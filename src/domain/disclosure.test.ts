import { describe, expect, it } from 'vitest';
import {
  awardEligibility,
  closesToCheck,
  DEFAULT_DISCLOSURE,
  qualifies,
  type DisclosureCandidate,
} from './disclosure.js';

describe('award eligibility', () => {
  it('says no while principal or charges are outstanding or after lateness within the look-back, with every reason', () => {
    expect(awardEligibility({ lateAmount: 0, charge: 0, lateWithinLookback: false })).toEqual({
      eligible: true,
      reasons: [],
    });
    expect(awardEligibility({ lateAmount: 0, charge: 1, lateWithinLookback: false })).toEqual({
      eligible: false,
      reasons: ['charge_outstanding'],
    });
    expect(awardEligibility({ lateAmount: 5, charge: 1, lateWithinLookback: true })).toEqual({
      eligible: false,
      reasons: ['principal_outstanding', 'charge_outstanding', 'late_within_lookback'],
    });
  });

  it('keeps a good payer off the commendation list when it owes charges or was late within the look-back', () => {
    const good: DisclosureCandidate = {
      status: 'active',
      headcount: 900,
      lateAmount: 0,
      charge: 0,
      lateWithinLookback: false,
      overdueMonths: 0,
      step: 'current',
      lastActionOn: null,
      lastSurpriseInspectionOn: null,
    };
    const x = {
      rules: DEFAULT_DISCLOSURE,
      inspectionMonths: 3,
      cleanSince: '2024-10-01',
      inspectedSince: '2024-10-15',
    };
    expect(qualifies('commendation', good, x)).toBe(true);
    expect(qualifies('commendation', { ...good, charge: 12_000 }, x)).toBe(false);
    expect(qualifies('commendation', { ...good, lateWithinLookback: true }, x)).toBe(false);
    expect(qualifies('commendation', { ...good, lateWithinLookback: null }, x)).toBe(false);
  });

  it('checks the first close and the first close on or after each change of the ledger', () => {
    const closes = ['2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-15'];
    expect(closesToCheck(closes, [])).toEqual(['2025-06-30']);
    // A month falls overdue on 01/09, a payment lands on 20/09 and another after the last close.
    expect(closesToCheck(closes, ['2025-09-01', '2025-09-20', '2025-10-20', '2025-07-31'])).toEqual([
      '2025-06-30',
      '2025-07-31',
      '2025-09-30',
    ]);
    expect(closesToCheck([], ['2025-09-01'])).toEqual([]);
  });
});
