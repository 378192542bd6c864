import { Type, type Static } from '@sinclair/typebox';
import { DUE_ACTIONS, DUE_REASONS, LADDER_STEPS } from '../../domain/ladder.js';
import { CalendarDate, literals, Nullable, StringEnum } from '../../http/schemas.js';

export const LadderStep = literals(LADDER_STEPS);
/** The actions the ladder makes due, and checking the next instalment of an agreement. */
export const DueAction = StringEnum(DUE_ACTIONS);
export type DueAction = Static<typeof DueAction>;
export const DueReason = StringEnum(DUE_REASONS);
export type DueReason = Static<typeof DueReason>;
/** A task on the ladder: an action due by a day, and why. */
export const DueTask = Type.Object({ action: DueAction, by: CalendarDate, reason: DueReason });
export type DueTask = Static<typeof DueTask>;

export const Ladder = Type.Object({
  step: LadderStep,
  since: Nullable(CalendarDate),
  due: Type.Array(DueTask),
  brokenPromise: Type.Boolean(),
  /** The Penal Code Art. 216 clause reached, for a referral candidate or a referred employer. */
  referralClause: Nullable(Type.Integer()),
  evaluatedOn: Nullable(CalendarDate),
  /** Newest first. */
  moves: Type.Array(Type.Object({ step: LadderStep, enteredOn: CalendarDate, leftOn: Nullable(CalendarDate) })),
});
export type Ladder = Static<typeof Ladder>;
