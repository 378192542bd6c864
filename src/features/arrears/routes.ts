import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { errorResponses, FileAnswer, IdParams } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { languageOf } from '../../ledger-files/import-messages.js';
import { currentUser } from '../auth/session.js';
import { lateWorkbook } from './export.js';
import {
  ArrearsPosition,
  ArrearsQuery,
  ArrearsSummary,
  LateExportQuery,
  LatePage,
  LateQuery,
  SummaryQuery,
} from './schemas.js';
import { ArrearsService } from './service.js';

export async function arrearsRoutes(app: App, { db, clock }: AppDeps) {
  const arrears = new ArrearsService(db, clock);

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
    async (request) => arrears.position(currentUser(request), request.params.id, request.query.asOf),
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
      const content = await lateWorkbook({
        items: list.items,
        asOf: list.asOf,
        language: languageOf(request.headers['accept-language']),
        creator: user.fullName,
      });
      return sendDownload(reply, { fileName: `cham-dong-${list.asOf}.xlsx`, contentType: FILE_TYPES.xlsx, content });
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
    async (request) => arrears.summary(currentUser(request), request.query.officeId),
  );
}
