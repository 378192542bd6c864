import { rm } from 'node:fs/promises';
import { Type } from '@sinclair/typebox';
import { ACTION_KINDS } from '../../domain/actions.js';
import { CalendarDate, IdParams, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { ATTACHMENT_DECLARED_TYPES, attachmentKind, servedType, type AttachmentKind } from '../../http/file-types.js';
import { acceptRawFiles, checkDeclaredLength, mediaType, receiveFile, unsupportedType } from '../../http/uploads.js';
import { sendDownload } from '../../http/download.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { AttachmentFiles } from './files.js';
import { ActionService } from './service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const ActionKind = literals(ACTION_KINDS);
const Money = Type.Integer({ description: 'whole VND' });
const Reason = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000, pattern: '\\S' }) }, { additionalProperties: false });
const DocumentRef = Type.Object({ id: Type.Integer(), kind: Type.String(), number: Type.Union([Type.String(), Type.Null()]), fileName: Type.String() });

const ActionBody = Type.Object({
  id: Type.Integer(),
  kind: ActionKind,
  date: CalendarDate,
  official: Type.Object({ id: Type.Integer(), fullName: Type.String() }),
  documentNumber: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  followUpOn: Type.Union([CalendarDate, Type.Null()]),
  fine: Type.Union([Money, Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  batchId: Type.Integer(),
  countsAsUrging: Type.Boolean({ description: 'urging letter or invitation; a C12 notice never counts' }),
  recordedAt: Type.String({ format: 'date-time' }),
  cancelled: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()]),
  documents: Type.Array(DocumentRef),
  attachments: Type.Array(Type.Object({ id: Type.Integer(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() })),
});

const NewAction = Type.Object({
  employerIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 200, description: 'one action per employer; a conference or mailing records many at once' }),
  kind: ActionKind,
  date: CalendarDate,
  officialId: Type.Optional(Type.Integer({ minimum: 1, description: 'the official who acted; the user by default' })),
  documentNumber: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
  outcome: Type.Optional(Type.String({ maxLength: 4000 })),
  followUpOn: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
  fine: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 9e15 }), Type.Null()])),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'meetingWhen, meetingPlace, contact, participants, content, conclusion, agency, enclosures…' })),
  generateDocument: Type.Optional(Type.Boolean({ default: true })),
}, { additionalProperties: false });

/** A file name as an officer gives it: any text but control characters (which no file system name needs). */
const FileName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });

const notKept = (declared: string) => unsupportedType('attachment', declared);

export async function actionRoutes(app: App, { db, clock, uploads, filesDir }: AppDeps) {
  const store = new AttachmentFiles(filesDir);
  const actions = new ActionService(db, clock, store, uploads);

  app.post('/api/actions', {
    schema: {
      tags: ['actions'],
      summary: 'Ghi nhận hoạt động đôn đốc, cưỡng chế / Record an action on one or many employers',
      description: 'Urging letters, invitations, minutes and referrals generate a numbered .docx per employer.',
      body: NewAction,
      response: {
        201: Type.Object({
          batchId: Type.Integer(),
          actions: Type.Array(Type.Object({
            id: Type.Integer(), employerId: Type.Integer(), documentId: Type.Union([Type.Integer(), Type.Null()]),
            documentNumber: Type.Union([Type.String(), Type.Null()]),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'action.write');
    return reply.code(201).send(await actions.record(user, request.body));
  });

  app.post('/api/actions/:id/cancel', {
    schema: {
      tags: ['actions'],
      summary: 'Hủy hoạt động ghi nhầm, nêu lý do / Cancel an action with a reason (it is kept)',
      params: IdParams, body: Reason, response: { 204: Type.Null(), ...errorResponses, 409: Type.Ref('Error') },
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
      params: IdParams, response: { 200: Type.Object({ items: Type.Array(ActionBody) }), ...errorResponses },
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
        querystring: Type.Object({ fileName: FileName }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses, 409: Type.Ref('Error'), 413: Type.Ref('Error'), 415: Type.Ref('Error') },
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
    schema: { tags: ['actions'], summary: 'Tải tệp đính kèm / Download an attachment', params: IdParams, response: errorResponses },
  }, async (request, reply) => {
    const file = await actions.attachment(currentUser(request), request.params.id);
    // Never shown inside the app's origin: saved as a file, with a type from the allow-list the browser may not
    // second-guess, and in a sandbox should it be opened anyway.
    reply.header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('content-length', file.size);
    return sendDownload(reply, {
      fileName: file.fileName, contentType: servedType(file.contentType),
      content: 'file' in file ? file.file.createReadStream() : file.content,
    });
  });
}
