import { isUtf8 } from 'node:buffer';
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { COMMA, CR, DASH, day, fundAt, NL, period, QUOTE, ZERO } from './fast-lines.js';
import { FILE_COLUMNS } from './records.js';

/**
 * The bulk path of an import: a file of obligations or payments in the canonical layout, every line of which passes
 * the byte checks below, goes straight into its table by COPY, employer codes replaced by ids. Whatever this path
 * does not accept — another layout, a line it cannot vouch for, an unknown employer — makes it give up with
 * NotDirect, and so does a key the table already holds or the file repeats (the table's unique key refuses it):
 * the staged import then takes the file and reports each problem by line and column, or applies the updates.
 */
export class NotDirect extends Error {}

export type DirectKind = 'obligations' | 'payments';

const SPACE = 32;
const TAB = 9;
const BACKSLASH = 92;

/** Whole VND at i: an optional minus when allowed, then 1 to 15 digits. Returns the index after it, or −1. */
function amountEnd(buf: Buffer, i: number, signed: boolean, positive: boolean): number {
  if (signed && buf[i] === DASH) i++;
  const first = i;
  let nonZero = false;
  for (let d = buf[i]! - ZERO; d >= 0 && d <= 9; d = buf[++i]! - ZERO) if (d > 0) nonZero = true;
  if (i === first || i - first > 15 || (positive && !nonZero)) return -1;
  return i;
}

/**
 * The rest of line [c, e) after the employer code, if it is canonical: `,YYYY-MM,FUND,amount` for an obligation,
 * `,YYYY-MM-DD,amount,reference` for a payment (the reference plain text, as the staged import would store it).
 */
function canonicalRest(buf: Buffer, c: number, e: number, kind: DirectKind): boolean {
  let i = c + 1;
  if (kind === 'obligations') {
    if (period(buf, i) < 0 || buf[i + 7] !== COMMA) return false;
    i += 8;
    const f = buf.indexOf(COMMA, i);
    if (f < 0 || f >= e || fundAt(buf, i, f - i) < 0) return false;
    return amountEnd(buf, f + 1, true, false) === e;
  }
  if (day(buf, i) < 0 || buf[i + 10] !== COMMA) return false;
  i = amountEnd(buf, i + 11, false, true);
  if (i < 0 || buf[i] !== COMMA || i + 1 >= e || buf[i + 1] === SPACE || buf[e - 1] === SPACE) return false;
  let ascii = true;
  for (let k = i + 1; k < e; k++) {
    const b = buf[k]!;
    if (b === COMMA || b === QUOTE || b === TAB || b === BACKSLASH || b === CR) return false;
    if (b >= 0x80) ascii = false;
  }
  // A reference in another encoding (a Windows-1258 file) is the staged import's to decode.
  return ascii || isUtf8(buf.subarray(i + 1, e));
}

/**
 * The file as CSV lines for COPY (no header): `id,rest of the line`. Records in `touched` every employer met and
 * calls `onRows` with the running count; every byte of the file goes through `hash`, when given. Throws NotDirect at
 * the first line it does not accept.
 */
export async function* directLines(
  path: string,
  kind: DirectKind,
  ids: ReadonlyMap<string, number>,
  touched: Set<number>,
  onRows: (rows: number) => void,
  hash?: Hash,
): AsyncGenerator<Buffer> {
  const header = FILE_COLUMNS[kind].join(',');
  let rows = 0;
  let line = 0;
  // The last code met and its id: consecutive lines usually share them, so the bytes are compared, not decoded.
  const code = Buffer.alloc(64);
  let codeLength = -1;
  let id = '';
  /** The COPY lines of the whole lines in buf, and where the unfinished last line begins. */
  const convert = (buf: Buffer): { out: Buffer; rest: number } => {
    const out = Buffer.allocUnsafe(buf.length * 2 + 64);
    let o = 0;
    let s = 0;
    for (let nl = buf.indexOf(NL, s); nl >= 0; s = nl + 1, nl = buf.indexOf(NL, s)) {
      const e = nl > s && buf[nl - 1] === CR ? nl - 1 : nl;
      line++;
      if (line === 1) {
        const text = buf.toString('utf8', s, e).replace(/^\uFEFF/, '');
        if (text !== header) throw new NotDirect('not the canonical header');
        continue;
      }
      const c = buf.indexOf(COMMA, s);
      if (c <= s || c >= e || buf[s] === SPACE || buf[c - 1] === SPACE || buf.subarray(s, c).includes(QUOTE)) {
        throw new NotDirect(`line ${line}`);
      }
      let same = c - s === codeLength;
      for (let k = 0; same && k < codeLength; k++) same = buf[s + k] === code[k];
      if (!same) {
        const found = c - s <= code.length ? ids.get(buf.toString('utf8', s, c)) : undefined;
        if (found === undefined) throw new NotDirect(`line ${line}: unknown employer`);
        touched.add(found);
        buf.copy(code, 0, s, c);
        codeLength = c - s;
        id = String(found);
      }
      if (!canonicalRest(buf, c, e, kind)) throw new NotDirect(`line ${line}`);
      o += out.write(id, o, 'latin1');
      o += buf.copy(out, o, c, e);
      out[o++] = NL;
      rows++;
    }
    return { out: out.subarray(0, o), rest: s };
  };

  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) {
    hash?.update(chunk as Buffer);
    const buf: Buffer = carry ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const { out, rest } = convert(buf);
    carry = rest < buf.length ? buf.subarray(rest) : null;
    // A line longer than any canonical one: the staged import reports it by line number.
    if (carry && carry.length > 1024) throw new NotDirect(`line ${line + 1}: too long`);
    onRows(rows);
    if (out.length > 0) yield out;
  }
  // A last line without a line break.
  if (carry) {
    const { out } = convert(Buffer.concat([carry, Buffer.from([NL])]));
    onRows(rows);
    if (out.length > 0) yield out;
  }
  if (line === 0) throw new NotDirect('empty file');
}
