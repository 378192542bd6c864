import { describe, expect, it } from 'vitest';
import { promiseState, type PaymentPromise } from './promises.js';

const twoInstalments: PaymentPromise = {
  madeOn: '2026-10-05',
  instalments: [
    { dueOn: '2026-10-20', amount: 10_000_000 },
    { dueOn: '2026-11-20', amount: 15_000_000 },
  ],
};

describe('promiseState', () => {
  it('is pending before the first date, with what is still owed on it', () => {
    const state = promiseState(twoInstalments, [{ date: '2026-10-10', amount: 4_000_000 }], '2026-10-15');
    expect(state).toEqual({ status: 'pending', next: { dueOn: '2026-10-20', outstanding: 6_000_000 } });
  });

  it('is broken the day after an instalment date when the payments by then fall short', () => {
    const state = promiseState(twoInstalments, [{ date: '2026-10-10', amount: 9_999_999 }], '2026-10-21');
    expect(state).toEqual({ status: 'broken', brokenOn: '2026-10-21', shortfall: 1, missedDueOn: '2026-10-20' });
  });

  it('is still pending on the instalment date itself: money can arrive that day', () => {
    expect(promiseState(twoInstalments, [], '2026-10-20').status).toBe('pending');
  });

  it('counts payments towards later instalments cumulatively and is kept when the whole amount arrives', () => {
    const payments = [
      { date: '2026-10-20', amount: 10_000_000 },
      { date: '2026-11-01', amount: 5_000_000 },
      { date: '2026-11-19', amount: 10_000_000 },
    ];
    expect(promiseState(twoInstalments, payments, '2026-11-05')).toEqual({
      status: 'pending',
      next: { dueOn: '2026-11-20', outstanding: 10_000_000 },
    });
    expect(promiseState(twoInstalments, payments, '2026-11-25')).toEqual({ status: 'kept', keptOn: '2026-11-19' });
  });

  it('is kept early when everything is paid before the first date', () => {
    expect(promiseState(twoInstalments, [{ date: '2026-10-06', amount: 25_000_000 }], '2026-10-07')).toEqual({
      status: 'kept',
      keptOn: '2026-10-06',
    });
  });

  it('ignores money received before the promise was made and after the day asked about', () => {
    const payments = [
      { date: '2026-10-04', amount: 25_000_000 },
      { date: '2026-10-22', amount: 25_000_000 },
    ];
    expect(promiseState(twoInstalments, payments, '2026-10-21')).toMatchObject({
      status: 'broken',
      shortfall: 10_000_000,
    });
  });

  it('refuses a promise without instalments', () => {
    expect(() => promiseState({ madeOn: '2026-10-01', instalments: [] }, [], '2026-10-02')).toThrow(RangeError);
  });
});
