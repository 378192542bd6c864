import { sql, type Insertable } from 'kysely';
import type { ActionAttachmentTable, Db, EnforcementActionTable } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

/** The employers among `ids` that lie in the scope, with what an action needs of them. */
export function employersInScope(db: Db, scope: string, ids: number[]) {
  return db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['e.id', 'e.code', 'e.name', 'e.office_id', 'e.province_id'])
    .where('e.id', 'in', ids)
    .where(withinScope('o.path', scope))
    .execute();
}

/** An active user working in the scope, who may be named as the official who acted. */
export function findOfficialInScope(db: Db, scope: string, userId: number) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('office as o', 'o.id', 'u.office_id')
    .select(['u.id', 'u.full_name'])
    .where('u.id', '=', userId)
    .where('u.active', '=', true)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

export async function nextBatchId(db: Db): Promise<number> {
  const row = await sql<{ id: string | number }>`SELECT nextval('action_batch_seq') AS id`.execute(db);
  return Number(row.rows[0]!.id);
}

/** One action with its employer's office, when the employer is in the scope. */
export function findActionInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('enforcement_action as a')
    .innerJoin('employer as e', 'e.id', 'a.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .selectAll('a')
    .select(['e.office_id'])
    .where('a.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

export function listActions(db: Db, employerId: number) {
  return db
    .selectFrom('enforcement_action as a')
    .innerJoin('app_user as official', 'official.id', 'a.official_id')
    .select([
      'a.id',
      'a.kind',
      'a.action_date',
      'a.document_number',
      'a.outcome',
      'a.follow_up_on',
      'a.fine',
      'a.details',
      'a.batch_id',
      'a.recorded_at',
      'a.cancelled_at',
      'a.cancel_reason',
      'official.id as official_id',
      'official.full_name as official_name',
    ])
    .where('a.employer_id', '=', employerId)
    .orderBy('a.action_date', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

export function listDocumentsOfActions(db: Db, actionIds: number[]) {
  if (actionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('generated_document')
    .select(['id', 'action_id', 'kind', 'full_number', 'file_name'])
    .where('action_id', 'in', actionIds)
    .orderBy('id')
    .execute();
}

export function listAttachmentsOfActions(db: Db, actionIds: number[]) {
  if (actionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('action_attachment')
    .select(['id', 'action_id', 'file_name', 'content_type', 'size'])
    .where('action_id', 'in', actionIds)
    .orderBy('id')
    .execute();
}

/** An attachment, when the employer of its action is in the scope. */
export function findAttachmentInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('action_attachment as t')
    .innerJoin('enforcement_action as a', 'a.id', 't.action_id')
    .innerJoin('employer as e', 'e.id', 'a.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['t.id', 't.file_name', 't.content_type', 't.size', 't.content', 't.stored_path'])
    .where('t.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

/**
 * Holds the quotas of one employer and one uploader until the transaction ends, so two uploads at once cannot both
 * fit in what is left. Advisory locks: a row lock on the employer would wait behind an import referencing it.
 */
export async function lockAttachmentQuotas(db: Db, employerId: number, userId: number) {
  await sql`SELECT pg_advisory_xact_lock(${QUOTA_LOCK_EMPLOYER}, ${employerId}), pg_advisory_xact_lock(${QUOTA_LOCK_USER}, ${userId})`.execute(
    db,
  );
}
const QUOTA_LOCK_EMPLOYER = 0x0a77_0001;
const QUOTA_LOCK_USER = 0x0a77_0002;

/** Bytes of attachments already stored for the employer and uploaded by the user. */
export async function attachmentUsage(db: Db, employerId: number, userId: number) {
  const { rows } = await sql<{ employer: string | number; uploader: string | number }>`
    SELECT (SELECT coalesce(sum(t.size), 0) FROM action_attachment t JOIN enforcement_action a ON a.id = t.action_id
            WHERE a.employer_id = ${employerId}) AS employer,
           (SELECT coalesce(sum(size), 0) FROM action_attachment WHERE uploaded_by = ${userId}) AS uploader`.execute(
    db,
  );
  return { employer: Number(rows[0]!.employer), uploader: Number(rows[0]!.uploader) };
}

export async function insertAction(db: Db, action: Insertable<EnforcementActionTable>) {
  const { id } = await db.insertInto('enforcement_action').values(action).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function setActionDocumentNumber(db: Db, id: number, documentNumber: string) {
  await db.updateTable('enforcement_action').set({ document_number: documentNumber }).where('id', '=', id).execute();
}

export async function cancelAction(
  db: Db,
  id: number,
  cancellation: { cancelled_at: Date; cancelled_by: number; cancel_reason: string },
) {
  await db.updateTable('enforcement_action').set(cancellation).where('id', '=', id).execute();
}

export async function insertAttachment(db: Db, attachment: Insertable<ActionAttachmentTable>) {
  const { id } = await db.insertInto('action_attachment').values(attachment).returning('id').executeTakeFirstOrThrow();
  return id;
}
