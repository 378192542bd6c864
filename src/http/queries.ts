import type { Db } from '../db/schema.js';

/** Counts one request on the key in the window starting at `windowStart`; returns the window's count with it. */
export async function hitRateLimitWindow(db: Db, key: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto('rate_limit_window')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limit_window.hits', '+', 1) })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** Deletes the windows that started before `before`: they have ended and count nothing any more. */
export async function purgeRateLimitWindows(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('rate_limit_window').where('window_start', '<', before).execute();
}
