import { computeArrears, unpaidMonthTable } from '../../domain/arrears.js';
import { vietnamDate } from '../../domain/calendar.js';
import { isDay } from '../../domain/periods.js';
import { shareOf } from '../../domain/share.js';
import { AppError, notFound } from '../../http/errors.js';
import { FileAnswer, IdParams, errorResponses } from '../../http/schemas.js';
import { liveFigures, ruleSetBasis } from '../../domain/basis.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { findEmployer } from '../employers/queries.js';
import { findOfficeInScope } from '../offices/queries.js';
import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { languageOf } from '../../ledger-files/import-messages.js';
import { lateWorkbook } from './export.js';
import { officeSummary } from './queries.js';
import { ArrearsService } from './service.js';
import { latestClose, loadLedgers } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import {
  ArrearsPosition,
  ArrearsQuery,
  ArrearsSummary,
  LateExportQuery,
  LatePage,
  LateQuery,
  SummaryQuery,
} from './schemas.js';

export async function arrearsRoutes(app: App, { db, clock }: AppDeps) {
  const arrears = new ArrearsService(db);

  app.get(
    '/api/employers/:id/arrears',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Chậm đóng của đơn vị tại một ngày, có diễn giải / Arrears of an employer at a date, explained',
        params: IdParams,
        querystring: ArrearsQuery,
        response: { 200: ArrearsPosition, ...errorResponses },
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
        asOf,
        basis: liveFigures(asOf),
        ruleSet: ruleSetBasis(rules),
        ...position,
        monthTable: unpaidMonthTable(computed),
        explanation,
      };
    },
  );

  app.get(
    '/api/arrears/late',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Danh sách đơn vị chậm đóng / Late employers at the latest close',
        querystring: LateQuery,
        response: {
          200: LatePage,
          ...errorResponses,
        },
      },
    },
    async (request) => arrears.late(currentUser(request), request.query),
  );

  app.get(
    '/api/arrears/late/export',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Xuất danh sách chậm đóng đã lọc ra .xlsx / The filtered late employers as .xlsx, every row it keeps',
        querystring: LateExportQuery,
        response: { 200: FileAnswer('.xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const list = await arrears.lateExport(user, request.query);
      const asOf = list.asOf ?? vietnamDate(clock.now());
      const content = await lateWorkbook({
        items: list.items,
        asOf,
        language: languageOf(request.headers['accept-language']),
        creator: user.fullName,
      });
      return sendDownload(reply, { fileName: `cham-dong-${asOf}.xlsx`, contentType: FILE_TYPES.xlsx, content });
    },
  );

  app.get(
    '/api/arrears/summary',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Tổng hợp chậm đóng theo cơ quan, tỷ lệ chậm đóng / Arrears and late ratio by office',
        querystring: SummaryQuery,
        response: {
          200: ArrearsSummary,
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
    },
  );
}

/** The office at the top of a scope path ('/1/7/' → 7). */
function scopeRootId(scope: string): number {
  return Number(scope.split('/').filter(Boolean).at(-1));
}
