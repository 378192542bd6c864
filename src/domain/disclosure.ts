import type { EmployerStatus } from './ledger.js';
import type { LadderStep } from './ladder.js';

/**
 * Công khai: who goes on the public lists. Late and evading employers by months and amount (rule-set data), and good
 * payers for the commendation list. The lists themselves are reviewed and approved by people; this only proposes.
 */
export interface DisclosureRules {
  /** Chậm đóng list: at least this many overdue months and this late amount. */
  late: { minMonths: number; minAmount: number };
  /** Chấp hành tốt list: active, nothing late, no urging in the last months, at least this many workers. */
  commendation: { minHeadcount: number; cleanMonths: number };
}

export const DEFAULT_DISCLOSURE: DisclosureRules = {
  late: { minMonths: 3, minAmount: 10_000_000 },
  commendation: { minHeadcount: 50, cleanMonths: 12 },
};

export type DisclosureKind = 'late' | 'evasion' | 'commendation';

export interface DisclosureCandidate {
  status: EmployerStatus;
  headcount: number;
  lateAmount: number;
  overdueMonths: number;
  step: LadderStep;
  /** The latest urging letter, invitation, sanction or other action beyond a C12 notice, if any. */
  lastActionOn: string | null;
}

const EVADING: readonly LadderStep[] = ['evasion', 'referral_candidate', 'referred'];

export function qualifies(kind: DisclosureKind, c: DisclosureCandidate, rules: DisclosureRules, cleanSince: string): boolean {
  switch (kind) {
    case 'late':
      return c.lateAmount >= rules.late.minAmount && c.overdueMonths >= rules.late.minMonths;
    case 'evasion':
      return c.lateAmount > 0 && EVADING.includes(c.step);
    case 'commendation':
      return c.status === 'active' && c.lateAmount === 0 && c.headcount >= rules.commendation.minHeadcount &&
        (c.lastActionOn === null || c.lastActionOn < cleanSince);
  }
}
