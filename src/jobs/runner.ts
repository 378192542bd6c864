import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { inBackground, type DatabaseHandle } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import type { Day } from '../domain/ledger.js';
import { claimLease, newLeaseHolder } from './lease.js';
import { releaseLease, renewLease } from './queries.js';

/** What a job's run may use: the database, the clock, and a check to call between steps. */
export interface JobContext {
  handle: DatabaseHandle;
  db: Kysely<Database>;
  clock: Clock;
  /**
   * A safe point: throws JobStopped when the process is stopping or the lease was lost, and otherwise lets the event
   * loop answer whatever requests came in meanwhile. Jobs call it between batches, never inside a transaction.
   */
  checkpoint(): Promise<void>;
}

export interface JobOutcome {
  /** One line for the log and `job_lease.last_summary`. */
  summary: string;
  /** The day whose work is now complete (the daily close), recorded only when the run ends well. */
  doneFor?: Day;
  /** Nothing was done (no reminder was due): the run's lines go to the debug level. */
  idle?: boolean;
}

/** A named background job (Documenso's habit): what it does, how often it is looked at, and when it has work. */
export interface JobDefinition {
  name: string;
  /** How often the scheduler looks at the job; a run that is still going is not started twice. */
  everyMs: number;
  /** Runs often and mostly finds nothing to do: its start line goes to the debug level. */
  frequent?: boolean;
  /** Whether there is work; false skips the run without taking the lease or writing a log line. */
  due?(context: JobContext): Promise<boolean>;
  run(context: JobContext): Promise<JobOutcome>;
}

export class JobStopped extends Error {
  override name = 'JobStopped';
}

export type RunResult =
  | { kind: 'ran'; outcome: 'ok' | 'failed' | 'stopped'; summary: string; ms: number }
  | { kind: 'not_due' }
  | { kind: 'held_elsewhere' }
  | { kind: 'running_here' };

export interface RunnerOptions {
  /** Writes a log line: at the start and the end of every run (time, duration, outcome), and on trouble. */
  log: (level: 'info' | 'debug', line: string) => void;
  /** How long a lease lasts without renewal: a holder that dies frees its jobs after this. */
  leaseMs?: number;
}

/**
 * Runs named jobs on their schedule. Each run takes the job's lease in the database first, so with several app servers
 * on one database one process runs a job at a time; the lease is renewed while the run works and freed at the end,
 * with the outcome. `stop()` asks running jobs to end at their next safe point and waits for them.
 */
export class JobRunner {
  readonly holder = newLeaseHolder();
  private readonly leaseMs: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<RunResult>>();
  private stopping = false;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly clock: Clock,
    private readonly jobs: readonly JobDefinition[],
    private readonly options: RunnerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** Looks at every job now, then each at its interval. */
  start(): void {
    for (const job of this.jobs) {
      void this.run(job.name);
      this.timers.push(setInterval(() => void this.run(job.name), job.everyMs));
    }
  }

  /** One run of the named job if it is due and its lease is free; a run already going here is joined. */
  run(name: string): Promise<RunResult> {
    const going = this.running.get(name);
    if (going) return going.then(() => ({ kind: 'running_here' as const }));
    if (this.stopping) return Promise.resolve({ kind: 'not_due' });
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job named ${name}`);
    const run = this.runJob(job).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  /** Stops scheduling, asks running jobs to stop at their next safe point and waits until they have. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.allSettled([...this.running.values()]);
  }

  private async runJob(job: JobDefinition): Promise<RunResult> {
    const { db } = this.handle;
    let leaseLost = false;
    const context: JobContext = {
      handle: this.handle,
      db,
      clock: this.clock,
      checkpoint: async () => {
        if (this.stopping) throw new JobStopped('the process is stopping');
        if (leaseLost) throw new JobStopped('the lease was lost');
        // setImmediate lets the requests that arrived during the last batch be answered before the next one.
        await new Promise((resolve) => setImmediate(resolve));
      },
    };
    try {
      if (job.due && !(await job.due(context))) return { kind: 'not_due' };
      if (!(await claimLease(db, job.name, this.holder, this.leaseMs))) return { kind: 'held_elsewhere' };
    } catch (error) {
      this.options.log('info', `dondoc: job ${job.name} could not start: ${String(error)}`);
      return { kind: 'not_due' };
    }
    const started = Date.now();
    this.options.log(
      job.frequent ? 'debug' : 'info',
      `dondoc: job ${job.name} start at ${new Date(started).toISOString()} (${this.holder})`,
    );
    const renewal = setInterval(() => {
      renewLease(db, job.name, this.holder, this.leaseMs)
        .then((held) => {
          if (!held) leaseLost = true;
        })
        .catch(() => {
          /* the next renewal or the run's own queries will meet the same trouble */
        });
    }, this.leaseMs / 4);
    let outcome: 'ok' | 'failed' | 'stopped';
    let summary: string;
    let doneFor: Day | null = null;
    let idle = false;
    try {
      // Its statements give way to those of requests on the embedded database's one connection.
      const result = await inBackground(() => job.run(context));
      outcome = 'ok';
      summary = result.summary;
      doneFor = result.doneFor ?? null;
      idle = result.idle ?? false;
    } catch (error) {
      outcome = error instanceof JobStopped ? 'stopped' : 'failed';
      summary = error instanceof JobStopped ? error.message : String((error as Error)?.stack ?? error);
    } finally {
      clearInterval(renewal);
    }
    const ms = Date.now() - started;
    try {
      await releaseLease(db, job.name, this.holder, { outcome, summary, doneFor });
    } catch (error) {
      // The lease runs out by itself; the outcome line below still says what happened.
      summary += ` (lease not released: ${String(error)})`;
    }
    this.options.log(
      idle ? 'debug' : 'info',
      `dondoc: job ${job.name} end ${outcome} at ${new Date().toISOString()} ` +
        `in ${(ms / 1000).toFixed(1)} s: ${summary}`,
    );
    return { kind: 'ran', outcome, summary, ms };
  }
}
