import { createHash } from 'node:crypto';
import { OWNERSHIPS, TAX_CODE_PATTERN } from '../domain/ledger.js';
import { foldForSearch } from '../domain/text.js';
import type { Language } from './columns.js';
import { csvBlocks, CsvSyntaxError } from './csv.js';
import { directLines, type DirectKind } from './direct.js';
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
} from './records.js';
import { EncodingRefused } from './text-encoding.js';

/**
 * The CPU-bound part of an import — decoding, parsing and checking every line of the file, or unpacking a workbook —
 * as tasks a reading thread runs (read-worker.ts, driven by read-thread.ts), so the thread that answers requests only
 * passes the checked rows on to the database. The rows leave here as COPY lines, the problems as FieldErrors.
 */

/** Problems listed by row in an import's answer; every problem is counted. */
export const MAX_LISTED_ERRORS = 1000;

export type ReadTask =
  /** Check every record of a file and turn the valid ones into rows of the import's stage (STAGE_COLUMNS). */
  | { job: 'staged'; path: string; kind: LedgerFile; fileName: string; maxLineChars: number; language: Language }
  /** The bulk path's lines for COPY (direct.ts), employer codes replaced by the ids given. */
  | { job: 'direct'; path: string; kind: DirectKind; codes: string[]; ids: number[]; sha256?: boolean }
  /** The first worksheet of a workbook as CSV, row for row (xlsx.ts). */
  | { job: 'xlsx'; path: string; csvPath: string; maxRows: number };

export interface ReadBatch {
  type: 'batch';
  /** COPY lines: text format for a staged read, CSV bytes for a direct one. */
  copy: string | Uint8Array;
  /** Records read so far. */
  rows: number;
  /** Problems found since the last batch, while fewer than MAX_LISTED_ERRORS were sent in all. */
  errors: FieldError[];
  /** How many problems were found since the last batch. */
  errorCount: number;
}

export interface ReadEnd {
  type: 'end';
  rows: number;
  /** Whether a staged read found a usable header (the database checks need one). */
  headerRead: boolean;
  /** The employers a direct read met. */
  touched: number[];
  /** The file's SHA-256 in hex, when a direct read was asked for it. */
  sha256?: string;
  errors: FieldError[];
  errorCount: number;
}

export type ReadMessage = ReadBatch | ReadEnd;

/** A task reading a CSV file (a workbook's is workbook-reading.ts's, which loads the spreadsheet library). */
export type CsvTask = Exclude<ReadTask, { job: 'xlsx' }>;

/** The messages of a task: its batches, then its end. Throws NotDirect when a direct read gives up. */
export async function* readFile(task: CsvTask): AsyncGenerator<ReadMessage> {
  if (task.job === 'staged') yield* readStaged(task);
  else yield* readDirect(task);
}

async function* readDirect(task: Extract<ReadTask, { job: 'direct' }>): AsyncGenerator<ReadMessage> {
  const ids = new Map(task.codes.map((code, i) => [code, task.ids[i]!]));
  const touched = new Set<number>();
  const hash = task.sha256 ? createHash('sha256') : undefined;
  let rows = 0;
  for await (const out of directLines(task.path, task.kind, ids, touched, (n) => (rows = n), hash)) {
    yield { type: 'batch', copy: out, rows, errors: [], errorCount: 0 };
  }
  const sha256 = hash?.digest('hex');
  yield { type: 'end', rows, headerRead: true, touched: [...touched], sha256, errors: [], errorCount: 0 };
}

/** One staged row per valid record: the field checks of records.ts, then the stage's column order. */
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
const copyLine = (row: readonly (string | number | null)[]) =>
  row.map((v) => (v === null ? '\\N' : String(v))).join('\t');

async function* readStaged(task: Extract<ReadTask, { job: 'staged' }>): AsyncGenerator<ReadMessage> {
  const { path, kind, fileName: file, maxLineChars, language } = task;
  // Problems not yet sent, and how many were found (and listed) in all.
  let errors: FieldError[] = [];
  let errorCount = 0;
  let found = 0;
  let listed = 0;
  const report = (list: FieldError[]) => {
    errorCount += list.length;
    found += list.length;
    for (const e of list) {
      if (listed === MAX_LISTED_ERRORS) break;
      errors.push(e);
      listed++;
    }
    list.length = 0;
  };
  let lines: string[] = [];
  let rows = 0;
  let reader: RecordReader | undefined;
  const counts = new Map<string, number>();
  /** The rows and problems since the last batch, as a batch. */
  const batch = (): ReadBatch => {
    const copy = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    const message: ReadBatch = { type: 'batch', copy, rows, errors, errorCount };
    lines = [];
    errors = [];
    errorCount = 0;
    return message;
  };
  try {
    reading: for await (const block of csvBlocks(path, maxLineChars)) {
      for (const { fields, line } of block) {
        if (!reader) {
          const header = readHeader(file, kind, fields, language);
          report(header.errors);
          if (header.positions.includes(-1)) break reading;
          reader = new RecordReader(file, FILE_COLUMNS[kind], header.positions, language);
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
        else lines.push(copyLine(row));
      }
      yield batch();
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
  if (!reader && found === 0) report([fieldError(file, 1, 0, '', 'empty_file', {}, language)]);
  if (lines.length > 0) yield batch();
  yield { type: 'end', rows, headerRead: reader !== undefined, touched: [], errors, errorCount };
}
