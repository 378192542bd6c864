import { formatDay } from './format.js';
import type { Day } from './ledger.js';
import type { Allocation, RuleSet } from './rules.js';

/**
 * What a figure stands on. Live figures (số liệu trực tiếp) are computed from the ledger as it is now: the stored
 * positions, recomputed after every import, or the engine at the day asked. A close (chốt ngày) is the day's snapshot,
 * which later imports do not change. Two figures of the same date on different bases may differ, so every answer
 * that gives arrears figures says which it gives; `label` is the Vietnamese wording.
 */
export type FiguresBasis = { kind: 'live' | 'close'; asOf: Day; label: string };

export function liveFigures(asOf: Day): FiguresBasis {
  return { kind: 'live', asOf, label: 'số liệu trực tiếp' };
}

export function closeFigures(day: Day): FiguresBasis {
  return { kind: 'close', asOf: day, label: `chốt ngày ${formatDay(day)}` };
}

/**
 * The rule set a figure was computed under and how it allocates payments ("by-fund", rule set v2, or "by-period",
 * v1): the same ledger gives different figures under each, so a figure frozen for later reading keeps the rules it
 * stood on rather than those in force when it is read.
 */
export type RuleSetBasis = { id: string; name: string; allocation: Allocation };

export function ruleSetBasis(rules: RuleSet): RuleSetBasis {
  return { id: rules.id, name: rules.name, allocation: rules.allocation };
}

/** A report's rule sets: the baseline column's and the day's, which differ when new rules came into force between. */
export type ReportRuleSets = { baseline: RuleSetBasis; day: RuleSetBasis };

const ALLOCATION_WORDING: Record<Allocation, string> = {
  'by-fund': 'phân bổ theo từng quỹ, trả cả tiền chậm đóng (quy tắc v2)',
  'by-period': 'phân bổ theo kỳ, chỉ trả tiền gốc (quy tắc v1)',
};

const sameRules = (a: RuleSetBasis, b: RuleSetBasis) => a.id === b.id && a.allocation === b.allocation;

/**
 * The line a printed report (.xlsx) carries to say which rules its figures stand on, as the screen's note does; a
 * version frozen before the rules were kept with it has none.
 */
export function ruleSetsWording(ruleSets: ReportRuleSets | undefined): string | null {
  if (!ruleSets) return null;
  const wording = (basis: RuleSetBasis) => `${ALLOCATION_WORDING[basis.allocation]} — bộ quy tắc "${basis.name}"`;
  const { baseline, day } = ruleSets;
  return sameRules(baseline, day)
    ? `Số liệu tính theo: ${wording(day)}.`
    : `Số liệu tại thời điểm mốc tính theo: ${wording(baseline)}; trong ngày và lũy kế: ${wording(day)}.`;
}

/**
 * The distinct rule sets among reports consolidated together, in order of first appearance: more than one means the
 * national totals add figures computed under different rules, which the board says.
 */
export function distinctRuleSets(all: (ReportRuleSets | undefined)[]): ReportRuleSets[] {
  const distinct: ReportRuleSets[] = [];
  for (const r of all) {
    if (r && !distinct.some((d) => sameRules(d.baseline, r.baseline) && sameRules(d.day, r.day))) distinct.push(r);
  }
  return distinct;
}
