import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { computeArrearsNumeric, type ArrearsPosition, type ExactMoney, type NumericLedger } from '../domain/arrears.js';
import { FUNDS, type PaymentCycle } from '../domain/ledger.js';
import { periodIndex } from '../domain/periods.js';
import { parseRuleSet, type RuleSet } from '../domain/rules.js';
import type { EmployerRecord } from './records.js';
import type { LedgerFolder } from './folder.js';
import { COMMA, CR, day, fundAt, NL, period, QUOTE, ZERO, type LineLayout } from './fast-lines.js';

/**
 * The national computation split by employer: when obligations.csv and payments.csv list employers in the order of
 * employers.csv (as every export does), each worker thread takes a run of employers, reads just its byte range of
 * both files and computes their positions, so reading and computing both use every core and no row crosses threads.
 *
 * It is a fast path, not a second set of rules. Any line that is not in the canonical layout, an employer out of
 * order or unknown, a repeated obligation key: the partition gives up and the caller runs the full loader
 * (folder.ts), which accepts what is valid and reports each error with its line and column.
 */

/** Below this many bytes of input, one thread does it: starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = Number(process.env.DONDOC_PARALLEL_MIN_BYTES ?? 64 * 1024 * 1024);
/** Bytes read at a time; a line longer than this is not canonical. */
const CHUNK = 1 << 22;

/** Positions of employers by index, as columns: what crosses threads is a few typed arrays, not objects. */
export interface PositionColumns {
  lateAmount: Float64Array;
  /** Charges outstanding, accrued and paid. */
  charge: Float64Array;
  chargeAccrued: Float64Array;
  chargePaid: Float64Array;
  overdueMonths: Int32Array;
  daysLate: Int32Array;
  /** Index in the rule set's bands. */
  band: Uint8Array;
  /** Month index, or −1 when nothing is unpaid. */
  oldestUnpaid: Int32Array;
  /** NaN for null. */
  monthsEquivalent: Float64Array;
  /** Per employer, one value per fund in FUNDS order. */
  fundLate: Float64Array;
  fundCharge: Float64Array;
  fundChargeAccrued: Float64Array;
  fundChargePaid: Float64Array;
}

/** The columns holding one value per fund. */
export const PER_FUND_COLUMNS = ['fundLate', 'fundCharge', 'fundChargeAccrued', 'fundChargePaid'] as const;

/**
 * Positions of a run of employers: the columns, and the exact money figures of the (rare) employers with one beyond
 * 2^53, by index, whose column values are then only the nearest doubles.
 */
export interface Positions {
  columns: PositionColumns;
  exact: Map<number, ExactMoney>;
}

export function allocatePositions(count: number): Positions {
  const perFund = () => new Float64Array(count * FUNDS.length);
  return {
    columns: {
      lateAmount: new Float64Array(count), charge: new Float64Array(count), chargeAccrued: new Float64Array(count),
      chargePaid: new Float64Array(count), overdueMonths: new Int32Array(count), daysLate: new Int32Array(count),
      band: new Uint8Array(count), oldestUnpaid: new Int32Array(count), monthsEquivalent: new Float64Array(count),
      fundLate: perFund(), fundCharge: perFund(), fundChargeAccrued: perFund(), fundChargePaid: perFund(),
    },
    exact: new Map(),
  };
}

export function storePosition(positions: Positions, i: number, r: ArrearsPosition, rules: RuleSet): void {
  const columns = positions.columns;
  columns.lateAmount[i] = r.lateAmount;
  columns.charge[i] = r.charge;
  columns.chargeAccrued[i] = r.chargeAccrued;
  columns.chargePaid[i] = r.chargePaid;
  columns.overdueMonths[i] = r.overdueMonths;
  columns.daysLate[i] = r.daysLate;
  columns.band[i] = rules.bands.findIndex((b) => b.code === r.band);
  columns.oldestUnpaid[i] = r.oldestUnpaidPeriod === null ? -1 : periodIndex(r.oldestUnpaidPeriod);
  columns.monthsEquivalent[i] = r.monthsEquivalent ?? NaN;
  FUNDS.forEach((fund, f) => {
    const at = i * FUNDS.length + f;
    const x = r.byFund[fund];
    columns.fundLate[at] = x.late;
    columns.fundCharge[at] = x.charge;
    columns.fundChargeAccrued[at] = x.chargeAccrued;
    columns.fundChargePaid[at] = x.chargePaid;
  });
  if (r.exact) positions.exact.set(i, r.exact);
}

interface ByteSpan {
  start: number;
  end: number;
}

export interface PartitionTask {
  dir: string;
  rules: unknown;
  asOf: number;
  /** The partition's employers, in the order of employers.csv. */
  codes: string[];
  cycles: PaymentCycle[];
  obligations: ByteSpan;
  payments: ByteSpan;
}

export type PartitionResult =
  | { ok: true; positions: Positions; warnings: string[] }
  | { ok: false; reason: string };

/** Growable typed column, for rows whose count is only estimated from the byte length. */
class Rows {
  count = 0;
  a: Int32Array;
  b: Uint8Array;
  amount: Float64Array;
  constructor(capacity: number) {
    this.a = new Int32Array(capacity);
    this.b = new Uint8Array(capacity);
    this.amount = new Float64Array(capacity);
  }
  push(a: number, b: number, amount: number): void {
    if (this.count === this.a.length) {
      const size = Math.ceil(this.count * 1.5) + 1024;
      const grow = <T extends Int32Array | Uint8Array | Float64Array>(old: T, next: T) => (next.set(old), next);
      this.a = grow(this.a, new Int32Array(size));
      this.b = grow(this.b, new Uint8Array(size));
      this.amount = grow(this.amount, new Float64Array(size));
    }
    this.a[this.count] = a;
    this.b[this.count] = b;
    this.amount[this.count++] = amount;
  }
}

/**
 * Reads the lines of a byte range in the canonical layout (see fast-lines.ts) whose employers are the partition's,
 * in order, into `rows`, with `start[e]` the first row of employer e. Returns why it gave up, or null.
 */
function scanRange(path: string, span: ByteSpan, layout: LineLayout, indexOf: Map<string, number>, rows: Rows, start: Int32Array): string | null {
  const obligation = layout === 'obligation';
  const employers = start.length - 1;
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(CHUNK + 1);
  // The current employer and its code's bytes: consecutive lines share them, so they are compared, not decoded.
  let current = -1;
  const code = Buffer.alloc(256);
  let codeLength = 0;
  try {
    let pos = span.start;
    let carry = 0;
    while (pos < span.end || carry > 0) {
      const n = pos < span.end ? readSync(fd, buf, carry, Math.min(CHUNK - carry, span.end - pos), pos) : 0;
      pos += n;
      let limit = carry + n;
      let last: number;
      if (pos >= span.end) {
        if (limit > 0 && buf[limit - 1] !== NL) buf[limit++] = NL;
        last = limit;
      } else {
        last = buf.lastIndexOf(NL, limit - 1) + 1;
        if (last === 0) return 'a line longer than the read buffer';
      }
      let i = 0;
      while (i < last) {
        // Employer code: up to the first comma.
        const s = i;
        let c = buf[i]!;
        while (c !== COMMA) {
          if (c === NL || c === QUOTE) return 'not canonical';
          c = buf[++i]!;
        }
        const length = i - s;
        let same = length === codeLength;
        for (let k = 0; same && k < length; k++) same = buf[s + k] === code[k];
        if (!same) {
          const next = length === 0 || length > code.length ? undefined : indexOf.get(buf.toString('utf8', s, i));
          if (next === undefined || next <= current) return 'an employer out of order or outside the partition';
          for (let e = current + 1; e <= next; e++) start[e] = rows.count;
          current = next;
          buf.copy(code, 0, s, i);
          codeLength = length;
        }
        i++;
        let a: number;
        let b = 0;
        if (obligation) {
          a = period(buf, i);
          if (a < 0 || buf[i + 7] !== COMMA) return 'not canonical';
          i += 8;
          const f = i;
          while (buf[i] !== COMMA) {
            if (buf[i] === NL) return 'not canonical';
            i++;
          }
          b = fundAt(buf, f, i - f);
          if (b < 0) return 'not canonical';
          i++;
        } else {
          a = day(buf, i);
          if (a < 0 || buf[i + 10] !== COMMA) return 'not canonical';
          i += 11;
        }
        // Whole VND: an optional minus (obligations only), then 1 to 15 digits.
        const negative = obligation && buf[i] === 45;
        if (negative) i++;
        const first = i;
        let amount = 0;
        for (let d = buf[i]! - ZERO; d >= 0 && d <= 9; d = buf[++i]! - ZERO) amount = amount * 10 + d;
        if (i === first || i - first > 15) return 'not canonical';
        if (obligation) {
          if (buf[i] === CR) i++;
          if (buf[i] !== NL) return 'not canonical';
        } else {
          // The reference plays no part in the computation; it may hold anything but a comma or a quote.
          if (buf[i] !== COMMA || amount === 0) return 'not canonical';
          c = buf[++i]!;
          while (c !== NL) {
            if (c === COMMA || c === QUOTE) return 'not canonical';
            c = buf[++i]!;
          }
        }
        i++;
        rows.push(a, b, negative ? -amount : amount);
      }
      carry = limit - last;
      buf.copy(buf, 0, last, limit);
      if (pos >= span.end) break;
    }
  } finally {
    closeSync(fd);
  }
  for (let e = current + 1; e <= employers; e++) start[e] = rows.count;
  return null;
}

/** The work of one partition: read its employers' rows from both files, then compute each employer's position. */
export function computePartition(task: PartitionTask): PartitionResult {
  const rules = parseRuleSet(task.rules);
  const count = task.codes.length;
  const indexOf = new Map(task.codes.map((code, i) => [code, i]));
  const obligations = new Rows(Math.ceil((task.obligations.end - task.obligations.start) / 24) + 1024);
  const payments = new Rows(Math.ceil((task.payments.end - task.payments.start) / 36) + 1024);
  const oStart = new Int32Array(count + 1);
  const pStart = new Int32Array(count + 1);
  const failed =
    scanRange(join(task.dir, 'obligations.csv'), task.obligations, 'obligation', indexOf, obligations, oStart) ??
    scanRange(join(task.dir, 'payments.csv'), task.payments, 'payment', indexOf, payments, pStart);
  if (failed) return { ok: false, reason: failed };

  // Repeated obligation keys: a stamp per (period, fund) slot says which employer last used it.
  let minPeriod = Infinity;
  let maxPeriod = -Infinity;
  for (let k = 0; k < obligations.count; k++) {
    const p = obligations.a[k]!;
    if (p < minPeriod) minPeriod = p;
    if (p > maxPeriod) maxPeriod = p;
  }
  const owner = new Int32Array(obligations.count === 0 ? 0 : (maxPeriod - minPeriod + 1) * FUNDS.length).fill(-1);

  const positions = allocatePositions(count);
  const warnings = new Set<string>();
  for (let e = 0; e < count; e++) {
    const [os, oe, ps, pe] = [oStart[e]!, oStart[e + 1]!, pStart[e]!, pStart[e + 1]!];
    for (let k = os; k < oe; k++) {
      const slot = (obligations.a[k]! - minPeriod) * FUNDS.length + obligations.b[k]!;
      if (owner[slot] === e) return { ok: false, reason: 'a repeated obligation' };
      owner[slot] = e;
    }
    const ledger: NumericLedger = {
      paymentCycle: task.cycles[e]!,
      obligationCount: oe - os,
      obligationPeriod: obligations.a.subarray(os, oe),
      obligationFund: obligations.b.subarray(os, oe),
      obligationAmount: obligations.amount.subarray(os, oe),
      paymentCount: pe - ps,
      paymentDay: payments.a.subarray(ps, pe),
      paymentAmount: payments.amount.subarray(ps, pe),
    };
    const r = computeArrearsNumeric(ledger, rules, task.asOf);
    storePosition(positions, e, r, rules);
    for (const w of r.warnings) warnings.add(w);
  }
  return { ok: true, positions, warnings: [...warnings] };
}

/** The employer of the line starting at `at`, by its code (−1 when unknown), and where the next line starts. */
function lineAt(fd: number, at: number, indexOf: Map<string, number>): { employer: number; next: number } {
  const buf = Buffer.alloc(512);
  const n = readSync(fd, buf, 0, buf.length, at);
  const comma = buf.subarray(0, n).indexOf(COMMA);
  const nl = buf.subarray(0, n).indexOf(NL);
  return {
    employer: comma < 0 ? -1 : (indexOf.get(buf.toString('utf8', 0, comma)) ?? -1),
    next: nl < 0 ? at + n : at + nl + 1,
  };
}

/**
 * Byte offsets that cut a file, after its header, where employers `firsts[k]` begin, by binary search over line
 * starts: correct when the file is in employer order, and harmless when it is not (a partition then meets an
 * employer that is not its own and gives up).
 */
function cutByEmployer(path: string, firsts: number[], indexOf: Map<string, number>): number[] | null {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const body = lineAt(fd, 0, indexOf).next;
    // The first line starting at or after x.
    const lineStart = (x: number) => (x <= body ? body : lineAt(fd, x - 1, indexOf).next);
    const cuts = [body];
    for (const target of firsts) {
      let [lo, hi] = [body, size];
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        const at = lineStart(mid);
        if (at >= size) {
          hi = mid;
          continue;
        }
        const { employer } = lineAt(fd, at, indexOf);
        if (employer < 0) return null;
        if (employer >= target) hi = mid;
        else lo = mid + 1;
      }
      cuts.push(Math.max(cuts.at(-1)!, lineStart(lo)));
    }
    cuts.push(size);
    return cuts;
  } finally {
    closeSync(fd);
  }
}

export interface FolderPositions {
  positions: Positions;
  warnings: string[];
}

/**
 * The positions of every employer of a folder at `asOf`, computed in partitions of employers (by default one per
 * core when the files are large and the code runs compiled, each in a worker thread; otherwise one, in this thread),
 * or null when the files are not in the shape this path takes.
 */
export async function computeInPartitions(
  dir: string,
  employers: EmployerRecord[],
  rules: unknown,
  asOf: number,
  parts?: number,
): Promise<FolderPositions | null> {
  const files = ['obligations.csv', 'payments.csv'].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) return null;
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const workerUrl = new URL('./partition-worker.js', import.meta.url);
  const threads = import.meta.url.endsWith('.js') && bytes >= PARALLEL_MIN_BYTES;
  const count = Math.max(1, Math.min(parts ?? (threads ? availableParallelism() : 1), employers.length));
  const firsts = Array.from({ length: count - 1 }, (_, k) => Math.round((employers.length * (k + 1)) / count));
  const indexOf = new Map(employers.map((e, i) => [e.code, i]));
  const [oCuts, pCuts] = files.map((f) => cutByEmployer(f, firsts, indexOf));
  if (!oCuts || !pCuts) return null;

  const bounds = [0, ...firsts, employers.length];
  const tasks = bounds.slice(0, -1).map((lo, k): PartitionTask => {
    const slice = employers.slice(lo, bounds[k + 1]);
    return {
      dir, rules, asOf, codes: slice.map((e) => e.code), cycles: slice.map((e) => e.paymentCycle as PaymentCycle),
      obligations: { start: oCuts[k]!, end: oCuts[k + 1]! }, payments: { start: pCuts[k]!, end: pCuts[k + 1]! },
    };
  });
  const results = threads
    ? await Promise.all(
        tasks.map(
          (task) =>
            new Promise<PartitionResult>((resolve, reject) => {
              const worker = new Worker(workerUrl, { workerData: task });
              worker.once('message', resolve);
              worker.once('error', reject);
            }),
        ),
      )
    : tasks.map(computePartition);

  const positions = allocatePositions(employers.length);
  const warnings = new Set<string>();
  for (const [k, result] of results.entries()) {
    if (!result.ok) return null;
    const lo = bounds[k]!;
    for (const key of Object.keys(positions.columns) as (keyof PositionColumns)[]) {
      const perEmployer = (PER_FUND_COLUMNS as readonly string[]).includes(key) ? FUNDS.length : 1;
      positions.columns[key].set(result.positions.columns[key], lo * perEmployer);
    }
    for (const [i, exact] of result.positions.exact) positions.exact.set(lo + i, exact);
    for (const w of result.warnings) warnings.add(w);
  }
  return { positions, warnings: [...warnings] };
}

/** Every employer's position, one after another: for folders the partitioned path does not take. */
export function computeLoadedFolder(folder: LedgerFolder, rules: RuleSet, asOf: number): FolderPositions {
  const positions = allocatePositions(folder.employers.length);
  const warnings = new Set<string>();
  for (let i = 0; i < folder.employers.length; i++) {
    const r = computeArrearsNumeric(folder.ledgerOf(i), rules, asOf);
    storePosition(positions, i, r, rules);
    for (const w of r.warnings) warnings.add(w);
  }
  return { positions, warnings: [...warnings] };
}
