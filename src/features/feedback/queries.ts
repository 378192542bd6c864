import type { Db } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

export type FeedbackCategory = 'difficulty' | 'proposal';
export type FeedbackStatus = 'open' | 'answered' | 'closed';

/** A thread raised by an office in the scope, with that office's name. */
export function findThreadInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('feedback_thread as t')
    .innerJoin('office as o', 'o.id', 't.office_id')
    .selectAll('t')
    .select('o.name as office_name')
    .where('t.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

/** The threads raised in the scope, newest first, each with its number of messages. */
export function listThreads(db: Db, scope: string) {
  return db
    .selectFrom('feedback_thread as t')
    .innerJoin('office as o', 'o.id', 't.office_id')
    .select([
      't.id',
      'o.name as office_name',
      't.category',
      't.title',
      't.status',
      't.created_at',
      (eb) =>
        eb
          .selectFrom('feedback_message as m')
          .select((x) => x.fn.countAll<number>().as('n'))
          .whereRef('m.thread_id', '=', 't.id')
          .as('messages'),
    ])
    .where(withinScope('o.path', scope))
    .orderBy('t.id', 'desc')
    .execute();
}

export function listMessages(db: Db, threadId: number) {
  return db
    .selectFrom('feedback_message as m')
    .innerJoin('app_user as u', 'u.id', 'm.author_id')
    .innerJoin('office as o', 'o.id', 'u.office_id')
    .select(['m.id', 'u.full_name', 'o.name as office_name', 'm.body', 'm.created_at'])
    .where('m.thread_id', '=', threadId)
    .orderBy('m.id')
    .execute();
}

export async function insertThread(
  db: Db,
  thread: { office_id: number; category: FeedbackCategory; title: string; created_by: number; created_at: Date },
) {
  const { id } = await db
    .insertInto('feedback_thread')
    .values({ ...thread, status: 'open' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertMessage(
  db: Db,
  message: { thread_id: number; author_id: number; body: string; created_at: Date },
) {
  const { id } = await db.insertInto('feedback_message').values(message).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function setThreadStatus(db: Db, id: number, status: FeedbackStatus) {
  await db.updateTable('feedback_thread').set({ status }).where('id', '=', id).execute();
}
