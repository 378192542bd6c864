import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, type Writable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import type { Database } from './schema.js';
import { DATE, INT8, keepDateText, NUMERIC, parseWholeNumberOrDecimal } from './pg-types.js';
import type { WorkerReply, WorkerRequest } from './pglite-protocol.js';
import { isProcessAlive } from '../process-alive.js';
import { beforeStatement, faultInjection } from './fault.js';
import { startThread } from '../thread.js';
import { copySlices, type CopyFormat } from './copy-slices.js';

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
  /** As copyRows, of rows already in COPY's text format: whole lines (a file read on another thread). */
  copyText(table: string, columns: readonly string[], chunks: AsyncIterable<string>): Promise<void>;
  /**
   * COPY … FROM STDIN (FORMAT csv) of CSV bytes, outside any transaction: on the embedded database in statements of
   * about COPY_SLICE_BYTES of whole records (copy-slices.ts), so a large load never holds the one connection for long.
   * A failed statement leaves the ones before it loaded: callers load into a table of their own.
   */
  copyCsv(table: string, columns: readonly string[], chunks: AsyncIterable<Buffer>): Promise<void>;
  /**
   * Runs `work` in one transaction on one connection, where both typed queries and COPY of CSV bytes take part: a
   * bulk load and the rows that record it commit together, or nothing does.
   */
  transactionWithCopy<T>(work: (tx: CopyTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one read-only, repeatable-read transaction, where `copyOut` writes the COPY of a query to a
   * stream: every table read in it is of the same instant (a backup, the close's ledger files).
   */
  readConsistently<T>(work: (tx: ConsistentRead) => Promise<T>): Promise<T>;
  /**
   * As readConsistently, on `count` connections that all read the same instant (the first one's snapshot, taken up by
   * the others): a large read split between them keeps a core of the server busy each. The embedded database has one
   * connection, which every reader then is. At most 5 readers: the others of the server's pool serve requests.
   */
  readInParallel<T>(count: number, work: (readers: ConsistentRead[]) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ConsistentRead {
  db: Kysely<Database>;
  /** Writes `COPY (query) TO STDOUT` (text format, or CSV when `csv`) to `into`, which stays open. */
  copyOut(query: string, into: Writable, csv?: boolean): Promise<void>;
}

export interface CopyTransaction {
  db: Kysely<Database>;
  /** COPY … FROM STDIN (FORMAT csv) of bytes that are whole CSV lines, without a header. */
  copyCsv(table: string, columns: readonly string[], chunks: AsyncIterable<Buffer>): Promise<void>;
  /** COPY … FROM STDIN in the text format, of whole lines: as `copyOut` wrote them (a restore), or rows (copyLines). */
  copyText(table: string, columns: readonly string[], chunks: AsyncIterable<Buffer | string>): Promise<void>;
}

/** A Kysely over one connection that is already checked out: every query runs on it, none releases it. */
function kyselyOn(query: (sql: string, parameters: unknown[]) => Promise<unknown>): Kysely<Database> {
  const connection = { query, release() {} };
  const pool = { connect: async () => connection, end: async () => {} };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
}

type CopyRow = readonly (string | number | null)[];
/** Rows for COPY, from an array, a generator or an async stream (an import reading a file). */
export type CopyRows = Iterable<CopyRow> | AsyncIterable<CopyRow>;

export interface OpenOptions {
  /** postgres://… — when set, a PostgreSQL server is used instead of the embedded database. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; undefined means in memory (tests). */
  dataDir?: string | undefined;
  /**
   * A tarball of an embedded database's data folder (PGlite's dumpDataDir) that the in-memory database starts as a
   * copy of: the tests migrate one database once and start each of theirs from it, skipping initdb and the migrations.
   */
  startFrom?: string | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPGlite(options.dataDir, options.startFrom);
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

/** Rows as lines of COPY's text format, `batchSize` rows to a chunk. */
export async function* copyLines(rows: CopyRows, batchSize: number): AsyncGenerator<string> {
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

/** Connections of a server's pool: a read in parallel takes at most half of them, the rest serve requests. */
const POOL_SIZE = 10;

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === INT8 || oid === NUMERIC) return parseWholeNumberOrDecimal;
        if (oid === DATE) return keepDateText;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection's server process can end under it (a server restart, a session terminated by an administrator):
  // the pool reports it as an 'error' event, which without a listener is an uncaught exception that ends dondoc. The
  // connection is dropped from the pool, and the next query opens another.
  pool.on('error', (error) => console.warn(`dondoc: an idle database connection ended: ${error.message}`));
  if (faultInjection) {
    // Every statement of every connection, Kysely's and the COPY streams' alike, passes through client.query.
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        const [first] = args as [string | { text?: string }];
        beforeStatement(typeof first === 'string' ? first : (first.text ?? 'COPY'));
        return query(...args);
      };
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const consistentReader = (client: pg.PoolClient): ConsistentRead => ({
    db: kyselyOn((text, values) => client.query(text, values)),
    async copyOut(query, into, csv = false) {
      for await (const chunk of client.query(copyStreams.to(`COPY (${query}) TO STDOUT${csv ? CSV : ''}`))) {
        await writeChunk(into, chunk as Buffer);
      }
    },
  });
  /** `work` on one connection, in a transaction `begin` opens: committed when the work is done, rolled back if not. */
  async function transactionOn<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
  const readConsistently = <T>(work: (tx: ConsistentRead) => Promise<T>): Promise<T> =>
    transactionOn(READ_CONSISTENTLY, (client) => work(consistentReader(client)));
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
        await pipeline(
          Readable.from(copyLines(rows, 5000)),
          client.query(copyStreams.from(copyStatement(table, columns))),
        );
      } finally {
        client.release();
      }
    },
    async copyText(table, columns, chunks) {
      const client = await pool.connect();
      try {
        await pipeline(Readable.from(chunks), client.query(copyStreams.from(copyStatement(table, columns))));
      } finally {
        client.release();
      }
    },
    async copyCsv(table, columns, chunks) {
      const client = await pool.connect();
      try {
        await pipeline(Readable.from(chunks), client.query(copyStreams.from(copyStatement(table, columns, CSV))));
      } finally {
        client.release();
      }
    },
    transactionWithCopy: (work) =>
      transactionOn('BEGIN', (client) =>
        work({
          db: kyselyOn((text, values) => client.query(text, values)),
          copyCsv: (table, columns, chunks) =>
            pipeline(Readable.from(chunks), client.query(copyStreams.from(copyStatement(table, columns, CSV)))),
          copyText: (table, columns, chunks) =>
            pipeline(Readable.from(chunks), client.query(copyStreams.from(copyStatement(table, columns)))),
        }),
      ),
    readConsistently,
    readInParallel: (count, work) =>
      readConsistently(async (first) => {
        if (count > POOL_SIZE / 2) throw new Error(`${count} readers in parallel: at most ${POOL_SIZE / 2}`);
        const { rows } = await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(first.db);
        // SET TRANSACTION SNAPSHOT takes no parameter; the server's snapshot name is hexadecimal groups.
        const snapshot = rows[0]!.id;
        if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot name ${snapshot}`);
        const others: pg.PoolClient[] = [];
        try {
          for (let k = 1; k < count; k++) {
            const client = await pool.connect();
            others.push(client);
            await client.query(READ_CONSISTENTLY);
            await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
          }
          return await work([first, ...others.map(consistentReader)]);
        } finally {
          // Read-only: ending each transaction only lets its connection go back to the pool; one that fails is closed.
          for (const client of others) {
            const failed = await client.query('ROLLBACK').then(
              () => undefined,
              (error: Error) => error,
            );
            client.release(failed);
          }
        }
      }),
    async close() {
      await db.destroy();
    },
  };
}

/**
 * The embedded database's thread (pglite-worker.ts), called like a function: each request gets an id, and its reply
 * settles the promise of that id. The thread keeps the process alive only while a request is waiting on it, so a
 * command that forgets nothing still ends when its work does.
 */
class PGliteThread {
  private readonly pending = new Map<
    number,
    { resolve: (reply: WorkerReply & { ok: true }) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the embedded database's thread ended (exit code ${code})`)));
  }

  static async start(dataDir: string | undefined, startFrom: string | undefined): Promise<PGliteThread> {
    const worker = startThread(import.meta.url, 'pglite-worker', { dataDir, startFrom });
    const thread = new PGliteThread(worker);
    // The thread answers id 0 once the database is open (or could not be).
    await new Promise<void>((resolve, reject) => thread.pending.set(0, { resolve: () => resolve(), reject }));
    return thread;
  }

  /** `transfer`: buffers of the request handed over to the thread (no longer usable here) rather than copied. */
  async call(
    request: DistributiveOmit<WorkerRequest, 'id'>,
    transfer: ArrayBuffer[] = [],
  ): Promise<WorkerReply & { ok: true }> {
    if (this.failure) throw this.failure;
    if (request.op !== 'close') beforeStatement(request.sql);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  /** COPY … FROM '/dev/blob' of a slice that is its own buffer (copy-slices.ts), which goes to the thread uncopied. */
  async copyIn(sql: string, bytes: Uint8Array): Promise<void> {
    await this.call({ op: 'copyIn', sql, bytes }, [bytes.buffer as ArrayBuffer]);
  }

  async query(sql: string, parameters: unknown[]) {
    const reply = await this.call({ op: 'query', sql, parameters });
    return { rows: reply.rows ?? [], affectedRows: reply.affectedRows ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.call({ op: 'exec', sql });
  }

  async close(): Promise<void> {
    await this.call({ op: 'close' });
    await this.worker.terminate();
  }

  private settle(reply: WorkerReply) {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(databaseError(reply.error));
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An error of the database thread rebuilt here, with the fields the app reads (code, constraint…). */
function databaseError(fields: Record<string, unknown>): Error {
  const error = new Error(String(fields.message));
  const { stack: _stack, message: _message, ...rest } = fields;
  return Object.assign(error, rest);
}

/** A query on PGlite answered in the shape of node-postgres, which Kysely's dialect reads. */
function pgliteQuery(thread: PGliteThread) {
  return async (sql: string, parameters: unknown[]) => {
    const result = await thread.query(sql, parameters);
    const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
    return { command, rowCount: result.affectedRows, rows: result.rows };
  };
}

/** Set while background work runs (inBackground): its statements give way to those of requests. */
const background = new AsyncLocalStorage<true>();

/**
 * Runs `work` as background work: a daily close, a demo's history, the applying of an import. On the embedded
 * database its statements take the one connection only when no other statement is waiting for it, so a request waits
 * at most for the one statement (or short transaction) under way, never for the background statements queued behind
 * it. A PostgreSQL server has a connection each, and its own scheduling.
 */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

/**
 * After a request's hold of the embedded database, background work waits this long before it takes the connection:
 * a page is often several statements in a row (a count, then the rows), and without the pause each of them would queue
 * behind a background statement started in the gap.
 */
const REQUEST_PAUSE_MS = 20;
/** Requests that may go before waiting background work in a row: a steady stream of them never starves it. */
const MAX_REQUESTS_AHEAD = 8;

/**
 * PGlite is one connection. Kysely asks a "pool" for a connection per query or transaction; this pool hands out
 * the single connection to one caller at a time, so a transaction is never interleaved with another query. Callers
 * wait in the order they asked, except that background work (inBackground) waits until no other caller does, and
 * for REQUEST_PAUSE_MS after a request's hold, unless MAX_REQUESTS_AHEAD requests went before it in a row.
 */
class PGlitePool {
  private held = false;
  private readonly waiting = { first: [] as (() => void)[], background: [] as (() => void)[] };
  /** The pause after a request's hold, while background work waits: a request coming meanwhile takes the connection. */
  private pause: NodeJS.Timeout | null = null;
  /** Requests (or pauses for them) that went before waiting background work since it last had the connection. */
  private requestsAhead = 0;
  /** DONDOC_SLOW_DB_MS: a hold of the connection this long or longer is logged with its first statement. */
  private readonly slowMs = Number(process.env.DONDOC_SLOW_DB_MS) || Infinity;

  constructor(private readonly thread: PGliteThread) {}

  /** Waits for the connection; it is handed from one caller to the next without being free in between. */
  private async take(inBackground: boolean): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    if (this.pause && !inBackground) {
      clearTimeout(this.pause);
      this.pause = null;
      return;
    }
    const queue = inBackground ? this.waiting.background : this.waiting.first;
    await new Promise<void>((resolve) => queue.push(resolve));
  }

  private giveBack(byRequest: boolean) {
    const { first, background: later } = this.waiting;
    if (later.length > 0 && this.requestsAhead < MAX_REQUESTS_AHEAD && (first.length > 0 || byRequest)) {
      this.requestsAhead++;
      const next = first.shift();
      if (next) next();
      else
        this.pause = setTimeout(() => {
          this.pause = null;
          this.giveBack(false);
        }, REQUEST_PAUSE_MS);
      return;
    }
    this.requestsAhead = 0;
    const next = later.shift() ?? first.shift();
    if (next) next();
    else this.held = false;
  }

  /** The connection, once it is this caller's turn; `what` names the hold in the slow log. */
  async connect(what?: string) {
    const byRequest = !background.getStore();
    await this.take(!byRequest);
    const since = performance.now();
    let first = what;
    const query = pgliteQuery(this.thread);
    return {
      query: (sql: string, parameters: unknown[]) => {
        first ??= sql;
        return query(sql, parameters);
      },
      release: () => {
        const ms = performance.now() - since;
        if (ms >= this.slowMs) {
          console.warn(
            `dondoc: the embedded database was held ${ms.toFixed(0)} ms by ${(first ?? '?').replace(/\s+/g, ' ').slice(0, 160)}`,
          );
        }
        this.giveBack(byRequest);
      },
    };
  }

  /** Closes the database once the callers waiting before have given the connection back; later ones then fail. */
  async end() {
    await this.take(true);
    try {
      await this.thread.close();
    } finally {
      this.giveBack(false);
    }
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
        throw new DataFolderInUse(
          `Thư mục dữ liệu ${dataDir} đang được tiến trình ${holder} dùng; hãy dừng nó trước. / ` +
            `The data folder is in use by process ${holder}; stop it first.`,
        );
      }
      rmSync(lock, { force: true });
    }
  }
}

/**
 * Outside a transaction, each slice of a COPY is its own statement with the connection given back between slices:
 * the statement is what a request may wait behind, so it is kept to a fraction of a second's work. On a busy machine
 * (load average 15–20 on 2 cores) a slice of 512 KB of payments (15,000 rows into a stage with its keys) took 0.3–2 s,
 * one of 128 KB mostly 0.05–0.2 s, at the same rate of rows.
 */
const COPY_SLICE_BYTES = 128 * 1024;
/** Inside a transaction the connection is held to the end anyway; larger slices only bound memory. */
const COPY_IN_TRANSACTION_BYTES = 64 * 1024 * 1024;

async function openPGlite(dataDir: string | undefined, startFrom: string | undefined): Promise<DatabaseHandle> {
  const unlock = dataDir ? lockDataFolder(dataDir) : () => {};
  let thread: PGliteThread;
  try {
    thread = await PGliteThread.start(dataDir, startFrom);
  } catch (error) {
    unlock();
    throw error;
  }
  const pool = new PGlitePool(thread);
  const blobStatement = (statement: string) => statement.replace('STDIN', "'/dev/blob'");
  const copyInTransaction = async (
    statement: string,
    format: CopyFormat,
    chunks: AsyncIterable<Uint8Array | string>,
  ) => {
    for await (const bytes of copySlices(chunks, format, COPY_IN_TRANSACTION_BYTES)) {
      await thread.copyIn(blobStatement(statement), bytes);
    }
  };
  const copySliced = async (statement: string, format: CopyFormat, chunks: AsyncIterable<Uint8Array | string>) => {
    for await (const bytes of copySlices(chunks, format, COPY_SLICE_BYTES)) {
      const connection = await pool.connect(statement);
      try {
        await thread.copyIn(blobStatement(statement), bytes);
      } finally {
        connection.release();
      }
    }
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }),
  });
  const handle: DatabaseHandle = {
    kind: 'pglite',
    db,
    async exec(script) {
      const connection = await pool.connect(script);
      try {
        await thread.exec(script);
      } catch (error) {
        await thread.exec('ROLLBACK');
        throw error;
      } finally {
        connection.release();
      }
    },
    async copyRows(table, columns, rows) {
      await copySliced(copyStatement(table, columns), 'text', copyLines(rows, 5000));
    },
    async copyText(table, columns, chunks) {
      await copySliced(copyStatement(table, columns), 'text', chunks);
    },
    async copyCsv(table, columns, chunks) {
      await copySliced(copyStatement(table, columns, CSV), 'csv', chunks);
    },
    async transactionWithCopy(work) {
      const connection = await pool.connect('a transaction with COPY');
      try {
        await thread.exec('BEGIN');
        const result = await work({
          db: kyselyOn(pgliteQuery(thread)),
          copyCsv: (table, columns, chunks) => copyInTransaction(copyStatement(table, columns, CSV), 'csv', chunks),
          copyText: (table, columns, chunks) => copyInTransaction(copyStatement(table, columns), 'text', chunks),
        });
        await thread.exec('COMMIT');
        return result;
      } catch (error) {
        await thread.exec('ROLLBACK');
        throw error;
      } finally {
        connection.release();
      }
    },
    async readConsistently(work) {
      const connection = await pool.connect('a consistent read');
      try {
        await thread.exec(READ_CONSISTENTLY);
        const result = await work({
          db: kyselyOn(pgliteQuery(thread)),
          async copyOut(query, into, csv = false) {
            const { bytes } = await thread.call({
              op: 'copyOut',
              sql: `COPY (${query}) TO '/dev/blob'${csv ? CSV : ''}`,
            });
            if (bytes && bytes.length > 0) await writeChunk(into, bytes);
          },
        });
        await thread.exec('COMMIT');
        return result;
      } catch (error) {
        await thread.exec('ROLLBACK');
        throw error;
      } finally {
        connection.release();
      }
    },
    readInParallel: (count, work) => handle.readConsistently((tx) => work(Array.from({ length: count }, () => tx))),
    async close() {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
    },
  };
  return handle;
}
