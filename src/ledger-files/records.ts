import { EMPLOYER_STATUSES, FUNDS, type EmployerStatus, type Fund, type PaymentCycle } from '../domain/ledger.js';
import { foldForSearch } from '../domain/text.js';
import { parseAmount, parseDay, parsePeriod } from './cell-values.js';
import { COLUMN_SPECS, columnLetter, FILE_COLUMNS, type Language, type LedgerFile } from './columns.js';
import { importMessage, type ImportProblem } from './import-messages.js';

/**
 * The interchange files (arrears.md "Inputs"): their columns and the check of one record. Pure: the CLI, the
 * database import and the .xlsx reader all validate rows here, so a row is judged the same way everywhere.
 */
export { FILE_COLUMNS, type LedgerFile } from './columns.js';

export interface FieldError {
  file: string;
  /** The spreadsheet's row (the CSV record's, blank lines counted, a quoted line break not). */
  line: number;
  /** 1-based; 0 when the problem is the whole row or file. */
  column: number;
  /** The spreadsheet's column letter ('' with column 0). */
  columnLetter?: string;
  /** The column's code (`amount`), or '' with column 0. */
  columnName: string;
  /** Set on every problem an import reports; the folder reader of `dondoc arrears` writes messages of its own. */
  code?: ImportProblem;
  message: string;
}

export function formatFieldError(e: FieldError): string {
  return e.column > 0
    ? `${e.file}:${e.line}:${e.column} (${e.columnName}): ${e.message}`
    : `${e.file}:${e.line}: ${e.message}`;
}

/** A problem at a place of the file, its message in the given language. */
export function fieldError(
  file: string,
  line: number,
  column: number,
  columnName: string,
  code: ImportProblem,
  params: Record<string, string | number>,
  language: Language,
): FieldError {
  return {
    file,
    line,
    column,
    columnLetter: column > 0 ? columnLetter(column) : '',
    columnName,
    code,
    message: importMessage(code, params, language),
  };
}

/** The names a heading may take for each column: its code, its Vietnamese and its English label, folded. */
const HEADINGS = new Map<LedgerFile, Map<string, string>>(
  (Object.keys(FILE_COLUMNS) as LedgerFile[]).map((kind) => [
    kind,
    new Map(
      FILE_COLUMNS[kind].flatMap((name) => {
        const { label } = COLUMN_SPECS[kind][name]!;
        return [foldHeading(name), foldHeading(label.vi), foldHeading(label.en)].map(
          (h) => [h, name] as [string, string],
        );
      }),
    ),
  ]),
);

function foldHeading(text: string): string {
  return foldForSearch(text).replace(/[\s_]+/g, ' ');
}

/**
 * Maps a header row to column positions; the columns may come in any order, headed by code or label, extra columns
 * are refused.
 */
export function readHeader(
  file: string,
  kind: LedgerFile,
  fields: string[],
  language: Language = 'en',
): { positions: number[]; errors: FieldError[] } {
  const expected = FILE_COLUMNS[kind] as readonly string[];
  const headings = HEADINGS.get(kind)!;
  const names = fields.map((f) => headings.get(foldHeading(f)) ?? f.trim().toLowerCase());
  const errors: FieldError[] = [];
  const labelOf = (name: string) => (language === 'en' ? name : `${name} (${COLUMN_SPECS[kind][name]!.label.vi})`);
  names.forEach((name, i) => {
    if (!expected.includes(name)) {
      errors.push(
        fieldError(
          file,
          1,
          i + 1,
          name,
          'unknown_column',
          { name: fields[i]!, expected: language === 'en' ? expected.join(',') : expected.map(labelOf).join(', ') },
          language,
        ),
      );
    } else if (names.indexOf(name) !== i) {
      errors.push(fieldError(file, 1, i + 1, name, 'duplicate_column', { name: fields[i]! }, language));
    }
  });
  const positions = expected.map((name) => names.indexOf(name));
  positions.forEach((p, i) => {
    if (p < 0)
      errors.push(fieldError(file, 1, 0, expected[i]!, 'missing_column', { name: labelOf(expected[i]!) }, language));
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
    private readonly language: Language = 'en',
  ) {}

  start(fields: string[], line: number): boolean {
    this.fields = fields;
    this.line = line;
    if (fields.length !== this.columns.length) {
      // Trailing empty cells are what a spreadsheet leaves when a row was once wider: they carry nothing.
      let width = fields.length;
      while (width > this.columns.length && fields[width - 1]!.trim() === '') width--;
      if (width === this.columns.length) {
        this.fields = fields.slice(0, width);
        return true;
      }
      this.errors.push(
        fieldError(
          this.file,
          line,
          0,
          '',
          'field_count',
          { count: fields.length, expected: this.columns.length, columns: this.columns.join(',') },
          this.language,
        ),
      );
      return false;
    }
    return true;
  }

  /** A problem of the field at `index`, by code. */
  problem(index: number, code: ImportProblem, params: Record<string, string | number> = {}): void {
    this.errors.push(
      fieldError(this.file, this.line, this.positions[index]! + 1, this.columns[index]!, code, params, this.language),
    );
  }

  /** A problem of the field at `index` that the catalogue does not hold (the `dondoc arrears` folder checks). */
  fail(index: number, message: string): void {
    const column = this.positions[index]! + 1;
    this.errors.push({
      file: this.file,
      line: this.line,
      column,
      columnLetter: columnLetter(column),
      columnName: this.columns[index]!,
      message,
    });
  }

  text(index: number, { required = true } = {}): string {
    const value = this.fields[this.positions[index]!]!.trim();
    if (required && value.length === 0) this.problem(index, 'empty');
    return value;
  }

  /** Whole đồng (or a count), in the forms parseAmount accepts. */
  wholeNumber(index: number, { min = -Infinity } = {}): number {
    const raw = this.text(index);
    if (raw.length === 0) return 0;
    const parsed = parseAmount(raw);
    if (!parsed.ok) {
      this.problem(index, parsed.reason, { value: raw });
      return 0;
    }
    if (parsed.value < min) this.problem(index, 'below_min', { min, value: raw });
    return parsed.value;
  }

  oneOf<T extends string | number>(
    index: number,
    allowed: readonly T[],
    parse: (raw: string) => T = (raw) => raw as T,
  ): T {
    const raw = this.text(index);
    const value = parse(raw);
    if (raw.length > 0 && !allowed.includes(value))
      this.problem(index, 'not_one_of', { value: raw, allowed: allowed.join(', ') });
    return value;
  }

  period(index: number): string {
    const raw = this.text(index);
    if (raw.length === 0) return raw;
    const parsed = parsePeriod(raw);
    if (parsed.ok) return parsed.value;
    this.problem(index, parsed.reason, { value: raw });
    return raw;
  }

  day(index: number): string {
    const raw = this.text(index);
    if (raw.length === 0) return raw;
    const parsed = parseDay(raw);
    if (parsed.ok) return parsed.value;
    this.problem(index, parsed.reason, { value: raw });
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
