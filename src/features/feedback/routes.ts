import { Created, ErrorRef, IdParams, NoContent, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { FeedbackList, FeedbackReply, FeedbackThread, NewFeedback } from './schemas.js';
import { FeedbackService } from './service.js';

export async function feedbackRoutes(app: App, { db, clock }: AppDeps) {
  const feedback = new FeedbackService(db, clock);

  app.get(
    '/api/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Phản ánh, kiến nghị trong phạm vi / Feedback threads in the scope',
        response: { 200: FeedbackList },
      },
    },
    async (request) => ({ items: await feedback.list(currentUser(request)) }),
  );

  app.post(
    '/api/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Gửi phản ánh, kiến nghị của địa phương / Raise a difficulty or proposal',
        body: NewFeedback,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await feedback.raise(currentUser(request), request.body) }),
  );

  app.get(
    '/api/feedback/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Một phản ánh và các trao đổi / A thread with its messages',
        params: IdParams,
        response: { 200: FeedbackThread, ...errorResponses },
      },
    },
    async (request) => feedback.thread(currentUser(request), request.params.id),
  );

  app.post(
    '/api/feedback/:id/messages',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Trả lời, trao đổi thêm / Answer or add to a thread; a national answer marks it answered',
        params: IdParams,
        body: FeedbackReply,
        response: { 201: Created, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      const id = await feedback.addMessage(currentUser(request), request.params.id, request.body.body);
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/feedback/:id/close',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Đóng phản ánh đã được giải quyết / Close a thread',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      await feedback.close(currentUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
