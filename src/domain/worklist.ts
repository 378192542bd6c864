import type { Day } from './ledger.js';
import { addDays } from './periods.js';

/**
 * Danh sách việc: the order an official works through their employers. First what cannot wait (a broken promise, a
 * task or follow-up due today or already overdue), then what falls due within the week, then the rest; within each
 * group the most money at stake first, then the longest late, then the earliest date, then the code so the order
 * is stable. Tiers rather than a weighted score, so an official can see why one employer comes before another.
 */
export interface WorklistCandidate {
  code: string;
  lateAmount: number;
  overdueMonths: number;
  brokenPromise: boolean;
  /** Earliest due task of the ladder. */
  nextDueOn: Day | null;
  /** Earliest follow-up date an official set on an action. */
  followUpOn: Day | null;
}

export type WorklistTier = 'today' | 'this_week' | 'later';
const TIER_ORDER: Record<WorklistTier, number> = { today: 0, this_week: 1, later: 2 };

const earliest = (a: Day | null, b: Day | null) => (a === null ? b : b === null ? a : a < b ? a : b);

export function worklistTier(item: WorklistCandidate, asOf: Day): WorklistTier {
  const next = earliest(item.nextDueOn, item.followUpOn);
  if (item.brokenPromise || (next !== null && next <= asOf)) return 'today';
  if (next !== null && next <= addDays(asOf, 7)) return 'this_week';
  return 'later';
}

export function compareWorklist(a: WorklistCandidate, b: WorklistCandidate, asOf: Day): number {
  const next = (x: WorklistCandidate) => earliest(x.nextDueOn, x.followUpOn) ?? '9999-12-31';
  return (
    TIER_ORDER[worklistTier(a, asOf)] - TIER_ORDER[worklistTier(b, asOf)] ||
    b.lateAmount - a.lateAmount ||
    b.overdueMonths - a.overdueMonths ||
    (next(a) < next(b) ? -1 : next(a) > next(b) ? 1 : 0) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
