import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { Day } from '../domain/ledger.js';

/**
 * The jobs' statements: the lease of a named job in `job_lease`, and what a job walks through. Lease times are the
 * database's (`now()`), not each app server's clock, so servers whose clocks drift still agree on when a lease ran out.
 */

/** Takes the lease if it is free, ran out, or is already this holder's. True when this holder now has it. */
export async function takeLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
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
export async function leaseHolder(db: Db, name: string): Promise<string | null> {
  const row = await db.selectFrom('job_lease').select('holder').where('name', '=', name).executeTakeFirst();
  return row?.holder ?? null;
}

/** Takes the lease from a holder known to be dead (a killed process on this machine), if it still holds it. */
export async function takeOverLease(
  db: Db,
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
export async function renewLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`
    UPDATE job_lease SET expires_at = now() + ${ttlMs} * interval '1 millisecond'
    WHERE name = ${name} AND holder = ${holder} RETURNING name`.execute(db);
  return rows.length === 1;
}

/** Frees the lease whoever holds it (the work it guarded was finished by another process): a clean end. */
export async function freeLease(db: Db, name: string): Promise<void> {
  await db
    .updateTable('job_lease')
    .set({ holder: null, expires_at: null, last_finished_at: sql<Date>`now()`, last_outcome: 'ok' })
    .where('name', '=', name)
    .execute();
}

/** Forgets every lease but `kept`, with what the runs recorded (a database being filled again from nothing). */
export async function forgetLeasesExcept(db: Db, kept: string): Promise<void> {
  await db.deleteFrom('job_lease').where('name', '<>', kept).execute();
}

/** Frees the lease and records how the run ended; `doneFor` is set only by a run that finished its day's work. */
export async function releaseLease(
  db: Db,
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
export async function doneFor(db: Db, name: string): Promise<Day | null> {
  const row = await db.selectFrom('job_lease').select('done_for').where('name', '=', name).executeTakeFirst();
  return row?.done_for ?? null;
}
