/** Tài khoản người dùng: what a username, an e-mail and a row of a bulk account file must look like. */
import { ROLE_CODES, type RoleCode } from './organisation.js';

/** Lower-case letters, digits, dots, dashes and underscores: typed on any keyboard, no look-alike letters. */
export const USERNAME_PATTERN = '^[a-z0-9._-]{3,50}$';
/** Deliberately loose: one @ and a dot in the domain; delivery is what proves an address. */
export const EMAIL_PATTERN = '^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+$';

/** Columns of a bulk account file (.csv or .xlsx), by header name. */
export const USER_FILE_COLUMNS = ['username', 'full_name', 'role', 'office', 'email'] as const;
export type UserFileColumn = (typeof USER_FILE_COLUMNS)[number];
export const USER_FILE_MAX_ROWS = 1000;

export interface UserFileRow {
  line: number;
  username: string;
  fullName: string;
  role: string;
  /** Office code (mã cơ quan). */
  office: string;
  email: string;
}

export interface UserFileError {
  line: number;
  /** 1-based position in USER_FILE_COLUMNS, 0 for the whole row or file. */
  column: number;
  message: string;
}

export const isRoleCode = (code: string): code is RoleCode => (ROLE_CODES as readonly string[]).includes(code);

const column = (name: UserFileColumn) => USER_FILE_COLUMNS.indexOf(name) + 1;

/**
 * The checks a row passes on its own, before the database is asked about its office and username. Messages are
 * Vietnamese then English, as an officer reads them next to the file.
 */
export function checkUserFileRow(row: UserFileRow): UserFileError[] {
  const errors: UserFileError[] = [];
  const fail = (name: UserFileColumn, message: string) =>
    errors.push({ line: row.line, column: column(name), message });
  if (!new RegExp(USERNAME_PATTERN).test(row.username)) {
    fail('username', 'tên đăng nhập 3–50 ký tự a-z 0-9 . _ - / username: 3–50 of a-z 0-9 . _ -');
  }
  if (row.fullName.length < 2 || row.fullName.length > 200)
    fail('full_name', 'họ tên trống hoặc quá dài / full name empty or too long');
  if (!isRoleCode(row.role)) fail('role', `vai trò không có: "${row.role}" / unknown role (${ROLE_CODES.join(', ')})`);
  if (row.office === '') fail('office', 'thiếu mã cơ quan / office code missing');
  if (row.email !== '' && (row.email.length > 200 || !new RegExp(EMAIL_PATTERN).test(row.email))) {
    fail('email', 'e-mail không hợp lệ / invalid e-mail');
  }
  return errors;
}

export function formatUserFileError(e: UserFileError): string {
  const where = e.column > 0 ? `, cột ${String.fromCharCode(64 + e.column)} (${USER_FILE_COLUMNS[e.column - 1]})` : '';
  return `dòng ${e.line}${where}: ${e.message}`;
}
