import type { Db } from '../../db/schema.js';

/** The user's latest notices, unread first. */
export function listNotices(db: Db, userId: number) {
  return db
    .selectFrom('notice')
    .select(['id', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy((eb) => eb('read_at', 'is', null), 'desc')
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

export function findNoticeOf(db: Db, userId: number, id: number) {
  return db
    .selectFrom('notice')
    .select(['id', 'read_at'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function markRead(db: Db, id: number, at: Date) {
  await db.updateTable('notice').set({ read_at: at }).where('id', '=', id).execute();
}
