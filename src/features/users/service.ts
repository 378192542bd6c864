import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import {
  checkUserFileRow,
  isRoleCode,
  USER_FILE_MAX_ROWS,
  type UserFileError,
  type UserFileRow,
} from '../../domain/accounts.js';
import { mayGrantRole, roleFitsOffice, type RoleCode } from '../../domain/organisation.js';
import { AppError, forbidden, notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import { deleteUserSessions, listSessions } from '../../db/sessions.js';
import type { SessionUser } from '../auth/service.js';
import { hashPassword, oneTimePassword } from '../auth/password.js';
import { findOfficeInScope } from '../../db/scope.js';
import { readUserFile } from './file.js';
import * as q from './queries.js';

export interface NewUser {
  username: string;
  fullName: string;
  role: RoleCode;
  officeId: number;
  email?: string | null | undefined;
}

export interface UserChanges {
  fullName?: string | undefined;
  role?: RoleCode | undefined;
  officeId?: number | undefined;
  email?: string | null | undefined;
}

const roleAboveOwn = () => new AppError('role_above_own');
const roleOfficeMismatch = () => new AppError('role_office_mismatch');
const usernameTaken = () => new AppError('username_taken');

/**
 * Quản lý người dùng: a province director manages the accounts of the province's subtree, the national administrator
 * everyone's. A user outside the manager's scope answers like one that does not exist; a role above the manager's
 * own is refused. Every change is audited in its transaction; passwords are never written to the audit.
 */
export class UserService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  list(manager: SessionUser) {
    return q.listUsersInScope(this.db, manager.scope);
  }

  private async target(manager: SessionUser, id: number) {
    const user = await q.findUserInScope(this.db, manager.scope, id);
    if (!user) throw notFound();
    // An account of a higher role is left to someone of that level, even when it sits in the scope.
    if (!mayGrantRole(manager.role, user.role)) throw forbidden();
    return user;
  }

  private async placement(manager: SessionUser, role: RoleCode, officeId: number) {
    const office = await findOfficeInScope(this.db, manager.scope, officeId);
    if (!office) throw notFound();
    if (!mayGrantRole(manager.role, role)) throw roleAboveOwn();
    if (!roleFitsOffice(role, office.kind)) throw roleOfficeMismatch();
    return office;
  }

  /** Creates the account with a one-time password, returned once; its owner must change it at the first login. */
  async create(manager: SessionUser, input: NewUser) {
    await this.placement(manager, input.role, input.officeId);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const id = await this.db.transaction().execute(async (trx) => {
      if (await q.usernameTaken(trx, input.username)) throw usernameTaken();
      const userId = await q.insertUser(trx, { ...input, passwordHash, mustChangePassword: true });
      await recordAudit(trx, {
        at: this.clock.now(),
        userId: manager.id,
        action: 'user.create',
        entity: 'app_user',
        entityId: userId,
        officeId: input.officeId,
        after: {
          username: input.username,
          fullName: input.fullName,
          role: input.role,
          officeId: input.officeId,
          email: input.email ?? null,
        },
      });
      return userId;
    });
    return { id, oneTimePassword: password };
  }

  async update(manager: SessionUser, id: number, changes: UserChanges) {
    const user = await this.target(manager, id);
    if (user.id === manager.id && (changes.role !== undefined || changes.officeId !== undefined)) {
      throw new AppError('own_role');
    }
    const role = changes.role ?? user.role;
    const officeId = changes.officeId ?? user.office_id;
    if (changes.role !== undefined || changes.officeId !== undefined) await this.placement(manager, role, officeId);
    const fields = {
      ...(changes.fullName !== undefined ? { full_name: changes.fullName } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.role !== undefined ? { role } : {}),
      ...(changes.officeId !== undefined ? { office_id: officeId } : {}),
    };
    if (Object.keys(fields).length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await q.updateUser(trx, id, fields);
      // A new role or office changes what the open sessions may see: they end, and the next login takes the new one.
      if (changes.role !== undefined || changes.officeId !== undefined) await deleteUserSessions(trx, id);
      await recordAudit(trx, {
        at: this.clock.now(),
        userId: manager.id,
        action: 'user.update',
        entity: 'app_user',
        entityId: id,
        officeId,
        before: pick(user, fields),
        after: fields,
      });
    });
  }

  /** Disables the account; its sessions end at once, so an open page is refused on its next request. */
  async setActive(manager: SessionUser, id: number, active: boolean) {
    const user = await this.target(manager, id);
    if (user.id === manager.id) {
      throw new AppError('own_account');
    }
    await this.db.transaction().execute(async (trx) => {
      await q.updateUser(trx, id, { active });
      const ended = active ? 0 : await deleteUserSessions(trx, id);
      await recordAudit(trx, {
        at: this.clock.now(),
        userId: manager.id,
        action: active ? 'user.enable' : 'user.disable',
        entity: 'app_user',
        entityId: id,
        officeId: user.office_id,
        before: { active: user.active },
        after: { active, sessionsEnded: ended },
      });
    });
  }

  /** A new one-time password, returned once; the old one stops working and so do the open sessions. */
  async resetPassword(manager: SessionUser, id: number) {
    const user = await this.target(manager, id);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await q.setOneTimePassword(trx, id, passwordHash, now);
      const ended = await deleteUserSessions(trx, id);
      await recordAudit(trx, {
        at: now,
        userId: manager.id,
        action: 'user.password_reset',
        entity: 'app_user',
        entityId: id,
        officeId: user.office_id,
        after: { sessionsEnded: ended },
      });
    });
    return { oneTimePassword: password };
  }

  async sessions(manager: SessionUser, id: number, idleMinutes: number) {
    const user = await this.target(manager, id);
    const now = this.clock.now();
    return listSessions(this.db, user.id, now, new Date(now.getTime() - idleMinutes * 60_000));
  }

  async endSessions(manager: SessionUser, id: number) {
    const user = await this.target(manager, id);
    await this.db.transaction().execute(async (trx) => {
      const ended = await deleteUserSessions(trx, id);
      await recordAudit(trx, {
        at: this.clock.now(),
        userId: manager.id,
        action: 'user.sessions_ended',
        entity: 'app_user',
        entityId: id,
        officeId: user.office_id,
        after: { sessionsEnded: ended },
      });
    });
  }

  /**
   * Creates the accounts of a file in one transaction: any bad row and nothing is created. A row whose account
   * already exists exactly as written is left alone, so the same file uploaded twice creates nothing the second time.
   */
  /** An account file (CSV or .xlsx) read, then its rows created as importRows does: all or nothing. */
  async importFile(manager: SessionUser, content: Buffer, fileName: string) {
    const file = await readUserFile(content, fileName);
    return file.errors.length > 0 ? { ok: false as const, errors: file.errors } : this.importRows(manager, file.rows);
  }

  async importRows(
    manager: SessionUser,
    rows: readonly UserFileRow[],
  ): Promise<
    | {
        ok: true;
        created: { line: number; username: string; fullName: string; oneTimePassword: string }[];
        unchanged: string[];
      }
    | { ok: false; errors: UserFileError[] }
  > {
    const errors: UserFileError[] = [];
    if (rows.length === 0) errors.push({ line: 1, column: 0, message: 'tệp không có dòng nào / the file has no rows' });
    if (rows.length > USER_FILE_MAX_ROWS) {
      errors.push({
        line: 1,
        column: 0,
        message: `tối đa ${USER_FILE_MAX_ROWS} dòng / at most ${USER_FILE_MAX_ROWS} rows`,
      });
    }
    if (errors.length > 0) return { ok: false, errors };
    for (const row of rows) errors.push(...checkUserFileRow(row));

    const offices = new Map(
      (await q.officesByCode(this.db, manager.scope, [...new Set(rows.map((r) => r.office))])).map((o) => [o.code, o]),
    );
    const existing = new Map(
      (
        await q.existingUsers(
          this.db,
          rows.map((r) => r.username),
        )
      ).map((u) => [u.username, u]),
    );
    const seen = new Map<string, number>();
    const toCreate: UserFileRow[] = [];
    const unchanged: string[] = [];
    for (const row of rows) {
      const at = (column: number, message: string) => errors.push({ line: row.line, column, message });
      const earlier = seen.get(row.username);
      if (earlier !== undefined) at(1, `trùng tên đăng nhập với dòng ${earlier} / same username as line ${earlier}`);
      seen.set(row.username, row.line);
      const office = offices.get(row.office);
      if (row.office !== '' && !office)
        at(4, `không có cơ quan "${row.office}" trong phạm vi / no office "${row.office}" in your scope`);
      if (!isRoleCode(row.role)) continue;
      if (!mayGrantRole(manager.role, row.role)) at(3, 'vai trò cao hơn vai trò của bạn / a role above your own');
      else if (office && !roleFitsOffice(row.role, office.kind))
        at(3, 'vai trò không phù hợp với cấp cơ quan / the role does not belong in this office');
      const found = existing.get(row.username);
      if (found) {
        const same =
          found.full_name === row.fullName &&
          found.role === row.role &&
          found.office_code === row.office &&
          (found.email ?? '') === row.email;
        if (same) unchanged.push(row.username);
        else at(1, 'tên đăng nhập đã có với thông tin khác / the username exists with other details');
      } else {
        toCreate.push(row);
      }
    }
    if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };

    const passwords = await Promise.all(
      toCreate.map(async () => {
        const password = oneTimePassword();
        return { password, hash: await hashPassword(password) };
      }),
    );
    const created = await this.db.transaction().execute(async (trx) => {
      const done = [];
      for (const [i, row] of toCreate.entries()) {
        const office = offices.get(row.office)!;
        // Another upload may have taken the name since the check; the whole file is refused then, as for any error.
        if (await q.usernameTaken(trx, row.username)) throw usernameTaken();
        const id = await q.insertUser(trx, {
          username: row.username,
          fullName: row.fullName,
          role: row.role as RoleCode,
          officeId: office.id,
          email: row.email || null,
          passwordHash: passwords[i]!.hash,
          mustChangePassword: true,
        });
        await recordAudit(trx, {
          at: this.clock.now(),
          userId: manager.id,
          action: 'user.create',
          entity: 'app_user',
          entityId: id,
          officeId: office.id,
          after: {
            username: row.username,
            fullName: row.fullName,
            role: row.role,
            officeId: office.id,
            email: row.email || null,
            bulk: true,
          },
        });
        done.push({
          line: row.line,
          username: row.username,
          fullName: row.fullName,
          oneTimePassword: passwords[i]!.password,
        });
      }
      return done;
    });
    return { ok: true, created, unchanged };
  }
}

function pick(user: q.ManagedUser, fields: Record<string, unknown>) {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, user[k as keyof q.ManagedUser]]));
}
