import { Type } from '@sinclair/typebox';
import { computeArrears, unpaidMonthTable } from '../../domain/arrears.js';
import { vietnamDate } from '../../domain/calendar.js';
import { EMPLOYER_STATUSES, FUNDS, OWNERSHIPS } from '../../domain/ledger.js';
import { isDay } from '../../domain/periods.js';
import { shareOf } from '../../domain/share.js';
import { AppError, notFound } from '../../http/errors.js';
import { CalendarDate, FiguresBasisSchema, IdParams, MaybeBasis, MaybeShare, Period, errorResponses } from '../../http/schemas.js';
import { liveFigures } from '../../domain/basis.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { findEmployer } from '../employers/queries.js';
import { findOfficeInScope } from '../offices/queries.js';
import { LATE_SORTS, listLateEmployers, officeSummary } from './queries.js';
import { latestClose, loadLedgers } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';

const Money = Type.Integer({ description: 'whole VND' });
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
/** Per fund: principal late, charges outstanding (charge), accrued and paid; charge = chargeAccrued − chargePaid. */
const FundPosition = Type.Object({ late: Money, charge: Money, chargeAccrued: Money, chargePaid: Money });
const Position = Type.Object({
  asOf: CalendarDate,
  basis: FiguresBasisSchema,
  ruleSet: Type.Object({ id: Type.String(), name: Type.String(), allocation: Type.String() }),
  lateAmount: Money,
  overdueMonths: Type.Integer(),
  band: Type.String(),
  daysLate: Type.Integer(),
  oldestUnpaidPeriod: Type.Union([Period, Type.Null()]),
  monthsEquivalent: Type.Union([Type.Number(), Type.Null()]),
  charge: Money,
  chargeAccrued: Money,
  chargePaid: Money,
  credit: Money,
  byFund: Type.Object(Object.fromEntries(FUNDS.map((f) => [f, FundPosition]))),
  /** Old-regime rates missing where they would change this employer's figures (the page words them). */
  missingRates: Type.Array(Type.Object({ fund: Type.String(), year: Type.Integer() })),
  warnings: Type.Array(Type.String()),
  /** The unpaid months and the charge on principal already paid, adding up to the totals above. */
  monthTable: Type.Object({
    months: Type.Array(
      Type.Object({
        period: Period, deadline: CalendarDate, unpaid: Money, daysLate: Type.Integer(), chargeDays: Type.Integer(), charge: Money,
      }),
    ),
    chargeOnPaidPrincipal: Money,
    chargeAccrued: Money,
    chargePaid: Money,
    charge: Money,
    lateAmount: Money,
  }),
  explanation: Type.Object({
    allocations: Type.Array(
      Type.Object({
        source: Type.String(), reference: Type.String(), date: CalendarDate, period: Period, fund: Type.String(),
        amount: Money, deadline: CalendarDate, chargeDays: Type.Integer(),
      }),
    ),
    chargePayments: Type.Array(
      Type.Object({ source: Type.String(), reference: Type.String(), date: CalendarDate, fund: Type.String(), amount: Money }),
    ),
    outstanding: Type.Array(
      Type.Object({
        period: Period, fund: Type.String(), deadline: CalendarDate, due: Money, unpaid: Money, overdue: Type.Boolean(),
        daysLate: Type.Integer(), chargeDays: Type.Integer(), charge: Money,
      }),
    ),
    charges: Type.Record(
      Type.String(),
      Type.Object({ daily: Type.String(), monthly: Type.String(), exact: Type.String(), rounded: Money, onPaidPrincipal: Money }),
    ),
  }),
});

export async function arrearsRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    '/api/employers/:id/arrears',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Chậm đóng của đơn vị tại một ngày, có diễn giải / Arrears of an employer at a date, explained',
        params: IdParams,
        querystring: Type.Object({ asOf: Type.Optional(CalendarDate) }),
        response: { 200: Position, ...errorResponses },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const id = request.params.id;
      if (!(await findEmployer(db, user.scope, id))) throw notFound('employer');
      const asOf = request.query.asOf ?? vietnamDate(clock.now());
      if (!isDay(asOf)) throw new AppError('invalid_date', { date: asOf });
      const rules = await ruleSetAt(db, asOf);
      const ledger = (await loadLedgers(db, [id])).get(id)!;
      const computed = computeArrears(ledger, rules, asOf, { explain: true });
      const { explanation, exact: _exact, ...position } = computed;
      return {
        asOf, basis: liveFigures(asOf), ruleSet: { id: rules.id, name: rules.name, allocation: rules.allocation }, ...position,
        monthTable: unpaidMonthTable(computed), explanation,
      };
    },
  );

  app.get(
    '/api/arrears/late',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Danh sách đơn vị chậm đóng / Late employers at the latest close',
        querystring: Type.Object({
          officeId: Type.Optional(Type.Integer({ minimum: 1 })),
          band: Type.Optional(Type.String({ maxLength: 20 })),
          minAmount: Type.Optional(Type.Integer({ minimum: 0 })),
          maxAmount: Type.Optional(Type.Integer({ minimum: 0 })),
          ownership: Type.Optional(literals(OWNERSHIPS)),
          status: Type.Optional(literals(EMPLOYER_STATUSES)),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
          sort: Type.Union(LATE_SORTS.map((s) => Type.Literal(s)), { default: 'lateAmount' }),
          order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' }),
        }),
        response: {
          200: Type.Object({
            asOf: Type.Union([CalendarDate, Type.Null()]),
            basis: MaybeBasis,
            items: Type.Array(
              Type.Object({
                id: Type.Integer(), code: Type.String(), taxCode: Type.String(), name: Type.String(),
                ownership: Type.String(), status: Type.String(), headcount: Type.Integer(), officeName: Type.String(),
                lateAmount: Money, overdueMonths: Type.Integer(), band: Type.String(), daysLate: Type.Integer(),
                oldestUnpaidPeriod: Type.Union([Period, Type.Null()]),
                monthsEquivalent: Type.Union([Type.Number(), Type.Null()]), charge: Money, chargeAccrued: Money,
                chargePaid: Money,
              }),
            ),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            totals: Type.Object({ lateAmount: Money, charge: Money }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const q = request.query;
      let officePath = user.scope;
      if (q.officeId !== undefined) {
        const office = await findOfficeInScope(db, user.scope, q.officeId);
        if (!office) throw notFound('office');
        officePath = office.path;
      }
      const { rows, totals } = await listLateEmployers(
        db,
        { officePath, band: q.band, minAmount: q.minAmount, maxAmount: q.maxAmount, ownership: q.ownership, status: q.status },
        { offset: (q.page - 1) * q.pageSize, limit: q.pageSize, sort: q.sort, order: q.order },
      );
      const asOf = await latestClose(db);
      return {
        asOf,
        basis: asOf === null ? null : liveFigures(asOf),
        items: rows.map((r) => ({
          id: r.id, code: r.code, taxCode: r.tax_code, name: r.name, ownership: r.ownership, status: r.status,
          headcount: r.headcount, officeName: r.office_name, lateAmount: r.late_amount, overdueMonths: r.overdue_months,
          band: r.band, oldestUnpaidPeriod: r.oldest_unpaid_period,
          monthsEquivalent: r.months_equivalent === null ? null : Number(r.months_equivalent), charge: r.charge,
          daysLate: r.days_late, chargeAccrued: r.charge_accrued, chargePaid: r.charge_paid,
        })),
        total: totals.employers,
        page: q.page,
        pageSize: q.pageSize,
        totals: { lateAmount: totals.lateAmount, charge: totals.charge },
      };
    },
  );

  app.get(
    '/api/arrears/summary',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Tổng hợp chậm đóng theo cơ quan, tỷ lệ chậm đóng / Arrears and late ratio by office',
        querystring: Type.Object({ officeId: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: {
          200: Type.Object({
            asOf: Type.Union([CalendarDate, Type.Null()]),
            basis: MaybeBasis,
            year: Type.Integer(),
            denominator: Type.String(),
            offices: Type.Array(
              Type.Object({
                id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(),
                employers: Type.Integer(), lateEmployers: Type.Integer(), lateAmount: Money, charge: Money,
                receivable: Money, plan: Type.Union([Money, Type.Null()]),
                /** Late amount over the denominator, exact: rounded once where it is shown. */
                lateRatio: MaybeShare,
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const officeId = request.query.officeId ?? scopeRootId(user.scope);
      const office = await findOfficeInScope(db, user.scope, officeId);
      if (!office) throw notFound('office');
      const stored = await latestClose(db);
      const asOf = stored ?? vietnamDate(clock.now());
      const year = Number(asOf.slice(0, 4));
      const rules = await ruleSetAt(db, asOf);
      const rows = await officeSummary(db, office, year);
      return {
        asOf: stored,
        basis: stored === null ? null : liveFigures(stored),
        year,
        denominator: rules.lateRatioDenominator,
        offices: rows.map((r) => ({
          id: r.office_id, code: r.code, name: r.name, kind: r.kind, employers: r.employers,
          lateEmployers: r.late_employers, lateAmount: r.late_amount, charge: r.charge, receivable: r.receivable,
          plan: r.plan,
          lateRatio: shareOf(r.late_amount, rules.lateRatioDenominator === 'plan' ? r.plan : r.receivable),
        })),
      };
    },
  );
}

/** The office at the top of a scope path ('/1/7/' → 7). */
function scopeRootId(scope: string): number {
  return Number(scope.split('/').filter(Boolean).at(-1));
}
