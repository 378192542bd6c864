import { createReadStream } from 'node:fs';
import { ChunkDecoder, detectEncoding } from './text-encoding.js';

export interface CsvRecord {
  fields: string[];
  /** The record's row as a spreadsheet shows the file: blank lines count, a line break inside quotes does not. */
  line: number;
}

/**
 * Streams a CSV file as offices save it — UTF-8 (with or without a byte-order mark), UTF-16 or Windows-1258, the
 * encoding found once from its first bytes (text-encoding.ts); fields separated by commas, or by the semicolons or
 * tabs Excel writes on a Vietnamese Windows, found from the header line; RFC 4180 quoting, CRLF or LF — and yields
 * its records a block at a time (one block per chunk read), each with its spreadsheet row. Records are never all
 * held in memory, so national-size files stream through. Throws EncodingRefused or CsvSyntaxError.
 */
export async function* csvBlocks(path: string, maxRecordChars = MAX_RECORD_CHARS): AsyncGenerator<CsvRecord[]> {
  let block: CsvRecord[] = [];
  const parser = new CsvParser((fields, _line, row) => block.push({ fields, line: row }), maxRecordChars, 'auto');
  let decoder: ChunkDecoder | undefined;
  const row = () => parser.rows + 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    decoder ??= new ChunkDecoder(detectEncoding((chunk as Buffer).subarray(0, 64 * 1024)));
    parser.push(decoder.decode(chunk as Buffer, row));
    if (block.length > 0) yield block;
    block = [];
  }
  if (decoder) parser.push(decoder.end(row));
  parser.end();
  if (block.length > 0) yield block;
}

/** Calls `onRecord` for each record of the file, in order (see csvBlocks). */
export async function readCsv(path: string, onRecord: (fields: string[], line: number) => void): Promise<void> {
  const parser = new CsvParser(onRecord);
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    parser.push(chunk as string);
  }
  parser.end();
}

/**
 * Longest record a reader holds (characters), unless told otherwise: a ledger line is a few hundred characters, and
 * a file without line breaks must be refused at its first megabytes, not gathered whole.
 */
/** The records of a file of named columns (see readNamedColumns). */
export interface NamedColumnsFile {
  /** Each record's values in the order of the columns asked for, trimmed; '' for a column the header lacks. */
  records: { line: number; values: string[] }[];
  /** The required columns the header lacks. */
  missing: string[];
  /** No header at all: the file is empty. */
  empty: boolean;
}

/**
 * A small file of named columns, as offices keep them (the accounts or the office tree): a header naming the columns
 * in any order and any case, then one record a line; blank lines are skipped.
 */
export async function readNamedColumns(
  path: string,
  columns: readonly string[],
  optional: readonly string[] = [],
): Promise<NamedColumnsFile> {
  const records: NamedColumnsFile['records'] = [];
  let positions: number[] | null = null;
  let missing: string[] = [];
  await readCsv(path, (fields, line) => {
    if (positions === null) {
      const header = fields.map((f) => f.trim().toLowerCase());
      const found = columns.map((c) => header.indexOf(c));
      positions = found;
      missing = columns.filter((c, i) => found[i] === -1 && !optional.includes(c));
      return;
    }
    if (fields.every((f) => f.trim() === '')) return;
    const at = positions;
    records.push({ line, values: at.map((p) => (p === -1 ? '' : (fields[p] ?? '').trim())) });
  });
  return { records, missing, empty: positions === null };
}

export const MAX_RECORD_CHARS = 64 * 1024;

export const tooLongRecord = (line: number, max: number) =>
  new CsvSyntaxError(line, `a line is longer than ${max} characters (no line break?)`, 'line_too_long', { max });

export class CsvSyntaxError extends Error {
  /** The spreadsheet row of the record (see CsvRecord); the parser sets it, else the line. */
  row: number;

  constructor(
    readonly line: number,
    message: string,
    readonly code: 'line_too_long' | 'unclosed_quote' | 'after_quote',
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.row = line;
  }
}

type Separator = ',' | ';' | '\t';

/** The separator of a file from its header line: the one it holds most of, a comma when in doubt. */
function separatorOf(headerLine: string): Separator {
  const count = (c: string) => headerLine.split(c).length - 1;
  const [comma, semicolon, tab] = [count(','), count(';'), count('\t')];
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

export class CsvParser {
  private rest = '';
  private line = 0;
  private row = 0;
  private first = true;
  private separator: Separator;

  constructor(
    /** `line` is the record's first physical line; `row` its row as a spreadsheet shows the file. */
    private readonly onRecord: (fields: string[], line: number, row: number) => void,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
    separator: Separator | 'auto' = ',',
  ) {
    this.separator = separator === 'auto' ? ',' : separator;
    this.detect = separator === 'auto';
  }

  private detect: boolean;

  /** Records met so far, blank ones included. */
  get rows(): number {
    return this.row;
  }

  push(chunk: string): void {
    let text = this.rest + chunk;
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) return;
      this.first = false;
    }
    if (this.detect) {
      const nl = text.indexOf('\n');
      if (nl < 0 && text.length < this.maxRecordChars) {
        this.rest = text;
        return;
      }
      this.separator = separatorOf(nl < 0 ? text : text.slice(0, nl));
      this.detect = false;
    }
    let start = 0;
    // Where the next quote is: lines before it need no quote handling, which is nearly every line of most files.
    let nextQuote = text.indexOf('"');
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      if (nextQuote < 0 || nextQuote > nl) {
        this.emit(text.slice(start, nl));
        start = nl + 1;
        continue;
      }
      // A quoted field may hold a newline: then the record goes on past this one.
      let end = nl;
      let quotes = countQuotes(text, start, end);
      while (quotes % 2 === 1) {
        const more = text.indexOf('\n', end + 1);
        if (more < 0) {
          this.rest = text.slice(start);
          if (this.rest.length > this.maxRecordChars) throw this.tooLong();
          return;
        }
        quotes += countQuotes(text, end, more);
        end = more;
      }
      this.emit(text.slice(start, end));
      start = end + 1;
      nextQuote = text.indexOf('"', start);
    }
    this.rest = text.slice(start);
    if (this.rest.length > this.maxRecordChars) throw this.tooLong();
  }

  private tooLong(): CsvSyntaxError {
    const error = tooLongRecord(this.line + 1, this.maxRecordChars);
    error.row = this.row + 1;
    return error;
  }

  end(): void {
    if (this.detect && this.rest.length > 0) this.separator = separatorOf(this.rest);
    if (this.rest.length > 0) {
      if (countQuotes(this.rest, 0, this.rest.length) % 2 === 1) {
        const error = new CsvSyntaxError(
          this.line + 1,
          'a quoted field is not closed before the end of the file',
          'unclosed_quote',
        );
        error.row = this.row + 1;
        throw error;
      }
      this.emit(this.rest);
      this.rest = '';
    }
  }

  private emit(raw: string): void {
    const startLine = this.line + 1;
    const row = ++this.row;
    if (raw.length > this.maxRecordChars) {
      const error = tooLongRecord(startLine, this.maxRecordChars);
      error.row = row;
      throw error;
    }
    this.line += 1 + countNewlines(raw);
    const record = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (record.length === 0) return; // blank lines carry nothing
    let fields: string[];
    try {
      fields = record.includes('"') ? splitQuoted(record, startLine, this.separator) : record.split(this.separator);
    } catch (error) {
      if (error instanceof CsvSyntaxError) error.row = row;
      throw error;
    }
    this.onRecord(fields, startLine, row);
  }
}

function countQuotes(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 34) n++;
  return n;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function splitQuoted(record: string, line: number, separator: Separator): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (record[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q < 0) throw new CsvSyntaxError(line, 'a quoted field is not closed', 'unclosed_quote');
        value += record.slice(i, q);
        if (record[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      if (i === record.length) return fields;
      if (record[i] !== separator) {
        throw new CsvSyntaxError(
          line,
          `unexpected character after a quoted field (column ${fields.length})`,
          'after_quote',
          { column: fields.length },
        );
      }
      i++;
    } else {
      const comma = record.indexOf(separator, i);
      if (comma < 0) {
        fields.push(record.slice(i));
        return fields;
      }
      fields.push(record.slice(i, comma));
      i = comma + 1;
    }
    if (i === record.length) {
      fields.push('');
      return fields;
    }
  }
}

/** A field as RFC 4180 writes it: quoted only where needed (addresses hold commas). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
