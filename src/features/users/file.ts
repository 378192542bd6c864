import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USER_FILE_COLUMNS, type UserFileError, type UserFileRow } from '../../domain/accounts.js';
import { readNamedColumns } from '../../ledger-files/csv.js';
import { runInThread } from '../../ledger-files/read-thread.js';
import { isWorkbook } from '../../ledger-files/xlsx.js';
import { checkWorkbookZip, WorkbookRefused } from '../../ledger-files/zip-check.js';

/** A bulk account file is small: a thousand rows of names fit in well under a megabyte. */
export const USER_FILE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * What an account workbook may unpack to, and its rows: a few thousand accounts are a few megabytes of sheet XML, so
 * a larger workbook is a damaged or hostile one, refused before it is unpacked.
 */
const USER_WORKBOOK_MAX_UNPACKED_BYTES = 32 * 1024 * 1024;
const USER_WORKBOOK_MAX_ROWS = 20_000;

const fileError = (message: string): { rows: UserFileRow[]; errors: UserFileError[] } => ({
  rows: [],
  errors: [{ line: 1, column: 0, message }],
});

/**
 * The rows of an uploaded account file (CSV, or the first sheet of an .xlsx): a header naming the columns in any
 * order, then one row an account. A workbook is unpacked on a thread of its own once its size is known to be sane.
 */
export async function readUserFile(
  content: Buffer,
  fileName: string,
): Promise<{ rows: UserFileRow[]; errors: UserFileError[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-users-'));
  try {
    const csv = join(dir, 'users.csv');
    if (isWorkbook(fileName)) {
      if (content.subarray(0, 2).toString('latin1') !== 'PK') {
        return fileError('không phải tệp .xlsx / not an .xlsx file');
      }
      const xlsx = join(dir, 'users.xlsx');
      await writeFile(xlsx, content);
      try {
        await checkWorkbookZip(xlsx, USER_WORKBOOK_MAX_UNPACKED_BYTES);
        await runInThread({ job: 'xlsx', path: xlsx, csvPath: csv, maxRows: USER_WORKBOOK_MAX_ROWS });
      } catch (error) {
        return error instanceof WorkbookRefused && error.reason === 'too_large'
          ? fileError(
              'bảng tính quá lớn (quá 20.000 dòng hoặc 32 MB khi giải nén) / the workbook is too large (over 20,000 rows or 32 MB unpacked)',
            )
          : fileError('không đọc được tệp .xlsx / the .xlsx file cannot be read');
      }
    } else {
      await writeFile(csv, content);
    }
    return await readUserCsv(csv);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readUserCsv(csv: string): Promise<{ rows: UserFileRow[]; errors: UserFileError[] }> {
  const file = await readNamedColumns(csv, USER_FILE_COLUMNS, ['email']);
  if (file.empty) return fileError('tệp trống / the file is empty');
  const errors: UserFileError[] = [];
  if (file.missing.length > 0) {
    errors.push({
      line: 1,
      column: 0,
      message: `thiếu cột ${file.missing.join(', ')} / missing columns; dòng tiêu đề / header: ${USER_FILE_COLUMNS.join(',')}`,
    });
  }
  const rows = file.records.map(({ line, values: [username, fullName, role, office, email] }) => ({
    line,
    username: username!,
    fullName: fullName!,
    role: role!,
    office: office!,
    email: email!,
  }));
  return { rows, errors };
}
