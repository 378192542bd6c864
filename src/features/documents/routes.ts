import { vietnamDate } from '../../domain/calendar.js';
import { AppError } from '../../http/errors.js';
import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { FileAnswer, IdParams, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { pdfFromDocx } from './docx.js';
import { documentsZip } from './bundle.js';
import { DocumentQuery, DocumentsZipRequest, EvidenceFile } from './schemas.js';
import { DocumentService } from './service.js';

export async function documentRoutes(app: App, { db, clock }: AppDeps) {
  const documents = new DocumentService(db, clock);

  app.get(
    '/api/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'Tải văn bản đã phát hành (.docx, hoặc .pdf nếu có LibreOffice) / Download an issued document',
        params: IdParams,
        querystring: DocumentQuery,
        response: { 200: FileAnswer('.docx, or .pdf'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const doc = await documents.file(currentUser(request), request.params.id);
      if (request.query.format === 'pdf') {
        const pdf = await pdfFromDocx(doc.content);
        if (!pdf) throw new AppError('pdf_unavailable');
        return sendDownload(reply, {
          fileName: doc.fileName.replace(/\.docx$/, '.pdf'),
          contentType: FILE_TYPES.pdf,
          content: pdf,
        });
      }
      return sendDownload(reply, { fileName: doc.fileName, contentType: FILE_TYPES.docx, content: doc.content });
    },
  );

  app.post(
    '/api/employers/:id/evidence-file',
    {
      schema: {
        tags: ['documents'],
        summary: 'Lập hồ sơ đề nghị khởi tố (Điều 216 BLHS) / Build the referral evidence file of an employer',
        params: IdParams,
        response: { 201: EvidenceFile, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'action.write');
      return reply.code(201).send(await documents.evidenceFile(user, request.params.id));
    },
  );

  app.post(
    '/api/documents/zip',
    {
      schema: {
        tags: ['documents'],
        summary: 'Tải nhiều văn bản trong một tệp nén / Download many issued documents as one zip',
        description: 'The zip is sent with its length, so that a client can show how much has arrived.',
        body: DocumentsZipRequest,
        response: { 200: FileAnswer('.zip of .docx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { zip, count } = await documentsZip(db, user, request.body.ids);
      reply.header('content-length', zip.length);
      return sendDownload(reply, {
        fileName: `van-ban-${vietnamDate(clock.now())}-${count}.zip`,
        contentType: FILE_TYPES.zip,
        content: zip,
      });
    },
  );
}
