import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { Created, ErrorRef, FileAnswer, IdParams, NoContent, errorResponses } from '../../http/schemas.js';
import { languageOf } from '../../ledger-files/import-messages.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import {
  AssignmentParams,
  EmployerChanges,
  EmployerDetail,
  EmployerExportQuery,
  EmployerPage,
  EmployerQuery,
  Ledger,
  NewAssignment,
  NewEmployer,
} from './schemas.js';
import { employerWorkbook } from './export.js';
import { EmployerService } from './service.js';

export async function employerRoutes(app: App, { db, clock }: AppDeps) {
  const employers = new EmployerService(db, clock);

  app.get(
    '/api/employers',
    {
      schema: {
        tags: ['employers'],
        summary: 'Danh sách đơn vị / Employers, paged, in the user scope',
        querystring: EmployerQuery,
        response: { 200: EmployerPage, ...errorResponses },
      },
    },
    async (request) => employers.list(currentUser(request), request.query),
  );

  app.get(
    '/api/employers/export',
    {
      schema: {
        tags: ['employers'],
        summary: 'Xuất danh sách đơn vị đã lọc ra .xlsx / The filtered employer list as .xlsx, every row it keeps',
        querystring: EmployerExportQuery,
        response: { 200: FileAnswer('.xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const list = await employers.listExport(user, request.query);
      const content = await employerWorkbook({
        ...list,
        language: languageOf(request.headers['accept-language']),
        creator: user.fullName,
      });
      return sendDownload(reply, { fileName: `don-vi-${list.asOf}.xlsx`, contentType: FILE_TYPES.xlsx, content });
    },
  );

  app.get(
    '/api/employers/:id',
    {
      schema: {
        tags: ['employers'],
        summary: 'Chi tiết đơn vị / Employer details',
        params: IdParams,
        response: { 200: EmployerDetail, ...errorResponses },
      },
    },
    async (request) => employers.get(currentUser(request), request.params.id),
  );

  app.get(
    '/api/employers/:id/ledger',
    {
      schema: {
        tags: ['employers'],
        summary: 'Số phải đóng theo tháng và các khoản đã nộp / Amounts due by month and payments',
        params: IdParams,
        response: { 200: Ledger, ...errorResponses },
      },
    },
    async (request) => employers.ledger(currentUser(request), request.params.id),
  );

  app.post(
    '/api/employers',
    {
      schema: {
        tags: ['employers'],
        summary: 'Thêm đơn vị / Register an employer',
        body: NewEmployer,
        response: { 201: Created, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      const id = await employers.create(requireCapability(request, 'employer.write'), request.body);
      return reply.code(201).send({ id });
    },
  );

  app.patch(
    '/api/employers/:id',
    {
      schema: {
        tags: ['employers'],
        summary: 'Sửa thông tin đơn vị / Update an employer',
        params: IdParams,
        body: EmployerChanges,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await employers.update(requireCapability(request, 'employer.write'), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/employers/:id/assignments',
    {
      schema: {
        tags: ['employers'],
        summary: 'Phân công cán bộ theo dõi đơn vị / Assign an official to the employer',
        params: IdParams,
        body: NewAssignment,
        response: { 201: Created, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'assignment.write');
      const id = await employers.assign(user, request.params.id, request.body.userId, request.body.responsibility);
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/employers/:id/assignments/:assignmentId/end',
    {
      schema: {
        tags: ['employers'],
        summary: 'Kết thúc phân công / End an assignment (kept in history)',
        params: AssignmentParams,
        response: { 204: NoContent, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'assignment.write');
      await employers.endAssignment(user, request.params.id, request.params.assignmentId);
      return reply.code(204).send(null);
    },
  );
}
