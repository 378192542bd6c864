import type { Day, EmployerStatus } from './ledger.js';
import type { LadderStep } from './ladder.js';
import type { RoleCode } from './organisation.js';

/**
 * Công khai: who goes on the public lists. Late and evading employers by months and amount (rule-set data), good
 * payers for the commendation list, and the planned surprise inspections (kế hoạch thanh tra) of employers late long
 * enough and not inspected within a year. The lists are reviewed and approved by people; this only proposes.
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

export const DISCLOSURE_KINDS = ['late', 'evasion', 'commendation', 'inspection_plan'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

/** The inspection department publishes its plans; the communication centre the lists of payers; directors both. */
export function disclosureKindsOf(role: RoleCode): readonly DisclosureKind[] {
  switch (role) {
    case 'national_admin':
    case 'province_director':
      return DISCLOSURE_KINDS;
    case 'communication':
      return ['late', 'evasion', 'commendation'];
    case 'inspection':
      return ['inspection_plan'];
    default:
      return [];
  }
}

export interface DisclosureCandidate {
  status: EmployerStatus;
  headcount: number;
  lateAmount: number;
  overdueMonths: number;
  step: LadderStep;
  /** The latest urging letter, invitation, sanction or other action beyond a C12 notice, if any. */
  lastActionOn: Day | null;
  lastSurpriseInspectionOn: Day | null;
}

export interface QualifyingContext {
  rules: DisclosureRules;
  /** The ladder's months for a surprise-inspection candidate. */
  inspectionMonths: number;
  /** No action other than a C12 notice since this day, for good payers. */
  cleanSince: Day;
  /** Not surprise-inspected since this day, for the inspection plan. */
  inspectedSince: Day;
}

const EVADING: readonly LadderStep[] = ['evasion', 'referral_candidate', 'referred'];

export function qualifies(kind: DisclosureKind, c: DisclosureCandidate, x: QualifyingContext): boolean {
  switch (kind) {
    case 'late':
      return c.lateAmount >= x.rules.late.minAmount && c.overdueMonths >= x.rules.late.minMonths;
    case 'evasion':
      return c.lateAmount > 0 && EVADING.includes(c.step);
    case 'commendation':
      return c.status === 'active' && c.lateAmount === 0 && c.headcount >= x.rules.commendation.minHeadcount &&
        (c.lastActionOn === null || c.lastActionOn < x.cleanSince);
    case 'inspection_plan':
      return c.lateAmount > 0 && c.overdueMonths >= x.inspectionMonths &&
        (c.lastSurpriseInspectionOn === null || c.lastSurpriseInspectionOn < x.inspectedSince);
  }
}
