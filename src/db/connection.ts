import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import copyStreams from 'pg-copy-streams';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, type Writable } from 'node:stream';
import type { Database } from './schema.js';
import { isProcessAlive } from '../process-alive.js';

/**
 * One database handle for the whole app: Kysely for typed queries, plus the raw operations Kysely has no word for
 * (running a migration file, bulk COPY). Either an embedded PGlite in a data folder or a PostgreSQL server.
 */
export interface DatabaseHandle {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<Database>;
  /** Runs a script of several statements (a migration file). */
  exec(script: string): Promise<void>;
  /**
   * Bulk-loads rows with COPY … FROM STDIN (text format). Values must not contain tabs, newlines or backslashes;
   * callers load generated or validated data.
   */
  copyRows(table: string, columns: readonly string[], rows: CopyRows): Promise<void>;
  /**
   * Runs `work` in one transaction on one connection, where both typed queries and COPY of CSV bytes take part: a
   * bulk load and the rows that record it commit together, or nothing does.
   */
  transactionWithCopy<T>(work: (tx: CopyTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one read-only, repeatable-read transaction, where `copyOut` writes the text-format COPY of a
   * query to a stream: every table read in it is of the same instant (a backup).
   */
  readConsistently<T>(work: (tx: ConsistentRead) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ConsistentRead {
  db: Kysely<Database>;
  /** Writes `COPY (query) TO STDOUT` (text format) to `into`, which stays open. */
  copyOut(query: string, into: Writable): Promise<void>;
}

export interface CopyTransaction {
  db: Kysely<Database>;
  /** COPY … FROM STDIN (FORMAT csv) of bytes that are whole CSV lines, without a header. */
  copyCsv(table: string, columns: readonly string[], chunks: AsyncIterable<Buffer>): Promise<void>;
  /** COPY … FROM STDIN in the text format, of bytes that are whole lines as `copyOut` wrote them (a restore). */
  copyText(table: string, columns: readonly string[], chunks: AsyncIterable<Buffer>): Promise<void>;
}

/** A Kysely over one connection that is already checked out: every query runs on it, none releases it. */
function kyselyOn(query: (sql: string, parameters: unknown[]) => Promise<unknown>): Kysely<Database> {
  const connection = { query, release() {} };
  const pool = { connect: async () => connection, end: async () => {} };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
}

// Types returned as strings by default that we want as numbers. bigint (int8) holds whole VND; every amount in a
// national deployment stays far below 2^53, and numeric is what sum(bigint) returns.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseWholeNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`Database value ${value} is not a safe whole number`);
  return n;
};
// A calendar date stays 'YYYY-MM-DD': turning it into a JS Date would shift it by the server's time zone.
const keepDateText = (value: string): string => value;

type CopyRow = readonly (string | number | null)[];
/** Rows for COPY, from an array, a generator or an async stream (an import reading a file). */
export type CopyRows = Iterable<CopyRow> | AsyncIterable<CopyRow>;

export interface OpenOptions {
  /** postgres://… — when set, a PostgreSQL server is used instead of the embedded database. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; undefined means in memory (tests). */
  dataDir?: string | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPGlite(options.dataDir);
}

function copyStatement(table: string, columns: readonly string[], options = ''): string {
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM STDIN${options}`;
}
const CSV = ' (FORMAT csv)';

const READ_CONSISTENTLY = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/** Writes a chunk and waits for the stream to take more, so a large COPY never piles up in memory. */
async function writeChunk(into: Writable, chunk: Uint8Array): Promise<void> {
  if (!into.write(chunk)) await new Promise<void>((resolve) => into.once('drain', resolve));
}

async function* copyLines(rows: CopyRows, batchSize: number): AsyncGenerator<string> {
  let batch: string[] = [];
  for await (const row of rows) {
    batch.push(row.map((v) => (v === null ? '\\N' : String(v))).join('\t'));
    if (batch.length >= batchSize) {
      yield batch.join('\n') + '\n';
      batch = [];
    }
  }
  if (batch.length > 0) yield batch.join('\n') + '\n';
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === INT8 || oid === NUMERIC) return parseWholeNumberOrDecimal;
        if (oid === DATE) return keepDateText;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async exec(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } catch (error) {
        // A script that opened a transaction and failed leaves it open on this connection.
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async copyRows(table, columns, rows) {
      const client = await pool.connect();
      try {
        const stream = client.query(copyStreams.from(copyStatement(table, columns)));
        await pipeline(Readable.from(copyLines(rows, 5000)), stream);
      } finally {
        client.release();
      }
    },
    async transactionWithCopy(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          db: kyselyOn((text, values) => client.query(text, values)),
          copyCsv: (table, columns, chunks) =>
            pipeline(Readable.from(chunks), client.query(copyStreams.from(copyStatement(table, columns, CSV)))),
          copyText: (table, columns, chunks) =>
            pipeline(Readable.from(chunks), client.query(copyStreams.from(copyStatement(table, columns)))),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async readConsistently(work) {
      const client = await pool.connect();
      try {
        await client.query(READ_CONSISTENTLY);
        const result = await work({
          db: kyselyOn((text, values) => client.query(text, values)),
          async copyOut(query, into) {
            for await (const chunk of client.query(copyStreams.to(`COPY (${query}) TO STDOUT`))) {
              await writeChunk(into, chunk as Buffer);
            }
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

// numeric also carries ratios computed in SQL; those keep their decimals, whole amounts become numbers.
function parseWholeNumberOrDecimal(value: string): number {
  return value.includes('.') ? Number(value) : parseWholeNumber(value);
}

/** A query on PGlite answered in the shape of node-postgres, which Kysely's dialect reads. */
function pgliteQuery(pglite: PGlite) {
  return async (sql: string, parameters: unknown[]) => {
    const result = await pglite.query<Record<string, unknown>>(sql, parameters);
    const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
    return { command, rowCount: result.affectedRows ?? 0, rows: result.rows };
  };
}

/**
 * PGlite is one connection. Kysely asks a "pool" for a connection per query or transaction; this pool hands out
 * the single connection to one caller at a time, so a transaction is never interleaved with another query.
 */
class PGlitePool {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly pglite: PGlite) {}

  async connect() {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return { query: pgliteQuery(this.pglite), release };
  }

  async end() {
    await this.queue;
    await this.pglite.close();
  }
}

export class DataFolderInUse extends Error {
  override name = 'DataFolderInUse';
}

/**
 * PGlite has no server to arbitrate between processes: two opening one folder would corrupt it. The first writes its
 * process id to a lock file; another finding a live process there refuses; a lock left by a killed process is taken
 * over.
 */
function lockDataFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, 'dondoc.lock');
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lock, 'utf8'));
      if (holder !== process.pid && isProcessAlive(holder)) {
        throw new DataFolderInUse(`Thư mục dữ liệu ${dataDir} đang được tiến trình ${holder} dùng; hãy dừng nó trước. / ` +
          `The data folder is in use by process ${holder}; stop it first.`);
      }
      rmSync(lock, { force: true });
    }
  }
}

async function openPGlite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const unlock = dataDir ? lockDataFolder(dataDir) : () => {};
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8]: parseWholeNumber, [NUMERIC]: parseWholeNumberOrDecimal, [DATE]: keepDateText },
  });
  const pool = new PGlitePool(pglite);
  // PGlite reads COPY input from a Blob: one per 64 MB of whole lines, so no single buffer grows without bound.
  const copyBlobs = async (statement: string, chunks: AsyncIterable<Buffer>) => {
    const fromBlob = statement.replace('STDIN', "'/dev/blob'");
    let parts: Buffer[] = [];
    let size = 0;
    const flush = async () => {
      if (parts.length > 0) await pglite.query(fromBlob, [], { blob: new Blob(parts) });
      parts = [];
      size = 0;
    };
    for await (const chunk of chunks) {
      parts.push(chunk);
      size += chunk.length;
      if (size > 64 * 1024 * 1024) await flush();
    }
    await flush();
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }),
  });
  return {
    kind: 'pglite',
    db,
    async exec(script) {
      const connection = await pool.connect();
      try {
        await pglite.exec(script);
      } catch (error) {
        await pglite.exec('ROLLBACK');
        throw error;
      } finally {
        connection.release();
      }
    },
    async copyRows(table, columns, rows) {
      const connection = await pool.connect();
      try {
        // PGlite reads COPY input from a Blob; loading in slices keeps the JS string sizes bounded.
        const chunks: string[] = [];
        let size = 0;
        const flush = async () => {
          if (chunks.length === 0) return;
          await pglite.query(`${copyStatement(table, columns).replace('STDIN', "'/dev/blob'")}`, [], {
            blob: new Blob(chunks),
          });
          chunks.length = 0;
          size = 0;
        };
        for await (const text of copyLines(rows, 5000)) {
          chunks.push(text);
          size += text.length;
          if (size > 64 * 1024 * 1024) await flush();
        }
        await flush();
      } finally {
        connection.release();
      }
    },
    async transactionWithCopy(work) {
      const connection = await pool.connect();
      try {
        await pglite.exec('BEGIN');
        const result = await work({
          db: kyselyOn(pgliteQuery(pglite)),
          copyCsv: (table, columns, chunks) => copyBlobs(copyStatement(table, columns, CSV), chunks),
          copyText: (table, columns, chunks) => copyBlobs(copyStatement(table, columns), chunks),
        });
        await pglite.exec('COMMIT');
        return result;
      } catch (error) {
        await pglite.exec('ROLLBACK');
        throw error;
      } finally {
        connection.release();
      }
    },
    async readConsistently(work) {
      const connection = await pool.connect();
      try {
        await pglite.exec(READ_CONSISTENTLY);
        const result = await work({
          db: kyselyOn(pgliteQuery(pglite)),
          async copyOut(query, into) {
            const { blob } = await pglite.query(`COPY (${query}) TO '/dev/blob'`);
            if (blob) await writeChunk(into, new Uint8Array(await blob.arrayBuffer()));
          },
        });
        await pglite.exec('COMMIT');
        return result;
      } catch (error) {
        await pglite.exec('ROLLBACK');
        throw error;
      } finally {
        connection.release();
      }
    },
    async close() {
      await db.destroy();
      unlock();
    },
  };
}
