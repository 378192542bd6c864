import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import type { SessionUser } from '../auth/service.js';
import * as q from './queries.js';

/** The employer's step on the ladder, what is due next, and every move between steps. */
export async function employerLadder(db: Kysely<Database>, user: SessionUser, employerId: number) {
  if (!(await q.employerInScope(db, user.scope, employerId))) throw notFound('employer');
  const [position, moves] = await Promise.all([q.ladderPositionOf(db, employerId), q.ladderMovesOf(db, employerId)]);
  return {
    step: position?.step ?? 'current',
    since: position?.since ?? null,
    due: position?.due ?? [],
    brokenPromise: position?.broken_promise ?? false,
    referralClause: position?.referral_clause ?? null,
    evaluatedOn: position?.evaluated_on ?? null,
    moves: moves.map((m) => ({ step: m.step, enteredOn: m.entered_on, leftOn: m.left_on })),
  };
}
