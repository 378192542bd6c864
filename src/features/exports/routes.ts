import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { FileAnswer, errorResponses } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { TableExport } from './schemas.js';
import { exportTable } from './service.js';

export async function exportRoutes(app: App) {
  app.post(
    '/api/exports/xlsx',
    {
      schema: {
        tags: ['exports'],
        summary: 'Lưu bảng số liệu đang xem thành tệp Excel (.xlsx) / Save the table on screen as .xlsx',
        body: TableExport,
        response: { 200: FileAnswer('.xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      currentUser(request);
      const { fileName, content } = await exportTable(request.body);
      return sendDownload(reply, { fileName, contentType: FILE_TYPES.xlsx, content });
    },
  );
}
