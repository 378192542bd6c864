import type { Db } from './schema.js';
import { requestAddress } from '../http/request-context.js';

/** The audit row, written by every service that changes something; read back by the audit feature. */

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
