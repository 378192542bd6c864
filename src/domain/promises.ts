import type { Day } from './ledger.js';
import { addDays } from './periods.js';

/**
 * Cam kết trả nợ: an employer's promise to pay amounts by dates. A plain promise usually has one instalment; an
 * instalment agreement (thỏa thuận trả dần) has several and pauses escalation while it holds. Whether it is kept or
 * broken is never typed in: it follows from the payments received from the day the promise was made.
 */
export interface PromiseInstalment {
  dueOn: Day;
  amount: number;
}

export interface PaymentPromise {
  madeOn: Day;
  /** In date order. */
  instalments: readonly PromiseInstalment[];
}

export type PromiseState =
  | { status: 'pending'; next: { dueOn: Day; outstanding: number } }
  | { status: 'kept'; keptOn: Day }
  | { status: 'broken'; brokenOn: Day; shortfall: number; missedDueOn: Day };

/**
 * The state of a promise at `asOf`. Money counts towards it from the day it was made; by each instalment's date the
 * cumulative payments must reach the cumulative promised amount, or the promise is broken the day after. It is kept
 * on the day the payments reach the whole amount.
 */
export function promiseState(
  promise: PaymentPromise,
  payments: readonly { date: Day; amount: number }[],
  asOf: Day,
): PromiseState {
  if (promise.instalments.length === 0) throw new RangeError('a promise needs at least one instalment');
  const counted = payments
    .filter((p) => p.date >= promise.madeOn && p.date <= asOf)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const paidBy = (day: Day) => counted.reduce((sum, p) => (p.date <= day ? sum + p.amount : sum), 0);
  let promised = 0;
  for (const instalment of promise.instalments) {
    promised += instalment.amount;
    const paid = paidBy(instalment.dueOn);
    if (paid >= promised) continue;
    if (asOf > instalment.dueOn) {
      return {
        status: 'broken',
        brokenOn: addDays(instalment.dueOn, 1),
        shortfall: promised - paid,
        missedDueOn: instalment.dueOn,
      };
    }
    return { status: 'pending', next: { dueOn: instalment.dueOn, outstanding: promised - paidBy(asOf) } };
  }
  let paid = 0;
  for (const p of counted) {
    paid += p.amount;
    if (paid >= promised) return { status: 'kept', keptOn: p.date };
  }
  throw new Error('every instalment was met, so the payments reached the total');
}
