import { rm } from 'node:fs/promises';
import { Created, ErrorRef, FileAnswer, IdParams, NoContent, Reason, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { ATTACHMENT_DECLARED_TYPES, attachmentKind, servedType, type AttachmentKind } from '../../http/file-types.js';
import { acceptRawFiles, checkDeclaredLength, mediaType, receiveFile, unsupportedType } from '../../http/uploads.js';
import { sendDownload } from '../../http/download.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { AttachmentFiles } from './files.js';
import { AttachmentQuery, EmployerActions, NewAction, RecordedActions } from './schemas.js';
import { ActionService } from './service.js';

const notKept = (declared: string) => unsupportedType('attachment', declared);

export async function actionRoutes(app: App, { db, clock, uploads, filesDir }: AppDeps) {
  const store = new AttachmentFiles(filesDir);
  const actions = new ActionService(db, clock, store, uploads);

  app.post(
    '/api/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'Ghi nhận hoạt động đôn đốc, cưỡng chế / Record an action on one or many employers',
        description: 'Urging letters, invitations, minutes and referrals generate a numbered .docx per employer.',
        body: NewAction,
        response: { 201: RecordedActions, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'action.write');
      return reply.code(201).send(await actions.record(user, request.body));
    },
  );

  app.post(
    '/api/actions/:id/cancel',
    {
      schema: {
        tags: ['actions'],
        summary: 'Hủy hoạt động ghi nhầm, nêu lý do / Cancel an action with a reason (it is kept)',
        params: IdParams,
        body: Reason,
        response: { 204: NoContent, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'action.write');
      await actions.cancel(user, request.params.id, request.body.reason);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/employers/:id/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'Các hoạt động đã thực hiện với đơn vị / Actions taken on an employer, newest first',
        params: IdParams,
        response: { 200: EmployerActions, ...errorResponses },
      },
    },
    async (request) => ({ items: await actions.listForEmployer(currentUser(request), request.params.id) }),
  );

  // An attachment is the raw body, streamed to the files folder: the login, the rights, the action, the declared
  // type and length and the quotas are checked before a byte is read; the first bytes decide the kind it is kept as.
  await app.register(async (files: App) => {
    acceptRawFiles(files);
    files.post(
      '/api/actions/:id/attachments',
      {
        schema: {
          tags: ['actions'],
          summary: 'Đính kèm tệp vào hoạt động / Attach a file (the raw body) to an action',
          description:
            'PDF, images (PNG, JPEG, GIF, WebP, TIFF), Word/Excel/OpenDocument files, plain text, CSV or JSON; ' +
            'the kind is told from the content and is the type the file is served with.',
          params: IdParams,
          querystring: AttachmentQuery,
          response: { 201: Created, ...errorResponses, 409: ErrorRef, 413: ErrorRef, 415: ErrorRef },
        },
      },
      async (request, reply) => {
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
          const id = await actions.addAttachment(user, request.params.id, {
            path,
            fileName,
            contentType: kind!.type,
            ...received,
          });
          return reply.code(201).send({ id });
        } finally {
          await rm(path, { force: true });
        }
      },
    );
  });

  app.get(
    '/api/attachments/:id',
    {
      schema: {
        tags: ['actions'],
        summary: 'Tải tệp đính kèm / Download an attachment',
        params: IdParams,
        response: { 200: FileAnswer('the file as it was attached'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await actions.attachment(currentUser(request), request.params.id);
      // Never shown inside the app's origin: saved as a file, with a type from the allow-list the browser may not
      // second-guess, and in a sandbox should it be opened anyway.
      reply
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('content-length', file.size);
      return sendDownload(reply, {
        fileName: file.fileName,
        contentType: servedType(file.contentType),
        content: 'file' in file ? file.file.createReadStream() : file.content,
      });
    },
  );
}
