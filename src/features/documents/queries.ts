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

/** How the office's documents are signed, when its director or the administrator has set it. */
export function officeSigner(db: Db, officeId: number) {
  return db
    .selectFrom('office_signer')
    .select(['head_name', 'deputy_name', 'by_deputy'])
    .where('office_id', '=', officeId)
    .executeTakeFirst();
}

export async function saveOfficeSigner(
  db: Db,
  officeId: number,
  signer: { headName: string; deputyName: string | null; byDeputy: boolean },
  at: Date,
  userId: number,
) {
  const values = {
    head_name: signer.headName,
    deputy_name: signer.deputyName,
    by_deputy: signer.byDeputy,
    updated_at: at,
    updated_by: userId,
  };
  await db
    .insertInto('office_signer')
    .values({ office_id: officeId, ...values })
    .onConflict((oc) => oc.column('office_id').doUpdateSet(values))
    .execute();
}

/** The office's director account, the first if several: who signs a province office without a setting. */
export function officeDirector(db: Db, officeId: number) {
  return db
    .selectFrom('app_user')
    .select('full_name')
    .where('office_id', '=', officeId)
    .where('role', '=', 'province_director')
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirst();
}

/** The office's registers of outgoing documents, the latest year first. */
export function registersOf(db: Db, officeId: number) {
  return db
    .selectFrom('document_counter')
    .select(['year', 'last_number'])
    .where('office_id', '=', officeId)
    .orderBy('year', 'desc')
    .execute();
}

/**
 * Sets the register's last number, only upwards: the statement itself leaves a higher number in place, so that a
 * letter numbered meanwhile is never given its number twice. Answers the number before and the number in force after.
 */
export async function raiseRegister(db: Db, officeId: number, year: number, lastNumber: number) {
  const before = await db
    .selectFrom('document_counter')
    .select('last_number')
    .where('office_id', '=', officeId)
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirst();
  const set = await db
    .insertInto('document_counter')
    .values({ office_id: officeId, year, last_number: lastNumber })
    .onConflict((oc) =>
      oc
        .columns(['office_id', 'year'])
        .doUpdateSet({ last_number: lastNumber })
        .where('document_counter.last_number', '<=', lastNumber),
    )
    .returning('last_number')
    .executeTakeFirst();
  return { before: before?.last_number ?? null, set: set !== undefined };
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
