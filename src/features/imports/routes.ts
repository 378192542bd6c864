import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sendDownload } from '../../http/download.js';
import { AppError } from '../../http/errors.js';
import { languageOf } from '../../ledger-files/import-messages.js';
import { importTemplate } from '../../ledger-files/template.js';
import { isText, isZip, XLSX_TYPE } from '../../http/file-types.js';
import { ErrorRef, FileAnswer, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { acceptRawFiles, mediaType, receiveFile, unsupportedType } from '../../http/uploads.js';
import { requireCapability } from '../auth/session.js';
import { withProgress } from '../progress/service.js';
import { ImportParams, ImportQuery, ImportRefused, ImportResult } from './schemas.js';
import { importLedgerFile, type ImportResult as ImportOutcome } from './service.js';
import { isWorkbook } from '../../ledger-files/xlsx.js';
import { WorkbookRefused } from '../../ledger-files/zip-check.js';

/** Types a browser or a script may give a CSV file (Windows names .csv files after Excel). */
const CSV_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'text/x-csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);
const XLSX_TYPES = new Set([XLSX_TYPE, 'application/octet-stream']);

export async function importRoutes(app: App, { handle, clock, uploads, filesDir }: AppDeps) {
  app.get(
    '/api/imports/:kind/template',
    {
      schema: {
        tags: ['imports'],
        summary: 'Tải mẫu .xlsx của tệp nhập / Download the .xlsx template of an import file, with an example row',
        params: ImportParams,
        response: { 200: FileAnswer('.xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireCapability(request, 'ledger.import');
      const language = languageOf(request.headers['accept-language']);
      const names = { employers: 'don-vi', obligations: 'so-phai-dong', payments: 'thanh-toan' };
      return sendDownload(reply, {
        fileName: `mau-${names[request.params.kind]}.xlsx`,
        contentType: XLSX_TYPE,
        content: await importTemplate(request.params.kind, language),
      });
    },
  );

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
          summary:
            'Nhập tệp CSV hoặc .xlsx (đơn vị, số phải đóng, thanh toán) / Import an interchange file, all rows or none',
          description:
            'The body is the file itself; fileName decides its format (.xlsx is a workbook, anything else CSV). ' +
            'With dryRun=true (kiểm tra trước) the file is checked and compared with what is stored, and nothing is written. ' +
            'With progress, GET /api/progress/{progress} tells how far the import is while it runs.',
          params: ImportParams,
          querystring: ImportQuery,
          response: { 200: ImportResult, ...errorResponses, 413: ErrorRef, 415: ErrorRef, 422: ImportRefused },
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
        let result: ImportOutcome;
        try {
          const path = join(dir, workbook ? 'upload.xlsx' : 'upload.csv');
          await receiveFile(request, path, workbook ? uploads.xlsxBytes : uploads.csvBytes, (head) => {
            if (workbook) return isZip(head) ? null : unsupportedType('xlsx');
            return isText(head) ? null : unsupportedType('csvText');
          });
          const target = { filesDir, clock, userId: user.id, id: request.query.progress, work: 'import' as const };
          result = await withProgress(target, (progress) =>
            importLedgerFile(
              handle,
              clock,
              { userId: user.id, scope: user.scope, officeId: user.office.id },
              request.params.kind,
              path,
              request.query.fileName,
              (state) => progress.report(state),
              uploads,
              { language, dryRun: request.query.dryRun ?? false },
            ),
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
          status: result.status,
          kind: result.kind,
          rows: result.rows,
          inserted: result.inserted,
          updated: result.updated,
          employers: result.employerIds.length,
        };
      },
    );
  });
}
