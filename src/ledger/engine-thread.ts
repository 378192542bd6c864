import type { Worker } from 'node:worker_threads';
import type { ArrearsPosition } from '../domain/arrears.js';
import type { Day } from '../domain/ledger.js';
import type { RuleSet } from '../domain/rules.js';
import { startThread } from '../thread.js';
import type { EngineReply, EngineRequest, LateFigures } from './engine-protocol.js';
import type { LedgerText } from './ledger-text.js';

export type { LateFigures } from './engine-protocol.js';

/**
 * The engine's thread (engine-worker.ts), called like a function. Started at the first call and kept for the next
 * ones; it keeps the process alive only while a call is waiting on it, and a thread that fails is replaced at the next
 * call, its waiting calls rejected.
 */
class EngineThread {
  private readonly pending = new Map<number, { resolve: (r: EngineReply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  readonly worker: Worker;

  constructor(onEnd: () => void) {
    this.worker = startThread(import.meta.url, 'engine-worker', null);
    this.worker.unref();
    this.worker.on('message', (reply: EngineReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      waiting.resolve(reply);
    });
    const fail = (error: Error) => {
      onEnd();
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the engine's thread ended (exit code ${code})`)));
  }

  call(request: Omit<EngineRequest, 'id'>): Promise<EngineReply> {
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } satisfies EngineRequest);
    });
  }
}

let thread: EngineThread | null = null;

async function compute(request: Omit<EngineRequest, 'id'>): Promise<(ArrearsPosition | LateFigures)[][]> {
  if (request.ledgers.length === 0) return [];
  const current = (thread ??= new EngineThread(() => {
    if (thread === current) thread = null;
  }));
  const reply = await current.call(request);
  if (!reply.ok) throw new Error(`the engine's thread failed: ${reply.message}`);
  return reply.results;
}

/** The positions of the ledgers at `day` under `rules`, by employer id, computed on the engine's thread. */
export async function positionsOnThread(
  ledgers: LedgerText[],
  rules: RuleSet,
  day: Day,
): Promise<Map<number, ArrearsPosition>> {
  const results = await compute({ ledgers, at: [{ day, rules: rules.json }], want: 'position' });
  return new Map(ledgers.map((l, i) => [l.id, results[i]![0] as ArrearsPosition]));
}

/**
 * The late figures of the ledgers at each of the days, each under its rule set, by employer id (one entry per day, in
 * the order given), computed on the engine's thread.
 */
export async function lateFiguresOnThread(
  ledgers: LedgerText[],
  at: { day: Day; rules: RuleSet }[],
): Promise<Map<number, LateFigures[]>> {
  const results = await compute({
    ledgers,
    at: at.map(({ day, rules }) => ({ day, rules: rules.json })),
    want: 'late',
  });
  return new Map(ledgers.map((l, i) => [l.id, results[i] as LateFigures[]]));
}
