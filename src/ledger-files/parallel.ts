import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { answerOf } from '../thread.js';
import { readLines, type FastSink, type LineLayout } from './fast-lines.js';
import type { RangeResult, RangeTask } from './parse-worker.js';

/** Below this size a file is read on the main thread: starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = Number(process.env.DONDOC_PARALLEL_MIN_BYTES ?? 64 * 1024 * 1024);

export interface RowSink {
  row(employer: number, a: number, b: number, amount: number, line: number): void;
  slow(fields: string[], line: number): void;
}

/** Offsets that cut the file after the header into `parts` ranges, each starting at the beginning of a line. */
function cutPoints(path: string, size: number, parts: number): number[] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const nextLineStart = (from: number) => {
      for (let pos = from; pos < size; pos += buf.length) {
        const n = readSync(fd, buf, 0, buf.length, pos);
        const nl = buf.subarray(0, n).indexOf(10);
        if (nl >= 0) return pos + nl + 1;
      }
      return size;
    };
    const first = nextLineStart(0);
    const points = [first];
    for (let k = 1; k < parts; k++)
      points.push(Math.max(points[k - 1]!, nextLineStart(first + Math.floor(((size - first) * k) / parts))));
    points.push(size);
    return points;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an obligations or payments file with one worker per core when it is large and the code runs compiled
 * (workers load the built JavaScript); rows reach `sink` in file order either way, so results do not depend on
 * how the file was read. A quote anywhere makes the whole file go through the sequential reader.
 */
export async function readLinesParallel(
  path: string,
  layout: LineLayout,
  codes: string[],
  indexOf: Map<string, number>,
  sink: RowSink,
): Promise<void> {
  const size = statSync(path).size;
  const workerUrl = new URL('./parse-worker.js', import.meta.url);
  const compiled = import.meta.url.endsWith('.js');
  const parts = Math.max(1, availableParallelism());
  const sequential = async () => {
    const fast: FastSink = {
      fast(code, a, b, amount, line) {
        const index = indexOf.get(code);
        if (index === undefined) return false;
        sink.row(index, a, b, amount, line);
        return true;
      },
      slow: sink.slow,
    };
    await readLines(path, layout, fast);
  };
  if (!compiled || parts < 2 || size < PARALLEL_MIN_BYTES) return sequential();

  const points = cutPoints(path, size, parts);
  const results = await Promise.all(
    points.slice(0, -1).map((start, k) =>
      answerOf<RangeResult>(
        new Worker(workerUrl, {
          workerData: { path, layout, start, end: points[k + 1]!, codes } satisfies RangeTask,
        }),
      ),
    ),
  );
  if (results.some((r) => r.sawQuote)) return sequential();
  // Line numbers in a range count from its start; the header is line 1 of the file.
  let offset = 1;
  for (const r of results) {
    let s = 0;
    for (let i = 0; i < r.rows; i++) {
      const line = r.line[i]! + offset;
      // Rows and the lines sent back as text interleave in file order.
      while (s < r.slow.length && r.slow[s]!.line + offset < line) {
        sink.slow(r.slow[s]!.fields, r.slow[s]!.line + offset);
        s++;
      }
      sink.row(r.employer[i]!, r.a[i]!, r.b[i]!, r.amount[i]!, line);
    }
    for (; s < r.slow.length; s++) sink.slow(r.slow[s]!.fields, r.slow[s]!.line + offset);
    offset += r.lines;
  }
}
