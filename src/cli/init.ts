import type { Clock } from '../clock.js';
import type { DatabaseHandle } from '../db/connection.js';
import { recordAudit } from '../db/audit.js';
import { hashPassword, oneTimePassword } from '../features/auth/password.js';
import { applyOfficeRows } from '../features/offices/service.js';
import { formatOfficeError, readOfficeFile, SHIPPED_OFFICES_FILE } from './offices-file.js';
import { findNationalOffice, hasOffices } from '../features/offices/queries.js';
import { insertInstallation, isSchemaMigrated } from '../features/system/queries.js';
import { insertUser } from '../features/users/queries.js';

export const INIT_USAGE = 'dondoc init --admin TÊN_ĐĂNG_NHẬP [--name "Họ tên"] [--offices TỆP.csv|xlsx]';

export interface InitOptions {
  admin: string;
  fullName: string;
  officesFile: string;
}

export function parseInitArgs(args: string[]): InitOptions | string {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i === -1 ? undefined : args[i + 1];
  };
  const admin = value('--admin');
  if (!admin || !/^[a-z0-9._-]{3,50}$/.test(admin)) {
    return 'Cần --admin TÊN: 3–50 ký tự thường, số, dấu chấm, gạch ngang / --admin NAME is required (a-z 0-9 . _ -)';
  }
  return {
    admin,
    fullName: value('--name') ?? 'Quản trị hệ thống',
    officesFile: value('--offices') ?? SHIPPED_OFFICES_FILE,
  };
}

/** True when the database holds nothing a person put there: no table yet, or an office-less schema. */
export async function isBlankDatabase(handle: DatabaseHandle): Promise<boolean> {
  if (!(await isSchemaMigrated(handle.db))) return true;
  return !(await hasOffices(handle.db));
}

/**
 * Sets an empty, migrated database up for production: the office tree from the file, the installation marked as
 * production (no demo is ever loaded into it), and one national administrator with a one-time password that must be
 * changed at the first login. One transaction: on any error nothing is left. Returns the password.
 */
export async function initProduction(
  handle: DatabaseHandle,
  clock: Clock,
  options: InitOptions,
  log: (line: string) => void,
): Promise<{ ok: true; password: string } | { ok: false; errors: string[] }> {
  const file = await readOfficeFile(options.officesFile);
  if (file.errors.length > 0) return { ok: false, errors: file.errors.map(formatOfficeError) };
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const at = clock.now();
  try {
    await handle.db.transaction().execute(async (trx) => {
      await insertInstallation(trx, 'production', 'ready', at);
      const imported = await applyOfficeRows(trx, file.rows, { userId: null, at });
      if (!imported.ok) throw new OfficeFileRefused(imported.errors.map(formatOfficeError));
      const national = await findNationalOffice(trx);
      if (!national) throw new OfficeFileRefused(['tệp không có cơ quan cấp quốc gia (kind = national)']);
      const userId = await insertUser(trx, {
        username: options.admin,
        fullName: options.fullName,
        passwordHash,
        role: 'national_admin',
        officeId: national.id,
        mustChangePassword: true,
      });
      await recordAudit(trx, {
        at,
        userId: null,
        action: 'system.init',
        entity: 'app_user',
        entityId: userId,
        officeId: national.id,
        after: { admin: options.admin, offices: imported.plan.add.length },
      });
      log(`dondoc: ${imported.plan.add.length} cơ quan / offices, quản trị / administrator ${options.admin}`);
    });
  } catch (error) {
    if (error instanceof OfficeFileRefused) return { ok: false, errors: error.errors };
    throw error;
  }
  return { ok: true, password };
}

class OfficeFileRefused extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
  }
}
