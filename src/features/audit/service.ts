import type { Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SessionUser } from '../auth/service.js';
import { listAudit } from './queries.js';
import type { AuditQuery } from './schemas.js';

/** Nhật ký thay đổi: the audit rows every service writes (src/db/audit.ts), read back within the reader's scope. */
export class AuditService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Newest first, a page at a time (`beforeId`), optionally of one entity. */
  async list(user: SessionUser, query: Static<typeof AuditQuery>) {
    const rows = await listAudit(this.db, { scope: user.scope, ...query });
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      user: r.username && r.full_name ? { username: r.username, fullName: r.full_name } : null,
      officeCode: r.office_code,
      address: r.address,
      before: r.before,
      after: r.after,
    }));
  }
}
