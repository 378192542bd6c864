import { statSync } from 'node:fs';
import { startThread } from '../thread.js';
import { NotDirect } from './direct.js';
import { readFile, type ReadMessage, type ReadTask } from './file-reading.js';
import type { ReadFailure } from './reading-side.js';
import { readWorkbook } from './workbook-reading.js';
import { WorkbookRefused } from './zip-check.js';

/**
 * Files from this size are read on a thread of their own; a smaller one is read here, in less time than a thread
 * takes to start. A workbook unpacks to many times its size, hence its lower bound.
 */
const THREAD_MIN_BYTES = Number(process.env.DONDOC_READ_THREAD_MIN_BYTES ?? 1024 * 1024);
const WORKBOOK_THREAD_MIN_BYTES = THREAD_MIN_BYTES / 16;

/**
 * The messages of a ReadTask (file-reading.ts), in order: its batches, then its end. A large file is read on a
 * thread of its own, so the thread that answers requests only waits for the batches: parsing and checking a national
 * file takes minutes of CPU. A failure is thrown here as the error it was (NotDirect, WorkbookRefused, or an Error
 * with its message); a caller that stops early ends the thread. `minBytes` is the size from which a thread is used.
 */
export async function* readInThread(task: ReadTask, minBytes?: number): AsyncGenerator<ReadMessage> {
  const from = minBytes ?? (task.job === 'xlsx' ? WORKBOOK_THREAD_MIN_BYTES : THREAD_MIN_BYTES);
  if (statSync(task.path).size < from) {
    yield* task.job === 'xlsx' ? readWorkbook(task) : readFile(task);
    return;
  }
  const worker = startThread(import.meta.url, task.job === 'xlsx' ? 'workbook-worker' : 'csv-worker', task);
  // The thread keeps the process alive only while its next message is awaited: a reader left unfinished ends nothing.
  worker.unref();
  const queue: (ReadMessage | ReadFailure)[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const woken = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: ReadMessage | ReadFailure) => {
    queue.push(message);
    woken();
  });
  worker.on('error', (error) => {
    failure = error;
    woken();
  });
  worker.on('exit', () => {
    exited = true;
    woken();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (message) {
        if (message.type === 'failed') throw rebuilt(message);
        yield message;
        if (message.type === 'end') return;
        worker.postMessage(0);
        continue;
      }
      if (failure) throw failure;
      if (exited) throw new Error('the file reading thread ended before the file');
      worker.ref();
      await new Promise<void>((resolve) => (wake = resolve));
      worker.unref();
    }
  } finally {
    await worker.terminate();
  }
}

function rebuilt({ as, message, reason }: ReadFailure): Error {
  if (as === 'not_direct') return new NotDirect(message);
  if (as === 'workbook') return new WorkbookRefused(reason ?? 'malformed', message);
  return new Error(message);
}

/** Runs a task that yields no batch (a workbook's conversion) to its end. */
export async function runInThread(task: ReadTask): Promise<void> {
  for await (const message of readInThread(task)) if (message.type === 'end') return;
}
