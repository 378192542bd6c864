import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { answerOf } from '../thread.js';
import { computeArrearsNumeric, type ArrearsPosition, type ExactMoney, type NumericLedger } from '../domain/arrears.js';
import { FUNDS, type PaymentCycle } from '../domain/ledger.js';
import { dayNumber, periodIndex } from '../domain/periods.js';
import { parseRuleSet, type RuleSet } from '../domain/rules.js';
import type { FolderEmployer } from './employer-lines.js';
import { arrearsRows, type ArrearsRows } from './arrears-json.js';
import type { LedgerFolder } from './folder.js';
import { COMMA, CR, day, fundAt, NL, period, QUOTE, ZERO } from './fast-lines.js';

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
  /** Money held for later obligations. */
  credit: Float64Array;
  /** Day number of the next day the figures change by themselves, or −1 for none. */
  changesOn: Int32Array;
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
  /** Per employer, the deadlines of its overdue principal as stored (a JSON array): kept only for storing. */
  overdueDeadlines: string[] | null;
}

export function allocatePositions(count: number, keepDeadlines = false): Positions {
  const perFund = () => new Float64Array(count * FUNDS.length);
  return {
    columns: {
      lateAmount: new Float64Array(count),
      charge: new Float64Array(count),
      chargeAccrued: new Float64Array(count),
      chargePaid: new Float64Array(count),
      overdueMonths: new Int32Array(count),
      daysLate: new Int32Array(count),
      band: new Uint8Array(count),
      oldestUnpaid: new Int32Array(count),
      monthsEquivalent: new Float64Array(count),
      credit: new Float64Array(count),
      changesOn: new Int32Array(count),
      fundLate: perFund(),
      fundCharge: perFund(),
      fundChargeAccrued: perFund(),
      fundChargePaid: perFund(),
    },
    exact: new Map(),
    overdueDeadlines: keepDeadlines ? new Array<string>(count) : null,
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
  const bands = rules.bands;
  let band = 0;
  while (band < bands.length && bands[band]!.code !== r.band) band++;
  columns.band[i] = band;
  columns.oldestUnpaid[i] = r.oldestUnpaidPeriod === null ? -1 : periodIndex(r.oldestUnpaidPeriod);
  columns.monthsEquivalent[i] = r.monthsEquivalent ?? NaN;
  columns.credit[i] = r.credit;
  columns.changesOn[i] = r.changesOn === null ? -1 : dayNumber(r.changesOn);
  if (positions.overdueDeadlines) positions.overdueDeadlines[i] = JSON.stringify(r.overdueDeadlines);
  for (let f = 0; f < FUNDS.length; f++) {
    const at = i * FUNDS.length + f;
    const x = r.byFund[FUNDS[f]!];
    columns.fundLate[at] = x.late;
    columns.fundCharge[at] = x.charge;
    columns.fundChargeAccrued[at] = x.chargeAccrued;
    columns.fundChargePaid[at] = x.chargePaid;
  }
  if (r.exact) positions.exact.set(i, r.exact);
}

interface ByteSpan {
  start: number;
  end: number;
}

/** The ledger files a computation reads: in employer order for the partitioned path. */
export interface LedgerPaths {
  obligations: string;
  payments: string;
}

export interface PartitionTask {
  files: LedgerPaths;
  rules: unknown;
  asOf: number;
  /** The partition's employers, in the order of employers.csv. */
  codes: string[];
  cycles: PaymentCycle[];
  obligations: ByteSpan;
  payments: ByteSpan;
  /** Whether to write the partition's rows of `dondoc arrears --json` too (arrears-json.ts). */
  json: boolean;
  /** Whether to keep what only the stored positions hold (their overdue deadlines). */
  keepDeadlines: boolean;
}

export type PartitionResult =
  | { ok: true; positions: Positions; warnings: string[]; rows: ArrearsRows | null }
  | { ok: false; reason: string };

/** Whether the bytes [s, e) of buf spell `code` (ASCII codes; any other character answers false). */
function sameCode(buf: Buffer, s: number, e: number, code: string | undefined): boolean {
  if (code === undefined || code.length !== e - s) return false;
  for (let k = 0; k < code.length; k++) if (code.charCodeAt(k) !== buf[s + k]) return false;
  return true;
}

/**
 * Reads the lines of a byte range in the canonical layout (see fast-lines.ts), one employer of the partition at a
 * time, in order: each employer's rows go into small arrays reused for the next one, so a partition's rows are never
 * all held, and they are computed while still in the processor's cache.
 */
class LineCursor {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(CHUNK + 1);
  /** The next byte of the file to read. */
  private pos: number;
  /** The next line in buf, the end of the complete lines in it, and the end of what was read. */
  private i = 0;
  private last = 0;
  private limit = 0;
  /** The employer of the last code met and that code's bytes: consecutive lines share them, so they are compared. */
  private owner = -1;
  private readonly code = Buffer.alloc(256);
  private codeLength = 0;
  /** Built only when a code is not the next employer's (an employer without rows in this file). */
  private indexOf: Map<string, number> | null = null;
  /** Why the range is not in the canonical shape, once found. */
  failed: string | null = null;
  /** The rows of the employer last read: (period index, fund index, amount) or (day number, 0, amount). */
  a = new Int32Array(1024);
  b = new Uint8Array(1024);
  amount = new Float64Array(1024);

  constructor(
    path: string,
    private readonly span: ByteSpan,
    private readonly obligation: boolean,
    private readonly codes: string[],
  ) {
    this.fd = openSync(path, 'r');
    this.pos = span.start;
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Reads on after the complete lines of buf; false at the end of the range. */
  private fill(): boolean {
    const { buf, span } = this;
    if (this.pos >= span.end) return false;
    const carry = this.limit - this.last;
    buf.copy(buf, 0, this.last, this.limit);
    const n = readSync(this.fd, buf, carry, Math.min(CHUNK - carry, span.end - this.pos), this.pos);
    this.pos += n;
    let limit = carry + n;
    if (this.pos >= span.end) {
      if (limit > 0 && buf[limit - 1] !== NL) buf[limit++] = NL;
      this.last = limit;
    } else {
      this.last = buf.lastIndexOf(NL, limit - 1) + 1;
      if (this.last === 0) {
        this.failed = 'a line longer than the read buffer';
        return false;
      }
    }
    this.limit = limit;
    this.i = 0;
    return true;
  }

  private grow(): void {
    const size = this.a.length * 2;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(old: T, next: T) => (next.set(old), next);
    this.a = grow(this.a, new Int32Array(size));
    this.b = grow(this.b, new Uint8Array(size));
    this.amount = grow(this.amount, new Float64Array(size));
  }

  /**
   * The rows of employer e (called for every employer of the partition in order): how many, or −1 when a line is not
   * canonical or its employer is out of order or outside the partition (see `failed`).
   */
  rows(e: number): number {
    const obligation = this.obligation;
    const code = this.code;
    let { buf, i, last } = this;
    let n = 0;
    let [ra, rb, rm] = [this.a, this.b, this.amount];
    for (;;) {
      if (i >= last) {
        this.i = i;
        if (!this.fill()) break;
        ({ buf, i, last } = this);
      }
      // Employer code: up to the first comma. Nearly always the previous line's, so that is tried first.
      const s = i;
      const codeLength = this.codeLength;
      let same = buf[s + codeLength] === COMMA;
      for (let k = 0; same && k < codeLength; k++) same = buf[s + k] === code[k];
      let c = 0;
      if (same) i += codeLength;
      else {
        c = buf[i]!;
        while (c !== COMMA) {
          if (c === NL || c === QUOTE) return this.fail('not canonical');
          c = buf[++i]!;
        }
      }
      const length = i - s;
      if (!same) {
        let next: number | undefined = this.owner + 1;
        if (!sameCode(buf, s, i, this.codes[next])) {
          this.indexOf ??= new Map(this.codes.map((c, k) => [c, k]));
          next = length === 0 || length > code.length ? undefined : this.indexOf.get(buf.toString('utf8', s, i));
        }
        if (next === undefined || next <= this.owner)
          return this.fail('an employer out of order or outside the partition');
        this.owner = next;
        buf.copy(code, 0, s, i);
        this.codeLength = length;
      }
      if (this.owner > e) {
        // The next employer's first line: left for its turn.
        i = s;
        break;
      }
      if (this.owner < e) return this.fail('an employer out of order or outside the partition');
      i++;
      let a: number;
      let b = 0;
      if (obligation) {
        a = period(buf, i);
        if (a < 0 || buf[i + 7] !== COMMA) return this.fail('not canonical');
        i += 8;
        const f = i;
        while (buf[i] !== COMMA) {
          if (buf[i] === NL) return this.fail('not canonical');
          i++;
        }
        b = fundAt(buf, f, i - f);
        if (b < 0) return this.fail('not canonical');
        i++;
      } else {
        a = day(buf, i);
        if (a < 0 || buf[i + 10] !== COMMA) return this.fail('not canonical');
        i += 11;
      }
      // Whole VND: an optional minus (obligations only), then 1 to 15 digits.
      const negative = obligation && buf[i] === 45;
      if (negative) i++;
      const first = i;
      let amount = 0;
      for (let d = buf[i]! - ZERO; d >= 0 && d <= 9; d = buf[++i]! - ZERO) amount = amount * 10 + d;
      if (i === first || i - first > 15) return this.fail('not canonical');
      if (obligation) {
        if (buf[i] === CR) i++;
        if (buf[i] !== NL) return this.fail('not canonical');
      } else {
        // The reference plays no part in the computation; it may hold anything but a comma or a quote.
        if (buf[i] !== COMMA || amount === 0) return this.fail('not canonical');
        c = buf[++i]!;
        while (c !== NL) {
          if (c === COMMA || c === QUOTE) return this.fail('not canonical');
          c = buf[++i]!;
        }
      }
      i++;
      if (n === ra.length) {
        this.grow();
        [ra, rb, rm] = [this.a, this.b, this.amount];
      }
      ra[n] = a;
      rb[n] = b;
      rm[n++] = negative ? -amount : amount;
    }
    this.i = i;
    return this.failed ? -1 : n;
  }

  private fail(reason: string): number {
    this.failed = reason;
    return -1;
  }
}

/** Month indexes up to the year 9999, the last a four-digit period can name. */
const MONTHS = 10_000 * 12;

/** The work of one partition: each employer's rows read from both files, then its position computed. */
export function computePartition(task: PartitionTask): PartitionResult {
  const rules = parseRuleSet(task.rules);
  const count = task.codes.length;
  const obligations = new LineCursor(task.files.obligations, task.obligations, true, task.codes);
  const payments = new LineCursor(task.files.payments, task.payments, false, task.codes);
  try {
    // Repeated obligation keys: a stamp per (period, fund) slot says which employer last used it.
    const owner = new Int32Array(MONTHS * FUNDS.length).fill(-1);
    const positions = allocatePositions(count, task.keepDeadlines);
    const warnings = new Set<string>();
    const ledger = {
      paymentCycle: 1 as PaymentCycle,
      obligationCount: 0,
      obligationPeriod: obligations.a,
      obligationFund: obligations.b,
      obligationAmount: obligations.amount,
      paymentCount: 0,
      paymentDay: payments.a,
      paymentAmount: payments.amount,
    } satisfies NumericLedger;
    for (let e = 0; e < count; e++) {
      const o = obligations.rows(e);
      const p = payments.rows(e);
      if (o < 0 || p < 0) return { ok: false, reason: (obligations.failed ?? payments.failed)! };
      const { a: period, b: fund } = obligations;
      for (let k = 0; k < o; k++) {
        const slot = period[k]! * FUNDS.length + fund[k]!;
        if (owner[slot] === e) return { ok: false, reason: 'a repeated obligation' };
        owner[slot] = e;
      }
      ledger.paymentCycle = task.cycles[e]!;
      ledger.obligationCount = o;
      ledger.obligationPeriod = period;
      ledger.obligationFund = fund;
      ledger.obligationAmount = obligations.amount;
      ledger.paymentCount = p;
      ledger.paymentDay = payments.a;
      ledger.paymentAmount = payments.amount;
      const r = computeArrearsNumeric(ledger, rules, task.asOf);
      storePosition(positions, e, r, rules);
      for (const w of r.warnings) warnings.add(w);
    }
    const rows = task.json ? arrearsRows(task.codes, positions, rules) : null;
    return { ok: true, positions, warnings: [...warnings], rows };
  } finally {
    obligations.close();
    payments.close();
  }
}

/** The employer of the line starting at `at`, by its code (−1 when unknown), and where the next line starts. */
function lineAt(fd: number, at: number, indexOf: ReadonlyMap<string, number>): { employer: number; next: number } {
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
function cutByEmployer(path: string, firsts: number[], indexOf: ReadonlyMap<string, number>): number[] | null {
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
  /** The employers' rows of `dondoc arrears --json` when asked for: runs of employers in the order of employers.csv. */
  rows?: ArrearsRows[];
}

/** The employers of employers.csv in file order and the index of each code, as the employer readers give them. */
export interface IndexedEmployers {
  employers: FolderEmployer[];
  indexOf: ReadonlyMap<string, number>;
}

/** The ledger files of a folder (`dondoc arrears --data DIR`). */
export const folderPaths = (dir: string): LedgerPaths => ({
  obligations: join(dir, 'obligations.csv'),
  payments: join(dir, 'payments.csv'),
});

type PartitionOptions = { json?: boolean; keepDeadlines?: boolean; offThread?: boolean };

/**
 * The positions of every employer of the files at `asOf`, computed in partitions of employers (by default one per
 * core when the files are large and the code runs compiled, each in a worker thread; otherwise one, in this thread),
 * or null when the files are not in the shape this path takes. `offThread`: in worker threads whatever the size, for
 * the server, whose own thread answers requests (compiled code only: the threads load the compiled module).
 */
export async function computeInPartitions(
  paths: LedgerPaths,
  { employers, indexOf }: IndexedEmployers,
  rules: unknown,
  asOf: number,
  options: PartitionOptions & { parts?: number } = {},
): Promise<FolderPositions | null> {
  const files = [paths.obligations, paths.payments];
  if (!files.every((f) => existsSync(f))) return null;
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const threads = import.meta.url.endsWith('.js') && (options.offThread || bytes >= PARALLEL_MIN_BYTES);
  const count = Math.max(1, Math.min(options.parts ?? (threads ? availableParallelism() : 1), employers.length));
  const firsts = Array.from({ length: count - 1 }, (_, k) => Math.round((employers.length * (k + 1)) / count));
  const [oCuts, pCuts] = files.map((f) => cutByEmployer(f, firsts, indexOf));
  if (!oCuts || !pCuts) return null;
  const bounds = [0, ...firsts, employers.length];
  const partitions = bounds.slice(0, -1).map((from, k) => ({
    files: paths,
    from,
    to: bounds[k + 1]!,
    obligations: { start: oCuts[k]!, end: oCuts[k + 1]! },
    payments: { start: pCuts[k]!, end: pCuts[k + 1]! },
  }));
  return computePartitions(partitions, employers, rules, asOf, { ...options, offThread: threads });
}

/** A run of employers, [from, to) in the list, and the files that hold their rows (after a header) in that order. */
export interface EmployerRun {
  from: number;
  to: number;
  files: LedgerPaths;
}

/**
 * As computeInPartitions, of files already split by employer: a partition per run, each reading its own files whole
 * (the close writes each run's ledger on a connection of its own). Null when a file is not in the shape this path takes.
 */
export async function computeRuns(
  runs: EmployerRun[],
  { employers, indexOf }: IndexedEmployers,
  rules: unknown,
  asOf: number,
  options: PartitionOptions = {},
): Promise<FolderPositions | null> {
  if (!runs.every((run) => existsSync(run.files.obligations) && existsSync(run.files.payments))) return null;
  // No cut inside a run's file: its byte range is all of it after the header.
  const whole = (path: string): ByteSpan => {
    const [start, end] = cutByEmployer(path, [], indexOf)!;
    return { start: start!, end: end! };
  };
  const partitions = runs.map((run) => ({
    ...run,
    obligations: whole(run.files.obligations),
    payments: whole(run.files.payments),
  }));
  return computePartitions(partitions, employers, rules, asOf, options);
}

/** A partition's run of employers and the byte ranges of the files holding their rows. */
interface Partition extends EmployerRun {
  obligations: ByteSpan;
  payments: ByteSpan;
}

/** Each partition computed (in a worker thread of its own when `offThread`), their positions put in the list's order. */
async function computePartitions(
  partitions: Partition[],
  employers: FolderEmployer[],
  rules: unknown,
  asOf: number,
  { json = false, keepDeadlines = false, offThread = false }: PartitionOptions,
): Promise<FolderPositions | null> {
  const workerUrl = new URL('./partition-worker.js', import.meta.url);
  const tasks = partitions.map((partition): PartitionTask => {
    const slice = employers.slice(partition.from, partition.to);
    return {
      files: partition.files,
      rules,
      asOf,
      codes: slice.map((e) => e.code),
      cycles: slice.map((e) => e.paymentCycle as PaymentCycle),
      obligations: partition.obligations,
      payments: partition.payments,
      json,
      keepDeadlines,
    };
  });
  const threads = offThread && import.meta.url.endsWith('.js');
  const results = threads
    ? await Promise.all(tasks.map((task) => answerOf<PartitionResult>(new Worker(workerUrl, { workerData: task }))))
    : tasks.map(computePartition);

  const positions = allocatePositions(employers.length, keepDeadlines);
  const warnings = new Set<string>();
  const rows: ArrearsRows[] = [];
  for (const [k, result] of results.entries()) {
    if (!result.ok) return null;
    if (result.rows) rows.push(result.rows);
    const lo = partitions[k]!.from;
    for (const key of Object.keys(positions.columns) as (keyof PositionColumns)[]) {
      const perEmployer = (PER_FUND_COLUMNS as readonly string[]).includes(key) ? FUNDS.length : 1;
      positions.columns[key].set(result.positions.columns[key], lo * perEmployer);
    }
    for (const [i, exact] of result.positions.exact) positions.exact.set(lo + i, exact);
    result.positions.overdueDeadlines?.forEach((d, i) => (positions.overdueDeadlines![lo + i] = d));
    for (const w of result.warnings) warnings.add(w);
  }
  return { positions, warnings: [...warnings], ...(json ? { rows } : {}) };
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
