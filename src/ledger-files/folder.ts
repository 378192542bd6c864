import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { NumericLedger } from '../domain/arrears.js';
import { FUNDS, type PaymentCycle } from '../domain/ledger.js';
import { dayNumber, periodFromIndex, periodIndex } from '../domain/periods.js';
import { CsvParser, CsvSyntaxError, readCsv } from './csv.js';
import {
  FILE_COLUMNS,
  RecordReader,
  readEmployer,
  readHeader,
  readObligation,
  readPayment,
  type EmployerRecord,
  type FieldError,
  type LedgerFile,
} from './records.js';
import { readLinesParallel } from './parallel.js';
import { readCanonicalEmployers, type FolderEmployer } from './employer-lines.js';

/** Stop listing errors past this many; the count goes on. */
const MAX_LISTED_ERRORS = 1000;

/** A growable column of numbers in a typed array: national files hold tens of millions of rows. */
class Column<T extends Int32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.ceil(this.data.length * 1.5) + 1024);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}
const int32 = (n: number) => new Column(new Int32Array(n), (size) => new Int32Array(size));
const float64 = (n: number) => new Column(new Float64Array(n), (size) => new Float64Array(size));
const uint8 = (n: number) => new Column(new Uint8Array(n), (size) => new Uint8Array(size));

export interface LedgerFolder {
  employers: FolderEmployer[];
  /** The ledger of employer i (in file order), as views into the loaded columns: nothing is copied. */
  ledgerOf(index: number): NumericLedger;
}

export type LoadResult = { ok: true; folder: LedgerFolder } | { ok: false; errors: FieldError[]; errorCount: number };

/** The first line of a file, to read its header before choosing how to parse the rest. */
function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.toString('utf8', 0, n).replace(/^\uFEFF/, '');
    return text.split('\n')[0]!.replace(/\r$/, '');
  } finally {
    closeSync(fd);
  }
}

/** Rows a file probably holds, from its size, so that columns are allocated once. */
const estimateRows = (path: string, bytesPerRow: number) => Math.ceil(statSync(path).size / bytesPerRow) + 1024;

/** Collects field errors: every one is counted, the first MAX_LISTED_ERRORS are kept. */
class ErrorList {
  errors: FieldError[] = [];
  count = 0;
  readonly report = (list: FieldError[]) => {
    this.count += list.length;
    for (const e of list) if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push(e);
    list.length = 0;
  };
}

/**
 * Reads one file of a folder: its header, then every record through `onRow` (checked fields) or, when the columns
 * are in the canonical order, through `fast` first (see fast-lines.ts), which falls back to `onRow` for any other
 * line.
 */
async function readFile(
  dir: string,
  kind: LedgerFile,
  report: (list: FieldError[]) => void,
  onRow: (r: RecordReader) => void,
  fast?: (path: string, slow: (fields: string[], line: number) => void) => Promise<unknown>,
): Promise<void> {
  const file = `${kind}.csv`;
  const path = join(dir, file);
  if (!existsSync(path)) {
    report([{ file, line: 0, column: 0, columnName: '', message: `file not found in ${dir}` }]);
    return;
  }
  const headerLine = firstLine(path);
  if (headerLine.trim() === '') {
    report([{ file, line: 1, column: 0, columnName: '', message: 'is empty: the header row is missing' }]);
    return;
  }
  let headerFields: string[] = [];
  new CsvParser((fields) => (headerFields = fields)).push(`${headerLine}\n`);
  const header = readHeader(file, kind, headerFields);
  report(header.errors);
  if (header.positions.includes(-1)) return;
  const reader = new RecordReader(file, FILE_COLUMNS[kind], header.positions);
  const slow = (fields: string[], line: number) => {
    if (reader.start(fields, line)) onRow(reader);
    if (reader.errorCount > 0) report(reader.errors.sort((a, b) => a.column - b.column));
  };
  const canonical = header.positions.every((p, i) => p === i) && headerFields.length === header.positions.length;
  try {
    if (fast && canonical) await fast(path, slow);
    else await readCsv(path, (fields, line) => line > 1 && slow(fields, line));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    report([{ file, line: error.line, column: 0, columnName: '', message: error.message }]);
  }
}

/** employers.csv read and checked: the valid employers in file order, and the errors of the others. */
export interface EmployerFile {
  employers: FolderEmployer[];
  indexOf: Map<string, number>;
  /** Every code met, valid or not, to tell "unknown" from "has errors" in the other files. */
  met: { has(code: string): boolean };
  errors: ErrorList;
}

/** employers.csv, by the canonical reader when the file is canonical (employer-lines.ts), else record by record. */
export async function readEmployerFile(dir: string): Promise<EmployerFile> {
  const path = join(dir, 'employers.csv');
  const canonical = existsSync(path) ? readCanonicalEmployers(path) : null;
  if (canonical) return { ...canonical, met: canonical.indexOf, errors: new ErrorList() };
  return readEmployerRecords(dir);
}

/** employers.csv record by record, each checked and each problem reported with its line and column. */
export async function readEmployerRecords(dir: string): Promise<EmployerFile> {
  const errors = new ErrorList();
  const employers: EmployerRecord[] = [];
  const indexOf = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  await readFile(dir, 'employers', errors.report, (r) => {
    const before = r.errorCount;
    const employer = readEmployer(r);
    const seen = firstSeen.get(employer.code);
    if (seen !== undefined) r.fail(0, `employer code "${employer.code}" already appears on line ${seen}`);
    if (r.errorCount === before) {
      indexOf.set(employer.code, employers.length);
      employers.push(employer);
    }
    if (employer.code) firstSeen.set(employer.code, firstSeen.get(employer.code) ?? r.lineNumber);
  });
  return { employers, indexOf, met: firstSeen, errors };
}

/**
 * Reads employers.csv (unless given, read already), obligations.csv and payments.csv from a folder, checking every
 * record (arrears.md "Inputs"): unknown employers or funds, malformed dates or amounts and duplicate obligation keys
 * are reported with file, line and column. Nothing is computed from a folder with any error.
 */
export async function loadLedgerFolder(dir: string, employerFile?: EmployerFile): Promise<LoadResult> {
  const { employers, indexOf, met, errors: list } = employerFile ?? (await readEmployerFile(dir));
  const { errors, report } = list;
  const read = (kind: LedgerFile, onRow: (r: RecordReader) => void, fast?: Parameters<typeof readFile>[4]) =>
    readFile(dir, kind, report, onRow, fast);

  // The codes in index order, for worker threads to build their own lookup.
  const codes = () => employers.map((e) => e.code);

  const knownEmployer = (r: RecordReader, code: string) => {
    const index = indexOf.get(code);
    if (index === undefined && code.length > 0) {
      r.fail(0, met.has(code) ? `employer "${code}" has errors in employers.csv` : `unknown employer "${code}"`);
    }
    return index;
  };

  const obligationsPath = join(dir, 'obligations.csv');
  const expectedObligations = existsSync(obligationsPath) ? estimateRows(obligationsPath, 30) : 1024;
  const obligations = {
    employer: int32(expectedObligations),
    period: int32(expectedObligations),
    fund: uint8(expectedObligations),
    amount: float64(expectedObligations),
    line: int32(expectedObligations),
  };
  const addObligation = (employer: number, period: number, fund: number, amount: number, line: number) => {
    obligations.employer.push(employer);
    obligations.period.push(period);
    obligations.fund.push(fund);
    obligations.amount.push(amount);
    obligations.line.push(line);
  };
  await read(
    'obligations',
    (r) => {
      const before = r.errorCount;
      const o = readObligation(r);
      const index = knownEmployer(r, o.employer);
      if (r.errorCount === before && index !== undefined) {
        addObligation(index, periodIndex(o.period), FUNDS.indexOf(o.fund), o.amount, r.lineNumber);
      }
    },
    (path, slow) => readLinesParallel(path, 'obligation', codes(), indexOf, { row: addObligation, slow }),
  );

  const paymentsPath = join(dir, 'payments.csv');
  const expectedPayments = existsSync(paymentsPath) ? estimateRows(paymentsPath, 45) : 1024;
  const payments = {
    employer: int32(expectedPayments),
    day: int32(expectedPayments),
    amount: float64(expectedPayments),
  };
  const addPayment = (employer: number, day: number, amount: number) => {
    payments.employer.push(employer);
    payments.day.push(day);
    payments.amount.push(amount);
  };
  await read(
    'payments',
    (r) => {
      const before = r.errorCount;
      const p = readPayment(r);
      const index = knownEmployer(r, p.employer);
      if (r.errorCount === before && index !== undefined) addPayment(index, dayNumber(p.date), p.amount);
    },
    (path, slow) =>
      readLinesParallel(path, 'payment', codes(), indexOf, {
        row: (employer, day, _b, amount) => addPayment(employer, day, amount),
        slow,
      }),
  );

  const obligationRows = groupBy(obligations.employer, employers.length);
  const paymentRows = groupBy(payments.employer, employers.length);
  report(findDuplicates(employers, obligations, obligationRows));
  if (list.count > 0) return { ok: false, errors, errorCount: list.count };

  // Each column reordered by employer, so an employer's rows are one contiguous view. Files that list employers
  // in the order of employers.csv (the usual export) are in that order already, and are used as they are.
  const inFileOrder = (order: Int32Array) => order.every((row, k) => row === k);
  const obligationsInOrder = inFileOrder(obligationRows.order);
  const paymentsInOrder = inFileOrder(paymentRows.order);
  const gather = <T extends Int32Array | Float64Array | Uint8Array>(column: Column<T>, order: Int32Array): T => {
    if (order === obligationRows.order ? obligationsInOrder : paymentsInOrder)
      return column.data.subarray(0, column.length) as T;
    const out = new (column.data.constructor as new (n: number) => T)(order.length);
    for (let k = 0; k < order.length; k++) out[k] = column.data[order[k]!]!;
    return out;
  };
  const oPeriod = gather(obligations.period, obligationRows.order);
  const oFund = gather(obligations.fund, obligationRows.order);
  const oAmount = gather(obligations.amount, obligationRows.order);
  const pDay = gather(payments.day, paymentRows.order);
  const pAmount = gather(payments.amount, paymentRows.order);
  return {
    ok: true,
    folder: {
      employers,
      ledgerOf(index) {
        const [os, oe] = [obligationRows.start[index]!, obligationRows.start[index + 1]!];
        const [ps, pe] = [paymentRows.start[index]!, paymentRows.start[index + 1]!];
        return {
          paymentCycle: employers[index]!.paymentCycle as PaymentCycle,
          obligationCount: oe - os,
          obligationPeriod: oPeriod.subarray(os, oe),
          obligationFund: oFund.subarray(os, oe),
          obligationAmount: oAmount.subarray(os, oe),
          paymentCount: pe - ps,
          paymentDay: pDay.subarray(ps, pe),
          paymentAmount: pAmount.subarray(ps, pe),
        };
      },
    },
  };
}

/** Counting sort of row numbers by employer: rows start[g] … start[g+1] of `order` are employer g's, in file order. */
function groupBy(keys: Column<Int32Array>, groups: number) {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) start[keys.data[i]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groups);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[fill[keys.data[i]!]!++] = i;
  return { start, order };
}

/**
 * Obligations repeating a key (employer, period, fund), in one pass: a stamp per (period, fund) says which employer
 * last used it, and on which line.
 */
function findDuplicates(
  employers: FolderEmployer[],
  o: { period: Column<Int32Array>; fund: Column<Uint8Array>; line: Column<Int32Array> },
  rows: { start: Int32Array; order: Int32Array },
): FieldError[] {
  if (o.period.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < o.period.length; i++) {
    const p = o.period.data[i]!;
    if (p < min) min = p;
    if (p > max) max = p;
  }
  const slots = (max - min + 1) * FUNDS.length;
  const owner = new Int32Array(slots).fill(-1);
  const lineOf = new Int32Array(slots);
  const duplicates: FieldError[] = [];
  for (let e = 0; e < employers.length; e++) {
    for (let k = rows.start[e]!; k < rows.start[e + 1]!; k++) {
      const row = rows.order[k]!;
      const slot = (o.period.data[row]! - min) * FUNDS.length + o.fund.data[row]!;
      if (owner[slot] === e) {
        // Rows read as text may be stored after later lines: the repeat is always the later line.
        const [first, again] = [Math.min(lineOf[slot]!, o.line.data[row]!), Math.max(lineOf[slot]!, o.line.data[row]!)];
        lineOf[slot] = first;
        duplicates.push({
          file: 'obligations.csv',
          line: again,
          column: 0,
          columnName: '',
          message:
            `duplicate obligation ${employers[e]!.code} ${periodFromIndex(o.period.data[row]!)} ` +
            `${FUNDS[o.fund.data[row]!]}: already on line ${first}`,
        });
      } else {
        owner[slot] = e;
        lineOf[slot] = o.line.data[row]!;
      }
    }
  }
  return duplicates.sort((a, b) => a.line - b.line);
}
