import type { Kysely } from 'kysely';
import type { Database, Db } from '../../db/schema.js';
import { requestAddress } from '../../http/request-context.js';

export interface AuditEntry {
  at: Date;
  userId: number | null;
  /** What happened, as `entity.verb`: 'employer.update', 'auth.login_failed'… */
  action: string;
  entity: string;
  entityId: string | number | null;
  /** The office whose scope the entry belongs to, so provincial readers see only their own. */
  officeId: number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit row; called inside the same transaction as the change it records. The source address comes from
 * the request being served, so no write can forget it.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      office_id: entry.officeId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      address: requestAddress(),
    })
    .execute();
}

export interface AuditQuery {
  scope: string;
  entity?: string | undefined;
  entityId?: string | undefined;
  limit: number;
  beforeId?: number | undefined;
}

/** The root's scope ('/1/') is the national one: only national offices and departments are given it. */
const isNationalScope = (scope: string) => /^\/\d+\/$/.test(scope);

/** Newest first; entries of offices outside the scope are never returned, national entries only to national users. */
export async function listAudit(db: Kysely<Database>, q: AuditQuery) {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('office as o', 'o.id', 'a.office_id')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.before',
      'a.after',
      'u.username',
      'u.full_name',
      'o.code as office_code',
      'a.address',
    ])
    // Entries of no office (failed logins of unknown names, the command line) belong to the national level.
    .where((eb) => {
      const inScope = eb('o.path', 'like', `${q.scope}%`);
      return isNationalScope(q.scope) ? eb.or([inScope, eb('a.office_id', 'is', null)]) : inScope;
    })
    .orderBy('a.id', 'desc')
    .limit(q.limit);
  if (q.entity) query = query.where('a.entity', '=', q.entity);
  if (q.entityId) query = query.where('a.entity_id', '=', q.entityId);
  if (q.beforeId) query = query.where('a.id', '<', q.beforeId);
  return query.execute();
}
