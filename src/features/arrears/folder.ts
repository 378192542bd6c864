import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FUNDS, type Fund, type PaymentCycle } from '../../domain/ledger.js';
import { dayFromNumber, dayNumber, periodFromIndex, periodIndex } from '../../domain/periods.js';
import type { EmployerLedger } from '../../domain/arrears.js';
import { CsvSyntaxError, readCsv } from '../imports/csv.js';
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
} from '../imports/records.js';

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
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}
const int32 = () => new Column(new Int32Array(1024), (n) => new Int32Array(n));
const float64 = () => new Column(new Float64Array(1024), (n) => new Float64Array(n));
const uint8 = () => new Column(new Uint8Array(1024), (n) => new Uint8Array(n));

export interface LedgerFolder {
  employers: EmployerRecord[];
  /** The ledger of employer i (in file order), built on demand so that only one employer's rows are objects. */
  ledgerOf(index: number): EmployerLedger;
}

export type LoadResult = { ok: true; folder: LedgerFolder } | { ok: false; errors: FieldError[]; errorCount: number };

/**
 * Reads employers.csv, obligations.csv and payments.csv from a folder, checking every record (arrears.md "Inputs"):
 * unknown employers or funds, malformed dates or amounts and duplicate obligation keys are reported with file, line
 * and column. Nothing is computed from a folder with any error.
 */
export async function loadLedgerFolder(dir: string): Promise<LoadResult> {
  const errors: FieldError[] = [];
  let errorCount = 0;
  const report = (list: FieldError[]) => {
    errorCount += list.length;
    for (const e of list) if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
    list.length = 0;
  };

  const read = async (kind: LedgerFile, onRow: (r: RecordReader) => void) => {
    const file = `${kind}.csv`;
    const path = join(dir, file);
    if (!existsSync(path)) {
      report([{ file, line: 0, column: 0, columnName: '', message: `file not found in ${dir}` }]);
      return;
    }
    let reader: RecordReader | undefined;
    try {
      await readCsv(path, (fields, line) => {
        if (!reader) {
          const header = readHeader(file, kind, fields);
          report(header.errors);
          reader = new RecordReader(file, FILE_COLUMNS[kind], header.positions);
          if (header.positions.includes(-1)) throw new HeaderRefused();
          return;
        }
        if (reader.start(fields, line)) onRow(reader);
        if (reader.errorCount > 0) report(reader.errors);
      });
    } catch (error) {
      if (error instanceof CsvSyntaxError) report([{ file, line: error.line, column: 0, columnName: '', message: error.message }]);
      else if (!(error instanceof HeaderRefused)) throw error;
    }
    if (!reader) report([{ file, line: 1, column: 0, columnName: '', message: 'is empty: the header row is missing' }]);
  };

  const employers: EmployerRecord[] = [];
  const indexOf = new Map<string, number>();
  const firstLine = new Map<string, number>();
  await read('employers', (r) => {
    const before = r.errorCount;
    const employer = readEmployer(r);
    const seen = firstLine.get(employer.code);
    if (seen !== undefined) r.fail(0, `employer code "${employer.code}" already appears on line ${seen}`);
    if (r.errorCount === before) {
      indexOf.set(employer.code, employers.length);
      employers.push(employer);
    }
    if (employer.code) firstLine.set(employer.code, firstLine.get(employer.code) ?? r.lineNumber);
  });

  const knownEmployer = (r: RecordReader, code: string) => {
    const index = indexOf.get(code);
    if (index === undefined && code.length > 0) {
      r.fail(0, firstLine.has(code) ? `employer "${code}" has errors in employers.csv` : `unknown employer "${code}"`);
    }
    return index;
  };

  const obligations = { employer: int32(), period: int32(), fund: uint8(), amount: float64(), line: int32() };
  await read('obligations', (r) => {
    const before = r.errorCount;
    const o = readObligation(r);
    const index = knownEmployer(r, o.employer);
    if (r.errorCount > before || index === undefined) return;
    obligations.employer.push(index);
    obligations.period.push(periodIndex(o.period));
    obligations.fund.push(FUNDS.indexOf(o.fund));
    obligations.amount.push(o.amount);
    obligations.line.push(r.lineNumber);
  });

  const payments = { employer: int32(), day: int32(), amount: float64() };
  await read('payments', (r) => {
    const before = r.errorCount;
    const p = readPayment(r);
    const index = knownEmployer(r, p.employer);
    if (r.errorCount > before || index === undefined) return;
    payments.employer.push(index);
    payments.day.push(dayNumber(p.date));
    payments.amount.push(p.amount);
  });

  const obligationOrder = groupBy(obligations.employer, employers.length);
  const paymentOrder = groupBy(payments.employer, employers.length);

  // Duplicate keys (employer, period, fund): within an employer's rows, sorted by key, equal neighbours.
  const duplicates: FieldError[] = [];
  for (let e = 0; e < employers.length; e++) {
    const rows = Array.from(obligationOrder.rowsOf(e)).sort(
      (a, b) =>
        obligations.period.data[a]! - obligations.period.data[b]! ||
        obligations.fund.data[a]! - obligations.fund.data[b]! ||
        obligations.line.data[a]! - obligations.line.data[b]!,
    );
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      if (obligations.period.data[a] === obligations.period.data[b] && obligations.fund.data[a] === obligations.fund.data[b]) {
        duplicates.push({
          file: 'obligations.csv', line: obligations.line.data[b]!, column: 0, columnName: '',
          message: `duplicate obligation ${employers[e]!.code} ${periodFromIndex(obligations.period.data[b]!)} ` +
            `${FUNDS[obligations.fund.data[b]!]}: already on line ${obligations.line.data[a]}`,
        });
      }
    }
  }
  report(duplicates.sort((a, b) => a.line - b.line));

  if (errorCount > 0) return { ok: false, errors, errorCount };

  return {
    ok: true,
    folder: {
      employers,
      ledgerOf(index) {
        return {
          paymentCycle: employers[index]!.paymentCycle as PaymentCycle,
          obligations: Array.from(obligationOrder.rowsOf(index), (row) => ({
            period: periodFromIndex(obligations.period.data[row]!),
            fund: FUNDS[obligations.fund.data[row]!] as Fund,
            amount: obligations.amount.data[row]!,
          })),
          payments: Array.from(paymentOrder.rowsOf(index), (row) => ({
            date: dayFromNumber(payments.day.data[row]!),
            amount: payments.amount.data[row]!,
            reference: '',
          })),
        };
      },
    },
  };
}

class HeaderRefused extends Error {}

/** Counting sort of row numbers by employer: rowsOf(e) lists employer e's rows in file order. */
function groupBy(keys: Column<Int32Array>, groups: number) {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) start[keys.data[i]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groups);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[fill[keys.data[i]!]!++] = i;
  return { rowsOf: (g: number) => order.subarray(start[g]!, start[g + 1]!) };
}
