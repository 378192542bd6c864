import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../clock.js';
import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import { findOfficeInScope } from '../../db/scope.js';
import {
  planOfficeImport,
  type OfficeFileError,
  type OfficeFileRow,
  type OfficePlan,
} from '../../domain/office-tree.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { SessionUser } from '../auth/service.js';
import { insertOffice, listOfficeTree, listOfficesInScope, renameOffice, setCollectionPlan } from './queries.js';

/**
 * Cơ quan BHXH: the offices a user sees, the yearly collection plan the level above gives each, and the tree itself,
 * extended or renamed from a file (`dondoc init`, `dondoc offices import`).
 */
export class OfficeService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(user: SessionUser) {
    const rows = await listOfficesInScope(this.db, user.scope);
    return rows.map((o) => ({ id: o.id, code: o.code, name: o.name, kind: o.kind, parentId: o.parent_id }));
  }

  /** Giao kế hoạch thu: the plan of a province or grassroots office below the user's own, audited with the old one. */
  async setPlan(user: SessionUser, id: number, year: number, amount: number): Promise<void> {
    const office = await findOfficeInScope(this.db, user.scope, id);
    if (!office) throw notFound('office');
    // A plan comes from the level above: a province director plans the grassroots offices, not the province.
    if (office.path === user.scope || (office.kind !== 'province' && office.kind !== 'grassroots')) throw forbidden();
    await this.db.transaction().execute(async (trx) => {
      const at = this.clock.now();
      const before = await setCollectionPlan(trx, id, year, amount, at);
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'plan.set',
        entity: 'collection_plan',
        entityId: `${id}/${year}`,
        officeId: id,
        before: before === null ? null : { amount: before },
        after: { amount },
      });
    });
  }
}

type OfficeImport = { ok: true; plan: OfficePlan } | { ok: false; errors: OfficeFileError[] };

/**
 * Checks the rows against the tree in the database and applies the plan in one transaction with its audit row: a
 * file with any bad row changes nothing, and the same file twice changes nothing the second time.
 */
export function importOffices(
  db: Kysely<Database>,
  rows: readonly OfficeFileRow[],
  actor: { userId: number | null; at: Date },
): Promise<OfficeImport> {
  return db.transaction().execute((trx) => applyOfficeRows(trx, rows, actor));
}

/** importOffices inside a transaction the caller holds (init sets up the rest of the database in the same one). */
export async function applyOfficeRows(
  trx: Transaction<Database>,
  rows: readonly OfficeFileRow[],
  actor: { userId: number | null; at: Date },
): Promise<OfficeImport> {
  const tree = await listOfficeTree(trx);
  const byId = new Map(tree.map((o) => [o.id, o.code]));
  const existing = tree.map((o) => ({
    code: o.code,
    name: o.name,
    kind: o.kind,
    parentCode: o.parent_id === null ? null : byId.get(o.parent_id)!,
  }));
  const result = planOfficeImport(existing, rows);
  if (!result.ok) return result;
  const ids = new Map(tree.map((o) => [o.code, o.id]));
  for (const office of result.plan.add) {
    const parentId = office.parentCode === null ? null : ids.get(office.parentCode)!;
    ids.set(
      office.code,
      (await insertOffice(trx, { code: office.code, name: office.name, kind: office.kind, parentId })).id,
    );
  }
  for (const r of result.plan.rename) await renameOffice(trx, r.code, r.to);
  if (result.plan.add.length + result.plan.rename.length > 0) {
    await recordAudit(trx, {
      at: actor.at,
      userId: actor.userId,
      action: 'office.import',
      entity: 'office',
      entityId: 'file',
      officeId: null,
      after: { added: result.plan.add.map((o) => o.code), renamed: result.plan.rename },
    });
  }
  return result;
}
