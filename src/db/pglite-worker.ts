/**
 * The embedded database on a thread of its own. PGlite runs PostgreSQL compiled to WebAssembly: every statement is
 * work on the thread that calls it, so on the thread that answers requests one long statement (a close's batch, a
 * bulk load) froze every request. Here the main thread sends statements as messages and keeps answering meanwhile.
 * The protocol is connection.ts's PGliteWorker; this side only runs what it is sent, one message at a time.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { PGLITE_PARSERS } from './pg-types.js';
import type { WorkerReply, WorkerRequest } from './pglite-protocol.js';

const port = parentPort!;
const { dataDir, startFrom } = workerData as { dataDir: string | undefined; startFrom: string | undefined };

/** The fields of a PostgreSQL error the app reads (SQLSTATE, constraint…), which a thrown object loses in a message. */
function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { message: error.message, name: error.name, stack: error.stack };
  for (const key of [
    'code',
    'constraint',
    'detail',
    'hint',
    'schema',
    'table',
    'column',
    'dataType',
    'severity',
    'position',
    'where',
    'routine',
  ]) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = value;
  }
  return fields;
}

async function answer(pglite: PGlite, request: WorkerRequest): Promise<WorkerReply> {
  switch (request.op) {
    case 'query': {
      const result = await pglite.query<Record<string, unknown>>(request.sql, request.parameters);
      return { id: request.id, ok: true, rows: result.rows, affectedRows: result.affectedRows ?? 0 };
    }
    case 'exec':
      await pglite.exec(request.sql);
      return { id: request.id, ok: true };
    case 'copyIn':
      await pglite.query(request.sql, [], { blob: new Blob([request.bytes as Uint8Array<ArrayBuffer>]) });
      return { id: request.id, ok: true };
    case 'copyOut': {
      const { blob } = await pglite.query(request.sql);
      return { id: request.id, ok: true, bytes: blob ? new Uint8Array(await blob.arrayBuffer()) : new Uint8Array() };
    }
    case 'close':
      await pglite.close();
      return { id: request.id, ok: true };
  }
}

// Imported when the thread starts rather than at the top: run from the sources, this file is compiled by a require
// hook, and the package (ES modules, megabytes of it) is better left to Node's own loader.
const opened = import('@electric-sql/pglite').then(({ PGlite }) =>
  PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(startFrom ? { loadDataDir: new Blob([readFileSync(startFrom)]) } : {}),
    parsers: PGLITE_PARSERS,
  }),
);
opened.then(
  () => port.postMessage({ id: 0, ok: true } satisfies WorkerReply),
  (error: unknown) => port.postMessage({ id: 0, ok: false, error: describe(error) } satisfies WorkerReply),
);

// One message at a time, in order: the connection is one, and the main thread already decides who holds it.
let queue = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = await answer(await opened, request);
    } catch (error) {
      reply = { id: request.id, ok: false, error: describe(error) };
    }
    const transfer = 'bytes' in reply && reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : [];
    port.postMessage(reply, transfer);
    if (request.op === 'close') port.close();
  });
});
