import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../config.js';
import type { DatabaseHandle } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { OWNERSHIPS, TAX_CODE_PATTERN } from '../../domain/ledger.js';
import { foldForSearch } from '../../domain/text.js';
import { recomputePositions } from '../../ledger/positions.js';
import { refreshLadder } from '../../ledger/ladder.js';
import { oweRefresh, refreshDone } from '../../ledger/refresh.js';
import { recordAudit } from '../audit/queries.js';
import { csvBlocks, CsvSyntaxError } from '../../ledger-files/csv.js';
import type { Language } from '../../ledger-files/columns.js';
import { EncodingRefused } from '../../ledger-files/text-encoding.js';
import { directLines, NotDirect, type DirectKind } from '../../ledger-files/direct.js';
import { isWorkbook, xlsxToCsv } from '../../ledger-files/xlsx.js';
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
} from './queries.js';
import {
  fieldError,
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
  /** A dry run (kiểm tra trước) of a file without errors: what importing it would do; nothing was written. */
  | ({ status: 'checked'; kind: LedgerFile; rows: number } & StagePreview)
  /** `errors` lists the first problems by row; `errorCount` counts them all. */
  | { status: 'refused'; kind: LedgerFile; errors: FieldError[]; errorCount: number };

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

/** One staged row per valid record: the field checks of ledger-files/records.ts, then the stage's column order. */
function stageRow(kind: LedgerFile, r: RecordReader, line: number, counts: Map<string, number>) {
  if (kind === 'employers') {
    const e = readEmployer(r);
    if (e.taxCode && !TAX_CODE_PATTERN.test(e.taxCode)) r.problem(1, 'not_tax_code', { value: e.taxCode });
    if (!(OWNERSHIPS as readonly string[]).includes(e.ownership)) {
      r.problem(5, 'not_one_of', { value: e.ownership, allowed: OWNERSHIPS.join(', ') });
    }
    return [
      line,
      e.code,
      e.taxCode,
      e.name,
      e.province,
      e.office,
      e.ownership,
      e.headcount,
      e.status,
      e.paymentCycle,
      foldForSearch(`${e.code} ${e.taxCode} ${e.name}`),
    ];
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
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { db } = handle;
  const language = options.language ?? 'vi';
  const sha256 = await sha256File(path);
  const previous = await findImportBatch(db, kind, sha256);
  if (previous)
    return { status: 'unchanged', kind, rows: previous.rows, importedAt: previous.imported_at.toISOString() };
  const read = { fileName, sha256, onProgress, limits, language, dryRun: options.dryRun ?? false };
  if (!isWorkbook(fileName)) return importCsv(handle, clock, actor, kind, path, read);

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
  batch: { fileName: string; sha256: string; rows: number; inserted: number; updated: number },
): Promise<string> {
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
  return oweRefresh(trx);
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
async function refreshPositions(handle: DatabaseHandle, clock: Clock, employerIds: number[], owed: string) {
  const group = handle.kind === 'pglite' ? 100 : employerIds.length;
  for (let i = 0; i < employerIds.length; i += group) {
    const ids = employerIds.slice(i, i + group);
    await recomputePositions(handle.db, clock, ids);
    await refreshLadder(handle.db, clock, ids);
  }
  await refreshDone(handle.db, owed);
}

/** SQLSTATE unique_violation: a key the table holds already, or one the file repeats. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

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
  onProgress?: (rows: number) => void,
): Promise<ImportResult | null> {
  const ids = new Map((await employerCodesInScope(handle.db, actor.scope)).map((e) => [e.code, e.id]));
  const touched = new Set<number>();
  let rows = 0;
  let owed = '';
  const at = clock.now();
  const lines = () =>
    directLines(path, kind, ids, touched, (n) => {
      rows = n;
      onProgress?.(n);
    });
  try {
    if (handle.kind === 'pglite') {
      // One connection: the file is applied in short steps, so requests are answered meanwhile (stepped.ts).
      const stepped = await importInSteps(handle, kind, lines(), async (trx, n) => {
        owed = await recordImport(trx, at, actor, kind, { ...batch, rows: n, inserted: n, updated: 0 });
      });
      if (stepped === null) return null;
      rows = stepped;
    } else
      await handle.transactionWithCopy(async (tx) => {
        const columns = STEPPED_COLUMNS[kind];
        await tx.copyCsv(kind === 'obligations' ? 'obligation' : 'payment', columns, lines());
        owed = await recordImport(tx.db, at, actor, kind, { ...batch, rows, inserted: rows, updated: 0 });
      });
  } catch (error) {
    if (error instanceof NotDirect || isUniqueViolation(error)) return null;
    throw error;
  }
  const employerIds = [...touched];
  await refreshStatistics(handle.db, kind, rows);
  await refreshPositions(handle, clock, employerIds, owed);
  return { status: 'imported', kind, rows, inserted: rows, updated: 0, employerIds };
}

interface ReadOptions {
  fileName: string;
  sha256: string;
  onProgress: ((rows: number) => void) | undefined;
  limits: FileReadLimits;
  language: Language;
  dryRun: boolean;
}

async function importCsv(
  handle: DatabaseHandle,
  clock: Clock,
  actor: ImportActor,
  kind: LedgerFile,
  path: string,
  { fileName, sha256, onProgress, limits, language, dryRun }: ReadOptions,
): Promise<ImportResult> {
  const { db } = handle;
  if (!dryRun && kind !== 'employers' && statSync(path).size >= BULK_MIN_BYTES) {
    const direct = await importDirect(handle, clock, actor, kind, path, { fileName, sha256 }, onProgress);
    if (direct) return direct;
  }

  // Every problem is counted; the first ones by row are listed. Field problems arrive in row order, the database
  // checks' after them, so both lists are merged by row at the end.
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
  let headerRead = false;
  await createStage(db, stage, kind);
  try {
    const counts = new Map<string, number>();
    async function* staged() {
      let reader: RecordReader | undefined;
      try {
        for await (const block of csvBlocks(path, limits.csvLineChars)) {
          for (const { fields, line } of block) {
            if (!reader) {
              const header = readHeader(file, kind, fields, language);
              report(header.errors);
              if (header.positions.includes(-1)) return;
              reader = new RecordReader(file, FILE_COLUMNS[kind], header.positions, language);
              headerRead = true;
              continue;
            }
            rows++;
            if (!reader.start(fields, line)) {
              report(reader.errors);
              continue;
            }
            const row = stageRow(kind, reader, line, counts);
            const bad = row.findIndex(unsafeForCopy);
            if (bad >= 0) reader.problem(bad - 1, 'unsafe_characters');
            // Rows with a problem stay out of the stage; the others go in even after a problem, so that the database
            // checks find their problems in the same pass.
            if (reader.errorCount > 0) report(reader.errors.sort((a, b) => a.column - b.column));
            else yield row;
          }
          onProgress?.(rows);
        }
      } catch (error) {
        if (error instanceof CsvSyntaxError) {
          report([fieldError(file, error.row, 0, '', error.code, error.params, language)]);
        } else if (error instanceof EncodingRefused) {
          report([
            error.row === 0
              ? fieldError(file, 1, 0, '', 'encoding', {}, language)
              : fieldError(file, error.row, 0, '', 'encoding_byte', { encoding: error.detected }, language),
          ]);
        } else throw error;
      }
      if (!reader && errorCount === 0) report([fieldError(file, 1, 0, '', 'empty_file', {}, language)]);
    }
    await handle.copyRows(stage, Object.keys(STAGE_COLUMNS[kind]), staged());
    if (headerRead) {
      const columnOf = (name: string) =>
        (FILE_COLUMNS[kind] as readonly string[]).indexOf(name === 'paid_on' ? 'date' : name) + 1;
      const checked = await checkStage(db, stage, kind, actor.scope);
      errorCount += checked.total;
      const found = checked.problems.map((p) => {
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
      });
      errors.push(...found);
      errors.sort((a, b) => a.line - b.line || a.column - b.column);
      errors.length = Math.min(errors.length, MAX_LISTED_ERRORS);
    }
    if (errorCount > 0) return { status: 'refused', kind, errors, errorCount };
    if (dryRun) return { status: 'checked', kind, rows, ...(await previewStage(db, stage, kind, actor.scope)) };

    const at = clock.now();
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
    // Keep the stored positions current: only the employers this file touched are recomputed.
    await refreshStatistics(db, kind, result.inserted);
    await refreshPositions(handle, clock, result.employerIds, result.owed);
    const { owed: _owed, ...applied } = result;
    return { status: 'imported', kind, rows, ...applied };
  } finally {
    await dropStage(db, stage);
  }
}
