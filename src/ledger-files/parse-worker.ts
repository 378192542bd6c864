import { parentPort, workerData } from 'node:worker_threads';
import { readLines, type LineLayout } from './fast-lines.js';

/**
 * Parses one byte range of an obligations or payments file in a worker thread (see parallel.ts): canonical lines
 * become typed arrays; every other line is sent back as text fields, to be checked on the main thread.
 */
export interface RangeTask {
  path: string;
  layout: LineLayout;
  start: number;
  end: number;
  codes: string[];
}

export interface RangeResult {
  rows: number;
  employer: Int32Array;
  a: Int32Array;
  b: Uint8Array;
  amount: Float64Array;
  line: Int32Array;
  /** Lines in the range (the next range's line numbers start after them). */
  lines: number;
  slow: { fields: string[]; line: number }[];
  sawQuote: boolean;
}

const task = workerData as RangeTask;
const indexOf = new Map(task.codes.map((code, i) => [code, i]));
let capacity = Math.ceil((task.end - task.start) / 28) + 1024;
let employer = new Int32Array(capacity);
let a = new Int32Array(capacity);
let b = new Uint8Array(capacity);
let amount = new Float64Array(capacity);
let line = new Int32Array(capacity);
let rows = 0;
const grow = () => {
  capacity = Math.ceil(capacity * 1.5);
  const copy = <T extends Int32Array | Uint8Array | Float64Array>(old: T, make: new (n: number) => T) => {
    const next = new make(capacity);
    next.set(old);
    return next;
  };
  employer = copy(employer, Int32Array);
  a = copy(a, Int32Array);
  b = copy(b, Uint8Array);
  amount = copy(amount, Float64Array);
  line = copy(line, Int32Array);
};
const slow: RangeResult['slow'] = [];
const { lines, sawQuote } = await readLines(
  task.path,
  task.layout,
  {
    fast(code, x, y, value, at) {
      const index = indexOf.get(code);
      if (index === undefined) return false;
      if (rows === capacity) grow();
      employer[rows] = index;
      a[rows] = x;
      b[rows] = y;
      amount[rows] = value;
      line[rows] = at;
      rows++;
      return true;
    },
    slow(fields, at) {
      slow.push({ fields, line: at });
    },
  },
  { start: task.start, end: task.end, header: false },
);
const result: RangeResult = {
  rows,
  employer: employer.slice(0, rows),
  a: a.slice(0, rows),
  b: b.slice(0, rows),
  amount: amount.slice(0, rows),
  line: line.slice(0, rows),
  lines,
  slow,
  sawQuote,
};
const buffers = [result.employer, result.a, result.b, result.amount, result.line].map(
  (array) => array.buffer as ArrayBuffer,
);
parentPort!.postMessage(result, buffers);
