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
  /** Xét khen thưởng (and the commendation list): not late at any close within this many months back. */
  award: { lookbackMonths: number };
}

export const DEFAULT_DISCLOSURE: DisclosureRules = {
  late: { minMonths: 3, minAmount: 10_000_000 },
  commendation: { minHeadcount: 50, cleanMonths: 12 },
  award: { lookbackMonths: 12 },
};

/**
 * Why an employer may not be honoured (the rule that employers late in paying get no award): principal overdue now,
 * late-payment charges still owed, or late at a close within the look-back. The public answer gives these codes,
 * never the amounts.
 */
export const AWARD_REASONS = ['principal_outstanding', 'charge_outstanding', 'late_within_lookback'] as const;
export type AwardReason = (typeof AWARD_REASONS)[number];

export interface AwardFacts {
  /** Principal overdue now. */
  lateAmount: number;
  /** Late-payment charges outstanding now. */
  charge: number;
  /** Late at some close within the rule set's look-back. */
  lateWithinLookback: boolean;
}

export function awardEligibility(f: AwardFacts): { eligible: boolean; reasons: AwardReason[] } {
  const reasons: AwardReason[] = [];
  if (f.lateAmount > 0) reasons.push('principal_outstanding');
  if (f.charge > 0) reasons.push('charge_outstanding');
  if (f.lateWithinLookback) reasons.push('late_within_lookback');
  return { eligible: reasons.length === 0, reasons };
}

/**
 * The close days at which an employer's position can differ from the close before it, within the look-back: the
 * first close, and for every day the ledger changes (a contribution month falls overdue the day after its deadline,
 * a payment or correction lands) the first close on or after it. Between two such days every close shows the same
 * position, so the engine need not run at each of them.
 */
export function closesToCheck(closes: readonly Day[], changeDays: readonly Day[]): Day[] {
  if (closes.length === 0) return [];
  const sorted = [...closes].sort();
  const chosen = new Set<Day>([sorted[0]!]);
  for (const day of changeDays) {
    if (day > sorted.at(-1)!) continue;
    // The first close on or after the day (binary search: a year of daily closes, many ledger days).
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    chosen.add(sorted[lo]!);
  }
  return [...chosen].sort();
}

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
  /** Charges outstanding now. */
  charge: number;
  /** Late at some close within the award look-back; asked only of good-payer candidates (null: not asked). */
  lateWithinLookback: boolean | null;
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
      return (
        c.status === 'active' &&
        c.headcount >= x.rules.commendation.minHeadcount &&
        (c.lastActionOn === null || c.lastActionOn < x.cleanSince) &&
        c.lateWithinLookback !== null &&
        awardEligibility({ lateAmount: c.lateAmount, charge: c.charge, lateWithinLookback: c.lateWithinLookback })
          .eligible
      );
    case 'inspection_plan':
      return (
        c.lateAmount > 0 &&
        c.overdueMonths >= x.inspectionMonths &&
        (c.lastSurpriseInspectionOn === null || c.lastSurpriseInspectionOn < x.inspectedSince)
      );
  }
}
