import { parentPort, workerData } from 'node:worker_threads';
import { NotDirect } from './direct.js';
import type { ReadMessage, ReadTask } from './file-reading.js';
import { WorkbookRefused } from './zip-check.js';

/**
 * The side of a reading thread (see read-thread.ts; csv-worker.ts and workbook-worker.ts are its modules): runs the
 * thread's one ReadTask and sends its messages, then a failure if it threw. The caller answers each message it takes;
 * at most UNREAD wait unanswered, so a large file is read at the pace the database takes it rather than gathered in
 * memory.
 */
export interface ReadFailure {
  type: 'failed';
  /** How the caller rebuilds the error: NotDirect, WorkbookRefused or any other Error. */
  as: 'not_direct' | 'workbook' | 'error';
  reason?: WorkbookRefused['reason'];
  message: string;
}

const UNREAD = 4;

export async function serveReading<T extends ReadTask>(read: (task: T) => AsyncIterable<ReadMessage>): Promise<void> {
  const port = parentPort!;
  let unread = 0;
  let resume: (() => void) | null = null;
  port.on('message', () => {
    unread--;
    resume?.();
  });
  async function send(message: ReadMessage | ReadFailure): Promise<void> {
    while (unread >= UNREAD) await new Promise<void>((resolve) => (resume = resolve));
    resume = null;
    unread++;
    if (message.type === 'batch' && typeof message.copy !== 'string') {
      // A copy of its own, whose memory moves to the other thread instead of being copied again.
      const copy = new Uint8Array(message.copy);
      port.postMessage({ ...message, copy }, [copy.buffer]);
    } else port.postMessage(message);
  }

  try {
    for await (const message of read(workerData as T)) await send(message);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof NotDirect) await send({ type: 'failed', as: 'not_direct', message });
    else if (error instanceof WorkbookRefused)
      await send({ type: 'failed', as: 'workbook', reason: error.reason, message });
    else await send({ type: 'failed', as: 'error', message });
  }
}
