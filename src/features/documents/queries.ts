import type { Insertable } from 'kysely';
import type { Db, GeneratedDocumentTable } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

/** A generated document, when its employer is in the scope. */
export function findDocumentInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('generated_document as d')
    .innerJoin('employer as e', 'e.id', 'd.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['d.id', 'd.kind', 'd.file_name', 'd.docx', 'd.employer_id'])
    .where('d.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

/** Every action on the employer, cancelled ones included, oldest first: the timeline of an evidence file. */
export function actionsOfEmployer(db: Db, employerId: number) {
  return db
    .selectFrom('enforcement_action')
    .select(['kind', 'action_date', 'document_number', 'outcome', 'fine', 'cancelled_at', 'cancel_reason'])
    .where('employer_id', '=', employerId)
    .orderBy('action_date')
    .orderBy('id')
    .execute();
}

/** The employer with the offices that issue its documents: the one that manages it, that one's parent, its province. */
export function issuingOffices(db: Db, employerId: number) {
  return db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .innerJoin('office as parent', 'parent.id', 'o.parent_id')
    .innerJoin('office as p', 'p.id', 'e.province_id')
    .select([
      'e.code',
      'e.name',
      'e.tax_code',
      'e.address',
      'e.headcount',
      'o.id as office_id',
      'o.name as office_name',
      'parent.name as parent_name',
      'p.id as province_id',
      'p.name as province_name',
    ])
    .where('e.id', '=', employerId)
    .executeTakeFirstOrThrow();
}

/** The leader currently assigned to the employer, the first one if several. */
export function assignedLeader(db: Db, employerId: number) {
  return db
    .selectFrom('assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['u.full_name', 'u.role'])
    .where('a.employer_id', '=', employerId)
    .where('a.responsibility', '=', 'leader')
    .where('a.assigned_to', 'is', null)
    .orderBy('a.id')
    .executeTakeFirst();
}

export function provinceDirector(db: Db, provinceId: number) {
  return db
    .selectFrom('app_user')
    .select(['full_name', 'role'])
    .where('office_id', '=', provinceId)
    .where('role', '=', 'province_director')
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirst();
}

/** The next number in the office's register of outgoing documents for the year (Decree 30: from 1 each year). */
export async function nextDocumentNumber(db: Db, officeId: number, year: number): Promise<number> {
  const row = await db
    .insertInto('document_counter')
    .values({ office_id: officeId, year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(['office_id', 'year'])
        .doUpdateSet((eb) => ({ last_number: eb('document_counter.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertDocument(db: Db, document: Insertable<GeneratedDocumentTable>) {
  const { id } = await db.insertInto('generated_document').values(document).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The generated documents among `ids` whose employer is in the scope, with the bytes a zip of them holds. */
export function documentsInScope(db: Db, scope: string, ids: number[]) {
  return db
    .selectFrom('generated_document as d')
    .innerJoin('employer as e', 'e.id', 'd.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['d.id', 'd.file_name', 'd.docx', 'e.code'])
    .where('d.id', 'in', ids)
    .where(withinScope('o.path', scope))
    .orderBy('e.code')
    .orderBy('d.id')
    .execute();
}
