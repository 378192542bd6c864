import { LADDER_STEPS, type LadderStep } from './ladder.js';
import type { Day } from './ledger.js';
import { addDays } from './periods.js';
import { foldForSearch } from './text.js';

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
  return tierBy(item, asOf, addDays(asOf, 7));
}

/** worklistTier at one day, for every row of a list: the day's week worked out once. */
export function worklistTierAt(asOf: Day): (item: WorklistCandidate) => WorklistTier {
  const weekEnd = addDays(asOf, 7);
  return (item) => tierBy(item, asOf, weekEnd);
}

/** worklistTier with the week's end given: a sort asks it of each row many times, at one day. */
function tierBy(item: WorklistCandidate, asOf: Day, weekEnd: Day): WorklistTier {
  const next = earliest(item.nextDueOn, item.followUpOn);
  if (item.brokenPromise || (next !== null && next <= asOf)) return 'today';
  if (next !== null && next <= weekEnd) return 'this_week';
  return 'later';
}

export function compareWorklist(a: WorklistCandidate, b: WorklistCandidate, asOf: Day): number {
  return priorityOrder(asOf)(a, b);
}

/** compareWorklist at one day, the day's week worked out once for all the comparisons of a sort. */
function priorityOrder(asOf: Day): (a: WorklistCandidate, b: WorklistCandidate) => number {
  const weekEnd = addDays(asOf, 7);
  const next = (x: WorklistCandidate) => earliest(x.nextDueOn, x.followUpOn) ?? '9999-12-31';
  return (a, b) => {
    const nextA = next(a);
    const nextB = next(b);
    return (
      TIER_ORDER[tierBy(a, asOf, weekEnd)] - TIER_ORDER[tierBy(b, asOf, weekEnd)] ||
      b.lateAmount - a.lateAmount ||
      b.overdueMonths - a.overdueMonths ||
      (nextA < nextB ? -1 : nextA > nextB ? 1 : 0) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
    );
  };
}

/** One employer of a worklist as the list filters and sorts it: the candidate with what is shown beside it. */
export interface WorklistEntry extends WorklistCandidate {
  name: string;
  taxCode: string;
  officeName: string;
  /** The office's path ('/1/12/1203/'): an office filter keeps the employers of that office and those below it. */
  officePath: string;
  step: LadderStep;
  band: string;
  tier: WorklistTier;
}

/** What an official narrows a worklist to; every part left out lets everything through. */
export interface WorklistFilter {
  /** Words looked for in the code, tax code and name, without diacritics (foldForSearch). */
  q?: string | undefined;
  tier?: WorklistTier | undefined;
  step?: LadderStep | undefined;
  band?: string | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
  officePath?: string | undefined;
}

export function matchesWorklist(entry: WorklistEntry, filter: WorklistFilter): boolean {
  if (filter.tier !== undefined && entry.tier !== filter.tier) return false;
  if (filter.step !== undefined && entry.step !== filter.step) return false;
  if (filter.band !== undefined && entry.band !== filter.band) return false;
  if (filter.minAmount !== undefined && entry.lateAmount < filter.minAmount) return false;
  if (filter.maxAmount !== undefined && entry.lateAmount > filter.maxAmount) return false;
  if (filter.officePath !== undefined && !entry.officePath.startsWith(filter.officePath)) return false;
  if (filter.q) {
    // Every word must be found, each anywhere: "nguyen hoang 0101" finds Công ty TNHH Nguyễn Hoàng by its tax code.
    const haystack = foldForSearch(`${entry.code} ${entry.taxCode} ${entry.name}`);
    if (
      !foldForSearch(filter.q)
        .split(' ')
        .every((word) => haystack.includes(word))
    )
      return false;
  }
  return true;
}

/** The columns a worklist can be sorted by; 'priority' is the order of compareWorklist. */
export const WORKLIST_SORTS = [
  'priority',
  'name',
  'code',
  'office',
  'lateAmount',
  'overdueMonths',
  'step',
  'followUpOn',
] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

const byText = (a: string, b: string) => a.localeCompare(b, 'vi');
const byDay = (a: Day | null, b: Day | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/**
 * The order of a worklist sorted by a column: that column ascending or descending, ties in the worklist's own order
 * so that equal rows keep the order an official knows. Days missing come last whichever way.
 */
export function worklistComparator(
  sort: WorklistSort,
  order: 'asc' | 'desc',
  asOf: Day,
): (a: WorklistEntry, b: WorklistEntry) => number {
  const sign = order === 'asc' ? 1 : -1;
  const column = (a: WorklistEntry, b: WorklistEntry): number => {
    switch (sort) {
      case 'priority':
        return 0;
      case 'name':
        return sign * byText(a.name, b.name);
      case 'code':
        return sign * byText(a.code, b.code);
      case 'office':
        return sign * byText(a.officeName, b.officeName);
      case 'lateAmount':
        return sign * (a.lateAmount - b.lateAmount);
      case 'overdueMonths':
        return sign * (a.overdueMonths - b.overdueMonths);
      case 'step':
        return sign * (LADDER_STEPS.indexOf(a.step) - LADDER_STEPS.indexOf(b.step));
      case 'followUpOn': {
        if (a.followUpOn === null || b.followUpOn === null) return byDay(a.followUpOn, b.followUpOn);
        return sign * byDay(a.followUpOn, b.followUpOn);
      }
    }
  };
  const byPriority = priorityOrder(asOf);
  const priority = (a: WorklistEntry, b: WorklistEntry) => (sort === 'priority' ? sign : 1) * byPriority(a, b);
  return (a, b) => column(a, b) || priority(a, b);
}
