import { vietnamDate } from '../../domain/calendar.js';
import { FileAnswer, IdParams, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { requireCapability } from '../auth/session.js';
import { withProgress } from '../progress/service.js';
import { NoticeQuery, OfficeNoticesQuery } from './schemas.js';
import { employerNotice, officeNotices, renderNotice } from './service.js';

export async function statementRoutes(app: App, { db, clock, filesDir }: AppDeps) {
  app.get(
    '/api/employers/:id/c12-ts',
    {
      schema: {
        tags: ['statements'],
        summary:
          'Thông báo kết quả đóng (mẫu C12-TS) của một tháng, .xlsx hoặc .docx / Monthly payment-result notice C12-TS',
        params: IdParams,
        querystring: NoticeQuery,
        response: { 200: FileAnswer('.xlsx or .docx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'employer.read');
      const notice = await employerNotice(db, user.scope, request.params.id, request.query.month);
      const file = await renderNotice(notice, request.query.format ?? 'xlsx', vietnamDate(clock.now()));
      return sendDownload(reply, { fileName: file.filename, contentType: file.contentType, content: file.content });
    },
  );

  app.get(
    '/api/offices/:id/c12-ts',
    {
      schema: {
        tags: ['statements'],
        summary:
          "Thông báo C12-TS của các đơn vị thuộc một cơ quan BHXH, một file .zip / The C12-TS notices of an office's employers, as a zip",
        description:
          'One file per employer of the office and the offices below it that had any figure in the month. ' +
          'The employers come in parts of 500 in the order of their codes: `part` (1 by default) chooses one, the ' +
          'header x-notice-parts says how many there are, and a part beyond them answers 400 part_out_of_range. ' +
          'With progress, GET /api/progress/{progress} tells how far the zip is while it is made.',
        params: IdParams,
        querystring: OfficeNoticesQuery,
        response: { 200: FileAnswer('a .zip of notices'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'employer.read');
      const { month, format = 'xlsx', part = 1 } = request.query;
      const target = { filesDir, clock, userId: user.id, id: request.query.progress, work: 'c12_zip' as const };
      const result = await withProgress(target, (progress) =>
        officeNotices(db, user.scope, request.params.id, month, format, vietnamDate(clock.now()), part, progress),
      );
      const office = result.officeCode.replace(/[^A-Za-z0-9_-]/g, '_');
      const suffix = result.parts > 1 ? `-${part}-of-${result.parts}` : '';
      reply.header('x-notice-count', String(result.count)).header('x-notice-parts', String(result.parts));
      return sendDownload(reply, {
        fileName: `c12-ts-${office}-${month}-${format}${suffix}.zip`,
        contentType: FILE_TYPES.zip,
        content: result.zip,
      });
    },
  );
}
