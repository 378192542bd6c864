import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { requireCapability } from '../auth/session.js';
import { importLedgerFile } from './service.js';
import { isWorkbook } from './xlsx.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FieldErrorBody = Type.Object({
  file: Type.String(), line: Type.Integer(), column: Type.Integer(), columnName: Type.String(), message: Type.String(),
});

export async function importRoutes(app: App, { handle, clock }: AppDeps) {
  // The file arrives as the raw request body and streams to a temporary file: no size-bound buffer in memory.
  for (const type of ['text/csv', 'application/octet-stream', XLSX_TYPE]) {
    app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
  }

  app.post(
    '/api/imports/:kind',
    {
      bodyLimit: 4 * 1024 ** 3,
      schema: {
        tags: ['imports'],
        summary: 'Nhập tệp CSV hoặc .xlsx (đơn vị, số phải đóng, thanh toán) / Import an interchange file, all rows or none',
        description: 'The body is the file itself; fileName decides its format (.xlsx is a workbook, anything else CSV).',
        params: Type.Object({ kind: Type.Union([Type.Literal('employers'), Type.Literal('obligations'), Type.Literal('payments')]) }),
        querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: {
          200: Type.Object({
            status: Type.Union([Type.Literal('imported'), Type.Literal('unchanged')]),
            kind: Type.String(),
            rows: Type.Integer(),
            inserted: Type.Optional(Type.Integer()),
            updated: Type.Optional(Type.Integer()),
            employers: Type.Optional(Type.Integer({ description: 'employers whose arrears positions were recomputed' })),
          }),
          ...errorResponses,
          422: Type.Object({
            code: Type.String(), message: Type.String(), errors: Type.Array(FieldErrorBody), errorCount: Type.Integer(),
          }),
        },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'ledger.import');
      const dir = mkdtempSync(join(tmpdir(), 'dondoc-upload-'));
      try {
        const path = join(dir, isWorkbook(request.query.fileName) ? 'upload.xlsx' : 'upload.csv');
        await pipeline(request.body as NodeJS.ReadableStream, createWriteStream(path));
        const result = await importLedgerFile(
          handle, clock, { userId: user.id, scope: user.scope, officeId: user.office.id }, request.params.kind, path,
          request.query.fileName,
        );
        if (result.status === 'refused') {
          return reply.code(422).send({
            code: 'import_refused',
            message: `Tệp bị từ chối: ${result.errorCount} lỗi; không dòng nào được nhập`,
            errors: result.errors,
            errorCount: result.errorCount,
          });
        }
        if (result.status === 'unchanged') return { status: result.status, kind: result.kind, rows: result.rows };
        return {
          status: result.status, kind: result.kind, rows: result.rows, inserted: result.inserted, updated: result.updated,
          employers: result.employerIds.length,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}
