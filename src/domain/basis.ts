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
