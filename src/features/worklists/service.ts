import type { Kysely } from 'kysely';
import { liveFigures } from '../../domain/basis.js';
import { latestClose } from '../../ledger/positions.js';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { vietnamDate } from '../../domain/calendar.js';
import type { Due, LadderStep } from '../../domain/ladder.js';
import type { Ownership } from '../../domain/ledger.js';
import { compareWorklist, worklistTier, type WorklistCandidate } from '../../domain/worklist.js';
import { AppError, notFound } from '../../http/errors.js';
import { requestAddress } from '../../http/request-context.js';
import type { SessionUser } from '../auth/service.js';
import { findAssignableUser } from '../employers/queries.js';
import { findOfficeInScope } from '../offices/queries.js';
import * as q from './queries.js';

export interface BulkAssignment {
  userId: number;
  responsibility: 'leader' | 'official';
  /** The office whose employers (and those of the offices below it) are assigned. */
  officeId: number;
  ownership?: Ownership | undefined;
  minHeadcount?: number | undefined;
  maxHeadcount?: number | undefined;
  onlyLate?: boolean | undefined;
}

export class WorklistService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /**
   * Danh sách việc hôm nay: the late employers an official follows, or those with a follow-up or task, in the order of
   * domain/worklist. A director may open the list of an official of their own scope.
   */
  async worklist(user: SessionUser, params: { userId?: number | undefined; page: number; pageSize: number }) {
    const official =
      params.userId === undefined || params.userId === user.id
        ? { id: user.id, full_name: user.fullName }
        : await findAssignableUser(this.db, user.scope, params.userId);
    if (!official) throw notFound('official');
    const today = vietnamDate(this.clock.now());
    const rows = await q.worklistRows(this.db, official.id, user.scope);
    const items = rows.map((r) => {
      const candidate: WorklistCandidate = {
        code: r.code,
        lateAmount: r.late_amount ?? 0,
        overdueMonths: r.overdue_months ?? 0,
        brokenPromise: r.broken_promise ?? false,
        nextDueOn: r.next_due_on,
        followUpOn: r.follow_up_on,
      };
      return { row: r, candidate };
    });
    items.sort((a, b) => compareWorklist(a.candidate, b.candidate, today));
    const start = (params.page - 1) * params.pageSize;
    const counts = { today: 0, this_week: 0, later: 0 };
    for (const i of items) counts[worklistTier(i.candidate, today)]++;
    const positions = await latestClose(this.db);
    return {
      asOf: today,
      basis: positions === null ? null : liveFigures(positions),
      official: { id: official.id, fullName: official.full_name },
      counts,
      total: items.length,
      page: params.page,
      pageSize: params.pageSize,
      items: items.slice(start, start + params.pageSize).map(({ row: r, candidate }) => ({
        employer: {
          id: r.id,
          code: r.code,
          name: r.name,
          taxCode: r.tax_code,
          status: r.status,
          officeName: r.office_name,
        },
        responsibility: r.responsibility,
        tier: worklistTier(candidate, today),
        lateAmount: candidate.lateAmount,
        overdueMonths: candidate.overdueMonths,
        band: r.band ?? 'none',
        charge: r.charge ?? 0,
        step: (r.step ?? 'current') as LadderStep,
        since: r.since,
        due: (r.due ?? []) as Due[],
        brokenPromise: candidate.brokenPromise,
        followUpOn: candidate.followUpOn,
      })),
    };
  }

  /** Phân công hàng loạt: assigns an official to every matching employer of an office subtree not already theirs. */
  async assignInBulk(user: SessionUser, request: BulkAssignment): Promise<number> {
    if (
      request.minHeadcount !== undefined &&
      request.maxHeadcount !== undefined &&
      request.minHeadcount > request.maxHeadcount
    ) {
      throw new AppError('invalid_filter');
    }
    return this.db.transaction().execute(async (trx) => {
      const office = await findOfficeInScope(trx, user.scope, request.officeId);
      if (!office) throw notFound('office');
      // The official must work in the province of the office, as for a single assignment.
      const provincePath = office.kind === 'grassroots' ? office.path.replace(/[^/]+\/$/, '') : office.path;
      const official =
        office.kind === 'province' || office.kind === 'grassroots'
          ? await findAssignableUser(trx, provincePath, request.userId)
          : undefined;
      if (!official) throw new AppError('invalid_official');
      const at = this.clock.now();
      const today = vietnamDate(at);
      const created = await q.assignMatching(trx, office.path, request, today);
      if (created.length > 0) {
        const offices = await q.officesOfEmployers(
          trx,
          created.map((c) => c.employer_id),
        );
        for (let i = 0; i < created.length; i += 1000) {
          await q.insertAuditRows(
            trx,
            created.slice(i, i + 1000).map((c) => ({
              at,
              user_id: user.id,
              action: 'assignment.create',
              entity: 'assignment',
              entity_id: String(c.id),
              office_id: offices.get(c.employer_id) ?? null,
              before: null,
              address: requestAddress(),
              after: JSON.stringify({
                ...c,
                bulk: {
                  officeId: request.officeId,
                  ownership: request.ownership ?? null,
                  minHeadcount: request.minHeadcount ?? null,
                  maxHeadcount: request.maxHeadcount ?? null,
                  onlyLate: !!request.onlyLate,
                },
              }),
            })),
          );
        }
      }
      return created.length;
    });
  }
}
