import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { DatabaseHandle } from './connection.js';
import {
  loadMigrations,
  migrate,
  MigrationRefused,
  recordMigration,
  SCHEMA_MIGRATION_TABLE,
  type Migration,
} from './migrate.js';

/**
 * A backup is one plain SQL script: the schema as the migrations made it, then every table's rows as COPY blocks
 * read in one repeatable-read transaction (one instant), then the sequences. `psql -v ON_ERROR_STOP=1 -f FILE` loads
 * it into an empty PostgreSQL database; `dondoc restore FILE` loads it into an empty embedded folder or server
 * database. Lines starting `--@` mark the sections for the restore, which reads the file as a stream.
 * A name ending in .gz is written and read gzip-compressed.
 */

const MARK = '--@';
const FORMAT = 'dondoc-backup 1';
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface BackupSummary {
  schemaVersion: number;
  tables: number;
  rows: number;
}

interface TableInfo {
  name: string;
  columns: string[];
  key: string[];
}

/**
 * Tables of the schema with the columns a COPY can fill (not generated ones), parents before the tables that refer to
 * them. Not ledger_version: its row is made by the migrations, and the COPY of the books bumps it as any write does.
 */
async function tablesInLoadOrder(db: DatabaseHandle['db']): Promise<TableInfo[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_generated = 'NEVER'
      AND table_name NOT IN ('schema_migration', 'ledger_version')
      AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = current_schema())
    ORDER BY table_name, ordinal_position`.execute(db);
  const { rows: keys } = await sql<{ table_name: string; column_name: string }>`
    SELECT t.relname AS table_name, a.attname AS column_name
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
    WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY t.relname, k.ord`.execute(db);
  const { rows: references } = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint f
    JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE f.contype = 'f' AND n.nspname = current_schema() AND c.oid <> p.oid`.execute(db);

  const tables = new Map<string, TableInfo>();
  for (const c of columns) {
    const table = tables.get(c.table_name) ?? { name: c.table_name, columns: [], key: [] };
    table.columns.push(c.column_name);
    tables.set(c.table_name, table);
  }
  for (const k of keys) tables.get(k.table_name)?.key.push(k.column_name);

  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const r of references) if (r.child === name) visit(r.parent, path);
    placed.add(name);
    ordered.push(tables.get(name)!);
  };
  for (const name of [...tables.keys()].sort()) visit(name, new Set());
  return ordered;
}

function writer(path: string): { out: Writable; done: () => Promise<void> } {
  const file = createWriteStream(path);
  if (!path.endsWith('.gz'))
    return {
      out: file,
      done: async () => {
        file.end();
        await finished(file);
      },
    };
  const gzip = createGzip();
  gzip.pipe(file);
  return {
    out: gzip,
    done: async () => {
      gzip.end();
      await finished(file);
    },
  };
}

async function put(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeBackup(handle: DatabaseHandle, path: string, takenAt: Date): Promise<BackupSummary> {
  const known = loadMigrations();
  const { out, done } = writer(path);
  let summary: BackupSummary;
  try {
    summary = await handle.readConsistently(async (tx) => {
      const applied = await tx.db
        .selectFrom('schema_migration')
        .select(['version', 'checksum'])
        .orderBy('version')
        .execute();
      for (const m of applied) {
        if (known[m.version - 1]?.checksum !== m.checksum) {
          throw new MigrationRefused(
            `Migration ${m.version} của CSDL khác mã nguồn / differs from this code: no backup taken`,
          );
        }
      }
      const tables = await tablesInLoadOrder(tx.db);
      await put(
        out,
        [
          `${MARK}${FORMAT}`,
          `-- dondoc: bản sao lưu / backup, ${takenAt.toISOString()}, schema ${applied.length}`,
          '-- Nạp vào CSDL PostgreSQL trống / load into an empty PostgreSQL database: psql -v ON_ERROR_STOP=1 -f FILE',
          '-- hoặc / or: dondoc restore FILE',
          "SET client_encoding = 'UTF8';",
          'SET standard_conforming_strings = on;',
          'BEGIN;',
          `${SCHEMA_MIGRATION_TABLE};`,
          '',
        ].join('\n'),
      );
      for (const m of known.slice(0, applied.length)) {
        await put(
          out,
          `${MARK}migration ${m.version} ${m.name} ${m.checksum}\n${m.script}\n;\n${recordMigration(m)};\n`,
        );
      }
      // Rows the migrations themselves inserted (roles, …) are in the copies below.
      await put(out, `${MARK}truncate\nTRUNCATE ${tables.map((t) => ident(t.name)).join(', ')} CASCADE;\n`);
      let rows = 0;
      for (const table of tables) {
        const columns = table.columns.map(ident).join(', ');
        const order = table.key.length > 0 ? ` ORDER BY ${table.key.map(ident).join(', ')}` : '';
        await put(
          out,
          `${MARK}copy ${table.name} ${table.columns.join(',')}\nCOPY ${ident(table.name)} (${columns}) FROM stdin;\n`,
        );
        await tx.copyOut(`SELECT ${columns} FROM ${ident(table.name)}${order}`, out);
        await put(out, '\\.\n');
        const {
          rows: [counted],
        } = await sql<{ count: number }>`SELECT count(*)::int AS count FROM ${sql.table(table.name)}`.execute(tx.db);
        rows += counted!.count;
      }
      const { rows: sequences } = await sql<{ name: string; last_value: number | null }>`
        SELECT sequencename AS name, last_value FROM pg_sequences WHERE schemaname = current_schema()`.execute(tx.db);
      await put(out, `${MARK}sequences\n`);
      for (const s of sequences) {
        if (s.last_value !== null) await put(out, `SELECT setval('${ident(s.name)}', ${s.last_value}, true);\n`);
      }
      await put(out, `${MARK}end\nCOMMIT;\n`);
      return { schemaVersion: applied.length, tables: tables.length, rows };
    });
  } finally {
    await done();
  }
  return summary;
}

export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

function lines(path: string): AsyncIterableIterator<string> {
  let input: Readable = createReadStream(path);
  if (path.endsWith('.gz')) input = input.pipe(createGunzip());
  return createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
}

/**
 * Loads a backup into a blank, unmigrated database: the migrations it was taken with, then its rows and sequences in
 * one transaction (all or nothing), then the migrations this code has beyond it.
 */
export async function restoreBackup(handle: DatabaseHandle, path: string): Promise<BackupSummary> {
  const input = lines(path);
  const next = async () => {
    const r = await input.next();
    return r.done ? null : r.value;
  };
  if ((await next()) !== `${MARK}${FORMAT}`)
    throw new BackupRefused('Không phải tệp sao lưu của dondoc / not a dondoc backup file');

  const known = loadMigrations();
  const migrations: Migration[] = [];
  let line = await next();
  while (line !== null && !line.startsWith(`${MARK}migration `)) line = await next();
  while (line?.startsWith(`${MARK}migration `)) {
    const [version, name, checksum] = line.slice(`${MARK}migration `.length).split(' ');
    const script: string[] = [];
    line = await next();
    while (line !== null && !line.startsWith(MARK)) {
      script.push(line);
      line = await next();
    }
    const mine = known[Number(version) - 1];
    if (!mine || mine.checksum !== checksum || mine.name !== name) {
      throw new BackupRefused(
        `Bản sao lưu có migration ${version} (${name}) khác mã nguồn này / differs from this code`,
      );
    }
    migrations.push(mine);
  }
  await migrate(handle, migrations);

  let tables = 0;
  let rows = 0;
  await handle.transactionWithCopy(async (tx) => {
    while (line !== null && line !== `${MARK}end`) {
      if (line === `${MARK}truncate` || line === `${MARK}sequences`) {
        line = await next();
        while (line !== null && !line.startsWith(MARK)) {
          await sql.raw(line).execute(tx.db);
          line = await next();
        }
        continue;
      }
      if (!line.startsWith(`${MARK}copy `))
        throw new BackupRefused(`Tệp sao lưu hỏng / damaged backup near "${line.slice(0, 60)}"`);
      const [table, columnList] = line.slice(`${MARK}copy `.length).split(' ');
      await next(); // the COPY statement, for psql
      let count = 0;
      // Rows go to COPY in chunks of about a megabyte: one write per row would cost more than the row.
      async function* data(): AsyncGenerator<Buffer> {
        let chunk: string[] = [];
        let size = 0;
        for (let row = await next(); row !== '\\.'; row = await next()) {
          if (row === null)
            throw new BackupRefused(`Tệp sao lưu bị cắt cụt trong bảng / backup cut short in table ${table}`);
          count++;
          chunk.push(row);
          size += row.length;
          if (size > 1 << 20) {
            yield Buffer.from(`${chunk.join('\n')}\n`);
            chunk = [];
            size = 0;
          }
        }
        if (chunk.length > 0) yield Buffer.from(`${chunk.join('\n')}\n`);
      }
      await tx.copyText(table!, columnList!.split(','), data());
      tables++;
      rows += count;
      line = await next();
    }
    if (line === null) throw new BackupRefused('Tệp sao lưu bị cắt cụt / backup cut short');
  });
  await migrate(handle);
  return { schemaVersion: migrations.length, tables, rows };
}
