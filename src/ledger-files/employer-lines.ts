import { closeSync, openSync, readSync } from 'node:fs';
import type { PaymentCycle } from '../domain/ledger.js';
import { EMPLOYER_STATUSES } from '../domain/ledger.js';
import { COMMA, CR, NL, QUOTE, ZERO } from './fast-lines.js';
import { FILE_COLUMNS } from './records.js';

/**
 * employers.csv of a national data set read fast, for `dondoc arrears`, which needs of each employer only its code
 * and payment cycle: a file in the canonical layout whose every line passes the byte checks below is read straight
 * from the bytes, the fields the computation does not use only checked. Anything else — another header, a quote, a
 * space around a field, a blank line, a value that is not plainly valid, a repeated code — answers null, and the
 * full reader (folder.ts) takes the file and reports each problem; so the result is what that reader gives, sooner.
 */

export interface FolderEmployer {
  code: string;
  paymentCycle: PaymentCycle;
}

const SPACE = 32;
const STATUSES = EMPLOYER_STATUSES.map((s) => Buffer.from(s));
const FIELDS = FILE_COLUMNS.employers.length;
const CHUNK = 1 << 22;

/** Whether [s, e) is one of the employer statuses, in lower case as files write them. */
function isStatus(buf: Buffer, s: number, e: number): boolean {
  for (const status of STATUSES)
    if (status.length === e - s && buf.compare(status, 0, status.length, s, e) === 0) return true;
  return false;
}

/** Whether [s, e) holds something besides ASCII spaces and control characters (a required text is not empty). */
function hasText(buf: Buffer, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (buf[k]! > SPACE && buf[k]! < 0x80) return true;
  return false;
}

/** The employers of one canonical line [s, e), or null. `commas` is scratch space for the field ends. */
function parseLine(buf: Buffer, s: number, e: number, commas: Int32Array): FolderEmployer | null {
  let n = 0;
  for (let k = s; k < e; k++) {
    const b = buf[k]!;
    if (b === COMMA) {
      if (n === FIELDS - 1) return null;
      commas[n++] = k;
    } else if (b === QUOTE || b === CR) return null;
  }
  if (n !== FIELDS - 1) return null;
  commas[n] = e;
  // code: plain ASCII, nothing around it.
  const codeEnd = commas[0]!;
  if (codeEnd === s || buf[s]! <= SPACE || buf[codeEnd - 1]! <= SPACE) return null;
  for (let k = s; k < codeEnd; k++) if (buf[k]! >= 0x80) return null;
  // name: required.
  if (!hasText(buf, commas[1]! + 1, commas[2]!)) return null;
  // headcount: whole, not negative, plain digits.
  const h = commas[5]! + 1;
  const hEnd = commas[6]!;
  if (hEnd === h || hEnd - h > 15) return null;
  for (let k = h; k < hEnd; k++) if (buf[k]! < ZERO || buf[k]! > ZERO + 9) return null;
  if (!isStatus(buf, commas[6]! + 1, commas[7]!)) return null;
  const c = commas[7]! + 1;
  if (e - c !== 1) return null;
  const cycle = buf[c]! - ZERO;
  if (cycle !== 1 && cycle !== 3 && cycle !== 6) return null;
  return { code: buf.toString('latin1', s, codeEnd), paymentCycle: cycle };
}

/** The employers of a canonical employers.csv, in file order, with the index of each code; or null (see above). */
export function readCanonicalEmployers(
  path: string,
): { employers: FolderEmployer[]; indexOf: Map<string, number> } | null {
  const fd = openSync(path, 'r');
  try {
    const employers: FolderEmployer[] = [];
    const indexOf = new Map<string, number>();
    const commas = new Int32Array(FIELDS);
    const buf = Buffer.alloc(CHUNK);
    let filled = 0;
    let position = 0;
    let header = true;
    /** Reads the line [s, end); false when the file is not canonical. */
    const line = (s: number, end: number): boolean => {
      const e = end > s && buf[end - 1] === CR ? end - 1 : end;
      if (header) {
        const bom = buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf ? 3 : 0;
        header = false;
        return buf.toString('utf8', s + bom, e) === FILE_COLUMNS.employers.join(',');
      }
      const employer = parseLine(buf, s, e, commas);
      if (!employer || indexOf.has(employer.code)) return false;
      indexOf.set(employer.code, employers.length);
      employers.push(employer);
      return true;
    };
    for (;;) {
      const read = readSync(fd, buf, filled, buf.length - filled, position);
      position += read;
      filled += read;
      const view = buf.subarray(0, filled);
      let s = 0;
      for (let nl = view.indexOf(NL); nl >= 0; nl = view.indexOf(NL, s)) {
        if (!line(s, nl)) return null;
        s = nl + 1;
      }
      if (read === 0) {
        // The last line without a line break.
        if (s < filled && !line(s, filled)) return null;
        return header ? null : { employers, indexOf };
      }
      // A line longer than the buffer is not a canonical employer line.
      if (s === 0 && filled === buf.length) return null;
      buf.copy(buf, 0, s, filled);
      filled -= s;
    }
  } finally {
    closeSync(fd);
  }
}
