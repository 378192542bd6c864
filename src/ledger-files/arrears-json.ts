import { FUNDS } from '../domain/ledger.js';
import type { RuleSet } from '../domain/rules.js';
import type { Positions } from './partition.js';

/**
 * The employers' rows of `dondoc arrears --json` (arrears.md "Output"), written as UTF-8 bytes field by field in the
 * contract's order: the same text JSON.stringify gives, without building a string per employer. Where the positions
 * are computed (a partition thread) their rows are written, so the national output is written on every core and
 * crosses threads as one moved array; the main thread only copies rows into code order.
 */

/** Rows of a run of employers, without separators: row k is `bytes[ends[k − 1] ?? 0, ends[k])`. */
export interface ArrearsRows {
  bytes: Uint8Array;
  ends: Float64Array;
}

const encoder = new TextEncoder();
const ascii = (text: string) => encoder.encode(text);

const CODE = ascii('{"code":');
const LATE_AMOUNT = ascii(',"lateAmount":');
const OVERDUE_MONTHS = ascii(',"overdueMonths":');
const DAYS_LATE = ascii(',"daysLate":');
const OLDEST = ascii(',"oldestUnpaidPeriod":');
const NULL = ascii('null');
const MONTHS_EQUIVALENT = ascii(',"monthsEquivalent":');
const CHARGE = ascii(',"charge":');
const CHARGE_ACCRUED = ascii(',"chargeAccrued":');
const CHARGE_PAID = ascii(',"chargePaid":');
const BY_FUND = ascii(',"byFund":{');
const FUND_LATE = FUNDS.map((f, k) => ascii(`${k === 0 ? '' : ','}${JSON.stringify(f)}:{"late":`));
const END_FUND = ascii('}');
const END_ROW = ascii('}}');
const [QUOTE, BACKSLASH, COMMA, DASH, ZERO] = [...'"\\,-0'].map((c) => c.charCodeAt(0)) as [
  number,
  number,
  number,
  number,
  number,
];

/** A byte array written from the front, grown as needed. */
class ByteWriter {
  bytes: Uint8Array;
  at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(Math.max(size, 64));
  }

  room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.at + n, Math.ceil(this.bytes.length * 1.5)));
    next.set(this.bytes.subarray(0, this.at));
    this.bytes = next;
  }

  /** A short constant; a loop copies a few bytes faster than `set` starts. */
  raw(piece: Uint8Array): void {
    this.room(piece.length);
    const bytes = this.bytes;
    let at = this.at;
    for (let k = 0; k < piece.length; k++) bytes[at++] = piece[k]!;
    this.at = at;
  }

  /** Text of ASCII characters only (a number as JavaScript prints it). */
  ascii(text: string): void {
    this.room(text.length);
    for (let k = 0; k < text.length; k++) this.bytes[this.at++] = text.charCodeAt(k);
  }

  /** A number as JSON.stringify writes it: safe integers digit by digit, anything else as JavaScript prints it. */
  number(x: number): void {
    if (!Number.isSafeInteger(x)) {
      this.ascii(JSON.stringify(x));
      return;
    }
    this.room(17);
    const bytes = this.bytes;
    if (x < 0) {
      bytes[this.at++] = DASH;
      x = -x;
    }
    let digits = 1;
    for (let p = 10; p <= x; p *= 10) digits++;
    let at = this.at + digits;
    this.at = at;
    do {
      const d = x % 10;
      bytes[--at] = ZERO + d;
      x = (x - d) / 10;
    } while (x > 0);
  }

  /** A whole VND figure: a number, or a bigint when beyond 2^53. */
  money(x: number | bigint): void {
    if (typeof x === 'bigint') this.ascii(String(x));
    else this.number(x);
  }

  /** The three charge fields an employer and each of its funds have, in the contract's order. */
  charges(charge: number | bigint, accrued: number | bigint, paid: number | bigint): void {
    this.raw(CHARGE);
    this.money(charge);
    this.raw(CHARGE_ACCRUED);
    this.money(accrued);
    this.raw(CHARGE_PAID);
    this.money(paid);
  }

  /** A string as JSON.stringify writes it. */
  string(text: string): void {
    let plain = true;
    for (let k = 0; plain && k < text.length; k++) {
      const c = text.charCodeAt(k);
      plain = c >= 0x20 && c < 0x7f && c !== QUOTE && c !== BACKSLASH;
    }
    if (plain) {
      this.room(text.length + 2);
      this.bytes[this.at++] = QUOTE;
      this.ascii(text);
      this.bytes[this.at++] = QUOTE;
      return;
    }
    // Escapes and non-ASCII: JSON.stringify's text, at most 3 UTF-8 bytes per UTF-16 unit.
    const json = JSON.stringify(text);
    this.room(json.length * 3);
    this.at += encoder.encodeInto(json, this.bytes.subarray(this.at)).written;
  }

  /** A month index as `"YYYY-MM"` (periods.ts periodFromIndex). */
  period(index: number): void {
    this.room(9);
    const bytes = this.bytes;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    let at = this.at;
    bytes[at++] = QUOTE;
    bytes[at++] = ZERO + Math.floor(year / 1000);
    bytes[at++] = ZERO + (Math.floor(year / 100) % 10);
    bytes[at++] = ZERO + (Math.floor(year / 10) % 10);
    bytes[at++] = ZERO + (year % 10);
    bytes[at++] = DASH;
    bytes[at++] = ZERO + Math.floor(month / 10);
    bytes[at++] = ZERO + (month % 10);
    bytes[at++] = QUOTE;
    this.at = at;
  }
}

/** The rows of employers [0, codes.length) of the positions, whose codes they are. */
export function arrearsRows(codes: readonly string[], positions: Positions, rules: RuleSet): ArrearsRows {
  const p = positions.columns;
  const F = FUNDS.length;
  // The band with the field after it: the bands are few and their codes fixed.
  const bands = rules.bands.map((b) => ascii(`,"band":${JSON.stringify(b.code)}`));
  // About 450 bytes a row in a national set; the writer grows if figures are longer.
  const w = new ByteWriter(codes.length * 480);
  const ends = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    w.raw(CODE);
    w.string(codes[i]!);
    const big = positions.exact.get(i);
    w.raw(LATE_AMOUNT);
    w.money(big ? big.lateAmount : p.lateAmount[i]!);
    w.raw(OVERDUE_MONTHS);
    w.number(p.overdueMonths[i]!);
    w.raw(bands[p.band[i]!]!);
    w.raw(DAYS_LATE);
    w.number(p.daysLate[i]!);
    w.raw(OLDEST);
    const oldest = p.oldestUnpaid[i]!;
    if (oldest < 0) w.raw(NULL);
    else w.period(oldest);
    w.raw(MONTHS_EQUIVALENT);
    const monthsEquivalent = p.monthsEquivalent[i]!;
    if (Number.isNaN(monthsEquivalent)) w.raw(NULL);
    else w.number(monthsEquivalent);
    if (big) w.charges(big.charge, big.chargeAccrued, big.chargePaid);
    else w.charges(p.charge[i]!, p.chargeAccrued[i]!, p.chargePaid[i]!);
    w.raw(BY_FUND);
    for (let k = 0; k < F; k++) {
      const at = i * F + k;
      const x = big?.byFund[FUNDS[k]!];
      w.raw(FUND_LATE[k]!);
      w.money(x ? x.late : p.fundLate[at]!);
      if (x) w.charges(x.charge, x.chargeAccrued, x.chargePaid);
      else w.charges(p.fundCharge[at]!, p.fundChargeAccrued[at]!, p.fundChargePaid[at]!);
      w.raw(END_FUND);
    }
    w.raw(END_ROW);
    ends[i] = w.at;
  }
  return { bytes: w.bytes.subarray(0, w.at), ends };
}

/** Bytes handed to the output at a time: few system calls, little memory. */
const PIECE = 1 << 22;

/**
 * Writes the rows of every employer, comma-separated, in `order` (indexes into the employers the runs of `parts`
 * cover one after another), in pieces of about `piece` bytes: one write per row would be half a million system calls.
 */
export function writeArrearsRows(
  out: { write(bytes: Uint8Array): void },
  parts: readonly ArrearsRows[],
  order: ArrayLike<number>,
  piece = PIECE,
): void {
  const count = parts.reduce((n, part) => n + part.ends.length, 0);
  // Which part holds each employer's row, and where that part's employers begin.
  const partOf = new Uint16Array(count);
  const firsts: number[] = [];
  let first = 0;
  for (const [k, part] of parts.entries()) {
    firsts.push(first);
    partOf.fill(k, first, first + part.ends.length);
    first += part.ends.length;
  }
  const sources = parts.map(({ bytes }) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  // A new buffer for each piece: the output may still hold the one before.
  let target = Buffer.allocUnsafe(piece);
  let at = 0;
  const flush = () => {
    if (at > 0) out.write(target.subarray(0, at));
    target = Buffer.allocUnsafe(piece);
    at = 0;
  };
  for (let n = 0; n < order.length; n++) {
    const i = order[n]!;
    const k = partOf[i]!;
    const local = i - firsts[k]!;
    const { ends } = parts[k]!;
    const start = local === 0 ? 0 : ends[local - 1]!;
    const end = ends[local]!;
    const length = (n === 0 ? 0 : 1) + end - start;
    if (at + length > piece) flush();
    if (n > 0) target[at++] = COMMA;
    if (length > piece) {
      // A row longer than a piece (a code of megabytes) goes out by itself.
      flush();
      out.write(sources[k]!.subarray(start, end));
    } else at += sources[k]!.copy(target, at, start, end);
  }
  if (at > 0) out.write(target.subarray(0, at));
}
