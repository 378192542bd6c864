import { Type } from '@sinclair/typebox';
import { CalendarDate, MaybeBasis, MaybeShare, errorResponses } from '../../http/schemas.js';
import { liveFigures } from '../../domain/basis.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { latestClose } from '../../ledger/positions.js';
import type { App, AppDeps } from '../../http/types.js';
import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { requireCapability } from '../auth/session.js';
import { vietnamDate } from '../../domain/calendar.js';
import { OversightService, provinceSituationReport } from './service.js';

const Money = Type.Integer({ description: 'whole VND' });
const OfficeRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Criterion = Type.Object({ value: MaybeShare, points: Type.Number(), max: Type.Number() });

export async function oversightRoutes(app: App, { db, clock }: AppDeps) {
  const oversight = new OversightService(db, clock);

  app.get('/api/oversight/trend', {
    schema: {
      tags: ['oversight'], summary: 'Số tiền, tỷ lệ chậm đóng theo thời gian / Late amount and ratio over time',
      querystring: Type.Object({ officeId: Type.Optional(Type.Integer({ minimum: 1 })), from: CalendarDate, to: CalendarDate }),
      response: { 200: Type.Object({
        office: OfficeRef,
        basis: MaybeBasis,
        points: Type.Array(Type.Object({ asOf: CalendarDate, employers: Type.Integer(), lateEmployers: Type.Integer(), lateAmount: Money, lateRatio: MaybeShare })),
      }), ...errorResponses },
    },
  }, async (request) => oversight.trend(requireCapability(request, 'employer.read'), request.query));

  app.get('/api/oversight/breakdown', {
    schema: {
      tags: ['oversight'], summary: 'Chậm đóng theo nhóm tháng, loại hình, đơn vị trực thuộc / By band, ownership and office',
      querystring: Type.Object({ officeId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      response: { 200: Type.Object({
        office: OfficeRef, asOf: Type.Union([CalendarDate, Type.Null()]), basis: MaybeBasis,
        byBand: Type.Array(Type.Object({ key: Type.String(), lateEmployers: Type.Integer(), lateAmount: Money })),
        byOwnership: Type.Array(Type.Object({ key: Type.String(), lateEmployers: Type.Integer(), lateAmount: Money })),
        byOffice: Type.Array(Type.Object({
          id: Type.Integer(), code: Type.String(), name: Type.String(),
          direct: Type.Boolean({ description: 'the employers the office manages itself, not an office below it' }),
          lateEmployers: Type.Integer(), lateAmount: Money,
        })),
      }), ...errorResponses },
    },
  }, async (request) => oversight.breakdown(requireCapability(request, 'employer.read'), request.query.officeId));

  app.get('/api/oversight/inspection', {
    schema: {
      tags: ['oversight'], summary: 'Đơn vị chậm đóng từ số tháng thanh tra đột xuất của bộ quy tắc, thanh tra đột xuất, xử phạt theo tỉnh / Inspection coverage',
      querystring: Type.Object({ year: Year }),
      response: { 200: Type.Object({ basis: MaybeBasis, items: Type.Array(Type.Object({
        province: OfficeRef, minMonths: Type.Integer({ description: 'late this many months or more: the rule set\'s months for a surprise inspection' }),
        lateThreeMonths: Type.Integer(), surpriseInspected: Type.Integer(), coverage: MaybeShare,
        sanctions: Type.Integer(), fines: Money,
      })) }), ...errorResponses },
    },
  }, async (request) => ({
    basis: await livePositions(db),
    items: await oversight.inspection(requireCapability(request, 'employer.read'), request.query.year),
  }));

  app.get('/api/oversight/inspection/candidates', {
    schema: {
      tags: ['oversight'], summary: 'Đơn vị cần thanh tra đột xuất tiếp theo / Employers to inspect next',
      querystring: Type.Object({ officeId: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }),
      response: { 200: Type.Object({
        basis: MaybeBasis,
        minMonths: Type.Integer({ description: 'late this many months or more: the rule set\'s months for a surprise inspection' }),
        items: Type.Array(Type.Object({
        employer: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), officeName: Type.String(), headcount: Type.Integer() }),
        lateAmount: Money, overdueMonths: Type.Integer(),
      })) }), ...errorResponses },
    },
  }, async (request) => ({
    basis: await livePositions(db),
    ...await oversight.inspectionCandidates(requireCapability(request, 'employer.read'), request.query.officeId, request.query.limit),
  }));

  app.get('/api/oversight/emulation', {
    schema: {
      tags: ['oversight'], summary: 'Điểm thi đua cuối năm của các tỉnh, đề xuất khen thưởng, phê bình / Year-end emulation scores',
      querystring: Type.Object({ year: Year }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({
        province: OfficeRef, from: Type.Union([CalendarDate, Type.Null()]), to: Type.Union([CalendarDate, Type.Null()]),
        reduction: Criterion, target: Criterion, timeliness: Criterion, inspectionCoverage: Criterion, recoveryAfterInspection: Criterion,
        total: Type.Number(), max: Type.Number(),
        proposal: Type.Union([Type.Literal('commend'), Type.Literal('criticise'), Type.Null()]),
      })) }), ...errorResponses },
    },
  }, async (request) => ({ items: await oversight.emulation(requireCapability(request, 'employer.read'), request.query.year) }));

  app.get('/api/oversight/people-committee-report', {
    schema: {
      tags: ['oversight'], summary: 'Báo cáo UBND tỉnh tình hình đóng (.docx) / Report to the provincial People\'s Committee',
      querystring: Type.Object({ provinceId: Type.Integer({ minimum: 1 }) }),
      response: errorResponses,
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'employer.read');
    const today = vietnamDate(clock.now());
    const docx = await provinceSituationReport(db, user, request.query.provinceId, today);
    return sendDownload(reply, { fileName: `bao-cao-ubnd-${today}.docx`, contentType: FILE_TYPES.docx, content: docx });
  });
}

/** The stored positions are live figures: recomputed after every import (none before the first computation). */
async function livePositions(db: Kysely<Database>) {
  const asOf = await latestClose(db);
  return asOf === null ? null : liveFigures(asOf);
}
