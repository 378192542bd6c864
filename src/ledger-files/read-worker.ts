import { parentPort, workerData } from 'node:worker_threads';
import { NotDirect } from './direct.js';
import { readFile, type ReadMessage, type ReadTask } from './file-reading.js';
import { WorkbookRefused } from './zip-check.js';

/**
 * A reading thread (see read-thread.ts): runs one ReadTask and sends its messages, then a failure if it threw. The
 * caller answers each message it takes; at most UNREAD wait unanswered, so a large file is read at the pace the
 * database takes it rather than gathered in memory.
 */
export interface ReadFailure {
  type: 'failed';
  /** How the caller rebuilds the error: NotDirect, WorkbookRefused or any other Error. */
  as: 'not_direct' | 'workbook' | 'error';
  reason?: WorkbookRefused['reason'];
  message: string;
}

const port = parentPort!;
const UNREAD = 4;
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

async function run(task: ReadTask): Promise<void> {
  try {
    for await (const message of readFile(task)) await send(message);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof NotDirect) await send({ type: 'failed', as: 'not_direct', message });
    else if (error instanceof WorkbookRefused)
      await send({ type: 'failed', as: 'workbook', reason: error.reason, message });
    else await send({ type: 'failed', as: 'error', message });
  }
}

void run(workerData as ReadTask);
