import { vietnamDate } from '../../domain/calendar.js';
import { AppError } from '../../http/errors.js';
import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { FileAnswer, IdParams, NoContent, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { withProgress } from '../progress/service.js';
import { ProgressQuery } from '../progress/schemas.js';
import { pdfConverter, pdfFromDocx } from './docx.js';
import { documentsZip } from './bundle.js';
import {
  DocumentFormats,
  DocumentQuery,
  DocumentsZipRequest,
  EvidenceFile,
  OfficeDocuments,
  OfficeSigner,
  RegisterNumber,
  RegisterParams,
} from './schemas.js';
import { DocumentService, OfficeDocumentService } from './service.js';

export async function documentRoutes(app: App, { db, clock, filesDir }: AppDeps) {
  const documents = new DocumentService(db, clock);
  const offices = new OfficeDocumentService(db, clock);

  app.get(
    '/api/documents/formats',
    {
      schema: {
        tags: ['documents'],
        summary: 'Định dạng tải văn bản: PDF khi máy chủ có LibreOffice / Whether issued documents come as PDF too',
        response: { 200: DocumentFormats, ...errorResponses },
      },
    },
    async (request) => {
      currentUser(request);
      return { pdf: pdfConverter() !== null };
    },
  );

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
      const user = currentUser(request);
      // Refused before the document is read: without LibreOffice there is no PDF to make.
      if (request.query.format === 'pdf' && pdfConverter() === null) throw new AppError('pdf_unavailable');
      const doc = await documents.file(user, request.params.id);
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

  app.get(
    '/api/offices/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Người ký và sổ văn bản đi của cơ quan / Who signs for the office, and its registers',
        params: IdParams,
        response: { 200: OfficeDocuments, ...errorResponses },
      },
    },
    async (request) => offices.settings(requireCapability(request, 'office.manage'), request.params.id),
  );

  app.put(
    '/api/offices/:id/signer',
    {
      schema: {
        tags: ['documents'],
        summary: 'Đặt người ký văn bản của cơ quan (Giám đốc, hoặc KT. Giám đốc - Phó Giám đốc) / Set who signs',
        params: IdParams,
        body: OfficeSigner,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await offices.setSigner(requireCapability(request, 'office.manage'), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/offices/:id/registers/:year',
    {
      schema: {
        tags: ['documents'],
        summary:
          'Đặt số cuối của sổ văn bản đi trong năm (không thấp hơn số đã dùng) / Set where the register stands, never lower',
        params: RegisterParams,
        body: RegisterNumber,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id, year } = request.params;
      await offices.setRegister(requireCapability(request, 'office.manage'), id, year, request.body.lastNumber);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/documents/zip',
    {
      schema: {
        tags: ['documents'],
        summary: 'Tải nhiều văn bản trong một tệp nén / Download many issued documents as one zip',
        description:
          'The zip is sent with its length, so that a client can show how much has arrived. With progress, ' +
          'GET /api/progress/{progress} tells how far the zip is before its first byte is sent.',
        querystring: ProgressQuery,
        body: DocumentsZipRequest,
        response: { 200: FileAnswer('.zip of .docx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const target = { filesDir, clock, userId: user.id, id: request.query.progress, work: 'documents_zip' as const };
      const { zip, count } = await withProgress(target, (progress) =>
        documentsZip(db, user, request.body.ids, progress),
      );
      reply.header('content-length', zip.length);
      return sendDownload(reply, {
        fileName: `van-ban-${vietnamDate(clock.now())}-${count}.zip`,
        contentType: FILE_TYPES.zip,
        content: zip,
      });
    },
  );
}
