import {
  EMPLOYER_STATUSES,
  FUNDS,
  type EmployerStatus,
  type Fund,
  type PaymentCycle,
} from '../domain/ledger.js';
import { isDay, isPeriod } from '../domain/periods.js';

/**
 * The interchange files (arrears.md "Inputs"): their columns and the check of one record. Pure: the CLI, the
 * database import and the .xlsx reader all validate rows here, so a row is judged the same way everywhere.
 */
export const FILE_COLUMNS = {
  employers: ['code', 'tax_code', 'name', 'province', 'office', 'ownership', 'headcount', 'status', 'payment_cycle'],
  obligations: ['employer', 'period', 'fund', 'amount'],
  payments: ['employer', 'date', 'amount', 'reference'],
} as const;
export type LedgerFile = keyof typeof FILE_COLUMNS;

export interface FieldError {
  file: string;
  line: number;
  column: number;
  columnName: string;
  message: string;
}

export function formatFieldError(e: FieldError): string {
  return e.column > 0
    ? `${e.file}:${e.line}:${e.column} (${e.columnName}): ${e.message}`
    : `${e.file}:${e.line}: ${e.message}`;
}

/** Maps a header row to column positions; the columns may come in any order, extra columns are refused. */
export function readHeader(file: string, kind: LedgerFile, fields: string[]): { positions: number[]; errors: FieldError[] } {
  const expected = FILE_COLUMNS[kind] as readonly string[];
  const names = fields.map((f) => f.trim().toLowerCase());
  const errors: FieldError[] = [];
  names.forEach((name, i) => {
    if (!expected.includes(name)) {
      errors.push({ file, line: 1, column: i + 1, columnName: name, message: `unknown column "${fields[i]}"; expected ${expected.join(',')}` });
    } else if (names.indexOf(name) !== i) {
      errors.push({ file, line: 1, column: i + 1, columnName: name, message: `column "${name}" appears twice` });
    }
  });
  const positions = expected.map((name) => names.indexOf(name));
  positions.forEach((p, i) => {
    if (p < 0) errors.push({ file, line: 1, column: 0, columnName: expected[i]!, message: `missing column "${expected[i]}"` });
  });
  return { positions, errors };
}

/** Reads the fields of one record by column name, collecting every problem with its column. */
export class RecordReader {
  readonly errors: FieldError[] = [];
  private fields: string[] = [];
  private line = 0;

  constructor(
    private readonly file: string,
    private readonly columns: readonly string[],
    private readonly positions: number[],
  ) {}

  start(fields: string[], line: number): boolean {
    this.fields = fields;
    this.line = line;
    if (fields.length !== this.columns.length) {
      this.errors.push({
        file: this.file, line, column: 0, columnName: '',
        message: `has ${fields.length} fields; expected ${this.columns.length} (${this.columns.join(',')})`,
      });
      return false;
    }
    return true;
  }

  fail(index: number, message: string): void {
    this.errors.push({
      file: this.file, line: this.line, column: this.positions[index]! + 1, columnName: this.columns[index]!, message,
    });
  }

  text(index: number, { required = true } = {}): string {
    const value = this.fields[this.positions[index]!]!.trim();
    if (required && value.length === 0) this.fail(index, 'is empty');
    return value;
  }

  wholeNumber(index: number, { min = -Infinity } = {}): number {
    const raw = this.text(index);
    if (raw.length === 0) return 0;
    if (!/^-?\d+$/.test(raw)) {
      this.fail(index, `"${raw}" is not a whole number (amounts are whole VND, without separators)`);
      return 0;
    }
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) this.fail(index, `"${raw}" is too large`);
    else if (value < min) this.fail(index, min === 1 ? `must be greater than 0, got ${raw}` : `must be at least ${min}, got ${raw}`);
    return value;
  }

  oneOf<T extends string | number>(index: number, allowed: readonly T[], parse: (raw: string) => T = (raw) => raw as T): T {
    const raw = this.text(index);
    const value = parse(raw);
    if (raw.length > 0 && !allowed.includes(value)) this.fail(index, `"${raw}" is not one of ${allowed.join(', ')}`);
    return value;
  }

  period(index: number): string {
    const raw = this.text(index);
    if (raw.length > 0 && !isPeriod(raw)) this.fail(index, `"${raw}" is not a month in the form YYYY-MM`);
    return raw;
  }

  day(index: number): string {
    const raw = this.text(index);
    if (raw.length > 0 && !isDay(raw)) this.fail(index, `"${raw}" is not a date in the form YYYY-MM-DD`);
    return raw;
  }

  /** The line of the record being read. */
  get lineNumber(): number {
    return this.line;
  }

  get errorCount(): number {
    return this.errors.length;
  }
}

export interface EmployerRecord {
  code: string;
  taxCode: string;
  name: string;
  province: string;
  office: string;
  ownership: string;
  headcount: number;
  status: EmployerStatus;
  paymentCycle: PaymentCycle;
}

export function readEmployer(r: RecordReader): EmployerRecord {
  return {
    code: r.text(0),
    taxCode: r.text(1, { required: false }),
    name: r.text(2),
    province: r.text(3, { required: false }),
    office: r.text(4, { required: false }),
    ownership: r.text(5, { required: false }),
    headcount: r.wholeNumber(6, { min: 0 }),
    status: r.oneOf(7, EMPLOYER_STATUSES, (raw) => raw.toLowerCase() as EmployerStatus),
    paymentCycle: r.oneOf<PaymentCycle>(8, [1, 3, 6], (raw) => Number(raw) as PaymentCycle),
  };
}

export interface ObligationRecord {
  employer: string;
  period: string;
  fund: Fund;
  amount: number;
}

export function readObligation(r: RecordReader): ObligationRecord {
  return {
    employer: r.text(0),
    period: r.period(1),
    fund: r.oneOf(2, FUNDS, (raw) => raw.toUpperCase() as Fund),
    amount: r.wholeNumber(3),
  };
}

export interface PaymentRecord {
  employer: string;
  date: string;
  amount: number;
  reference: string;
}

export function readPayment(r: RecordReader): PaymentRecord {
  return {
    employer: r.text(0),
    date: r.day(1),
    amount: r.wholeNumber(2, { min: 1 }),
    reference: r.text(3, { required: false }),
  };
}
