import { Type } from '@sinclair/typebox';
import { IdParams, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { FeedbackService } from './service.js';

const Status = Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('closed')]);
const Category = Type.Union([Type.Literal('difficulty'), Type.Literal('proposal')]);
const Body = Type.String({ minLength: 1, maxLength: 8000, pattern: '\\S' });

export async function feedbackRoutes(app: App, { db, clock }: AppDeps) {
  const feedback = new FeedbackService(db, clock);

  app.get('/api/feedback', {
    schema: {
      tags: ['feedback'], summary: 'Phản ánh, kiến nghị trong phạm vi / Feedback threads in the scope',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({
        id: Type.Integer(), officeName: Type.String(), category: Category, title: Type.String(), status: Status,
        createdAt: Type.String(), messages: Type.Integer(),
      })) }) },
    },
  }, async (request) => ({ items: await feedback.list(currentUser(request)) }));

  app.post('/api/feedback', {
    schema: {
      tags: ['feedback'], summary: 'Gửi phản ánh, kiến nghị của địa phương / Raise a difficulty or proposal',
      body: Type.Object({ category: Category, title: Type.String({ minLength: 3, maxLength: 300 }), body: Body }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send({ id: await feedback.raise(currentUser(request), request.body) }));

  app.get('/api/feedback/:id', {
    schema: {
      tags: ['feedback'], summary: 'Một phản ánh và các trao đổi / A thread with its messages', params: IdParams,
      response: { 200: Type.Object({
        id: Type.Integer(), officeName: Type.String(), category: Category, title: Type.String(), status: Status,
        messages: Type.Array(Type.Object({ id: Type.Integer(), author: Type.String(), office: Type.String(), body: Type.String(), createdAt: Type.String() })),
      }), ...errorResponses },
    },
  }, async (request) => feedback.thread(currentUser(request), request.params.id));

  app.post('/api/feedback/:id/messages', {
    schema: {
      tags: ['feedback'], summary: 'Trả lời, trao đổi thêm / Answer or add to a thread; a national answer marks it answered',
      params: IdParams, body: Type.Object({ body: Body }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => {
    const id = await feedback.addMessage(currentUser(request), request.params.id, request.body.body);
    return reply.code(201).send({ id });
  });

  app.post('/api/feedback/:id/close', {
    schema: {
      tags: ['feedback'], summary: 'Đóng phản ánh đã được giải quyết / Close a thread', params: IdParams,
      response: { 204: Type.Null(), ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => {
    await feedback.close(currentUser(request), request.params.id);
    return reply.code(204).send(null);
  });
}
