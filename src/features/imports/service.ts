import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../config.js';
import type { DatabaseHandle } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { OWNERSHIPS, TAX_CODE_PATTERN } from '../../domain/ledger.js';
import { foldForSearch } from '../../domain/text.js';
import { recomputePositions } from '../../ledger/positions.js';
import { refreshLadder } from '../../ledger/ladder.js';
import { recordAudit } from '../audit/queries.js';
import { csvBlocks, CsvSyntaxError } from '../../ledger-files/csv.js';
import { directLines, NotDirect, type DirectKind } from '../../ledger-files/direct.js';
import { isWorkbook, xlsxToCsv } from '../../ledger-files/xlsx.js';
import { checkWorkbookZip, WorkbookRefused } from '../../ledger-files/zip-check.js';
import { applyStage, checkStage, createStage, dropStage, STAGE_COLUMNS } from './queries.js';
import {
  FILE_COLUMNS,
  RecordReader,
  readEmployer,
  readHeader,
  readObligation,
  readPayment,
  type FieldError,
  type LedgerFile,
} from '../../ledger-files/records.js';

const MAX_LISTED_ERRORS = 1000;
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
  | { status: 'refused'; kind: LedgerFile; errors: FieldError[]; errorCount: number };

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One staged row per valid record: the field checks of ledger-files/records.ts, then the stage's column order. */
function stageRow(kind: LedgerFile, r: RecordReader, line: number, counts: Map<string, number>) {
  if (kind === 'employers') {
    const e = readEmployer(r);
    if (e.taxCode && !TAX_CODE_PATTERN.test(e.taxCode)) r.fail(1, `"${e.taxCode}" is not a tax code (10 digits, or 10-3)`);
    if (!(OWNERSHIPS as readonly string[]).includes(e.ownership)) {
      r.fail(5, `"${e.ownership}" is not one of ${OWNERSHIPS.join(', ')}`);
    }
    return [line, e.code, e.taxCode, e.name, e.province, e.office, e.ownership, e.headcount, e.status, e.paymentCycle,
      foldForSearch(`${e.code} ${e.taxCode} ${e.name}`)];
  }
  if (kind === 'obligations') {
    const o = readObligation(r);
    return [line, o.employer, o.period, o.fund, o.amount];
  }
  const p = readPayment(r);
  // A payment without a reference gets one from what identifies it in the file, so a re-import matches it again.
  let reference = p.reference;
  if (!reference) {
    const key = `${p.employer}|${p.date}|${p.amount}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    reference = `auto:${p.date}:${p.amount}:${n}`;
  }
  return [line, p.employer, p.date, p.amount, reference];
}

// COPY text format: these characters would break a row.
const unsafeForCopy = (value: unknown) => typeof value === 'string' && /[\t\n\r\\]/.test(value);

/**
 * Imports one interchange file (employers, obligations or payments; .csv, or .xlsx with the same columns) into the
 * database: every row or none. Field errors (line and column) and database checks (unknown codes, repeated keys, conflicting payments)
 * refuse the whole file. A file imported before (same content) changes nothing; rows equal to what is stored are
 * left as they are, so importing overlapping files is safe.
 */
export async function importLedgerFile(
  handle: DatabaseHandle,
  clock: Clock,
  actor: ImportActor,
  kind: LedgerFile,
  path: string,
  fileName: string,
  onProgress?: (rows: number) => void,
  limits: FileReadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<ImportResult> {
  const { db } = handle;
  const sha256 = await sha256File(path);
  const previous = await db
    .selectFrom('import_batch')
    .select(['rows', 'imported_at'])
    .where('kind', '=', kind)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (previous) return { status: 'unchanged', kind, rows: previous.rows, importedAt: previous.imported_at.toISOString() };
  if (!isWorkbook(fileName)) return importCsv(handle, clock, actor, kind, path, fileName, sha256, onProgress, limits);

  // A workbook becomes a CSV with the same rows and columns, so every error points at the spreadsheet's cell. Its
  // size once unpacked is known first: one too large throws WorkbookRefused (the caller answers 413).
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-xlsx-'));
  try {
    const csvPath = join(dir, 'sheet.csv');
    try {
      await checkWorkbookZip(path, limits.xlsxUnpackedBytes);
      await xlsxToCsv(path, csvPath, limits.xlsxRows);
    } catch (error) {
      if (error instanceof WorkbookRefused && error.reason === 'too_large') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const message = error instanceof WorkbookRefused ? error.message : `is not a readable .xlsx workbook (${reason})`;
      return { status: 'refused', kind, errors: [{ file: fileName, line: 1, column: 0, columnName: '', message }], errorCount: 1 };
    }
    return await importCsv(handle, clock, actor, kind, csvPath, fileName, sha256, onProgress, limits);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The batch row that makes a re-import of the same file a no-op, and the audit row, in the import's transaction. */
async function recordImport(
  trx: Kysely<Database>,
  at: Date,
  actor: ImportActor,
  kind: LedgerFile,
  batch: { fileName: string; sha256: string; rows: number; inserted: number; updated: number },
) {
  const { fileName, sha256, rows, inserted, updated } = batch;
  await trx
    .insertInto('import_batch')
    .values({ kind, file_name: fileName, sha256, rows, inserted, updated, user_id: actor.userId, imported_at: at })
    .execute();
  await recordAudit(trx, {
    at, userId: actor.userId, action: `import.${kind}`, entity: 'import_batch', entityId: sha256.slice(0, 16),
    officeId: actor.officeId, after: { fileName, rows, inserted, updated },
  });
}

/**
 * After a large load, fresh statistics before anything reads the table: one that just grew by millions of rows is
 * otherwise planned as the small table it was, and the recomputation's lookups by employer become full scans.
 * Daily files are left to autovacuum.
 */
async function refreshStatistics(db: Kysely<Database>, kind: LedgerFile, inserted: number) {
  if (inserted < 100_000) return;
  const table = { employers: 'employer', obligations: 'obligation', payments: 'payment' }[kind];
  await sql`ANALYZE ${sql.table(table)}`.execute(db);
}

/** SQLSTATE unique_violation: a key the table holds already, or one the file repeats. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

/**
 * The bulk path (direct.ts): all new rows of a clean file, by COPY into the table, recorded in the same
 * transaction. Null when the file needs the staged import; nothing is written then.
 */
async function importDirect(
  handle: DatabaseHandle,
  clock: Clock,
  actor: ImportActor,
  kind: DirectKind,
  path: string,
  batch: { fileName: string; sha256: string },
  onProgress?: (rows: number) => void,
): Promise<ImportResult | null> {
  const ids = new Map(
    (await handle.db.selectFrom('employer as e').innerJoin('office as o', 'o.id', 'e.office_id')
      .select(['e.code', 'e.id']).where('o.path', 'like', `${actor.scope}%`).execute()).map((e) => [e.code, e.id]),
  );
  const touched = new Set<number>();
  let rows = 0;
  const at = clock.now();
  try {
    await handle.transactionWithCopy(async (tx) => {
      const columns = kind === 'obligations' ? ['employer_id', 'period', 'fund', 'amount'] : ['employer_id', 'paid_on', 'amount', 'reference'];
      await tx.copyCsv(kind === 'obligations' ? 'obligation' : 'payment', columns, directLines(path, kind, ids, touched, (n) => {
        rows = n;
        onProgress?.(n);
      }));
      await recordImport(tx.db, at, actor, kind, { ...batch, rows, inserted: rows, updated: 0 });
    });
  } catch (error) {
    if (error instanceof NotDirect || isUniqueViolation(error)) return null;
    throw error;
  }
  const employerIds = [...touched];
  await refreshStatistics(handle.db, kind, rows);
  await recomputePositions(handle.db, clock, employerIds);
  await refreshLadder(handle.db, clock, employerIds);
  return { status: 'imported', kind, rows, inserted: rows, updated: 0, employerIds };
}

async function importCsv(
  handle: DatabaseHandle,
  clock: Clock,
  actor: ImportActor,
  kind: LedgerFile,
  path: string,
  fileName: string,
  sha256: string,
  onProgress: ((rows: number) => void) | undefined,
  limits: FileReadLimits,
): Promise<ImportResult> {
  const { db } = handle;
  if (kind !== 'employers' && statSync(path).size >= BULK_MIN_BYTES) {
    const direct = await importDirect(handle, clock, actor, kind, path, { fileName, sha256 }, onProgress);
    if (direct) return direct;
  }

  const errors: FieldError[] = [];
  let errorCount = 0;
  const report = (list: FieldError[]) => {
    errorCount += list.length;
    for (const e of list) if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
    list.length = 0;
  };
  const file = fileName;
  const stage = `import_stage_${randomBytes(6).toString('hex')}`;
  let rows = 0;
  await createStage(db, stage, kind);
  try {
    const counts = new Map<string, number>();
    async function* staged() {
      let reader: RecordReader | undefined;
      try {
        for await (const block of csvBlocks(path, limits.csvLineChars)) {
          for (const { fields, line } of block) {
            if (!reader) {
              const header = readHeader(file, kind, fields);
              report(header.errors);
              if (header.positions.includes(-1)) return;
              reader = new RecordReader(file, FILE_COLUMNS[kind], header.positions);
              continue;
            }
            rows++;
            if (!reader.start(fields, line)) {
              report(reader.errors);
              continue;
            }
            const row = stageRow(kind, reader, line, counts);
            const bad = row.findIndex(unsafeForCopy);
            if (bad >= 0) reader.fail(bad - 1, 'contains a tab, line break or backslash');
            if (reader.errorCount > 0) report(reader.errors.sort((a, b) => a.column - b.column));
            else if (errorCount === 0) yield row;
          }
          onProgress?.(rows);
        }
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error;
        report([{ file, line: error.line, column: 0, columnName: '', message: error.message }]);
      }
      if (!reader && errorCount === 0) {
        report([{ file, line: 1, column: 0, columnName: '', message: 'is empty: the header row is missing' }]);
      }
    }
    await handle.copyRows(stage, Object.keys(STAGE_COLUMNS[kind]), staged());
    if (errorCount === 0) {
      const columnOf = (name: string) => (FILE_COLUMNS[kind] as readonly string[]).indexOf(name === 'paid_on' ? 'date' : name) + 1;
      report(
        (await checkStage(db, stage, kind, actor.scope)).map((p) => ({
          file, line: p.line, column: columnOf(p.column), columnName: p.column, message: p.message,
        })),
      );
    }
    if (errorCount > 0) return { status: 'refused', kind, errors, errorCount };

    const at = clock.now();
    let result;
    try {
      result = await db.transaction().execute(async (trx) => {
        const applied = await applyStage(trx, stage, kind, at, actor.scope);
        await recordImport(trx, at, actor, kind, { fileName, sha256, rows, inserted: applied.inserted, updated: applied.updated });
        return applied;
      });
    } catch (error) {
      // Rows checked one by one pass, yet the rows of one statement can still meet in the index: two employers of
      // the file trading tax codes, or another import taking a code meanwhile.
      if ((error as { constraint?: unknown }).constraint !== 'employer_active_tax_code_key') throw error;
      const message = 'two active employers would share a tax code; change them in two files, or one at a time';
      return { status: 'refused', kind, errors: [{ file, line: 1, column: 0, columnName: '', message }], errorCount: 1 };
    }
    // Keep the stored positions current: only the employers this file touched are recomputed.
    await refreshStatistics(db, kind, result.inserted);
    await recomputePositions(db, clock, result.employerIds);
    await refreshLadder(db, clock, result.employerIds);
    return { status: 'imported', kind, rows, ...result };
  } finally {
    await dropStage(db, stage);
  }
}
