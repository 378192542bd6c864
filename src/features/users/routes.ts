import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USER_FILE_COLUMNS, type UserFileError, type UserFileRow } from '../../domain/accounts.js';
import { AppError } from '../../http/errors.js';
import { ErrorRef, errorResponses, IdParams, NoContent } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { sessionItem } from '../auth/routes.js';
import { OpenSessions } from '../auth/schemas.js';
import { DEFAULT_SESSION_IDLE_MINUTES } from '../auth/service.js';
import { requireCapability } from '../auth/session.js';
import { readCsv } from '../../ledger-files/csv.js';
import { isWorkbook, xlsxToCsv } from '../../ledger-files/xlsx.js';
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

/** A bulk account file is small: a thousand rows of names fit in well under a megabyte. */
const USER_FILE_MAX_BYTES = 2 * 1024 * 1024;

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
        const file = await readUserFile(request.body, request.query.fileName);
        const result =
          file.errors.length > 0
            ? { ok: false as const, errors: file.errors }
            : await users.importRows(manager, file.rows);
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

/** The rows of an uploaded account file: a header naming the columns (any order), then one row an account. */
async function readUserFile(
  content: Buffer,
  fileName: string,
): Promise<{ rows: UserFileRow[]; errors: UserFileError[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-users-'));
  try {
    const csv = join(dir, 'users.csv');
    if (isWorkbook(fileName)) {
      if (content.subarray(0, 2).toString('latin1') !== 'PK') {
        return { rows: [], errors: [{ line: 1, column: 0, message: 'không phải tệp .xlsx / not an .xlsx file' }] };
      }
      const xlsx = join(dir, 'users.xlsx');
      await writeFile(xlsx, content);
      try {
        await xlsxToCsv(xlsx, csv);
      } catch {
        return {
          rows: [],
          errors: [{ line: 1, column: 0, message: 'không đọc được tệp .xlsx / the .xlsx file cannot be read' }],
        };
      }
    } else {
      await writeFile(csv, content);
    }
    const rows: UserFileRow[] = [];
    const errors: UserFileError[] = [];
    let positions: number[] | null = null;
    await readCsv(csv, (fields, line) => {
      if (positions === null) {
        const header = fields.map((f) => f.trim().toLowerCase());
        positions = USER_FILE_COLUMNS.map((c) => header.indexOf(c));
        const missing = USER_FILE_COLUMNS.filter((c, i) => positions![i] === -1 && c !== 'email');
        if (missing.length > 0) {
          errors.push({
            line,
            column: 0,
            message: `thiếu cột ${missing.join(', ')} / missing columns; dòng tiêu đề / header: ${USER_FILE_COLUMNS.join(',')}`,
          });
        }
        return;
      }
      if (fields.every((f) => f.trim() === '')) return;
      const at = (i: number) => (positions![i]! === -1 ? '' : (fields[positions![i]!] ?? '').trim());
      rows.push({ line, username: at(0), fullName: at(1), role: at(2), office: at(3), email: at(4) });
    });
    if (positions === null) errors.push({ line: 1, column: 0, message: 'tệp trống / the file is empty' });
    return { rows, errors };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
