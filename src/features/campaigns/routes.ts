import { indicatorKind } from '../../domain/report-figures.js';
import { Created, ErrorRef, FileAnswer, IdParams, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { nationalWorkbook, provinceReportWorkbook } from './export.js';
import {
  Amendment,
  Board,
  BoardQuery,
  Breakdown,
  BreakdownQuery,
  Campaign,
  CampaignList,
  NewCampaign,
  ProvinceReport,
  ReportParams,
  Submission,
  Submitted,
} from './schemas.js';
import { CampaignService } from './service.js';

export async function campaignRoutes(app: App, { db, clock }: AppDeps) {
  const campaigns = new CampaignService(db, clock);

  app.get(
    '/api/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Các đợt cao điểm / Campaigns the user reports to or oversees',
        response: { 200: CampaignList },
      },
    },
    async (request) => ({ items: await campaigns.list(currentUser(request)) }),
  );

  app.post(
    '/api/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Tạo đợt cao điểm báo cáo hằng ngày / Create a campaign of daily reports',
        body: NewCampaign,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'campaign.manage');
      return reply.code(201).send({ id: await campaigns.create(user, request.body) });
    },
  );

  app.get(
    '/api/campaigns/:id',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Một đợt: lịch báo cáo, hạn từng ngày, mẫu báo cáo / A campaign, its days and deadlines',
        params: IdParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => campaigns.get(currentUser(request), request.params.id),
  );

  app.get(
    '/api/campaigns/:id/reports/:officeId/:day',
    {
      schema: {
        tags: ['campaigns'],
        summary:
          'Báo cáo ngày của tỉnh: các bản đã gửi và bản nháp lấy từ dữ liệu / A province report: versions and a pre-filled draft',
        params: ReportParams,
        response: { 200: ProvinceReport, ...errorResponses },
      },
    },
    async (request) => {
      const { id, officeId, day } = request.params;
      return campaigns.report(currentUser(request), id, officeId, day);
    },
  );

  const submitResponse = { 201: Submitted, ...errorResponses, 409: ErrorRef };
  app.post(
    '/api/campaigns/:id/reports/:officeId/:day/submit',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Gửi báo cáo: đóng băng số liệu / Submit: freeze the figures with their data version',
        params: ReportParams,
        body: Submission,
        response: submitResponse,
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'report.submit');
      const { id, officeId, day } = request.params;
      return reply.code(201).send(await campaigns.submit(user, id, officeId, day, request.body.notes, null));
    },
  );

  app.post(
    '/api/campaigns/:id/reports/:officeId/:day/amend',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Điều chỉnh báo cáo đã gửi, nêu lý do / Amend a submitted report with a reason (a new version)',
        params: ReportParams,
        body: Amendment,
        response: submitResponse,
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'report.submit');
      const { id, officeId, day } = request.params;
      return reply
        .code(201)
        .send(await campaigns.submit(user, id, officeId, day, request.body.notes, request.body.reason));
    },
  );

  app.get(
    '/api/campaigns/:id/reports/:officeId/:day/breakdown',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Danh sách đơn vị, hoạt động, khoản nộp sau một chỉ tiêu / What is behind one figure',
        params: ReportParams,
        querystring: BreakdownQuery,
        response: { 200: Breakdown, ...errorResponses },
      },
    },
    async (request) => {
      const { id, officeId, day } = request.params;
      return campaigns.breakdown(currentUser(request), id, officeId, day, request.query.indicator);
    },
  );

  app.get(
    '/api/campaigns/:id/reports/:officeId/:day/export',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Báo cáo của tỉnh theo mẫu (.xlsx) / A province report as .xlsx in the template layout',
        params: ReportParams,
        response: { 200: FileAnswer('.xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id, officeId, day } = request.params;
      const report = await campaigns.report(currentUser(request), id, officeId, day);
      const latest = report.versions.at(-1);
      const figures = latest?.figures ?? report.draft;
      const rows = figures?.rows ?? [];
      const workbook = await provinceReportWorkbook({
        campaignName: report.campaign.name,
        legalBasis: report.campaign.legalBasis,
        provinceName: report.province.name,
        day,
        version: latest?.version ?? 0,
        submittedAt: latest?.submittedAt ?? null,
        rows,
        ruleSets: figures?.ruleSets,
        footnotes: report.footnotes,
      });
      return sendDownload(reply, {
        fileName: `bao-cao-${report.province.code}-${day}.xlsx`,
        contentType: FILE_TYPES.xlsx,
        content: workbook,
      });
    },
  );

  app.get(
    '/api/campaigns/:id/board',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Bảng theo dõi toàn quốc trong ngày: tình trạng, tổng hợp, xếp hạng / National board for a day',
        params: IdParams,
        querystring: BoardQuery,
        response: { 200: Board, ...errorResponses },
      },
    },
    async (request) => campaigns.board(currentUser(request), request.params.id, request.query.day),
  );

  app.get(
    '/api/campaigns/:id/board/export',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Bảng tổng hợp toàn quốc (.xlsx) / The national table as .xlsx',
        params: IdParams,
        querystring: BoardQuery,
        response: { 200: FileAnswer('.xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const board = await campaigns.board(currentUser(request), request.params.id, request.query.day);
      const columns = board.national
        .filter((r) => indicatorKind(r.indicator) !== 'text')
        .flatMap((r) =>
          indicatorKind(r.indicator) === 'stock'
            ? [{ indicator: r.indicator, label: r.label, unit: r.unit, column: 'day' as const }]
            : [
                { indicator: r.indicator, label: r.label, unit: r.unit, column: 'day' as const },
                { indicator: r.indicator, label: r.label, unit: r.unit, column: 'cumulative' as const },
              ],
        );
      const workbook = await nationalWorkbook({
        campaignName: board.campaign.name,
        legalBasis: board.campaign.legalBasis,
        day: board.day,
        columns,
        provinces: board.provinces.map((p) => ({
          name: p.province.name,
          status: p.status,
          submittedAt: p.submittedAt,
          rows: p.figures?.rows ?? null,
        })),
        national: board.national,
        ruleSets: board.ruleSets,
        footnotes: board.footnotes,
      });
      return sendDownload(reply, {
        fileName: `tong-hop-${board.day}.xlsx`,
        contentType: FILE_TYPES.xlsx,
        content: workbook,
      });
    },
  );
}
