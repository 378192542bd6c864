import { Worker } from 'node:worker_threads';
import type { Day } from '../../domain/ledger.js';
import type { C12Notice, NoticeFormat, ZipTask } from './render.js';

/** A zip asked of the rendering thread, and the answer it sends back. */
export interface ZipRequest extends ZipTask {
  id: number;
}
/** The zip or the failure ends a request; `rendered` tells how far it is meanwhile. */
export type ZipAnswer =
  | { id: number; zip: Uint8Array }
  | { id: number; error: string }
  | { id: number; rendered: number };

interface Pending {
  resolve: (zip: Buffer) => void;
  reject: (error: Error) => void;
  onRendered: ((rendered: number) => void) | undefined;
}

/**
 * One rendering thread for the process, started at the first zip and kept (without holding the process open): its
 * start (loading the document libraries) costs more than rendering a few notices. It renders one zip at a time, so
 * however many are asked for at once, rendering takes one core besides the event loop's.
 */
let thread: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 1;

/**
 * Compiled, the worker is the built render-worker.js; run from the TypeScript sources (tests, benchmarks), it registers
 * tsx first and then imports render-worker.ts (Node 20 checks a worker's entry file before any loader given in
 * execArgv is in place).
 */
function startThread() {
  const compiled = import.meta.url.endsWith('.js');
  const worker = compiled
    ? new Worker(new URL('./render-worker.js', import.meta.url))
    : new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
          `.then(({ register }) => { register(); return import(${JSON.stringify(new URL('./render-worker.ts', import.meta.url).href)}); })`,
        { eval: true },
      );
  worker.unref();
  const pending = new Map<number, Pending>();
  const started = { worker, pending };
  worker.on('message', (answer: ZipAnswer) => {
    const request = pending.get(answer.id);
    if (!request) return;
    if ('rendered' in answer) {
      request.onRendered?.(answer.rendered);
      return;
    }
    pending.delete(answer.id);
    if ('zip' in answer) request.resolve(Buffer.from(answer.zip.buffer, answer.zip.byteOffset, answer.zip.byteLength));
    else request.reject(new Error(`rendering the C12-TS notices failed: ${answer.error}`));
  });
  const fail = (error: Error) => {
    if (thread === started) thread = null;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the C12-TS rendering thread stopped with code ${code}`)));
  return started;
}

/**
 * The notices zipped on the rendering thread: the event loop stays free for other requests while they are rendered.
 * `onRendered` hears how many are rendered, after each one.
 */
export function zipInWorker(
  notices: C12Notice[],
  format: NoticeFormat,
  date: Day,
  onRendered?: (rendered: number) => void,
): Promise<Buffer> {
  thread ??= startThread();
  const { worker, pending } = thread;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onRendered });
    worker.postMessage({ id, notices, format, date } satisfies ZipRequest);
  });
}
