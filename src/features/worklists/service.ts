import type { Kysely } from 'kysely';
import { liveFigures } from '../../domain/basis.js';
import { latestClose } from '../../ledger/positions.js';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { vietnamDate } from '../../domain/calendar.js';
import type { Due, LadderStep } from '../../domain/ladder.js';
import type { Ownership } from '../../domain/ledger.js';
import {
  matchesWorklist,
  worklistComparator,
  worklistTierAt,
  type WorklistEntry,
  type WorklistFilter,
  type WorklistSort,
} from '../../domain/worklist.js';
import { AppError, notFound } from '../../http/errors.js';
import { requestAddress } from '../../http/request-context.js';
import type { SessionUser } from '../auth/service.js';
import { findAssignableUser, findOfficeInScope } from '../../db/scope.js';
import { keptPerDatabase, readVersions, versionOf, type VersionName } from '../../db/versions.js';
import { EXPORT_MAX_ROWS } from '../exports/service.js';
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

export interface WorklistRequest extends Omit<WorklistFilter, 'officePath'> {
  userId?: number | undefined;
  officeId?: number | undefined;
  sort?: WorklistSort | undefined;
  order?: 'asc' | 'desc' | undefined;
}

type WorklistRow = Awaited<ReturnType<typeof q.worklistRows>>[number];
type WorklistItem = { row: WorklistRow; entry: WorklistEntry };

/** Every table an official's list reads: the employers, their offices, the assignments, positions and actions. */
const WORKLIST_TABLES: VersionName[] = ['books', 'offices', 'assignments', 'positions', 'actions'];
/**
 * An official's rows of a day, with their tiers, and the day of the latest close, by official, scope and day, kept
 * while the tables they were read from keep their versions: the rows of a busy official are thousands, read with a
 * subquery each, on every opening of the list. Rows kept per database, under 1 kB each: tens of busy officials' lists.
 */
const keptLists = keptPerDatabase<KeptList>(50_000);
/** Filters and sorts of a kept list kept with it: the list opened again, a page turned, a card clicked back. */
const VIEWS_KEPT = 8;

interface KeptList {
  all: WorklistItem[];
  asOf: string | null;
  /** The rows the filters keep, in order, and the counts by tier, by filters and sort. */
  views: Map<string, { entries: WorklistItem[]; counts: Record<WorklistEntry['tier'], number> }>;
}

function itemOf({ row: r, entry }: { row: WorklistRow; entry: WorklistEntry }) {
  return {
    employer: {
      id: r.id,
      code: r.code,
      name: r.name,
      taxCode: r.tax_code,
      status: r.status,
      officeName: r.office_name,
    },
    responsibility: r.responsibility,
    tier: entry.tier,
    lateAmount: entry.lateAmount,
    overdueMonths: entry.overdueMonths,
    band: entry.band,
    charge: r.charge ?? 0,
    step: entry.step,
    since: r.since,
    due: (r.due ?? []) as Due[],
    brokenPromise: entry.brokenPromise,
    followUpOn: entry.followUpOn,
  };
}

export class WorklistService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /**
   * Danh sách việc hôm nay: the late employers an official follows, or those with a follow-up or task, in the order of
   * domain/worklist unless sorted by a column, narrowed by the filters. A director may open the list of an official
   * of their own scope. The counts by tier are of the employers the other filters keep, so that a card clicked shows
   * the number it showed.
   */
  async worklist(user: SessionUser, params: WorklistRequest & { page: number; pageSize: number }) {
    const { official, today, entries, counts, asOf } = await this.filtered(user, params);
    const start = (params.page - 1) * params.pageSize;
    return {
      asOf: today,
      basis: asOf === null ? null : liveFigures(asOf),
      official: { id: official.id, fullName: official.full_name },
      counts,
      total: entries.length,
      totalLateAmount: entries.reduce((sum, e) => sum + e.entry.lateAmount, 0),
      page: params.page,
      pageSize: params.pageSize,
      items: entries.slice(start, start + params.pageSize).map(itemOf),
    };
  }

  /** Every row the filters keep, in the list's order, for the export: refused past EXPORT_MAX_ROWS. */
  async worklistExport(user: SessionUser, params: WorklistRequest) {
    const { official, today, entries } = await this.filtered(user, params);
    if (entries.length > EXPORT_MAX_ROWS) {
      throw new AppError('list_too_long', { rows: entries.length, max: EXPORT_MAX_ROWS });
    }
    return { asOf: today, official: { id: official.id, fullName: official.full_name }, items: entries.map(itemOf) };
  }

  private async filtered(user: SessionUser, params: WorklistRequest) {
    const official =
      params.userId === undefined || params.userId === user.id
        ? { id: user.id, full_name: user.fullName }
        : await findAssignableUser(this.db, user.scope, params.userId);
    if (!official) throw notFound('official');
    if (params.minAmount !== undefined && params.maxAmount !== undefined && params.minAmount > params.maxAmount) {
      throw new AppError('invalid_amount_range');
    }
    let officePath: string | undefined;
    if (params.officeId !== undefined) {
      const office = await findOfficeInScope(this.db, user.scope, params.officeId);
      if (!office) throw notFound('office');
      officePath = office.path;
    }
    const today = vietnamDate(this.clock.now());
    const list = await this.listOf(official.id, user.scope, today);
    // Every field that filters or sorts, the page's aside; the official and the day are the list's own key.
    const view = JSON.stringify({ ...params, userId: undefined, page: undefined, pageSize: undefined, officePath });
    const held = list.views.get(view);
    if (held) return { official, today, ...held, asOf: list.asOf };
    // The counts by tier are of the rows the other filters keep.
    const untiered: WorklistFilter = { ...params, officePath, tier: undefined };
    const counts = { today: 0, this_week: 0, later: 0 };
    const entries: WorklistItem[] = [];
    for (const item of list.all) {
      if (!matchesWorklist(item.entry, untiered)) continue;
      counts[item.entry.tier]++;
      if (params.tier === undefined || item.entry.tier === params.tier) entries.push(item);
    }
    const compare = worklistComparator(params.sort ?? 'priority', params.order ?? 'asc', today);
    entries.sort((a, b) => compare(a.entry, b.entry));
    if (list.views.size >= VIEWS_KEPT) list.views.delete(list.views.keys().next().value!);
    list.views.set(view, { entries, counts });
    return { official, today, entries, counts, asOf: list.asOf };
  }

  /** The official's rows within the scope with their tiers at `today`, as kept or read afresh, and the latest close. */
  private async listOf(officialId: number, scope: string, today: string): Promise<KeptList> {
    const kept = keptLists(this.db);
    const key = `${officialId}|${scope}|${today}`;
    const version = versionOf(await readVersions(this.db), WORKLIST_TABLES);
    const held = kept.get(key, version);
    if (held) return held;
    const [rows, asOf] = await Promise.all([q.worklistRows(this.db, officialId, scope), latestClose(this.db)]);
    const tierOf = worklistTierAt(today);
    // Built field by field, not spread: an official's list is thousands of rows.
    const all = rows.map((r): WorklistItem => {
      const entry: WorklistEntry = {
        code: r.code,
        lateAmount: r.late_amount ?? 0,
        overdueMonths: r.overdue_months ?? 0,
        brokenPromise: r.broken_promise ?? false,
        nextDueOn: r.next_due_on,
        followUpOn: r.follow_up_on,
        name: r.name,
        taxCode: r.tax_code,
        officeName: r.office_name,
        officePath: r.office_path,
        step: (r.step ?? 'current') as LadderStep,
        band: r.band ?? 'none',
        tier: 'later',
      };
      entry.tier = tierOf(entry);
      return { row: r, entry };
    });
    const list: KeptList = { all, asOf, views: new Map() };
    // Weighed by its rows: a view holds references to the list's rows, not rows of its own.
    kept.set(key, version, list, all.length + 1);
    return list;
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
