import type { Insertable } from 'kysely';
import type { Db, PaymentPromiseTable } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

/** The action a promise was made at, when its employer is in the scope. */
export function findActionInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('enforcement_action as a')
    .innerJoin('employer as e', 'e.id', 'a.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['a.id', 'a.employer_id'])
    .where('a.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

export function findPromiseInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('payment_promise as p')
    .innerJoin('employer as e', 'e.id', 'p.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['p.id', 'p.employer_id', 'p.kind', 'p.cancelled_at', 'e.office_id'])
    .where('p.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

/** A promise and its instalments, numbered from 1 in the order given. */
export async function insertPromise(
  db: Db,
  promise: Insertable<PaymentPromiseTable>,
  instalments: { dueOn: string; amount: number }[],
) {
  const { id } = await db.insertInto('payment_promise').values(promise).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('promise_instalment')
    .values(instalments.map((i, n) => ({ promise_id: id, seq: n + 1, due_on: i.dueOn, amount: i.amount })))
    .execute();
  return id;
}

export async function cancelPromise(
  db: Db,
  id: number,
  cancellation: { cancelled_at: Date; cancelled_by: number; cancel_reason: string },
) {
  await db.updateTable('payment_promise').set(cancellation).where('id', '=', id).execute();
}
