import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Database, Db } from '../db/schema.js';
import { isProcessAlive } from '../process-alive.js';

/**
 * The stored positions and ladder are made from the ledger after the write that changed it commits (an import, an
 * action, a promise), outside its transaction: on a national file that work takes minutes. A crash between the commit
 * and the end of that work would leave figures computed from the ledger as it was, served as today's until the next
 * day's close. So the write takes, in its own transaction, a lease in `job_lease` on the refresh it owes, and gives it
 * back once the figures are stored; a lease left by a process that is gone (killed on this machine, or run out) means
 * the refresh was cut short, and the start-up (or, with `--workers`, the first process once an app process has died)
 * turns it into today's close not done (`reopenCutShortRefreshes`): the close then recomputes every position and the
 * ladder, and is itself safe to cut short.
 */

const PREFIX = 'position-refresh:';
/** Long enough for the refresh of a national import; a lease still held past it is taken for cut short. */
const REFRESH_LEASE_MS = 6 * 3600_000;
const HOLDER = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** Takes the lease on the refresh a write owes, in the write's transaction; returns its name for `refreshDone`. */
export async function oweRefresh(trx: Db): Promise<string> {
  const name = `${PREFIX}${randomBytes(8).toString('hex')}`;
  await trx
    .insertInto('job_lease')
    .values({
      name,
      holder: HOLDER,
      expires_at: sql<Date>`now() + ${REFRESH_LEASE_MS} * interval '1 millisecond'`,
      last_started_at: sql<Date>`now()`,
    })
    .execute();
  return name;
}

/** The owed refresh is done: its lease goes. */
export async function refreshDone(db: Kysely<Database>, name: string): Promise<void> {
  await db.deleteFrom('job_lease').where('name', '=', name).execute();
}

/** Whether the holder of a lease is a process of this machine that is gone. */
function deadHere(holder: string): boolean {
  const parts = holder.split(':');
  return parts.slice(0, -2).join(':') === hostname() && !isProcessAlive(Number(parts.at(-2)));
}

/**
 * At start-up: the refreshes whose holder is gone (or whose lease ran out) are taken over by today's close, which is
 * marked not done in the same transaction, so the next run of the close (at once, as the server starts) recomputes
 * every position and the ladder. Returns how many refreshes were cut short.
 */
export async function reopenCutShortRefreshes(db: Kysely<Database>, closeJob: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const owed = await trx
      .selectFrom('job_lease')
      .select(['name', 'holder', sql<boolean>`expires_at < now()`.as('expired')])
      .where('name', 'like', `${PREFIX}%`)
      .forUpdate()
      .execute();
    const cut = owed.filter((r) => r.expired || r.holder === null || deadHere(r.holder)).map((r) => r.name);
    if (cut.length === 0) return 0;
    await trx.deleteFrom('job_lease').where('name', 'in', cut).execute();
    await trx.updateTable('job_lease').set({ done_for: null }).where('name', '=', closeJob).execute();
    // Which employers the refresh was for is not recorded, and the close carries forward a position already dated
    // today: every position is marked as of no known engine, which the close recomputes whatever its date.
    await trx.updateTable('arrears_position').set({ engine_version: 0 }).execute();
    return cut.length;
  });
}
