import type { Db } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

export function employerInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select('e.id')
    .where('e.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

export function ladderPositionOf(db: Db, employerId: number) {
  return db.selectFrom('ladder_position').selectAll().where('employer_id', '=', employerId).executeTakeFirst();
}

/** The employer's moves between steps, newest first. */
export function ladderMovesOf(db: Db, employerId: number) {
  return db
    .selectFrom('ladder_move')
    .select(['step', 'entered_on', 'left_on'])
    .where('employer_id', '=', employerId)
    .orderBy('entered_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
