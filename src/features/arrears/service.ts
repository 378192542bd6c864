import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { findEmployerInScope, findOfficeInScope } from '../../db/scope.js';
import { keptPerDatabase, readVersions, versionOf, type VersionName } from '../../db/versions.js';
import { computeArrears, unpaidMonthTable } from '../../domain/arrears.js';
import { liveFigures, ruleSetBasis } from '../../domain/basis.js';
import { vietnamDate } from '../../domain/calendar.js';
import { isDay } from '../../domain/periods.js';
import { shareOf } from '../../domain/share.js';
import { AppError, notFound } from '../../http/errors.js';
import { latestClose, loadLedgers } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import type { SessionUser } from '../auth/service.js';
import { listFilterOf } from '../employers/service.js';
import { EXPORT_MAX_ROWS } from '../exports/service.js';
import { listLateEmployers, officeSummary, type LateFilter } from './queries.js';
import type { LateExportQuery } from './schemas.js';

type LateRequest = LateExportQuery & Required<Pick<LateExportQuery, 'sort' | 'order'>>;
type LateRow = Awaited<ReturnType<typeof listLateEmployers>>['rows'][number];

function lateItem(r: LateRow) {
  return {
    id: r.id,
    code: r.code,
    taxCode: r.tax_code,
    name: r.name,
    ownership: r.ownership,
    status: r.status,
    headcount: r.headcount,
    officeName: r.office_name,
    lateAmount: r.late_amount,
    overdueMonths: r.overdue_months,
    band: r.band,
    oldestUnpaidPeriod: r.oldest_unpaid_period,
    monthsEquivalent: r.months_equivalent === null ? null : Number(r.months_equivalent),
    charge: r.charge,
    daysLate: r.days_late,
    chargeAccrued: r.charge_accrued,
    chargePaid: r.charge_paid,
    step: r.step,
  };
}

/** What an employer's arrears at a day are computed from: its books and payments, under the rule set of the day. */
const POSITION_TABLES: VersionName[] = ['books', 'payments', 'rules'];
/**
 * An employer's arrears at a day, explained, by employer and day, kept while its books, the payments and the rule sets
 * keep their versions: the ledger read and the engine run with its workings, on every opening of the page, gave the
 * same answer until a payment or an obligation came in. Weighed by the months of the table and the lines of the
 * workings, a few hundred bytes each.
 */
const keptPositions = keptPerDatabase<Awaited<ReturnType<ArrearsService['computePosition']>>>(200_000);

/**
 * Chậm đóng: one employer's arrears computed from its ledger at any day, explained; the late employers (danh sách đơn
 * vị chậm đóng, a list to work through) and the figures by office as the latest daily close stored them.
 */
export class ArrearsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** The arrears of an employer in the scope at `asOf` (today when absent), with the month table and the workings. */
  async position(user: SessionUser, id: number, asOf?: string) {
    if (!(await findEmployerInScope(this.db, user.scope, id))) throw notFound('employer');
    const day = asOf ?? vietnamDate(this.clock.now());
    if (!isDay(day)) throw new AppError('invalid_date', { date: day });
    const kept = keptPositions(this.db);
    const key = `${id}|${day}`;
    const version = versionOf(await readVersions(this.db), POSITION_TABLES);
    const held = kept.get(key, version);
    if (held) return held;
    const position = await this.computePosition(id, day);
    const { allocations, chargePayments, outstanding } = position.explanation;
    const lines = position.monthTable.months.length + allocations.length + chargePayments.length + outstanding.length;
    kept.set(key, version, position, lines + 1);
    return position;
  }

  private async computePosition(id: number, day: string) {
    const rules = await ruleSetAt(this.db, day);
    const ledger = (await loadLedgers(this.db, [id])).get(id)!;
    const computed = computeArrears(ledger, rules, day, { explain: true });
    const { explanation, exact: _exact, ...position } = computed;
    return {
      asOf: day,
      basis: liveFigures(day),
      ruleSet: ruleSetBasis(rules),
      ...position,
      monthTable: unpaidMonthTable(computed),
      explanation,
    };
  }

  private async filter(user: SessionUser, params: LateRequest): Promise<LateFilter> {
    return { ...(await listFilterOf(this.db, user, params)), ownership: params.ownership, status: params.status };
  }

  /** A page of the late employers the filters keep, at the latest close. */
  async late(user: SessionUser, params: LateRequest & { page: number; pageSize: number }) {
    const { rows, totals, bands } = await listLateEmployers(this.db, await this.filter(user, params), {
      offset: (params.page - 1) * params.pageSize,
      limit: params.pageSize,
      sort: params.sort,
      order: params.order,
    });
    const asOf = await latestClose(this.db);
    return {
      asOf,
      basis: asOf === null ? null : liveFigures(asOf),
      items: rows.map(lateItem),
      total: totals.employers,
      page: params.page,
      pageSize: params.pageSize,
      totals: { lateAmount: totals.lateAmount, charge: totals.charge },
      bands,
    };
  }

  /** Every late employer the filters keep, in the list's order, for the export: refused past EXPORT_MAX_ROWS. */
  async lateExport(user: SessionUser, params: LateRequest) {
    const { rows, totals } = await listLateEmployers(this.db, await this.filter(user, params), {
      offset: 0,
      limit: EXPORT_MAX_ROWS,
      sort: params.sort,
      order: params.order,
    });
    if (totals.employers > EXPORT_MAX_ROWS) {
      throw new AppError('list_too_long', { rows: totals.employers, max: EXPORT_MAX_ROWS });
    }
    const asOf = await latestClose(this.db);
    return { asOf: asOf ?? vietnamDate(this.clock.now()), items: rows.map(lateItem) };
  }

  /** The arrears and late ratio of an office (the top of the scope when absent) and of the offices under it. */
  async summary(user: SessionUser, officeId?: number) {
    const office = await findOfficeInScope(this.db, user.scope, officeId ?? scopeRootId(user.scope));
    if (!office) throw notFound('office');
    const stored = await latestClose(this.db);
    const asOf = stored ?? vietnamDate(this.clock.now());
    const year = Number(asOf.slice(0, 4));
    const rules = await ruleSetAt(this.db, asOf);
    const rows = await officeSummary(this.db, office, year);
    return {
      asOf: stored,
      basis: stored === null ? null : liveFigures(stored),
      year,
      denominator: rules.lateRatioDenominator,
      offices: rows.map((r) => ({
        id: r.office_id,
        code: r.code,
        name: r.name,
        kind: r.kind,
        employers: r.employers,
        lateEmployers: r.late_employers,
        lateAmount: r.late_amount,
        charge: r.charge,
        receivable: r.receivable,
        plan: r.plan,
        lateRatio: shareOf(r.late_amount, rules.lateRatioDenominator === 'plan' ? r.plan : r.receivable),
      })),
    };
  }
}

/** The office at the top of a scope path ('/1/7/' → 7). */
function scopeRootId(scope: string): number {
  return Number(scope.split('/').filter(Boolean).at(-1));
}
