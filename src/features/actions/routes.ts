import { rm } from 'node:fs/promises';
import { Type } from '@sinclair/typebox';
import { ACTION_KINDS } from '../../domain/actions.js';
import { LADDER_STEPS } from '../../domain/ladder.js';
import { CalendarDate, IdParams, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { attachmentDisposition } from '../../http/content-disposition.js';
import { AppError } from '../../http/errors.js';
import { ATTACHMENT_DECLARED_TYPES, attachmentKind, servedType, type AttachmentKind } from '../../http/file-types.js';
import { acceptRawFiles, checkDeclaredLength, mediaType, receiveFile, unsupportedType } from '../../http/uploads.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { pdfFromDocx } from '../documents/docx.js';
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

const PromiseState = Type.Union([
  Type.Object({ status: Type.Literal('pending'), next: Type.Object({ dueOn: CalendarDate, outstanding: Money }) }),
  Type.Object({ status: Type.Literal('kept'), keptOn: CalendarDate }),
  Type.Object({ status: Type.Literal('broken'), brokenOn: CalendarDate, shortfall: Money, missedDueOn: CalendarDate }),
]);
const Instalment = Type.Object({ dueOn: CalendarDate, amount: Type.Integer({ minimum: 1, maximum: 9e15 }) }, { additionalProperties: false });
const PromiseKind = Type.Union([Type.Literal('promise'), Type.Literal('instalment')]);

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
      querystring: Type.Object({ format: Type.Union([Type.Literal('docx'), Type.Literal('pdf')], { default: 'docx' }) }),
      response: errorResponses,
    },
  }, async (request, reply) => {
    const doc = await actions.document(currentUser(request), request.params.id);
    if (request.query.format === 'pdf') {
      const pdf = await pdfFromDocx(doc.content);
      if (!pdf) throw new AppError('pdf_unavailable');
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
      response: {
        201: Type.Object({ id: Type.Integer(), criteria: Type.Array(Type.Object({ label: Type.String(), met: Type.Boolean(), detail: Type.String() })) }),
        ...errorResponses,
      },
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
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Type.Integer(), kind: PromiseKind, madeOn: CalendarDate, actionId: Type.Union([Type.Integer(), Type.Null()]),
            note: Type.String(), instalments: Type.Array(Instalment), state: PromiseState,
            cancelled: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()]),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => ({ items: await actions.promises(currentUser(request), request.params.id) }));

  app.post('/api/employers/:id/promises', {
    schema: {
      tags: ['actions'],
      summary: 'Ghi nhận cam kết trả nợ hoặc thỏa thuận trả dần / Record a promise to pay or an instalment agreement',
      params: IdParams,
      body: Type.Object({
        kind: PromiseKind,
        madeOn: CalendarDate,
        instalments: Type.Array(Instalment, { minItems: 1, maxItems: 36 }),
        note: Type.Optional(Type.String({ maxLength: 2000 })),
        actionId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'action.write');
    return reply.code(201).send({ id: await actions.createPromise(user, request.params.id, request.body) });
  });

  app.post('/api/promises/:id/cancel', {
    schema: {
      tags: ['actions'],
      summary: 'Hủy cam kết ghi nhầm, nêu lý do / Cancel a promise with a reason (it is kept)',
      params: IdParams, body: Reason, response: { 204: Type.Null(), ...errorResponses, 409: Type.Ref('Error') },
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
      response: {
        200: Type.Object({
          step: literals(LADDER_STEPS),
          since: Type.Union([CalendarDate, Type.Null()]),
          due: Type.Array(Type.Object({ action: Type.String(), by: CalendarDate, reason: Type.String() })),
          brokenPromise: Type.Boolean(),
          referralClause: Type.Union([Type.Integer(), Type.Null()]),
          evaluatedOn: Type.Union([CalendarDate, Type.Null()]),
          moves: Type.Array(Type.Object({ step: literals(LADDER_STEPS), enteredOn: CalendarDate, leftOn: Type.Union([CalendarDate, Type.Null()]) })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => actions.ladder(currentUser(request), request.params.id));
}
