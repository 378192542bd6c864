import { createReadStream } from 'node:fs';
import { daysFromCivil } from '../domain/periods.js';
import { CsvParser, MAX_RECORD_CHARS, tooLongRecord } from './csv.js';

/**
 * Reads the obligation and payment files of a national data set (tens of millions of lines) fast: lines in the
 * canonical layout are parsed straight from the bytes; any other line (quotes, spaces, lower case, a bad value) goes
 * to `slow` as text fields, where the ordinary record checks accept it or report it with line and column. So the
 * result is the same as parsing every line slowly, only quicker.
 */

export const COMMA = 44;
export const NL = 10;
export const CR = 13;
export const QUOTE = 34;
export const DASH = 45;
export const ZERO = 48;

export interface FastSink {
  /** A canonical line; returns false to send the line to `slow` instead (e.g. an unknown employer). */
  fast(code: string, a: number, b: number, amount: number, line: number): boolean;
  slow(fields: string[], line: number): void;
}

export type LineLayout = 'obligation' | 'payment';

const [B, H, X, Y, T, N, L, D] = [...'BHXYTNLD'].map((c) => c.charCodeAt(0));

/** The index in FUNDS (BHXH, BHTNLD, BHTN, BHYT) of the bytes at i, or −1. */
export function fundAt(buf: Buffer, i: number, length: number): number {
  if (buf[i] !== B || buf[i + 1] !== H) return -1;
  const c = buf[i + 2];
  if (length === 4) {
    const d = buf[i + 3];
    if (c === X && d === H) return 0;
    if (c === T && d === N) return 2;
    if (c === Y && d === T) return 3;
    return -1;
  }
  return length === 6 && c === T && buf[i + 3] === N && buf[i + 4] === L && buf[i + 5] === D ? 1 : -1;
}

/** Parses `YYYY-MM` at i: month index, or −1. */
export function period(buf: Buffer, i: number): number {
  const y = digits(buf, i, 4);
  if (y < 0 || buf[i + 4] !== DASH) return -1;
  const m = digits(buf, i + 5, 2);
  return m >= 1 && m <= 12 ? y * 12 + m - 1 : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses `YYYY-MM-DD` at i: days since 1970-01-01, or −1 for anything that is not a real date. */
export function day(buf: Buffer, i: number): number {
  const y = digits(buf, i, 4);
  if (y < 0 || buf[i + 4] !== DASH || buf[i + 7] !== DASH) return -1;
  const m = digits(buf, i + 5, 2);
  const d = digits(buf, i + 8, 2);
  if (m < 1 || m > 12 || d < 1) return -1;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0)) return -1;
  return daysFromCivil(y, m, d);
}

export function digits(buf: Buffer, i: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = buf[i + k]! - ZERO;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

// Files list an employer's rows together: the code of the previous line is usually the code of this one, so its
// bytes are compared before a new string is made.
let lastCode = '';
const lastCodeBytes = Buffer.alloc(256);
let lastCodeLength = -1;

function codeAt(buf: Buffer, start: number, end: number): string {
  const length = end - start;
  if (length === lastCodeLength) {
    let same = true;
    for (let k = 0; k < length; k++) {
      if (buf[start + k] !== lastCodeBytes[k]) {
        same = false;
        break;
      }
    }
    if (same) return lastCode;
  }
  lastCode = buf.toString('utf8', start, end);
  if (length <= lastCodeBytes.length) {
    buf.copy(lastCodeBytes, 0, start, end);
    lastCodeLength = length;
  } else lastCodeLength = -1;
  return lastCode;
}

/**
 * Parses one canonical line [start, end) (no line break). Obligation: code,YYYY-MM,FUND,amount → (period index,
 * fund index). Payment: code,YYYY-MM-DD,amount,reference → (day number, 0). Returns false for anything else.
 */
function parseLine(buf: Buffer, start: number, end: number, layout: LineLayout, sink: FastSink, line: number): boolean {
  const c1 = buf.indexOf(COMMA, start);
  if (c1 <= start || c1 >= end) return false;
  const code = codeAt(buf, start, c1);
  let i = c1 + 1;
  let a: number;
  let b = 0;
  if (layout === 'obligation') {
    a = period(buf, i);
    if (a < 0 || buf[i + 7] !== COMMA) return false;
    i += 8;
    const c3 = buf.indexOf(COMMA, i);
    if (c3 < 0 || c3 >= end) return false;
    b = fundAt(buf, i, c3 - i);
    if (b < 0) return false;
    i = c3 + 1;
  } else {
    a = day(buf, i);
    if (a < 0 || buf[i + 10] !== COMMA) return false;
    i += 11;
  }
  // Whole VND: an optional minus (obligations only), then 1 to 15 digits.
  let negative = false;
  if (buf[i] === DASH && layout === 'obligation') {
    negative = true;
    i++;
  }
  let amount = 0;
  const first = i;
  while (i < end && buf[i] !== COMMA) {
    const c = buf[i]! - ZERO;
    if (c < 0 || c > 9) return false;
    amount = amount * 10 + c;
    i++;
  }
  if (i === first || i - first > 15) return false;
  if (layout === 'obligation' ? i !== end : i === end || buf[i] !== COMMA || amount === 0) return false;
  // The payment reference (the rest of the line) plays no part in the computation, only in errors and imports.
  if (layout === 'payment' && buf.indexOf(COMMA, i + 1) >= 0 && buf.indexOf(COMMA, i + 1) < end) return false;
  return sink.fast(code, a, b, negative ? -amount : amount, line);
}

export interface ByteRange {
  start: number;
  /** Exclusive. */
  end: number;
  /** Whether the range begins with the header line (skipped). */
  header: boolean;
}

/**
 * Streams `path` (or a byte range of it that starts and ends on line boundaries), skipping the header, and hands
 * each data line to the sink with its line number (counted from the range's start). A quote anywhere hands the rest
 * of a whole file to the full CSV parser, since a quoted field may span lines; in a range, it stops the reading and
 * says so, for the caller to read the whole file instead.
 */
export async function readLines(
  path: string,
  layout: LineLayout,
  sink: FastSink,
  range?: ByteRange,
): Promise<{ lines: number; sawQuote: boolean }> {
  const header = range ? range.header : true;
  let rest: Buffer | null = null;
  let line = 0;
  let quoted: CsvParser | null = null;
  let quotedFrom = 0;
  const text = (buf: Buffer, s: number, e: number) => buf.toString('utf8', s, e);
  const stream = createReadStream(path, {
    highWaterMark: 1 << 22,
    ...(range ? { start: range.start, end: range.end - 1 } : {}),
  });
  for await (const chunk of stream) {
    if (quoted) {
      quoted.push((chunk as Buffer).toString('utf8'));
      continue;
    }
    const buf: Buffer = rest ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    // Found once per chunk: searching for a quote from every line would scan the rest of the chunk each time.
    const q = buf.indexOf(QUOTE);
    for (;;) {
      const nl = buf.indexOf(NL, start);
      if (nl < 0) break;
      line++;
      if (q >= 0 && q < nl) {
        if (range) {
          stream.destroy();
          return { lines: line, sawQuote: true };
        }
        quotedFrom = line - 1;
        quoted = new CsvParser((fields, l) => sink.slow(fields, l + quotedFrom));
        quoted.push(buf.toString('utf8', start));
        start = buf.length;
        break;
      }
      const end = nl > start && buf[nl - 1] === CR ? nl - 1 : nl;
      if ((line > 1 || !header) && end > start && !parseLine(buf, start, end, layout, sink, line)) {
        sink.slow(text(buf, start, end).split(','), line);
      }
      start = nl + 1;
    }
    rest = start < buf.length ? buf.subarray(start) : null;
    if (rest && rest.length > MAX_RECORD_CHARS) throw tooLongRecord(line + 1, MAX_RECORD_CHARS);
  }
  if (quoted) {
    quoted.end();
    return { lines: line, sawQuote: true };
  }
  if (rest && rest.length > 0) {
    if (rest.includes(QUOTE)) {
      if (range) return { lines: line + 1, sawQuote: true };
      const parser = new CsvParser((fields, l) => sink.slow(fields, l + line));
      parser.push(rest.toString('utf8'));
      parser.end();
      return { lines: line + 1, sawQuote: true };
    }
    line++;
    const end = rest[rest.length - 1] === CR ? rest.length - 1 : rest.length;
    if ((line > 1 || !header) && end > 0 && !parseLine(rest, 0, end, layout, sink, line)) {
      sink.slow(text(rest, 0, end).split(','), line);
    }
  }
  return { lines: line, sawQuote: false };
}
