import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../config.js';
import { inBackground, type CopyTransaction, type DatabaseHandle } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { recomputePositions, storeFilePositions } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import { readCanonicalEmployers } from '../../ledger-files/employer-lines.js';
import { computeInPartitions, type Positions } from '../../ledger-files/partition.js';
import { vietnamDate } from '../../domain/calendar.js';
import { dayNumber } from '../../domain/periods.js';
import type { Day } from '../../domain/ledger.js';
import type { RuleSet } from '../../domain/rules.js';
import { refreshLadder } from '../../ledger/ladder.js';
import { oweRefresh, refreshDone } from '../../ledger/refresh.js';
import { recordAudit } from '../../db/audit.js';
import type { Language } from '../../ledger-files/columns.js';
import { NotDirect, type DirectKind } from '../../ledger-files/direct.js';
import { MAX_LISTED_ERRORS, type ReadMessage, type ReadTask } from '../../ledger-files/file-reading.js';
import { readInThread, runInThread } from '../../ledger-files/read-thread.js';
import { isWorkbook } from '../../ledger-files/xlsx.js';
import { checkWorkbookZip, WorkbookRefused } from '../../ledger-files/zip-check.js';
import { importInSteps, STEPPED_COLUMNS } from '../../ledger-files/stepped.js';
import {
  analyze,
  applyStage,
  checkStage,
  createStage,
  dropStage,
  employerCodesInScope,
  findImportBatch,
  insertImportBatch,
  previewStage,
  STAGE_COLUMNS,
  type StagePreview,
  type StageProblem,
  checkLoadStage,
  countStage,
  createLoadEmployers,
  createLoadStage,
  emptyLoadStage,
  hasIrregularRows,
  insertFromStage,
  LOAD_COLUMNS,
  numberStageLines,
  restoreKeys,
  savepoint,
  scopeHasEmployers,
  suspendKeys,
  tablesAreEmpty,
  type LoadKind,
  type SuspendedKeys,
  widenIndexSorts,
} from './queries.js';
import { fieldError, FILE_COLUMNS, readHeader, type FieldError, type LedgerFile } from '../../ledger-files/records.js';

/**
 * Files from this size try the bulk path first: it reads the codes of every employer in scope, which a day's file
 * of a few hundred rows does not repay.
 */
const BULK_MIN_BYTES = Number(process.env.DONDOC_BULK_MIN_BYTES ?? 4 * 1024 * 1024);

export interface ImportActor {
  userId: number | null;
  /** Office path prefix the import may touch (the root for the command line). */
  scope: string;
  /** Office the audit row belongs to. */
  officeId: number | null;
}

/** What the readers of an import file allow (see UploadLimits in config.ts). */
export type FileReadLimits = Pick<UploadLimits, 'csvLineChars' | 'xlsxUnpackedBytes' | 'xlsxRows'>;

export type ImportResult =
  | { status: 'imported'; kind: LedgerFile; rows: number; inserted: number; updated: number; employerIds: number[] }
  | { status: 'unchanged'; kind: LedgerFile; rows: number; importedAt: string }
  /** A dry run (kiểm tra trước) of a file without errors: what importing it would do; nothing was written. */
  | ({ status: 'checked'; kind: LedgerFile; rows: number } & StagePreview)
  /** `errors` lists the first problems by row; `errorCount` counts them all. */
  | { status: 'refused'; kind: LedgerFile; errors: FieldError[]; errorCount: number };

/**
 * How far an import is (features/progress): its phase, and its rows read from the file, checked against the stored
 * rows and written; while positions are recomputed, the employers done of the total.
 */
export interface ImportProgress {
  phase: 'converting' | 'reading' | 'checking' | 'comparing' | 'applying' | 'refreshing';
  read: number;
  checked: number;
  applied: number;
  done?: number;
  total?: number;
}

/** Keeps an import's counts and tells the listener the whole state at each change. */
class ProgressTracker {
  private state: ImportProgress = { phase: 'reading', read: 0, checked: 0, applied: 0 };
  constructor(private readonly listener: ((progress: ImportProgress) => void) | undefined) {}

  set(change: Partial<ImportProgress>): void {
    this.state = { ...this.state, ...change };
    this.listener?.(this.state);
  }
}

export interface ImportOptions {
  /** The language of the problems reported (Vietnamese unless told). */
  language?: Language;
  /** Check the file and tell what would change, writing nothing. */
  dryRun?: boolean;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Imports one interchange file (employers, obligations or payments; .csv, or .xlsx with the same columns) into the
 * database: every row or none. Field errors (line and column) and database checks (unknown codes, repeated keys, conflicting payments)
 * refuse the whole file. A file imported before (same content) changes nothing; rows equal to what is stored are
 * left as they are, so importing overlapping files is safe. A large file is minutes of statements: on the embedded
 * database they give way to those of other requests (inBackground).
 */
export function importLedgerFile(...args: Parameters<typeof importFile>): Promise<ImportResult> {
  return inBackground(() => importFile(...args));
}

async function importFile(
  handle: DatabaseHandle,
  clock: Clock,
  actor: ImportActor,
  kind: LedgerFile,
  path: string,
  fileName: string,
  onProgress?: (progress: ImportProgress) => void,
  limits: FileReadLimits = DEFAULT_UPLOAD_LIMITS,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { db } = handle;
  const language = options.language ?? 'vi';
  const progress = new ProgressTracker(onProgress);
  // Said at once: the first rows are counted only when the reader's first batch (megabytes of the file) is in.
  progress.set({ phase: 'reading' });
  const sha256 = await sha256File(path);
  const previous = await findImportBatch(db, kind, sha256);
  if (previous)
    return { status: 'unchanged', kind, rows: previous.rows, importedAt: previous.imported_at.toISOString() };
  const read = { fileName, sha256, progress, limits, language, dryRun: options.dryRun ?? false };
  if (!isWorkbook(fileName)) return importCsv(handle, clock, actor, kind, path, read);

  // A workbook becomes a CSV with the same rows and columns, so every error points at the spreadsheet's cell. Its
  // size once unpacked is known first: one too large throws WorkbookRefused (the caller answers 413).
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-xlsx-'));
  try {
    const csvPath = join(dir, 'sheet.csv');
    try {
      await checkWorkbookZip(path, limits.xlsxUnpackedBytes);
      progress.set({ phase: 'converting' });
      await runInThread({ job: 'xlsx', path, csvPath, maxRows: limits.xlsxRows });
    } catch (error) {
      if (error instanceof WorkbookRefused && error.reason === 'too_large') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const problem =
        error instanceof WorkbookRefused
          ? fieldError(fileName, 1, 0, '', 'workbook_malformed', { reason }, language)
          : fieldError(fileName, 1, 0, '', 'workbook_unreadable', { reason }, language);
      return { status: 'refused', kind, errors: [problem], errorCount: 1 };
    }
    return await importCsv(handle, clock, actor, kind, csvPath, read);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The batch row that makes a re-import of the same file a no-op, and the audit row, in the import's transaction; with
 * the lease on the refresh of positions the import owes (ledger/refresh.ts), whose name it returns.
 */
async function recordImport(
  trx: Kysely<Database>,
  at: Date,
  actor: ImportActor,
  kind: LedgerFile,
  batch: ImportBatch,
): Promise<string> {
  await recordBatch(trx, at, actor, kind, batch);
  return oweRefresh(trx);
}

interface ImportBatch {
  fileName: string;
  sha256: string;
  rows: number;
  inserted: number;
  updated: number;
}

/** The batch row and the audit row of one imported file. */
async function recordBatch(trx: Kysely<Database>, at: Date, actor: ImportActor, kind: LedgerFile, batch: ImportBatch) {
  const { fileName, sha256, rows, inserted, updated } = batch;
  await insertImportBatch(trx, {
    kind,
    file_name: fileName,
    sha256,
    rows,
    inserted,
    updated,
    user_id: actor.userId,
    imported_at: at,
  });
  await recordAudit(trx, {
    at,
    userId: actor.userId,
    action: `import.${kind}`,
    entity: 'import_batch',
    entityId: sha256.slice(0, 16),
    officeId: actor.officeId,
    after: { fileName, rows, inserted, updated },
  });
}

/**
 * After a large load, fresh statistics before anything reads the table: one that just grew by millions of rows is
 * otherwise planned as the small table it was, and the recomputation's lookups by employer become full scans.
 * Daily files are left to autovacuum.
 */
async function refreshStatistics(db: Kysely<Database>, kind: LedgerFile, inserted: number) {
  if (inserted < 100_000) return;
  const table = ({ employers: 'employer', obligations: 'obligation', payments: 'payment' } as const)[kind];
  await analyze(db, table);
}

/**
 * The positions and ladder of the employers a file touched. On the embedded database in groups of 100 employers, as
 * the close does: reading the ledgers of thousands of employers a national file touched is one statement of many
 * seconds there, which every request would wait behind.
 */
async function refreshPositions(
  handle: DatabaseHandle,
  clock: Clock,
  employerIds: number[],
  owed: string,
  progress = new ProgressTracker(undefined),
  positionsStored = false,
) {
  const group = handle.kind === 'pglite' ? 100 : employerIds.length;
  progress.set({ phase: 'refreshing', done: 0, total: employerIds.length });
  for (let i = 0; i < employerIds.length; i += group) {
    const ids = employerIds.slice(i, i + group);
    if (!positionsStored) await recomputePositions(handle.db, clock, ids);
    await refreshLadder(handle.db, clock, ids);
    progress.set({ done: i + ids.length });
  }
  await refreshDone(handle.db, owed);
}

/** SQLSTATE unique_violation: a key the table holds already, or one the file repeats. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

/** SQLSTATE classes 22 and 23: a value a cast or a CHECK refused, a missing value, a repeated key. */
const isDataError = (error: unknown) => /^2[23]/.test(String((error as { code?: unknown } | null)?.code ?? ''));

/**
 * The bulk path (direct.ts): all new rows of a clean file, by COPY into the table, recorded in the same
 * transaction (on the embedded database in short steps instead, see stepped.ts). Null when the file needs the staged
 * import; nothing is written then.
 */
async function importDirect(
  handle: DatabaseHandle,
  clock: Clock,
  actor: ImportActor,
  kind: DirectKind,
  path: string,
  batch: { fileName: string; sha256: string },
  progress: ProgressTracker,
): Promise<ImportResult | null> {
  const inScope = await employerCodesInScope(handle.db, actor.scope);
  let rows = 0;
  let owed = '';
  let touched: number[] = [];
  const at = clock.now();
  const task = { job: 'direct', path, kind, codes: inScope.map((e) => e.code), ids: inScope.map((e) => e.id) } as const;
  const lines = () =>
    directCopyLines(task, (message) => {
      rows = message.rows;
      // On the server, COPY checks each row by the ledger's keys and writes it (within the transaction) as it is read.
      progress.set(handle.kind === 'pglite' ? { read: rows } : { read: rows, checked: rows, applied: rows });
      if (message.type === 'end') touched = message.touched;
    });
  try {
    if (handle.kind === 'pglite') {
      // One connection: the file is applied in short steps, so requests are answered meanwhile (stepped.ts).
      const stepped = await importInSteps(
        handle,
        kind,
        lines(),
        async (trx, n) => {
          owed = await recordImport(trx, at, actor, kind, { ...batch, rows: n, inserted: n, updated: 0 });
        },
        (phase, done) => progress.set(phase === 'checking' ? { phase, checked: done } : { phase, applied: done }),
      );
      if (stepped === null) return null;
      rows = stepped;
    } else {
      progress.set({ phase: 'applying' });
      await handle.transactionWithCopy(async (tx) => {
        const columns = STEPPED_COLUMNS[kind];
        await tx.copyCsv(kind === 'obligations' ? 'obligation' : 'payment', columns, lines());
        owed = await recordImport(tx.db, at, actor, kind, { ...batch, rows, inserted: rows, updated: 0 });
      });
    }
  } catch (error) {
    if (error instanceof NotDirect || isUniqueViolation(error)) return null;
    throw error;
  }
  const employerIds = touched;
  await refreshStatistics(handle.db, kind, rows);
  await refreshPositions(handle, clock, employerIds, owed, progress);
  return { status: 'imported', kind, rows, inserted: rows, updated: 0, employerIds };
}

/** The COPY lines of a direct read, converted on a thread of its own (file-reading.ts); each message goes to `seen`. */
async function* directCopyLines(
  task: Extract<ReadTask, { job: 'direct' }>,
  seen: (message: ReadMessage) => void,
): AsyncGenerator<Buffer> {
  for await (const message of readInThread(task)) {
    seen(message);
    if (message.type === 'batch') {
      const copy = message.copy as Uint8Array;
      yield Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
    }
  }
}

interface ReadOptions {
  fileName: string;
  sha256: string;
  progress: ProgressTracker;
  limits: FileReadLimits;
  language: Language;
  dryRun: boolean;
}

/** A problem of the database checks as the import reports it: its row, its column in the file, its message. */
function stageProblemError(p: StageProblem, file: string, kind: LedgerFile, language: Language): FieldError {
  const columnOf = (name: string) =>
    (FILE_COLUMNS[kind] as readonly string[]).indexOf(name === 'paid_on' ? 'date' : name) + 1;
  const [employer, second, third] = (p.other ?? '').split('|');
  const params: Record<string, string> =
    p.code === 'duplicate_reference'
      ? { value: p.value, employer: employer!, other: second! }
      : p.code === 'reference_conflict'
        ? { value: p.value, employer: employer!, date: second!, amount: third! }
        : p.code === 'office_not_in_province'
          ? { value: p.value, office: p.other ?? '' }
          : p.code === 'tax_code_held'
            ? { value: p.value, holder: p.other ?? '' }
            : { value: p.value, other: p.other ?? '' };
  return fieldError(
    file,
    p.line,
    columnOf(p.column),
    p.column === 'paid_on' ? 'date' : p.column,
    p.code,
    params,
    language,
  );
}

async function importCsv(
  handle: DatabaseHandle,
  clock: Clock,
  actor: ImportActor,
  kind: LedgerFile,
  path: string,
  { fileName, sha256, progress, limits, language, dryRun }: ReadOptions,
): Promise<ImportResult> {
  const { db } = handle;
  if (!dryRun && kind !== 'employers' && statSync(path).size >= BULK_MIN_BYTES) {
    const direct = await importDirect(handle, clock, actor, kind, path, { fileName, sha256 }, progress);
    if (direct) return direct;
  }
  // The staged import reads the file from its start, whatever the bulk path read of it.
  progress.set({ phase: 'reading', read: 0, checked: 0, applied: 0 });

  // Every problem is counted; the first ones by row are listed. Field problems arrive in row order, the database
  // checks' after them, so both lists are merged by row at the end.
  const errors: FieldError[] = [];
  let errorCount = 0;
  const file = fileName;
  const stage = `import_stage_${randomBytes(6).toString('hex')}`;
  let rows = 0;
  let headerRead = false;
  await createStage(db, stage, kind);
  try {
    // The file is read and every record checked on a thread of its own (file-reading.ts): this one only passes the
    // valid rows to COPY and keeps the problems.
    const task = { path, kind, fileName: file, maxLineChars: limits.csvLineChars, language };
    async function* staged() {
      for await (const message of readInThread({ job: 'staged', ...task })) {
        rows = message.rows;
        errorCount += message.errorCount;
        for (const e of message.errors) if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
        if (message.type === 'end') headerRead = message.headerRead;
        else {
          progress.set({ read: rows });
          if (message.copy.length > 0) yield message.copy as string;
        }
      }
    }
    await handle.copyText(stage, Object.keys(STAGE_COLUMNS[kind]), staged());
    if (headerRead) {
      progress.set({ phase: 'checking', read: rows });
      const checked = await checkStage(db, stage, kind, actor.scope);
      errorCount += checked.total;
      const found = checked.problems.map((p) => stageProblemError(p, file, kind, language));
      errors.push(...found);
      errors.sort((a, b) => a.line - b.line || a.column - b.column);
      errors.length = Math.min(errors.length, MAX_LISTED_ERRORS);
    }
    if (errorCount > 0) return { status: 'refused', kind, errors, errorCount };
    progress.set({ checked: rows });
    if (dryRun) {
      progress.set({ phase: 'comparing' });
      return { status: 'checked', kind, rows, ...(await previewStage(db, stage, kind, actor.scope)) };
    }

    const at = clock.now();
    progress.set({ phase: 'applying' });
    let result;
    try {
      result = await db.transaction().execute(async (trx) => {
        const applied = await applyStage(trx, stage, kind, at, actor.scope);
        const owed = await recordImport(trx, at, actor, kind, {
          fileName,
          sha256,
          rows,
          inserted: applied.inserted,
          updated: applied.updated,
        });
        return { ...applied, owed };
      });
    } catch (error) {
      // Rows checked one by one pass, yet the rows of one statement can still meet in the index: two employers of
      // the file trading tax codes, or another import taking a code meanwhile.
      if ((error as { constraint?: unknown }).constraint !== 'employer_active_tax_code_key') throw error;
      return {
        status: 'refused',
        kind,
        errors: [fieldError(file, 1, 0, '', 'tax_code_swap', {}, language)],
        errorCount: 1,
      };
    }
    progress.set({ applied: rows });
    // Keep the stored positions current: only the employers this file touched are recomputed.
    await refreshStatistics(db, kind, result.inserted);
    await refreshPositions(handle, clock, result.employerIds, result.owed, progress);
    const { owed: _owed, ...applied } = result;
    return { status: 'imported', kind, rows, ...applied };
  } finally {
    await dropStage(db, stage);
  }
}

/** A file of a first load: its kind, where it is, and the name its problems are reported under. */
export interface LoadFile {
  kind: LedgerFile;
  path: string;
  fileName: string;
}

export type FirstLoadResult =
  | {
      status: 'loaded';
      files: { kind: LedgerFile; fileName: string; rows: number; seconds: number }[];
      employerIds: number[];
      /** Seconds of the positions and ladder computed after the load. */
      positionSeconds: number;
      /** Where the positions were computed from: the files themselves, or the ledger read back from the database. */
      positionsFrom: 'files' | 'database';
    }
  | { status: 'refused'; kind: LedgerFile; fileName: string; errors: FieldError[]; errorCount: number };

type Refusal = Extract<FirstLoadResult, { status: 'refused' }>;

/** Ends the load's transaction with a refusal: nothing of any file stays. */
class LoadRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(`${refusal.fileName}: ${refusal.errorCount} problem(s)`);
  }
}

/**
 * The first load of a scope (the country, or a province) that holds no employer yet: employers.csv with its
 * obligations.csv and payments.csv, all in one transaction, so a refused file or a crash leaves nothing of any of them.
 * Employers go through the usual checked stage (a few hundred thousand rows). A ledger file of tens of millions of
 * rows in the canonical layout goes straight into its table by COPY, its employer codes replaced by ids on a thread
 * (copyDirect); any other is copied as it is into a temporary table of text, and one INSERT … SELECT writes the rows in
 * their canonical form whose employer is one of the load's. The checks are set-wise: only when a file is not taken
 * whole, or repeats a key, is it read by the checked reader (which reports each value by row and column) and its stage
 * checked for unknown employers and repeated keys. On a ledger without any row yet, the keys, indexes and references
 * of obligation and payment are dropped for the load and built once at its end. The batch rows are written last, in
 * the same transaction. The positions are computed from the files meanwhile (computeFromFiles) and stored, with the
 * ladder, once after the commit, under the lease the load takes (ledger/refresh.ts), so a crash then leaves them to
 * the next close.
 * Null when the scope holds employers already (the incremental imports are for that) or employers.csv is missing.
 */
export async function importFirstLoad(
  handle: DatabaseHandle,
  clock: Clock,
  actor: ImportActor,
  files: LoadFile[],
  options: { language?: Language; limits?: FileReadLimits; onFile?: (kind: LedgerFile, rows: number) => void } = {},
): Promise<FirstLoadResult | null> {
  const language = options.language ?? 'vi';
  const limits = options.limits ?? DEFAULT_UPLOAD_LIMITS;
  const employerFile = files.find((f) => f.kind === 'employers');
  if (!employerFile || (await scopeHasEmployers(handle.db, actor.scope))) return null;
  const ordered = (['employers', 'obligations', 'payments'] as const).flatMap((k) => files.filter((f) => f.kind === k));
  const done: Extract<FirstLoadResult, { status: 'loaded' }>['files'] = [];
  let employers: LoadEmployers = { codes: [], ids: [] };
  let owed = '';
  const computing = computeFromFiles(handle, clock, files);
  // Awaited once the load is over; a failure before then is not an unhandled rejection.
  computing.catch(() => undefined);
  try {
    await handle.transactionWithCopy(async (tx) => {
      const { db } = tx;
      const at = clock.now();
      let keys: SuspendedKeys | null = null;
      const stages: { file: LoadFile; kind: LoadKind; stage: string; staged: boolean; numbered: boolean }[] = [];
      for (const file of ordered) {
        const started = process.hrtime.bigint();
        let rows: number;
        let sha256: string;
        if (file.kind === 'employers') {
          // The country's first load: employer's indexes are built once, after its rows, as the ledger's are.
          const fresh = await tablesAreEmpty(db, ['employer']);
          const employerKeys = fresh ? await suspendKeys(db, ['employer']) : null;
          ({ rows, sha256 } = await loadEmployers(tx, at, actor, file, limits, language, fresh));
          if (employerKeys) await restoreKeys(db, employerKeys);
          const loaded = await createLoadEmployers(db, LOAD_EMPLOYERS, actor.scope);
          employers = { codes: loaded.map((e) => e.code), ids: loaded.map((e) => e.id) };
          keys = (await tablesAreEmpty(db, LEDGER_TABLES)) ? await suspendKeys(db, LEDGER_TABLES) : null;
        } else {
          const kind = file.kind;
          const stage = `load_${kind}`;
          let staged: boolean;
          let numbered: boolean;
          ({ rows, sha256, staged, numbered } = await loadLedgerFile(
            tx,
            kind,
            stage,
            file,
            employers,
            limits,
            language,
          ));
          stages.push({ file, kind, stage, staged, numbered });
          await recordBatch(db, at, actor, kind, { fileName: file.fileName, sha256, rows, inserted: rows, updated: 0 });
        }
        options.onFile?.(file.kind, rows);
        done.push({
          kind: file.kind,
          fileName: file.fileName,
          rows,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
        });
      }
      if (keys) {
        // The embedded database keeps its own, smaller sort memory.
        if (handle.kind === 'postgres') await widenIndexSorts(db);
        // A key a file repeats shows only now, as its index is built: the stages say where.
        await savepoint(db, 'load_keys', 'SAVEPOINT');
        try {
          await restoreKeys(db, keys);
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          await savepoint(db, 'load_keys', 'ROLLBACK TO SAVEPOINT');
          for (const { file, kind, stage, staged, numbered } of stages) {
            if (!staged) await stageRaw(tx, stage, kind, file);
            if (!numbered) await numberStageLines(db, stage);
            await refuseStageProblems(db, stage, kind, file, language);
          }
          throw error;
        }
      }
      for (const table of ['employer', 'obligation', 'payment'] as const) await analyze(db, table);
      owed = await oweRefresh(db);
    });
  } catch (error) {
    // The positions' threads end before the answer: nothing of a refused load goes on running.
    await computing.catch(() => undefined);
    if (error instanceof LoadRefused) return error.refusal;
    throw error;
  }
  const started = process.hrtime.bigint();
  const stored = await storeFromFiles(handle, clock, await computing, actor.scope);
  await refreshPositions(handle, clock, employers.ids, owed, undefined, stored);
  return {
    status: 'loaded',
    files: done,
    employerIds: employers.ids,
    positionSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    positionsFrom: stored ? 'files' : 'database',
  };
}

/** Positions of a first load's files, computed as `dondoc arrears` computes them, with what they were computed by. */
interface FilePositions {
  codes: string[];
  positions: Positions;
  rules: RuleSet;
  asOf: Day;
}

/**
 * The positions of a first load computed from its files, as `dondoc arrears` computes them (a thread per core, each
 * reading its employers' part of the files). They need only the files, so they are computed while the load writes the
 * ledger, on the cores PostgreSQL leaves free. Null when the files are not in the shape that path takes (one canonical
 * CSV of each kind, in employer order); the positions are then recomputed from the database after the load.
 */
async function computeFromFiles(
  handle: DatabaseHandle,
  clock: Clock,
  files: LoadFile[],
): Promise<FilePositions | null> {
  const only = (kind: LedgerFile) => {
    const of = files.filter((f) => f.kind === kind);
    return of.length === 1 && !isWorkbook(of[0]!.fileName) ? of[0]!.path : null;
  };
  const [employersPath, obligations, payments] = [only('employers'), only('obligations'), only('payments')];
  if (!employersPath || !obligations || !payments) return null;
  const canonical = readCanonicalEmployers(employersPath);
  if (!canonical) return null;
  const asOf = vietnamDate(clock.now());
  const rules = await ruleSetAt(handle.db, asOf);
  const computed = await computeInPartitions({ obligations, payments }, canonical, rules.json, dayNumber(asOf), {
    keepDeadlines: true,
    offThread: true,
  });
  if (!computed) return null;
  return { codes: canonical.employers.map((e) => e.code), positions: computed.positions, rules, asOf };
}

/**
 * Stores the positions computed from a first load's files, once it is committed: the ledger holds exactly the files'
 * rows, so it need not be read back. False when there are none, or an employer of the files is not in the scope; the
 * positions are then recomputed from the database. A crash before the refresh is done leaves it owed, and the next
 * start recomputes them from the database (ledger/refresh.ts).
 */
async function storeFromFiles(
  handle: DatabaseHandle,
  clock: Clock,
  computed: FilePositions | null,
  scope: string,
): Promise<boolean> {
  if (!computed) return false;
  const idOf = new Map((await employerCodesInScope(handle.db, scope)).map((e) => [e.code, e.id]));
  const ids = computed.codes.map((code) => idOf.get(code));
  if (ids.some((id) => id === undefined)) return false;
  await storeFilePositions(handle, clock, ids as number[], computed.positions, computed.rules, computed.asOf);
  return true;
}

/** The ledger's tables, whose keys a first load onto an empty ledger builds once, after all its rows. */
const LEDGER_TABLES = ['obligation', 'payment'] as const;

/** The employers of a first load by code (a temporary table of the load's transaction). */
const LOAD_EMPLOYERS = 'load_employer';

/** The codes of a first load's employers, and their ids in the same order, as a direct read takes them. */
interface LoadEmployers {
  codes: string[];
  ids: number[];
}

/**
 * employers.csv into the ledger through the checked stage, as an incremental import does, in the load's transaction;
 * `fresh` when no employer is stored and the table's keys are suspended: the rows are then only inserted.
 */
async function loadEmployers(
  tx: CopyTransaction,
  at: Date,
  actor: ImportActor,
  file: LoadFile,
  limits: FileReadLimits,
  language: Language,
  fresh: boolean,
): Promise<{ rows: number; sha256: string }> {
  const stage = 'load_employers_stage';
  await createStage(tx.db, stage, 'employers');
  const read = await stageChecked(tx, stage, Object.keys(STAGE_COLUMNS.employers), file, limits, language);
  // Rows with a field problem stay out of the stage: the set-wise checks find the problems of the others.
  const checked = read.headerRead
    ? await checkStage(tx.db, stage, 'employers', actor.scope)
    : { problems: [], total: 0 };
  const problems = checked.problems.map((p) => stageProblemError(p, file.fileName, 'employers', language));
  refuseIfAny(file, [...read.errors, ...problems], read.errorCount + checked.total);
  const applied = await applyStage(tx.db, stage, 'employers', at, actor.scope, fresh);
  await dropStage(tx.db, stage);
  const sha256 = await sha256File(file.path);
  await recordBatch(tx.db, at, actor, 'employers', {
    fileName: file.fileName,
    sha256,
    rows: read.rows,
    inserted: applied.inserted,
    updated: applied.updated,
  });
  return { rows: read.rows, sha256 };
}

function refuseIfAny(file: LoadFile, errors: FieldError[], errorCount: number): void {
  if (errorCount === 0) return;
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  errors.length = Math.min(errors.length, MAX_LISTED_ERRORS);
  throw new LoadRefused({ status: 'refused', kind: file.kind, fileName: file.fileName, errors, errorCount });
}

/** A stage filled by the checked reader (file-reading.ts): its valid rows, in canonical form, with their problems. */
async function stageChecked(
  tx: CopyTransaction,
  stage: string,
  columns: string[],
  file: LoadFile,
  limits: FileReadLimits,
  language: Language,
): Promise<{ rows: number; headerRead: boolean; errors: FieldError[]; errorCount: number }> {
  const errors: FieldError[] = [];
  let errorCount = 0;
  let rows = 0;
  let headerRead = false;
  const task = {
    path: file.path,
    kind: file.kind,
    fileName: file.fileName,
    maxLineChars: limits.csvLineChars,
    language,
  };
  async function* lines() {
    for await (const message of readInThread({ job: 'staged', ...task })) {
      rows = message.rows;
      errorCount += message.errorCount;
      for (const e of message.errors) if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
      if (message.type === 'end') headerRead = message.headerRead;
      else if (message.copy.length > 0) yield Buffer.from(message.copy as string);
    }
  }
  await tx.copyText(stage, columns, lines());
  return { rows, headerRead, errors, errorCount };
}

/** Refuses the load with the problems the set-wise checks find in a ledger stage, and those of the reader, if any. */
async function refuseStageProblems(
  db: Kysely<Database>,
  stage: string,
  kind: LoadKind,
  file: LoadFile,
  language: Language,
  read: { errors: FieldError[]; errorCount: number } = { errors: [], errorCount: 0 },
) {
  const checked = await checkLoadStage(db, stage, LOAD_EMPLOYERS, kind);
  const problems = checked.problems.map((p) => stageProblemError(p, file.fileName, kind, language));
  refuseIfAny(file, [...read.errors, ...problems], read.errorCount + checked.total);
}

/**
 * One ledger file of a first load. A file in the canonical layout goes straight into its table (copyDirect). Any other
 * goes through its stage: COPY of the raw file, then one INSERT … SELECT. When that copy fails (a malformed or
 * non-UTF-8 file, another header) or the insert leaves rows out or meets a repeated key, the file is read again by the
 * checked reader, whose problems, with those of the set-wise checks, refuse the load; a file without any is written
 * from that stage. `staged` says whether the stage was made, `numbered` whether its rows have their lines.
 */
async function loadLedgerFile(
  tx: CopyTransaction,
  kind: LoadKind,
  stage: string,
  file: LoadFile,
  employers: LoadEmployers,
  limits: FileReadLimits,
  language: Language,
): Promise<{ rows: number; sha256: string; staged: boolean; numbered: boolean }> {
  const { db } = tx;
  const direct = await copyDirect(tx, kind, file, employers);
  if (direct) return { ...direct, staged: false, numbered: false };
  await createLoadStage(db, stage, kind);
  const columns = canonicalColumns(file, kind);
  const hash = createHash('sha256');
  let rows = -1;
  if (columns) {
    await savepoint(db, 'load_copy', 'SAVEPOINT');
    try {
      let lines = 0;
      await tx.copyCsv(
        stage,
        columns,
        rawLines(file.path, hash, (n) => (lines += n)),
      );
      await savepoint(db, 'load_copy', 'RELEASE SAVEPOINT');
      rows = lines;
    } catch {
      // Whatever COPY refused, the checked reader reports by row and column.
      await savepoint(db, 'load_copy', 'ROLLBACK TO SAVEPOINT');
    }
  }
  if (rows >= 0) {
    await savepoint(db, 'load_insert', 'SAVEPOINT');
    let inserted = -1;
    try {
      inserted = await insertFromStage(db, stage, LOAD_EMPLOYERS, kind);
    } catch (error) {
      if (!isDataError(error)) throw error;
    }
    // Lines counted are records unless a quoted field holds a line break: the stage counts those exactly.
    if (inserted >= 0 && inserted !== rows) rows = await countStage(db, stage);
    if (inserted === rows) {
      await savepoint(db, 'load_insert', 'RELEASE SAVEPOINT');
      return { rows, sha256: hash.digest('hex'), staged: true, numbered: false };
    }
    await savepoint(db, 'load_insert', 'ROLLBACK TO SAVEPOINT');
    // Rows left out that are all in canonical form name unknown employers, or repeat a key: the stage says which.
    if (!(await hasIrregularRows(db, stage, kind))) {
      await numberStageLines(db, stage);
      await refuseStageProblems(db, stage, kind, file, language);
      throw new Error(`${file.fileName}: ${rows} rows staged, ${inserted} written, and no problem found`);
    }
    await emptyLoadStage(db, stage);
  }
  const read = await stageChecked(tx, stage, ['line', ...LOAD_COLUMNS[kind]], file, limits, language);
  await refuseStageProblems(db, stage, kind, file, language, read);
  const inserted = await insertFromStage(db, stage, LOAD_EMPLOYERS, kind);
  if (inserted !== read.rows) throw new Error(`${file.fileName}: ${read.rows} rows checked, ${inserted} written`);
  return { rows: read.rows, sha256: await sha256File(file.path), staged: true, numbered: true };
}

/**
 * A ledger file of a first load straight into its table by COPY, its employer codes replaced by ids on a thread of
 * its own: the bulk path of direct.ts, which takes a file in the canonical layout only when it can vouch for every line
 * and knows every employer. Nothing goes through a stage, so the table's CHECKs are the only checks PostgreSQL makes,
 * and a national file is written once. Null, with nothing written, when that path gives up or the table's key
 * refuses a row: the file then goes through its stage, which says what is wrong.
 */
async function copyDirect(
  tx: CopyTransaction,
  kind: LoadKind,
  file: LoadFile,
  employers: LoadEmployers,
): Promise<{ rows: number; sha256: string } | null> {
  let end: Extract<ReadMessage, { type: 'end' }> | undefined;
  const task = { job: 'direct', path: file.path, kind, ...employers, sha256: true } as const;
  await savepoint(tx.db, 'load_direct', 'SAVEPOINT');
  try {
    await tx.copyCsv(
      kind === 'obligations' ? 'obligation' : 'payment',
      STEPPED_COLUMNS[kind],
      directCopyLines(task, (message) => {
        if (message.type === 'end') end = message;
      }),
    );
  } catch (error) {
    await savepoint(tx.db, 'load_direct', 'ROLLBACK TO SAVEPOINT');
    if (error instanceof NotDirect || isUniqueViolation(error) || isDataError(error)) return null;
    throw error;
  }
  await savepoint(tx.db, 'load_direct', 'RELEASE SAVEPOINT');
  if (!end?.sha256) throw new Error(`${file.fileName}: the direct read ended without its digest`);
  return { rows: end.rows, sha256: end.sha256 };
}

/** A file copyDirect wrote, copied raw into its stage after all: a key it repeats is for the stage's checks to find. */
async function stageRaw(tx: CopyTransaction, stage: string, kind: LoadKind, file: LoadFile): Promise<void> {
  await createLoadStage(tx.db, stage, kind);
  const columns = canonicalColumns(file, kind);
  if (!columns) throw new Error(`${file.fileName}: the direct read took a header the stage does not`);
  await tx.copyCsv(stage, columns, rawLines(file.path));
}

/**
 * The stage columns of a file's header, in the file's order, when it is one COPY can take as it is: UTF-8, without
 * quotes, naming each column once. Null otherwise: the checked reader reads such a file.
 */
function canonicalColumns(file: LoadFile, kind: LoadKind): string[] | null {
  const fd = openSync(file.path, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(4096);
    text = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
  const end = text.indexOf('\n');
  if (end < 0) return null;
  const line = text
    .slice(0, end)
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '');
  if (/["\uFFFD]/.test(line)) return null;
  const fields = line.split(',');
  const header = readHeader(file.fileName, kind, fields);
  if (header.errors.length > 0 || fields.length !== header.positions.length) return null;
  const columns = new Array<string>(fields.length);
  header.positions.forEach((at, i) => {
    const name = FILE_COLUMNS[kind][i]!;
    columns[at] = name === 'date' ? 'paid_on' : name;
  });
  return columns;
}

/**
 * The file's bytes after its header line, in chunks of whole lines for COPY; every byte goes through `hash`, and
 * `onLines` counts the lines, when given.
 */
async function* rawLines(path: string, hash?: Hash, onLines?: (n: number) => void): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  let header = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) {
    const bytes = chunk as Buffer;
    hash?.update(bytes);
    let buf: Buffer = carry ? Buffer.concat([carry, bytes]) : bytes;
    if (header) {
      const nl = buf.indexOf(10);
      if (nl < 0) {
        carry = buf;
        continue;
      }
      buf = buf.subarray(nl + 1);
      header = false;
    }
    const last = buf.lastIndexOf(10);
    carry = last + 1 < buf.length ? Buffer.from(buf.subarray(last + 1)) : null;
    if (last < 0) continue;
    onLines?.(countLines(buf, last));
    yield buf.subarray(0, last + 1);
  }
  if (!header && carry && carry.length > 0) {
    onLines?.(1);
    yield Buffer.concat([carry, Buffer.from('\n')]);
  }
}

/** Line breaks in buf up to `last`, where the last is. */
function countLines(buf: Buffer, last: number): number {
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0 && i <= last; i = buf.indexOf(10, i + 1)) n++;
  return n;
}
