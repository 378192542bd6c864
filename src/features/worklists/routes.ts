import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { FileAnswer, errorResponses } from '../../http/schemas.js';
import { languageOf } from '../../ledger-files/import-messages.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { worklistWorkbook } from './export.js';
import { BulkAssigned, BulkAssignment, Worklist, WorklistExportQuery, WorklistQuery } from './schemas.js';
import { WorklistService } from './service.js';

export async function worklistRoutes(app: App, { db, clock }: AppDeps) {
  const worklists = new WorklistService(db, clock);

  app.get(
    '/api/worklist',
    {
      schema: {
        tags: ['worklists'],
        summary: "Danh sách việc hôm nay của cán bộ / An official's worklist for today, most pressing first",
        querystring: WorklistQuery,
        response: { 200: Worklist, ...errorResponses },
      },
    },
    async (request) => worklists.worklist(currentUser(request), request.query),
  );

  app.get(
    '/api/worklist/export',
    {
      schema: {
        tags: ['worklists'],
        summary: 'Xuất danh sách việc đã lọc ra .xlsx / The filtered worklist as .xlsx, every row the filters keep',
        querystring: WorklistExportQuery,
        response: { 200: FileAnswer('.xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const list = await worklists.worklistExport(currentUser(request), request.query);
      const content = await worklistWorkbook({
        officialName: list.official.fullName,
        asOf: list.asOf,
        items: list.items,
        language: languageOf(request.headers['accept-language']),
      });
      return sendDownload(reply, {
        fileName: `viec-hom-nay-${list.asOf}.xlsx`,
        contentType: FILE_TYPES.xlsx,
        content,
      });
    },
  );

  app.post(
    '/api/assignments/bulk',
    {
      schema: {
        tags: ['worklists'],
        summary: 'Phân công hàng loạt theo cơ quan, loại hình, quy mô / Assign an official to many employers at once',
        body: BulkAssignment,
        response: { 200: BulkAssigned, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireCapability(request, 'assignment.write');
      return { assigned: await worklists.assignInBulk(user, request.body) };
    },
  );
}
