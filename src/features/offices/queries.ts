import type { Db } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';
import type { OfficeKind } from '../../domain/organisation.js';

export function listOfficesInScope(db: Db, scope: string) {
  return db
    .selectFrom('office')
    .select(['id', 'code', 'name', 'kind', 'parent_id', 'path'])
    .where(withinScope('path', scope))
    .orderBy('path')
    .execute();
}

/** Adds an office under its parent; its path is the parent's path plus its own id. */
export async function insertOffice(
  db: Db,
  office: { code: string; name: string; kind: OfficeKind; parentId: number | null },
) {
  const parentPath =
    office.parentId === null
      ? '/'
      : (await db.selectFrom('office').select('path').where('id', '=', office.parentId).executeTakeFirstOrThrow()).path;
  const { id } = await db
    .insertInto('office')
    .values({
      code: office.code,
      name: office.name,
      kind: office.kind,
      parent_id: office.parentId,
      path: `new:${office.code}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parentPath}${id}/`;
  await db.updateTable('office').set({ path }).where('id', '=', id).execute();
  return { id, path };
}

/** Kế hoạch thu of an office for a year, set or replaced; returns the amount it replaced, if any. */
export async function setCollectionPlan(db: Db, officeId: number, year: number, amount: number, at: Date) {
  const before = await db
    .selectFrom('collection_plan')
    .select('amount')
    .where('office_id', '=', officeId)
    .where('year', '=', year)
    .executeTakeFirst();
  await db
    .insertInto('collection_plan')
    .values({ office_id: officeId, year, amount, updated_at: at })
    .onConflict((oc) => oc.columns(['office_id', 'year']).doUpdateSet({ amount, updated_at: at }))
    .execute();
  return before?.amount ?? null;
}

/** The whole tree, parents before children (a path is its parent's path and more). */
export function listOfficeTree(db: Db) {
  return db.selectFrom('office').select(['id', 'code', 'name', 'kind', 'parent_id']).orderBy('path').execute();
}

export async function renameOffice(db: Db, code: string, name: string) {
  await db.updateTable('office').set({ name }).where('code', '=', code).execute();
}

/** The root of the office tree (the national office), or undefined before any office is loaded. */
export function findRootOffice(db: Db) {
  return db.selectFrom('office').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirst();
}

/** The national office, or undefined when the tree loaded has none. */
export function findNationalOffice(db: Db) {
  return db.selectFrom('office').select('id').where('kind', '=', 'national').executeTakeFirst();
}

/** True when at least one office is loaded. */
export async function hasOffices(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('office').select('id').limit(1).executeTakeFirst());
}
