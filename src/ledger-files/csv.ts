import { createReadStream } from 'node:fs';

export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Streams a UTF-8 CSV file (RFC 4180: comma-separated, double-quoted fields with "" for a quote, CRLF or LF, an
 * optional byte-order mark) and yields its records a block at a time (one block per chunk read), each with its line
 * number. Records are never all held in memory, so national-size files stream through.
 */
export async function* csvBlocks(path: string, maxRecordChars = MAX_RECORD_CHARS): AsyncGenerator<CsvRecord[]> {
  let block: CsvRecord[] = [];
  const parser = new CsvParser((fields, line) => block.push({ fields, line }), maxRecordChars);
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    parser.push(chunk as string);
    if (block.length > 0) yield block;
    block = [];
  }
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
export const MAX_RECORD_CHARS = 64 * 1024;

export const tooLongRecord = (line: number, max: number) =>
  new CsvSyntaxError(line, `a line is longer than ${max} characters (no line break?)`);

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export class CsvParser {
  private rest = '';
  private line = 0;
  private first = true;

  constructor(
    private readonly onRecord: (fields: string[], line: number) => void,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {}

  push(chunk: string): void {
    let text = this.rest + chunk;
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
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
          if (this.rest.length > this.maxRecordChars) throw tooLongRecord(this.line + 1, this.maxRecordChars);
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
    if (this.rest.length > this.maxRecordChars) throw tooLongRecord(this.line + 1, this.maxRecordChars);
  }

  end(): void {
    if (this.rest.length > 0) {
      if (countQuotes(this.rest, 0, this.rest.length) % 2 === 1) {
        throw new CsvSyntaxError(this.line + 1, 'a quoted field is not closed before the end of the file');
      }
      this.emit(this.rest);
      this.rest = '';
    }
  }

  private emit(raw: string): void {
    const startLine = this.line + 1;
    if (raw.length > this.maxRecordChars) throw tooLongRecord(startLine, this.maxRecordChars);
    this.line += 1 + countNewlines(raw);
    const record = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (record.length === 0) return; // blank lines carry nothing
    this.onRecord(record.includes('"') ? splitQuoted(record, startLine) : record.split(','), startLine);
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

function splitQuoted(record: string, line: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (record[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q < 0) throw new CsvSyntaxError(line, 'a quoted field is not closed');
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
      if (record[i] !== ',') throw new CsvSyntaxError(line, `unexpected character after a quoted field (column ${fields.length})`);
      i++;
    } else {
      const comma = record.indexOf(',', i);
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
