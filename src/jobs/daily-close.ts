import { vietnamDate } from '../domain/calendar.js';
import type { Day } from '../domain/ledger.js';
import { BULK_CLOSE_MIN, recomputePositionsInBulk } from '../ledger/close-in-bulk.js';
import { carryPositionsTo, hasStalePositions, positionsToRecompute, recomputePositions } from '../ledger/positions.js';
import { ladderCandidates, refreshLadder } from '../ledger/ladder.js';
import { snapshotPositions } from '../ledger/snapshots.js';
import { doneFor } from './queries.js';
import type { JobContext, JobDefinition } from './runner.js';

export const DAILY_CLOSE = 'daily-close';

/**
 * Employers per batch. Each batch is its own short piece of work with a safe point after it: on the embedded database
 * every statement runs on the thread that answers requests, so a batch's length is how long a request may wait.
 */
const BATCH = 250;

/**
 * Chốt số liệu ngày: the positions of every employer as at today (recomputed where the day of change the engine gave
 * has come, or the ledger or the rules changed; carried forward unchanged elsewhere), then the ladder (its steps move with the calendar
 * too: 60 days after a deadline is evasion), then the day's snapshot. The day counts as closed only when all three
 * are done (`job_lease.done_for`); a close cut short anywhere runs again from the start, and every step overwrites
 * what it writes, so a second run gives what one whole run gives. A day already closed is closed again when some
 * position was computed by an older engine or under another rule set (a server started after an upgrade), so that no
 * figure stays on the old computation until the next day.
 */
export const dailyClose: JobDefinition = {
  name: DAILY_CLOSE,
  everyMs: 10 * 60_000,
  async due({ db, clock }) {
    const today = vietnamDate(clock.now());
    return (await doneFor(db, DAILY_CLOSE)) !== today || hasStalePositions(db, today);
  },
  async run(context) {
    const today = vietnamDate(context.clock.now());
    // Each step's seconds go into the log line: on a national ledger they tell which step a slow night was spent in.
    const seconds = timer();
    const recomputed = await closePositions(context, today);
    await context.checkpoint();
    const carried = await carryPositionsTo(context.db, today);
    const positionSeconds = seconds();
    const moves = await closeLadder(context);
    const ladderSeconds = seconds();
    await context.checkpoint();
    await snapshotPositions(context.db, today);
    return {
      summary:
        `${today}: ${recomputed} positions recomputed, ${carried} unchanged (${positionSeconds} s), ` +
        `${moves} ladder moves (${ladderSeconds} s), snapshot (${seconds()} s)`,
      doneFor: today,
    };
  },
};

/** Seconds since the last call (or the start), with one decimal. */
function timer(): () => string {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = ((now - last) / 1000).toFixed(1);
    last = now;
    return elapsed;
  };
}

async function closePositions(context: JobContext, today: Day): Promise<number> {
  const ids = await positionsToRecompute(context.db, today);
  if (context.handle.kind === 'postgres' && ids.length >= BULK_CLOSE_MIN) {
    await context.checkpoint();
    if (await recomputePositionsInBulk(context.handle, context.clock, ids)) return ids.length;
  }
  for (let i = 0; i < ids.length; i += BATCH) {
    await context.checkpoint();
    await recomputePositions(context.db, context.clock, ids.slice(i, i + BATCH));
  }
  return ids.length;
}

/**
 * The ladder of every employer that is late or on a step, batch by batch: the candidates are found in one statement,
 * not batch by batch over every employer (at 500,000 employers, 2,000 statements for the few late ones).
 */
export async function closeLadder(context: JobContext): Promise<number> {
  const ids = await ladderCandidates(context.db);
  let moves = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    await context.checkpoint();
    moves += await refreshLadder(context.db, context.clock, ids.slice(i, i + BATCH));
  }
  return moves;
}
