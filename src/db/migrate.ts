import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from './connection.js';

export interface Migration {
  version: number;
  name: string;
  script: string;
  checksum: string;
}

/** Migration files live beside this module (copied next to the compiled code by the build). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new Error(`Migration file name ${file} must look like 0001_name.sql`);
      const script = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        script,
        checksum: createHash('sha256').update(script).digest('hex'),
      };
    });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3… without gaps; found ${m.version}`);
  });
  return migrations;
}

/** The table that records which migrations a database has; created before the first migration runs. */
export const SCHEMA_MIGRATION_TABLE = `CREATE TABLE IF NOT EXISTS schema_migration (
  version     integer PRIMARY KEY,
  name        text NOT NULL,
  checksum    text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
)`;

/** The statement that records a migration as applied, in the same transaction as its script. */
export const recordMigration = (m: Migration) =>
  `INSERT INTO schema_migration (version, name, checksum) VALUES (${m.version}, '${m.name}', '${m.checksum}')`;

/**
 * Taken first in every migration's transaction: app servers starting together on one empty database apply the
 * migrations one after the other instead of racing on the same tables.
 */
const MIGRATION_LOCK = `SELECT pg_advisory_xact_lock(hashtext('dondoc schema migration'))`;

export class MigrationRefused extends Error {
  override name = 'MigrationRefused';
}

/**
 * Brings the schema up to the code's version. Refuses to touch a database that is newer than the code (it was
 * migrated by a later release) or whose applied migrations differ from the files, rather than guess.
 */
export async function migrate(handle: DatabaseHandle, migrations = loadMigrations()): Promise<{ applied: number[] }> {
  const { db } = handle;
  await handle.exec(`BEGIN;\n${MIGRATION_LOCK};\n${SCHEMA_MIGRATION_TABLE};\nCOMMIT;`);
  const applied = await db.selectFrom('schema_migration').selectAll().orderBy('version').execute();
  const latestKnown = migrations.length;
  const newest = applied.at(-1);
  if (newest && newest.version > latestKnown) {
    throw new MigrationRefused(
      `Cơ sở dữ liệu ở phiên bản ${newest.version} (${newest.name}), mới hơn phiên bản ${latestKnown} mà mã nguồn này biết. ` +
        `Hãy dùng bản dondoc mới hơn. / The database schema is at version ${newest.version}, newer than this code ` +
        `(${latestKnown}); run a newer dondoc release.`,
    );
  }
  for (const row of applied) {
    const known = migrations[row.version - 1]!;
    if (known.checksum !== row.checksum) {
      throw new MigrationRefused(
        `Migration ${row.version} (${row.name}) đã áp dụng khác với tệp hiện tại. / Applied migration ${row.version} ` +
          `differs from the file in this code; refusing to continue.`,
      );
    }
  }
  const pending = migrations.slice(applied.length);
  for (const m of pending) {
    // One script per migration, in its own transaction: a failing migration leaves nothing behind.
    try {
      await handle.exec(`BEGIN;\n${MIGRATION_LOCK};\n${m.script}\n;${recordMigration(m)};\nCOMMIT;`);
    } catch (error) {
      // Another server applied it while this one waited for the lock: its script then fails here and rolls back.
      const done = await db
        .selectFrom('schema_migration')
        .select('checksum')
        .where('version', '=', m.version)
        .executeTakeFirst();
      if (done?.checksum !== m.checksum) throw error;
    }
  }
  return { applied: pending.map((m) => m.version) };
}
