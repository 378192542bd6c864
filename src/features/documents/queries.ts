import type { Db } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

/** The employer, with its office, when it lies in the scope. */
export function findEmployerInScope(db: Db, scope: string, id: number) {
  return db.selectFrom('employer as e').innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['e.id', 'e.office_id'])
    .where('e.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

/** A generated document, when its employer is in the scope. */
export function findDocumentInScope(db: Db, scope: string, id: number) {
  return db.selectFrom('generated_document as d')
    .innerJoin('employer as e', 'e.id', 'd.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['d.id', 'd.kind', 'd.file_name', 'd.docx', 'd.employer_id'])
    .where('d.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

/** Every action on the employer, cancelled ones included, oldest first: the timeline of an evidence file. */
export function actionsOfEmployer(db: Db, employerId: number) {
  return db.selectFrom('enforcement_action')
    .select(['kind', 'action_date', 'document_number', 'outcome', 'fine', 'cancelled_at', 'cancel_reason'])
    .where('employer_id', '=', employerId)
    .orderBy('action_date').orderBy('id')
    .execute();
}
