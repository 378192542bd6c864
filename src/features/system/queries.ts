import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';

export function readInstallation(db: Db) {
  return db.selectFrom('installation').select(['purpose', 'state', 'created_at', 'ready_at']).executeTakeFirst();
}

export type Installation = NonNullable<Awaited<ReturnType<typeof readInstallation>>>;

export async function insertInstallation(
  db: Db,
  purpose: Installation['purpose'],
  state: Installation['state'],
  at: Date,
) {
  await db
    .insertInto('installation')
    .values({ purpose, state, created_at: at, ready_at: state === 'ready' ? at : null })
    .execute();
}

export async function markInstallationReady(db: Db, at: Date) {
  await db.updateTable('installation').set({ state: 'ready', ready_at: at }).execute();
}

/** The newest migration applied, or 0 on a database that has none. */
export async function appliedSchemaVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('schema_migration')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return row?.version ?? 0;
}

export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** True once the migrations have made the schema (its office table stands). */
export async function isSchemaMigrated(db: Db): Promise<boolean> {
  const { rows } = await sql<{ migrated: boolean }>`SELECT to_regclass('office') IS NOT NULL AS migrated`.execute(db);
  return !!rows[0]?.migrated;
}
