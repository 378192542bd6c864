import { Type, type TSchema } from '@sinclair/typebox';
import { INDICATORS, indicatorKind } from '../../domain/report-figures.js';
import { CalendarDate, IdParams, MaybeBasis, MaybeShare, ShareSchema, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { nationalWorkbook, provinceReportWorkbook } from './export.js';
import { CampaignService } from './service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Deadline = Type.Object({
  dayOffset: Type.Integer({ minimum: 0, maximum: 7, description: 'days after the reporting day' }),
  time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, Asia/Ho_Chi_Minh' }),
}, { additionalProperties: false });
const text = (maxLength: number) => Type.String({ maxLength });
const Notes = Type.Object({
  difficulties: text(4000), proposals: text(4000), directorNote: text(4000),
}, { additionalProperties: false });
const ReportParams = Type.Composite([IdParams, Type.Object({ officeId: Type.Integer({ minimum: 1 }), day: CalendarDate })]);
/** A count, whole đồng, or for a percent row an exact share (a number in reports frozen before shares). */
const FigureValue = Type.Union([Type.Number(), ShareSchema, Type.Null()]);
const FigureRow = Type.Object({
  code: Type.String(), label: Type.String(), labelEn: Type.String(), unit: Type.String(), indicator: Type.String(),
  baseline: FigureValue, day: FigureValue, cumulative: FigureValue, text: Type.Union([Type.String(), Type.Null()]),
});
const Figures = Type.Object({
  rows: Type.Array(FigureRow),
  denominators: Type.Object({ baseline: Type.Union([Type.Integer(), Type.Null()]), day: Type.Union([Type.Integer(), Type.Null()]) }),
  dataVersion: Type.Object({ importBatch: Type.Integer(), action: Type.Integer(), payment: Type.Integer(), computedAt: Type.String() }),
});
const Status = Type.Union([Type.Literal('on_time'), Type.Literal('late'), Type.Literal('missing'), Type.Literal('open')]);
const ProvinceRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });
const Ranking = <T extends TSchema>(value: T) => Type.Array(Type.Object({ rank: Type.Integer(), province: ProvinceRef, value }));

export async function campaignRoutes(app: App, { db, clock }: AppDeps) {
  const campaigns = new CampaignService(db, clock);

  app.get('/api/campaigns', {
    schema: {
      tags: ['campaigns'], summary: 'Các đợt cao điểm / Campaigns the user reports to or oversees',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({
        id: Type.Integer(), name: Type.String(), legalBasis: Type.String(), firstDay: CalendarDate, lastDay: CalendarDate,
        baselineDate: CalendarDate, targetLateRatio: Type.Union([Type.Number(), Type.Null()]),
      })) }) },
    },
  }, async (request) => ({ items: await campaigns.list(currentUser(request)) }));

  app.post('/api/campaigns', {
    schema: {
      tags: ['campaigns'], summary: 'Tạo đợt cao điểm báo cáo hằng ngày / Create a campaign of daily reports',
      body: Type.Object({
        name: Type.String({ minLength: 3, maxLength: 300 }),
        legalBasis: Type.String({ minLength: 3, maxLength: 500 }),
        firstDay: CalendarDate,
        lastDay: CalendarDate,
        firstDayDeadline: Deadline,
        dailyDeadline: Deadline,
        baselineDate: CalendarDate,
        targetLateRatio: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()])),
        provinceIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'campaign.manage');
    return reply.code(201).send({ id: await campaigns.create(user, request.body) });
  });

  app.get('/api/campaigns/:id', {
    schema: {
      tags: ['campaigns'], summary: 'Một đợt: lịch báo cáo, hạn từng ngày, mẫu báo cáo / A campaign, its days and deadlines',
      params: IdParams,
      response: { 200: Type.Object({
        id: Type.Integer(), name: Type.String(), legalBasis: Type.String(), firstDay: CalendarDate, lastDay: CalendarDate,
        firstDayDeadline: Deadline, dailyDeadline: Deadline, baselineDate: CalendarDate,
        targetLateRatio: Type.Union([Type.Number(), Type.Null()]), template: Type.Unknown(),
        provinces: Type.Array(ProvinceRef),
        days: Type.Array(Type.Object({ day: CalendarDate, deadline: Type.String({ format: 'date-time' }) })),
      }), ...errorResponses },
    },
  }, async (request) => campaigns.get(currentUser(request), request.params.id));

  app.get('/api/campaigns/:id/reports/:officeId/:day', {
    schema: {
      tags: ['campaigns'],
      summary: 'Báo cáo ngày của tỉnh: các bản đã gửi và bản nháp lấy từ dữ liệu / A province report: versions and a pre-filled draft',
      params: ReportParams,
      response: { 200: Type.Object({
        campaign: Type.Object({ id: Type.Integer(), name: Type.String(), legalBasis: Type.String() }),
        province: ProvinceRef, day: CalendarDate, deadline: Type.String({ format: 'date-time' }), status: Status,
        versions: Type.Array(Type.Object({
          version: Type.Integer(), figures: Figures, notes: Notes, amendmentReason: Type.Union([Type.String(), Type.Null()]),
          submittedBy: Type.Object({ id: Type.Integer(), fullName: Type.String() }), submittedAt: Type.String(),
        })),
        draft: Type.Union([Figures, Type.Null()]),
        draftBasis: MaybeBasis,
        footnotes: Type.Array(Type.String()),
      }), ...errorResponses },
    },
  }, async (request) => {
    const { id, officeId, day } = request.params;
    return campaigns.report(currentUser(request), id, officeId, day);
  });

  const submitResponse = { 201: Type.Object({ version: Type.Integer(), status: Status }), ...errorResponses, 409: Type.Ref('Error') };
  app.post('/api/campaigns/:id/reports/:officeId/:day/submit', {
    schema: {
      tags: ['campaigns'], summary: 'Gửi báo cáo: đóng băng số liệu / Submit: freeze the figures with their data version',
      params: ReportParams, body: Type.Object({ notes: Notes }, { additionalProperties: false }), response: submitResponse,
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'report.submit');
    const { id, officeId, day } = request.params;
    return reply.code(201).send(await campaigns.submit(user, id, officeId, day, request.body.notes, null));
  });

  app.post('/api/campaigns/:id/reports/:officeId/:day/amend', {
    schema: {
      tags: ['campaigns'], summary: 'Điều chỉnh báo cáo đã gửi, nêu lý do / Amend a submitted report with a reason (a new version)',
      params: ReportParams,
      body: Type.Object({ notes: Notes, reason: Type.String({ minLength: 3, maxLength: 2000, pattern: '\\S' }) }, { additionalProperties: false }),
      response: submitResponse,
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'report.submit');
    const { id, officeId, day } = request.params;
    return reply.code(201).send(await campaigns.submit(user, id, officeId, day, request.body.notes, request.body.reason));
  });

  app.get('/api/campaigns/:id/reports/:officeId/:day/breakdown', {
    schema: {
      tags: ['campaigns'], summary: 'Danh sách đơn vị, hoạt động, khoản nộp sau một chỉ tiêu / What is behind one figure',
      params: ReportParams,
      querystring: Type.Object({ indicator: literals(INDICATORS) }),
      response: { 200: Type.Object({
        employers: Type.Array(Type.Object({ employerId: Type.Integer(), code: Type.String(), name: Type.String(), lateAmount: Type.Integer(), overdueMonths: Type.Integer() })),
        actions: Type.Array(Type.Object({ id: Type.Integer(), employerId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), date: CalendarDate, documentNumber: Type.Union([Type.String(), Type.Null()]) })),
        payments: Type.Array(Type.Object({ employerId: Type.Integer(), code: Type.String(), name: Type.String(), date: CalendarDate, amount: Type.Integer(), reference: Type.String() })),
      }), ...errorResponses },
    },
  }, async (request) => {
    const { id, officeId, day } = request.params;
    return campaigns.breakdown(currentUser(request), id, officeId, day, request.query.indicator);
  });

  app.get('/api/campaigns/:id/reports/:officeId/:day/export', {
    schema: {
      tags: ['campaigns'], summary: 'Báo cáo của tỉnh theo mẫu (.xlsx) / A province report as .xlsx in the template layout',
      params: ReportParams, response: errorResponses,
    },
  }, async (request, reply) => {
    const { id, officeId, day } = request.params;
    const report = await campaigns.report(currentUser(request), id, officeId, day);
    const latest = report.versions.at(-1);
    const rows = latest?.figures.rows ?? report.draft?.rows ?? [];
    const workbook = await provinceReportWorkbook({
      campaignName: report.campaign.name, legalBasis: report.campaign.legalBasis, provinceName: report.province.name, day,
      version: latest?.version ?? 0, submittedAt: latest?.submittedAt ?? null, rows, footnotes: report.footnotes,
    });
    return sendDownload(reply, { fileName: `bao-cao-${report.province.code}-${day}.xlsx`, contentType: FILE_TYPES.xlsx, content: workbook });
  });

  const BoardQuery = Type.Object({ day: CalendarDate });
  app.get('/api/campaigns/:id/board', {
    schema: {
      tags: ['campaigns'],
      summary: 'Bảng theo dõi toàn quốc trong ngày: tình trạng, tổng hợp, xếp hạng / National board for a day',
      params: IdParams, querystring: BoardQuery,
      response: { 200: Type.Object({
        campaign: Type.Object({ id: Type.Integer(), name: Type.String(), legalBasis: Type.String(), targetLateRatio: Type.Union([Type.Number(), Type.Null()]) }),
        day: CalendarDate,
        deadline: Type.String({ format: 'date-time' }),
        provinces: Type.Array(Type.Object({
          province: ProvinceRef, status: Status, submittedAt: Type.Union([Type.String(), Type.Null()]),
          figures: Type.Union([Figures, Type.Null()]),
          lateRatio: MaybeShare, baselineLateRatio: MaybeShare,
          change: Type.Union([ShareSchema, Type.Null()], { description: 'late amount change from the baseline ÷ baseline: negative is a decrease' }),
          recovered: Type.Union([Type.Number(), Type.Null()]),
          timeliness: Type.Object({ onTime: Type.Integer(), late: Type.Integer(), missing: Type.Integer(), rate: MaybeShare }),
        })),
        national: Type.Array(FigureRow),
        recoveryByDay: Type.Array(Type.Object({ day: CalendarDate, amount: Type.Integer(), reports: Type.Integer() })),
        rankings: Type.Object({
          byLateRatio: Ranking(ShareSchema),
          // The largest decrease of the late amount from the baseline first, increases last.
          byChange: Ranking(ShareSchema),
          byRecovered: Ranking(Type.Number()),
        }),
        footnotes: Type.Array(Type.String()),
      }), ...errorResponses },
    },
  }, async (request) => campaigns.board(currentUser(request), request.params.id, request.query.day));

  app.get('/api/campaigns/:id/board/export', {
    schema: {
      tags: ['campaigns'], summary: 'Bảng tổng hợp toàn quốc (.xlsx) / The national table as .xlsx',
      params: IdParams, querystring: BoardQuery, response: errorResponses,
    },
  }, async (request, reply) => {
    const board = await campaigns.board(currentUser(request), request.params.id, request.query.day);
    const columns = board.national.filter((r) => indicatorKind(r.indicator) !== 'text').flatMap((r) =>
      indicatorKind(r.indicator) === 'stock'
        ? [{ indicator: r.indicator, label: r.label, unit: r.unit, column: 'day' as const }]
        : [{ indicator: r.indicator, label: r.label, unit: r.unit, column: 'day' as const }, { indicator: r.indicator, label: r.label, unit: r.unit, column: 'cumulative' as const }]);
    const workbook = await nationalWorkbook({
      campaignName: board.campaign.name, legalBasis: board.campaign.legalBasis, day: board.day, columns,
      provinces: board.provinces.map((p) => ({ name: p.province.name, status: p.status, submittedAt: p.submittedAt, rows: p.figures?.rows ?? null })),
      national: board.national, footnotes: board.footnotes,
    });
    return sendDownload(reply, { fileName: `tong-hop-${board.day}.xlsx`, contentType: FILE_TYPES.xlsx, content: workbook });
  });
}
