import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Day } from '../domain/ledger.js';
import { isProcessAlive } from '../process-alive.js';

/**
 * The lease of a named job in `job_lease`. Times are the database's (`now()`), not each app server's clock, so servers
 * whose clocks drift still agree on when a lease ran out.
 */

/** A holder name that says which process holds a lease: `host:pid:random`, so a dead local holder can be told. */
export function newLeaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * The lease, taken when free or run out; or taken over at once from a process of this machine that is gone (killed
 * in the middle of its work), instead of waiting for its time to run out.
 */
export async function claimLease(db: Kysely<Database>, name: string, holder: string, ttlMs: number): Promise<boolean> {
  if (await takeLease(db, name, holder, ttlMs)) return true;
  const current = await leaseHolder(db, name);
  if (current === null) return takeLease(db, name, holder, ttlMs);
  const parts = current.split(':');
  const pid = Number(parts.at(-2));
  if (parts.slice(0, -2).join(':') !== hostname() || isProcessAlive(pid)) return false;
  return takeOverLease(db, name, current, holder, ttlMs);
}

/** Takes the lease if it is free, ran out, or is already this holder's. True when this holder now has it. */
export async function takeLease(db: Kysely<Database>, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`
    INSERT INTO job_lease (name, holder, expires_at, last_started_at)
    VALUES (${name}, ${holder}, now() + ${ttlMs} * interval '1 millisecond', now())
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
      last_started_at = excluded.last_started_at
    WHERE job_lease.holder IS NULL OR job_lease.expires_at < now() OR job_lease.holder = excluded.holder
    RETURNING name`.execute(db);
  return rows.length === 1;
}

/** Who holds the lease now, or null when it is free. */
export async function leaseHolder(db: Kysely<Database>, name: string): Promise<string | null> {
  const row = await db.selectFrom('job_lease').select('holder').where('name', '=', name).executeTakeFirst();
  return row?.holder ?? null;
}

/** Takes the lease from a holder known to be dead (a killed process on this machine), if it still holds it. */
export async function takeOverLease(
  db: Kysely<Database>,
  name: string,
  from: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`
    UPDATE job_lease SET holder = ${holder}, expires_at = now() + ${ttlMs} * interval '1 millisecond',
      last_started_at = now()
    WHERE name = ${name} AND holder = ${from} RETURNING name`.execute(db);
  return rows.length === 1;
}

/** Extends the lease while the job works. False when the holder lost it (it ran out and another process took it). */
export async function renewLease(db: Kysely<Database>, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`
    UPDATE job_lease SET expires_at = now() + ${ttlMs} * interval '1 millisecond'
    WHERE name = ${name} AND holder = ${holder} RETURNING name`.execute(db);
  return rows.length === 1;
}

/** Frees the lease whoever holds it (the work it guarded was finished by another process): a clean end. */
export async function freeLease(db: Kysely<Database>, name: string): Promise<void> {
  await db
    .updateTable('job_lease')
    .set({ holder: null, expires_at: null, last_finished_at: sql<Date>`now()`, last_outcome: 'ok' })
    .where('name', '=', name)
    .execute();
}

/** Forgets every lease but `kept`, with what the runs recorded (a database being filled again from nothing). */
export async function forgetLeasesExcept(db: Kysely<Database>, kept: string): Promise<void> {
  await db.deleteFrom('job_lease').where('name', '<>', kept).execute();
}

/** Frees the lease and records how the run ended; `doneFor` is set only by a run that finished its day's work. */
export async function releaseLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  run: { outcome: 'ok' | 'failed' | 'stopped'; summary: string; doneFor: Day | null },
): Promise<void> {
  await db
    .updateTable('job_lease')
    .set((eb) => ({
      holder: null,
      expires_at: null,
      last_finished_at: sql<Date>`now()`,
      last_outcome: run.outcome,
      last_summary: run.summary.slice(0, 2000),
      done_for: run.doneFor ?? eb.ref('done_for'),
    }))
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

/** The day whose work a job last finished, or null if it never did. */
export async function doneFor(db: Kysely<Database>, name: string): Promise<Day | null> {
  const row = await db.selectFrom('job_lease').select('done_for').where('name', '=', name).executeTakeFirst();
  return row?.done_for ?? null;
}
