import type { Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { findEmployerInScope, findOfficeInScope } from '../../db/scope.js';
import { computeArrears, unpaidMonthTable } from '../../domain/arrears.js';
import { liveFigures, ruleSetBasis } from '../../domain/basis.js';
import { vietnamDate } from '../../domain/calendar.js';
import { isDay } from '../../domain/periods.js';
import { shareOf } from '../../domain/share.js';
import { AppError, notFound } from '../../http/errors.js';
import { latestClose, loadLedgers } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import type { SessionUser } from '../auth/service.js';
import { listLateEmployers, officeSummary } from './queries.js';
import type { LateQuery } from './schemas.js';

/**
 * Chậm đóng: one employer's arrears computed from its ledger at any day, explained; the late employers and the
 * figures by office as the latest daily close stored them.
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

  /** The late employers of the scope, or of one office in it, at the latest close; a page of them. */
  async late(user: SessionUser, q: Static<typeof LateQuery>) {
    let officePath = user.scope;
    if (q.officeId !== undefined) {
      const office = await findOfficeInScope(this.db, user.scope, q.officeId);
      if (!office) throw notFound('office');
      officePath = office.path;
    }
    const { rows, totals } = await listLateEmployers(
      this.db,
      {
        officePath,
        band: q.band,
        minAmount: q.minAmount,
        maxAmount: q.maxAmount,
        ownership: q.ownership,
        status: q.status,
      },
      { offset: (q.page - 1) * q.pageSize, limit: q.pageSize, sort: q.sort, order: q.order },
    );
    const asOf = await latestClose(this.db);
    return {
      asOf,
      basis: asOf === null ? null : liveFigures(asOf),
      items: rows.map((r) => ({
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
      })),
      total: totals.employers,
      page: q.page,
      pageSize: q.pageSize,
      totals: { lateAmount: totals.lateAmount, charge: totals.charge },
    };
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
