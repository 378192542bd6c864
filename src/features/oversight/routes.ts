import { FileAnswer, errorResponses } from '../../http/schemas.js';
import { liveFigures } from '../../domain/basis.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { latestClose } from '../../ledger/positions.js';
import type { App, AppDeps } from '../../http/types.js';
import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { requireCapability } from '../auth/session.js';
import { vietnamDate } from '../../domain/calendar.js';
import {
  BreakdownQuery,
  CandidatesExportQuery,
  CandidatesQuery,
  EmulationRows,
  InspectionCandidates,
  InspectionCoverages,
  LateBreakdown,
  ProvinceReportRequest,
  Trend,
  TrendQuery,
  YearQuery,
} from './schemas.js';
import { languageOf } from '../../ledger-files/import-messages.js';
import { candidatesWorkbook } from './export.js';
import { OversightService, provinceSituationReport } from './service.js';

export async function oversightRoutes(app: App, { db, clock }: AppDeps) {
  const oversight = new OversightService(db, clock);

  app.get(
    '/api/oversight/trend',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Số tiền, tỷ lệ chậm đóng theo thời gian / Late amount and ratio over time',
        querystring: TrendQuery,
        response: { 200: Trend, ...errorResponses },
      },
    },
    async (request) => oversight.trend(requireCapability(request, 'employer.read'), request.query),
  );

  app.get(
    '/api/oversight/breakdown',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Chậm đóng theo nhóm tháng, loại hình, đơn vị trực thuộc / By band, ownership and office',
        querystring: BreakdownQuery,
        response: { 200: LateBreakdown, ...errorResponses },
      },
    },
    async (request) => oversight.breakdown(requireCapability(request, 'employer.read'), request.query.officeId),
  );

  app.get(
    '/api/oversight/inspection',
    {
      schema: {
        tags: ['oversight'],
        summary:
          'Đơn vị chậm đóng từ số tháng thanh tra đột xuất của bộ quy tắc, thanh tra đột xuất, xử phạt theo tỉnh / Inspection coverage',
        querystring: YearQuery,
        response: { 200: InspectionCoverages, ...errorResponses },
      },
    },
    async (request) => ({
      basis: await livePositions(db),
      items: await oversight.inspection(requireCapability(request, 'employer.read'), request.query.year),
    }),
  );

  app.get(
    '/api/oversight/inspection/candidates',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Đơn vị cần thanh tra đột xuất tiếp theo / Employers to inspect next',
        querystring: CandidatesQuery,
        response: { 200: InspectionCandidates, ...errorResponses },
      },
    },
    async (request) => ({
      basis: await livePositions(db),
      ...(await oversight.inspectionCandidates(requireCapability(request, 'employer.read'), request.query)),
    }),
  );

  app.get(
    '/api/oversight/inspection/candidates/export',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Xuất danh sách cần thanh tra đã lọc ra .xlsx / The filtered inspection candidates as .xlsx',
        querystring: CandidatesExportQuery,
        response: { 200: FileAnswer('.xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'employer.read');
      const list = await oversight.inspectionCandidatesExport(user, request.query);
      const content = await candidatesWorkbook({
        ...list,
        language: languageOf(request.headers['accept-language']),
        creator: user.fullName,
      });
      return sendDownload(reply, {
        fileName: `can-thanh-tra-${list.asOf}.xlsx`,
        contentType: FILE_TYPES.xlsx,
        content,
      });
    },
  );

  app.get(
    '/api/oversight/emulation',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Điểm thi đua cuối năm của các tỉnh, đề xuất khen thưởng, phê bình / Year-end emulation scores',
        querystring: YearQuery,
        response: { 200: EmulationRows, ...errorResponses },
      },
    },
    async (request) => ({
      items: await oversight.emulation(requireCapability(request, 'employer.read'), request.query.year),
    }),
  );

  app.post(
    '/api/oversight/people-committee-report',
    {
      schema: {
        tags: ['oversight'],
        summary: "Lập báo cáo UBND tỉnh tình hình đóng (.docx) / Issue the report to the provincial People's Committee",
        description:
          "Each report issued takes the next number of the province office's register of outgoing documents " +
          '(x-document-number), as its letters do: a number is never given twice.',
        body: ProvinceReportRequest,
        response: { 200: FileAnswer('.docx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'employer.read');
      const at = clock.now();
      const { docx, number } = await provinceSituationReport(db, user, request.body.provinceId, at);
      reply.header('x-document-number', number);
      return sendDownload(reply, {
        fileName: `bao-cao-ubnd-${vietnamDate(at)}-${number.split('/')[0]}.docx`,
        contentType: FILE_TYPES.docx,
        content: docx,
      });
    },
  );
}

/** The stored positions are live figures: recomputed after every import (none before the first computation). */
async function livePositions(db: Kysely<Database>) {
  const asOf = await latestClose(db);
  return asOf === null ? null : liveFigures(asOf);
}
