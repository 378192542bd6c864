import type { Kysely } from 'kysely';
import { withinScope } from '../../db/scope.js';
import type { Database } from '../../db/schema.js';

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
      const inScope = withinScope('o.path', q.scope);
      return isNationalScope(q.scope) ? eb.or([inScope, eb('a.office_id', 'is', null)]) : inScope;
    })
    .orderBy('a.id', 'desc')
    .limit(q.limit);
  if (q.entity) query = query.where('a.entity', '=', q.entity);
  if (q.entityId) query = query.where('a.entity_id', '=', q.entityId);
  if (q.beforeId) query = query.where('a.id', '<', q.beforeId);
  return query.execute();
}
