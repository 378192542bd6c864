import type { ArrearsPosition } from '../domain/arrears.js';
import type { Day } from '../domain/ledger.js';
import type { RuleSetJson } from '../domain/rules.js';
import type { LedgerText } from './ledger-text.js';

/** The few figures of a position that a report or a snapshot sums. */
export interface LateFigures {
  lateAmount: number;
  overdueMonths: number;
  band: string;
  charge: number;
}

/** Messages between the main thread and the engine's thread (engine-worker.ts). */
export type EngineRequest = {
  id: number;
  ledgers: LedgerText[];
  /** The days to compute each ledger at, each with the rule set in force (its stored JSON). */
  at: { day: Day; rules: RuleSetJson }[];
  /** 'position': every figure a stored position holds; 'late': only LateFigures. */
  want: 'position' | 'late';
};

/** `results`: per ledger, in the order sent, one answer per day of `at`. */
export type EngineReply =
  | { id: number; ok: true; results: (ArrearsPosition | LateFigures)[][] }
  | { id: number; ok: false; message: string };
