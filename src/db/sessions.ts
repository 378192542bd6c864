import type { Db } from './schema.js';

/**
 * The open sessions of a user, read and ended both by the user (auth) and by whoever manages the account (users):
 * an account change ends the sessions in the transaction of the change, beside its audit row.
 */

/** A user's sessions still open, newest first. */
export function listSessions(db: Db, userId: number, now: Date, idleSince: Date) {
  return db
    .selectFrom('user_session')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'address', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Ends every session of the user but `keepSessionId`; returns how many ended. */
export async function deleteUserSessions(db: Db, userId: number, keepSessionId: number | null = null) {
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepSessionId !== null) query = query.where('id', '<>', keepSessionId);
  return (await query.returning('id').execute()).length;
}
