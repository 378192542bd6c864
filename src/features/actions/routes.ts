import { rm } from 'node:fs/promises';
import { Created, ErrorRef, FileAnswer, IdParams, NoContent, Reason, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { attachmentDisposition } from '../../http/content-disposition.js';
import { badRequest } from '../../http/errors.js';
import { ATTACHMENT_DECLARED_TYPES, attachmentKind, servedType, type AttachmentKind } from '../../http/file-types.js';
import { acceptRawFiles, checkDeclaredLength, mediaType, receiveFile, unsupportedType } from '../../http/uploads.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { pdfFromDocx } from '../documents/docx.js';
import { AttachmentFiles } from './files.js';
import {
  AttachmentQuery, DocumentQuery, EmployerActions, EvidenceFile, Ladder, NewAction, NewPromise, PaymentPromises,
  RecordedActions,
} from './schemas.js';
import { ActionService } from './service.js';

const notKept = (declared: string) => unsupportedType(
  `Chỉ nhận PDF, ảnh, tệp Word/Excel, văn bản; tệp này (${declared}) không thuộc loại đó / ` +
  'only PDF, images, Word/Excel/OpenDocument files and text are kept as attachments',
);

export async function actionRoutes(app: App, { db, clock, uploads, filesDir }: AppDeps) {
  const store = new AttachmentFiles(filesDir);
  const actions = new ActionService(db, clock, store, uploads);

  app.post('/api/actions', {
    schema: {
      tags: ['actions'],
      summary: 'Ghi nhận hoạt động đôn đốc, cưỡng chế / Record an action on one or many employers',
      description: 'Urging letters, invitations, minutes and referrals generate a numbered .docx per employer.',
      body: NewAction,
      response: { 201: RecordedActions, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'action.write');
    return reply.code(201).send(await actions.record(user, request.body));
  });

  app.post('/api/actions/:id/cancel', {
    schema: {
      tags: ['actions'],
      summary: 'Hủy hoạt động ghi nhầm, nêu lý do / Cancel an action with a reason (it is kept)',
      params: IdParams, body: Reason, response: { 204: NoContent, ...errorResponses, 409: ErrorRef },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'action.write');
    await actions.cancel(user, request.params.id, request.body.reason);
    return reply.code(204).send(null);
  });

  app.get('/api/employers/:id/actions', {
    schema: {
      tags: ['actions'],
      summary: 'Các hoạt động đã thực hiện với đơn vị / Actions taken on an employer, newest first',
      params: IdParams, response: { 200: EmployerActions, ...errorResponses },
    },
  }, async (request) => ({ items: await actions.listForEmployer(currentUser(request), request.params.id) }));

  // An attachment is the raw body, streamed to the files folder: the login, the rights, the action, the declared
  // type and length and the quotas are checked before a byte is read; the first bytes decide the kind it is kept as.
  await app.register(async (files: App) => {
    acceptRawFiles(files);
    files.post('/api/actions/:id/attachments', {
      schema: {
        tags: ['actions'],
        summary: 'Đính kèm tệp vào hoạt động / Attach a file (the raw body) to an action',
        description: 'PDF, images (PNG, JPEG, GIF, WebP, TIFF), Word/Excel/OpenDocument files, plain text, CSV or JSON; ' +
          'the kind is told from the content and is the type the file is served with.',
        params: IdParams,
        querystring: AttachmentQuery,
        response: { 201: Created, ...errorResponses, 409: ErrorRef, 413: ErrorRef, 415: ErrorRef },
      },
    }, async (request, reply) => {
      const user = requireCapability(request, 'action.write');
      const { fileName } = request.query;
      const declared = mediaType(request);
      if (!ATTACHMENT_DECLARED_TYPES.has(declared)) throw notKept(declared);
      checkDeclaredLength(request, uploads.attachmentBytes);
      await actions.checkAttachmentTarget(user, request.params.id, Number(request.headers['content-length']) || 0);
      const path = await store.incomingPath();
      try {
        let kind: AttachmentKind | null = null;
        const received = await receiveFile(request, path, uploads.attachmentBytes, (head) => {
          kind = attachmentKind(head, fileName, declared);
          return kind ? null : notKept(declared);
        });
        const id = await actions.addAttachment(user, request.params.id, { path, fileName, contentType: kind!.type, ...received });
        return reply.code(201).send({ id });
      } finally {
        await rm(path, { force: true });
      }
    });
  });

  app.get('/api/attachments/:id', {
    schema: {
      tags: ['actions'], summary: 'Tải tệp đính kèm / Download an attachment', params: IdParams,
      response: { 200: FileAnswer('the file as it was attached'), ...errorResponses },
    },
  }, async (request, reply) => {
    const file = await actions.attachment(currentUser(request), request.params.id);
    // Never shown inside the app's origin: saved as a file, with a type from the allow-list the browser may not
    // second-guess, and in a sandbox should it be opened anyway.
    reply.header('content-type', servedType(file.contentType))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('content-length', file.size);
    return 'file' in file ? reply.send(file.file.createReadStream()) : reply.send(file.content);
  });

  app.get('/api/documents/:id', {
    schema: {
      tags: ['documents'],
      summary: 'Tải văn bản đã phát hành (.docx, hoặc .pdf nếu có LibreOffice) / Download an issued document',
      params: IdParams,
      querystring: DocumentQuery,
      response: { 200: FileAnswer('.docx, or .pdf'), ...errorResponses },
    },
  }, async (request, reply) => {
    const doc = await actions.document(currentUser(request), request.params.id);
    if (request.query.format === 'pdf') {
      const pdf = await pdfFromDocx(doc.content);
      if (!pdf) throw badRequest('pdf_unavailable', 'Máy chủ chưa cài LibreOffice để xuất PDF / PDF needs LibreOffice on the server');
      return reply.header('content-type', 'application/pdf')
        .header('content-disposition', attachmentDisposition(doc.fileName.replace(/\.docx$/, '.pdf'))).send(pdf);
    }
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', attachmentDisposition(doc.fileName)).send(doc.content);
  });

  app.post('/api/employers/:id/evidence-file', {
    schema: {
      tags: ['documents'],
      summary: 'Lập hồ sơ đề nghị khởi tố (Điều 216 BLHS) / Build the referral evidence file of an employer',
      params: IdParams,
      response: { 201: EvidenceFile, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'action.write');
    return reply.code(201).send(await actions.evidenceFile(user, request.params.id));
  });

  app.get('/api/employers/:id/promises', {
    schema: {
      tags: ['actions'],
      summary: 'Cam kết trả nợ của đơn vị, đã/không thực hiện theo số đã nộp / Promises to pay, kept or broken from payments',
      params: IdParams,
      response: { 200: PaymentPromises, ...errorResponses },
    },
  }, async (request) => ({ items: await actions.promises(currentUser(request), request.params.id) }));

  app.post('/api/employers/:id/promises', {
    schema: {
      tags: ['actions'],
      summary: 'Ghi nhận cam kết trả nợ hoặc thỏa thuận trả dần / Record a promise to pay or an instalment agreement',
      params: IdParams,
      body: NewPromise,
      response: { 201: Created, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'action.write');
    return reply.code(201).send({ id: await actions.createPromise(user, request.params.id, request.body) });
  });

  app.post('/api/promises/:id/cancel', {
    schema: {
      tags: ['actions'],
      summary: 'Hủy cam kết ghi nhầm, nêu lý do / Cancel a promise with a reason (it is kept)',
      params: IdParams, body: Reason, response: { 204: NoContent, ...errorResponses, 409: ErrorRef },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'action.write');
    await actions.cancelPromise(user, request.params.id, request.body.reason);
    return reply.code(204).send(null);
  });

  app.get('/api/employers/:id/ladder', {
    schema: {
      tags: ['actions'],
      summary: 'Bậc đôn đốc hiện tại, việc phải làm tiếp và lịch sử chuyển bậc / Ladder step, what is due, history',
      params: IdParams,
      response: { 200: Ladder, ...errorResponses },
    },
  }, async (request) => actions.ladder(currentUser(request), request.params.id));
}
