import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database, Db } from '../db/schema.js';
import { vietnamDate } from '../domain/calendar.js';
import { evaluateLadder, type LadderFacts, type LadderPosition } from '../domain/ladder.js';
import type { Day } from '../domain/ledger.js';
import { promiseState, type PaymentPromise } from '../domain/promises.js';
import { ruleSetAt } from './rule-sets.js';

export interface PromiseWithState {
  id: number;
  employerId: number;
  kind: 'promise' | 'instalment';
  madeOn: Day;
  actionId: number | null;
  note: string;
  instalments: { dueOn: Day; amount: number }[];
  cancelled: { at: Date; reason: string } | null;
  state: ReturnType<typeof promiseState>;
}

/** Every promise of the employers, cancelled ones included, with its state at asOf decided from the payments. */
export async function promisesOf(db: Db, employerIds: number[], asOf: Day): Promise<Map<number, PromiseWithState[]>> {
  const byEmployer = new Map<number, PromiseWithState[]>();
  if (employerIds.length === 0) return byEmployer;
  const promises = await db
    .selectFrom('payment_promise')
    .select(['id', 'employer_id', 'kind', 'made_on', 'action_id', 'note', 'cancelled_at', 'cancel_reason'])
    .where('employer_id', 'in', employerIds)
    .orderBy('made_on')
    .orderBy('id')
    .execute();
  if (promises.length === 0) return byEmployer;
  const promiseIds = promises.map((p) => p.id);
  const withPromises = [...new Set(promises.map((p) => p.employer_id))];
  const earliest = promises.reduce((min, p) => (p.made_on < min ? p.made_on : min), promises[0]!.made_on);
  const [instalments, payments] = await Promise.all([
    db
      .selectFrom('promise_instalment')
      .select(['promise_id', 'due_on', 'amount'])
      .where('promise_id', 'in', promiseIds)
      .orderBy('promise_id')
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('payment')
      .select(['employer_id', 'paid_on', 'amount'])
      .where('employer_id', 'in', withPromises)
      .where('paid_on', '>=', earliest)
      .where('paid_on', '<=', asOf)
      .execute(),
  ]);
  const instalmentsOf = new Map<number, { dueOn: Day; amount: number }[]>();
  for (const i of instalments) {
    const list = instalmentsOf.get(i.promise_id) ?? [];
    list.push({ dueOn: i.due_on, amount: i.amount });
    instalmentsOf.set(i.promise_id, list);
  }
  const paymentsOf = new Map<number, { date: Day; amount: number }[]>();
  for (const p of payments) {
    const list = paymentsOf.get(p.employer_id) ?? [];
    list.push({ date: p.paid_on, amount: p.amount });
    paymentsOf.set(p.employer_id, list);
  }
  for (const p of promises) {
    const promise: PaymentPromise = { madeOn: p.made_on, instalments: instalmentsOf.get(p.id) ?? [] };
    const list = byEmployer.get(p.employer_id) ?? [];
    list.push({
      id: p.id,
      employerId: p.employer_id,
      kind: p.kind,
      madeOn: p.made_on,
      actionId: p.action_id,
      note: p.note,
      instalments: [...promise.instalments],
      cancelled: p.cancelled_at && p.cancel_reason !== null ? { at: p.cancelled_at, reason: p.cancel_reason } : null,
      state: promiseState(promise, paymentsOf.get(p.employer_id) ?? [], asOf),
    });
    byEmployer.set(p.employer_id, list);
  }
  return byEmployer;
}

/** What the ladder needs of each employer at asOf, read in a few queries. */
export async function ladderFacts(db: Db, employerIds: number[], asOf: Day): Promise<Map<number, LadderFacts>> {
  const [employers, actions, lastPayments, promises] = await Promise.all([
    db
      .selectFrom('employer as e')
      .leftJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
      .select(['e.id', 'e.headcount', 'ap.late_amount', 'ap.overdue_deadlines'])
      .where('e.id', 'in', employerIds)
      .execute(),
    db
      .selectFrom('enforcement_action')
      .select(['employer_id', 'kind', 'action_date'])
      .where('employer_id', 'in', employerIds)
      .where('cancelled_at', 'is', null)
      .where('action_date', '<=', asOf)
      .execute(),
    db
      .selectFrom('payment')
      .select(['employer_id', (eb) => eb.fn.max('paid_on').as('last')])
      .where('employer_id', 'in', employerIds)
      .where('paid_on', '<=', asOf)
      .groupBy('employer_id')
      .execute(),
    promisesOf(db, employerIds, asOf),
  ]);
  const facts = new Map<number, LadderFacts>();
  for (const e of employers) {
    facts.set(e.id, {
      asOf,
      lateAmount: e.late_amount ?? 0,
      overdueDeadlines: e.overdue_deadlines ?? [],
      workers: e.headcount,
      actions: [],
      lastPaymentOn: null,
      promises: (promises.get(e.id) ?? [])
        .filter((p) => p.cancelled === null)
        .map((p) => ({ kind: p.kind, madeOn: p.madeOn, state: p.state })),
    });
  }
  for (const a of actions)
    (facts.get(a.employer_id)!.actions as { kind: typeof a.kind; date: Day }[]).push({
      kind: a.kind,
      date: a.action_date,
    });
  for (const p of lastPayments) facts.get(p.employer_id)!.lastPaymentOn = p.last as Day;
  return facts;
}

const BATCH = 1000;

/**
 * The employers, among `only` or of all, that are late or stand on a step: only they can have anything for the ladder
 * to evaluate; the others stay off it.
 */
export function ladderCandidates(db: Kysely<Database>, only?: number[]): Promise<number[]> {
  const among = only ? sql`AND employer_id = ANY(${only})` : sql``;
  return sql<{ employer_id: number }>`
    SELECT employer_id FROM arrears_position WHERE late_amount > 0 ${among}
    UNION SELECT employer_id FROM ladder_position WHERE step <> 'current' ${among}
    ORDER BY employer_id`
    .execute(db)
    .then((r) => r.rows.map((row) => row.employer_id));
}

/**
 * Re-evaluates the ladder of the given employers (or of all) that are late or were on a step, at today's date,
 * storing the position and recording a move when the step changes. A move enters on the day its condition first
 * held; it never enters before the step it leaves, so the history reads in order.
 */
export async function refreshLadder(db: Kysely<Database>, clock: Clock, employerIds?: number[]): Promise<number> {
  const asOf = vietnamDate(clock.now());
  const rules = (await ruleSetAt(db, asOf)).escalation;
  let ids: number[] = [];
  if (!employerIds) ids = await ladderCandidates(db);
  else
    for (let i = 0; i < employerIds.length; i += 10_000)
      ids.push(...(await ladderCandidates(db, employerIds.slice(i, i + 10_000))));
  let moves = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const facts = await ladderFacts(db, batch, asOf);
    const positions = new Map<number, LadderPosition>();
    for (const [id, f] of facts) positions.set(id, evaluateLadder(f, rules));
    moves += await db.transaction().execute((trx) => storePositions(trx, positions, asOf));
  }
  return moves;
}

async function storePositions(
  trx: Transaction<Database>,
  positions: Map<number, LadderPosition>,
  asOf: Day,
): Promise<number> {
  const ids = [...positions.keys()];
  if (ids.length === 0) return 0;
  const open = await trx
    .selectFrom('ladder_move')
    .select(['id', 'employer_id', 'step', 'entered_on'])
    .where('employer_id', 'in', ids)
    .where('left_on', 'is', null)
    .execute();
  const openOf = new Map(open.map((m) => [m.employer_id, m]));
  const entering: { employer_id: number; step: LadderPosition['step']; entered_on: Day }[] = [];
  const leaving: { id: number; leftOn: Day }[] = [];
  for (const [id, p] of positions) {
    const current = openOf.get(id);
    if (current?.step === p.step) continue;
    // An employer that was never on the ladder and is not late has no history to start.
    if (!current && p.step === 'current') continue;
    const enteredOn = current && p.since < current.entered_on ? current.entered_on : p.since;
    if (current) leaving.push({ id: current.id, leftOn: enteredOn });
    entering.push({ employer_id: id, step: p.step, entered_on: enteredOn });
  }
  // One statement for the moves left, not one each: on the embedded database the transaction holds the one connection,
  // and a first close moves hundreds of employers a batch.
  if (leaving.length > 0) {
    await sql`
      UPDATE ladder_move m SET left_on = v.left_on
      FROM unnest(${leaving.map((l) => l.id)}::bigint[], ${leaving.map((l) => l.leftOn)}::date[]) AS v(id, left_on)
      WHERE m.id = v.id`.execute(trx);
  }
  if (entering.length > 0) await trx.insertInto('ladder_move').values(entering).execute();
  const rows = [...positions].map(([id, p]) => ({
    employer_id: id,
    step: p.step,
    since: p.since,
    due: JSON.stringify(p.due),
    next_due_on: p.due[0]?.by ?? null,
    broken_promise: p.brokenPromise,
    referral_clause: p.referralClause,
    evaluated_on: asOf,
  }));
  await trx
    .insertInto('ladder_position')
    .values(rows)
    .onConflict((oc) =>
      oc.column('employer_id').doUpdateSet((eb) => ({
        step: eb.ref('excluded.step'),
        since: eb.ref('excluded.since'),
        due: eb.ref('excluded.due'),
        next_due_on: eb.ref('excluded.next_due_on'),
        broken_promise: eb.ref('excluded.broken_promise'),
        referral_clause: eb.ref('excluded.referral_clause'),
        evaluated_on: eb.ref('excluded.evaluated_on'),
      })),
    )
    .execute();
  return entering.length;
}
