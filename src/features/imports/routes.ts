import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { attachmentDisposition } from '../../http/content-disposition.js';
import { AppError } from '../../http/errors.js';
import { languageOf } from '../../ledger-files/import-messages.js';
import { importTemplate } from '../../ledger-files/template.js';
import { isText, isZip, XLSX_TYPE } from '../../http/file-types.js';
import { errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { acceptRawFiles, mediaType, receiveFile, unsupportedType } from '../../http/uploads.js';
import { requireCapability } from '../auth/session.js';
import { importLedgerFile, type ImportResult } from './service.js';
import { isWorkbook } from '../../ledger-files/xlsx.js';
import { WorkbookRefused } from '../../ledger-files/zip-check.js';

/** Types a browser or a script may give a CSV file (Windows names .csv files after Excel). */
const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'text/x-csv', 'application/vnd.ms-excel', 'application/octet-stream']);
const XLSX_TYPES = new Set([XLSX_TYPE, 'application/octet-stream']);

const FieldErrorBody = Type.Object({
  file: Type.String(),
  line: Type.Integer({ description: "the spreadsheet's row" }),
  column: Type.Integer({ description: '1-based; 0 for the whole row or file' }),
  columnLetter: Type.String({ description: "the spreadsheet's column letter, '' with column 0" }),
  columnName: Type.String(),
  code: Type.String(),
  message: Type.String({ description: 'in the language of Accept-Language: English when asked, else Vietnamese' }),
});

const KindParams = Type.Object({ kind: Type.Union([Type.Literal('employers'), Type.Literal('obligations'), Type.Literal('payments')]) });

const Example = Type.Object({
  line: Type.Integer(), status: Type.Union([Type.Literal('new'), Type.Literal('changed')]), key: Type.String(),
  before: Type.Union([Type.String(), Type.Number(), Type.Null()]), after: Type.Union([Type.String(), Type.Number()]),
});

export async function importRoutes(app: App, { handle, clock, uploads, filesDir }: AppDeps) {
  app.get('/api/imports/:kind/template', {
    schema: {
      tags: ['imports'],
      summary: 'Tải mẫu .xlsx của tệp nhập / Download the .xlsx template of an import file, with an example row',
      params: KindParams,
      response: errorResponses,
    },
  }, async (request, reply) => {
    requireCapability(request, 'ledger.import');
    const language = languageOf(request.headers['accept-language']);
    const names = { employers: 'don-vi', obligations: 'so-phai-dong', payments: 'thanh-toan' };
    reply.header('content-type', XLSX_TYPE)
      .header('content-disposition', attachmentDisposition(`mau-${names[request.params.kind]}.xlsx`));
    return reply.send(await importTemplate(request.params.kind, language));
  });

  // The file arrives as the raw request body and streams to a file in the files folder (not /tmp, often memory),
  // counted against its kind's limit; JSON and form bodies are refused by type before a byte is read.
  const incoming = join(filesDir, 'incoming');
  await app.register(async (files: App) => {
    acceptRawFiles(files);
    files.post(
      '/api/imports/:kind',
      {
        schema: {
          tags: ['imports'],
          summary: 'Nhập tệp CSV hoặc .xlsx (đơn vị, số phải đóng, thanh toán) / Import an interchange file, all rows or none',
          description: 'The body is the file itself; fileName decides its format (.xlsx is a workbook, anything else CSV). ' +
            'With dryRun=true (kiểm tra trước) the file is checked and compared with what is stored, and nothing is written.',
          params: KindParams,
          querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }), dryRun: Type.Optional(Type.Boolean()) }),
          response: {
            200: Type.Object({
              status: Type.Union([Type.Literal('imported'), Type.Literal('unchanged'), Type.Literal('checked')]),
              kind: Type.String(),
              rows: Type.Integer(),
              inserted: Type.Optional(Type.Integer({ description: 'rows new (or, in a dry run, that would be)' })),
              updated: Type.Optional(Type.Integer({ description: 'rows changed (or that would be)' })),
              unchanged: Type.Optional(Type.Integer({ description: 'in a dry run: rows equal to what is stored' })),
              examples: Type.Optional(Type.Array(Example, { description: 'in a dry run: the first rows that would change' })),
              employers: Type.Optional(Type.Integer({ description: 'employers whose arrears positions were recomputed' })),
            }),
            ...errorResponses,
            413: Type.Ref('Error'),
            415: Type.Ref('Error'),
            422: Type.Object({
              code: Type.String(), message: Type.String(), errors: Type.Array(FieldErrorBody), errorCount: Type.Integer(),
            }),
          },
        },
      },
      async (request) => {
        const user = requireCapability(request, 'ledger.import');
        const language = languageOf(request.headers['accept-language']);
        const workbook = isWorkbook(request.query.fileName);
        const type = mediaType(request);
        if (!(workbook ? XLSX_TYPES : CSV_TYPES).has(type)) {
          throw unsupportedType('import', type);
        }
        await mkdir(incoming, { recursive: true });
        const dir = await mkdtemp(join(incoming, 'import-'));
        // The folder is gone before the answer: a client that hears back finds nothing of its upload left.
        let result: ImportResult;
        try {
          const path = join(dir, workbook ? 'upload.xlsx' : 'upload.csv');
          await receiveFile(request, path, workbook ? uploads.xlsxBytes : uploads.csvBytes, (head) => {
            if (workbook) return isZip(head) ? null : unsupportedType('xlsx');
            return isText(head) ? null : unsupportedType('csvText');
          });
          result = await importLedgerFile(
            handle, clock, { userId: user.id, scope: user.scope, officeId: user.office.id }, request.params.kind, path,
            request.query.fileName, undefined, uploads, { language, dryRun: request.query.dryRun ?? false },
          ).catch((error: unknown) => {
            if (!(error instanceof WorkbookRefused)) throw error;
            throw new AppError('workbook_too_large', { detail: error.message });
          });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
        if (result.status === 'refused') {
          throw new AppError('import_refused', {
            errorCount: result.errorCount,
            errors: result.errors.map((e) => ({ ...e, columnLetter: e.columnLetter ?? '', code: e.code ?? '' })),
          }).inLanguage(language);
        }
        if (result.status === 'unchanged') return { status: result.status, kind: result.kind, rows: result.rows };
        if (result.status === 'checked') {
          const { status, kind, rows, inserted, updated, unchanged, examples } = result;
          return { status, kind, rows, inserted, updated, unchanged, examples };
        }
        return {
          status: result.status, kind: result.kind, rows: result.rows, inserted: result.inserted, updated: result.updated,
          employers: result.employerIds.length,
        };
      },
    );
  });
}
