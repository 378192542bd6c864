import { USER_FILE_COLUMNS } from '../../domain/accounts.js';
import { AppError } from '../../http/errors.js';
import { ErrorRef, errorResponses, IdParams, NoContent } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { sessionItem } from '../auth/routes.js';
import { OpenSessions } from '../auth/schemas.js';
import { DEFAULT_SESSION_IDLE_MINUTES } from '../auth/service.js';
import { requireCapability } from '../auth/session.js';
import { USER_FILE_MAX_BYTES } from './file.js';
import type { ManagedUser } from './queries.js';
import {
  CreatedUser,
  NewUser,
  OneTimePassword,
  UserChanges,
  UserFileQuery,
  UserImportResult,
  UserList,
  type UserInScope,
} from './schemas.js';
import { UserService } from './service.js';

const userItem = (r: ManagedUser): UserInScope => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  email: r.email,
  role: r.role,
  roleName: r.role_name,
  office: { id: r.office_id, code: r.office_code, name: r.office_name, kind: r.office_kind },
  active: r.active,
  mustChangePassword: r.must_change_password,
});

export async function userRoutes(app: App, { db, clock, sessionIdleMinutes }: AppDeps) {
  const users = new UserService(db, clock);

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Người dùng trong phạm vi / Users in the scope',
        response: { 200: UserList, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireCapability(request, 'user.read');
      return { items: (await users.list(user)).map(userItem) };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Tạo người dùng (trả mật khẩu dùng một lần) / Create a user (answers a one-time password)',
        body: NewUser,
        response: { 201: CreatedUser, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      const manager = requireCapability(request, 'user.manage');
      return reply
        .code(201)
        .send(await users.create(manager, { ...request.body, fullName: request.body.fullName.trim() }));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Sửa người dùng / Edit a user',
        params: IdParams,
        body: UserChanges,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const manager = requireCapability(request, 'user.manage');
      await users.update(manager, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  for (const [verb, active] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    app.post(
      `/api/users/:id/${verb}`,
      {
        schema: {
          tags: ['users'],
          summary: active
            ? 'Mở lại tài khoản / Re-enable an account'
            : 'Khóa tài khoản (các phiên kết thúc ngay) / Disable an account (its sessions end at once)',
          params: IdParams,
          response: { 204: NoContent, ...errorResponses },
        },
      },
      async (request, reply) => {
        await users.setActive(requireCapability(request, 'user.manage'), request.params.id, active);
        return reply.code(204).send(null);
      },
    );
  }

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Cấp lại mật khẩu dùng một lần / Reset to a one-time password',
        params: IdParams,
        response: { 200: OneTimePassword, ...errorResponses },
      },
    },
    async (request) => users.resetPassword(requireCapability(request, 'user.manage'), request.params.id),
  );

  app.get(
    '/api/users/:id/sessions',
    {
      schema: {
        tags: ['users'],
        summary: 'Phiên làm việc của người dùng / A user’s open sessions',
        params: IdParams,
        response: { 200: OpenSessions, ...errorResponses },
      },
    },
    async (request) => {
      const manager = requireCapability(request, 'user.manage');
      const rows = await users.sessions(manager, request.params.id, sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES);
      return { items: rows.map((s) => sessionItem(s, request.session!.id)) };
    },
  );

  app.post(
    '/api/users/:id/sessions/end',
    {
      schema: {
        tags: ['users'],
        summary: 'Kết thúc mọi phiên của người dùng / End all of a user’s sessions',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await users.endSessions(requireCapability(request, 'user.manage'), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // The file is the raw body (CSV or .xlsx), in its own context so the JSON routes keep their parsers.
  await app.register(async (files: App) => {
    files.removeAllContentTypeParsers();
    files.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: USER_FILE_MAX_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    files.post(
      '/api/users/import',
      {
        bodyLimit: USER_FILE_MAX_BYTES,
        schema: {
          tags: ['users'],
          summary:
            'Tạo nhiều người dùng từ tệp CSV/XLSX (cả tệp hoặc không gì) / Create users from a CSV/XLSX file, all or nothing',
          querystring: UserFileQuery,
          response: { 201: UserImportResult, ...errorResponses, 422: ErrorRef },
        },
      },
      async (request, reply) => {
        const manager = requireCapability(request, 'user.manage');
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
          throw new AppError('empty_file');
        }
        const result = await users.importFile(manager, request.body, request.query.fileName);
        if (!result.ok) {
          throw new AppError('invalid_file', {
            errors: result.errors.map((e) => ({
              ...e,
              columnName: e.column > 0 ? USER_FILE_COLUMNS[e.column - 1] : null,
            })),
          });
        }
        return reply.code(201).send({ created: result.created, unchanged: result.unchanged });
      },
    );
  });
}
