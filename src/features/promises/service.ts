import type { Kysely } from 'kysely';
import { findEmployerInScope } from '../../db/scope.js';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { actionKindsOf } from '../../domain/actions.js';
import { vietnamDate } from '../../domain/calendar.js';
import type { Day } from '../../domain/ledger.js';
import { AppError, forbidden, notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import type { SessionUser } from '../auth/service.js';
import { promisesOf, refreshLadder } from '../../ledger/ladder.js';
import { oweRefresh, refreshDone } from '../../ledger/refresh.js';
import * as q from './queries.js';

export interface PromiseInput {
  kind: 'promise' | 'instalment';
  madeOn: Day;
  instalments: { dueOn: Day; amount: number }[];
  note?: string | undefined;
  actionId?: number | null | undefined;
}

const employerNotFound = () => notFound('employer');

/** Promises to pay and instalment agreements: kept or broken as the payments show, and they move the ladder. */
export class PromiseService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Promises are taken by the officers who meet employers, not by the departments that only inspect or publish. */
  private mayTake(user: SessionUser) {
    return actionKindsOf(user.role).includes('working_session');
  }

  async create(user: SessionUser, employerId: number, input: PromiseInput) {
    if (!this.mayTake(user)) throw forbidden();
    const today = vietnamDate(this.clock.now());
    if (input.madeOn > today) throw new AppError('invalid_promise', { reason: 'future_date' });
    input.instalments.forEach((i, n) => {
      if (i.dueOn < input.madeOn)
        throw new AppError('invalid_promise', { reason: 'instalment_before_promise', instalment: n + 1 });
      if (n > 0 && i.dueOn <= input.instalments[n - 1]!.dueOn) {
        throw new AppError('invalid_promise', { reason: 'instalment_out_of_order', instalment: n + 1 });
      }
    });
    if (input.kind === 'instalment' && input.instalments.length < 2) {
      throw new AppError('invalid_promise', { reason: 'too_few_instalments' });
    }
    const { id, owed } = await this.db.transaction().execute(async (trx) => {
      const employer = await findEmployerInScope(trx, user.scope, employerId);
      if (!employer) throw employerNotFound();
      if (input.actionId) {
        const action = await q.findActionInScope(trx, user.scope, input.actionId);
        if (!action || action.employer_id !== employerId)
          throw new AppError('invalid_action', { reason: 'action_of_other_employer' });
      }
      const at = this.clock.now();
      const id = await q.insertPromise(
        trx,
        {
          employer_id: employerId,
          kind: input.kind,
          made_on: input.madeOn,
          action_id: input.actionId ?? null,
          note: input.note ?? '',
          recorded_by: user.id,
          recorded_at: at,
        },
        input.instalments,
      );
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'promise.create',
        entity: 'payment_promise',
        entityId: id,
        officeId: employer.office_id,
        after: input,
      });
      return { id, owed: await oweRefresh(trx) };
    });
    await refreshLadder(this.db, this.clock, [employerId]);
    await refreshDone(this.db, owed);
    return id;
  }

  /**
   * Nothing is deleted: a mistaken promise is marked cancelled with a reason, with its audit row, and the employer's
   * ladder is re-evaluated without it.
   */
  async cancel(user: SessionUser, id: number, reason: string) {
    const { employerId, owed } = await this.db.transaction().execute(async (trx) => {
      const row = await q.findPromiseInScope(trx, user.scope, id);
      if (!row) throw notFound('promise');
      if (!this.mayTake(user)) throw forbidden();
      if (row.cancelled_at) throw new AppError('already_cancelled', { record: 'promise' });
      const at = this.clock.now();
      await q.cancelPromise(trx, id, { cancelled_at: at, cancelled_by: user.id, cancel_reason: reason });
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'promise.cancel',
        entity: 'payment_promise',
        entityId: id,
        officeId: row.office_id,
        before: { cancelled_at: null },
        after: { cancelled_at: at, cancel_reason: reason },
      });
      return { employerId: row.employer_id, owed: await oweRefresh(trx) };
    });
    await refreshLadder(this.db, this.clock, [employerId]);
    await refreshDone(this.db, owed);
  }

  async list(user: SessionUser, employerId: number) {
    if (!(await findEmployerInScope(this.db, user.scope, employerId))) throw employerNotFound();
    const today = vietnamDate(this.clock.now());
    const list = (await promisesOf(this.db, [employerId], today)).get(employerId) ?? [];
    return list
      .map((p) => ({
        id: p.id,
        kind: p.kind,
        madeOn: p.madeOn,
        actionId: p.actionId,
        note: p.note,
        instalments: p.instalments,
        state: p.state,
        cancelled: p.cancelled ? { at: p.cancelled.at.toISOString(), reason: p.cancelled.reason } : null,
      }))
      .reverse();
  }
}
