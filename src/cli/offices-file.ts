import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFICE_FILE_COLUMNS, type OfficeFileError, type OfficeFileRow } from '../domain/office-tree.js';
import { readCsv } from '../ledger-files/csv.js';
import { isWorkbook, xlsxToCsv } from '../ledger-files/xlsx.js';
import { checkWorkbookZip, WorkbookRefused } from '../ledger-files/zip-check.js';
import { DEFAULT_UPLOAD_LIMITS } from '../config.js';

/*
 * The offices file of `dondoc init` and `dondoc offices import`, read into rows: the command line is its one reader,
 * as a route is of its request; the offices feature's service checks the rows against the tree and applies them.
 */

/**
 * The office tree of Vietnam Social Security after the 2025 reorganisation (the national office, its departments, the
 * 34 provincial offices and their grassroots offices), shipped with the code; `dondoc offices import` replaces or
 * extends it, since the grassroots list changes.
 */
export const SHIPPED_OFFICES_FILE = fileURLToPath(new URL('../db/seed/offices.csv', import.meta.url));

/** Reads an offices file (.csv, or the first sheet of an .xlsx): a header naming the columns, then a row an office. */
export async function readOfficeFile(path: string): Promise<{ rows: OfficeFileRow[]; errors: OfficeFileError[] }> {
  if (!isWorkbook(path)) return readOfficeCsv(path);
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-offices-'));
  try {
    const csv = join(dir, 'offices.csv');
    // An office tree is a few thousand rows: far under the ledger limits, which keep a damaged file from expanding.
    try {
      await checkWorkbookZip(path, DEFAULT_UPLOAD_LIMITS.xlsxUnpackedBytes);
      await xlsxToCsv(path, csv, DEFAULT_UPLOAD_LIMITS.xlsxRows);
    } catch (error) {
      if (!(error instanceof WorkbookRefused)) throw error;
      return {
        rows: [],
        errors: [{ line: 1, column: 0, message: `bảng tính bị từ chối / the workbook ${error.message}` }],
      };
    }
    return await readOfficeCsv(csv);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readOfficeCsv(path: string): Promise<{ rows: OfficeFileRow[]; errors: OfficeFileError[] }> {
  const rows: OfficeFileRow[] = [];
  const errors: OfficeFileError[] = [];
  let positions: number[] | null = null;
  await readCsv(path, (fields, line) => {
    if (positions === null) {
      const header = fields.map((f) => f.trim().toLowerCase());
      positions = OFFICE_FILE_COLUMNS.map((c) => header.indexOf(c));
      const missing = OFFICE_FILE_COLUMNS.filter((_, i) => positions![i] === -1);
      if (missing.length > 0) {
        errors.push({
          line,
          column: 0,
          message: `thiếu cột ${missing.join(', ')}; dòng tiêu đề phải là ${OFFICE_FILE_COLUMNS.join(',')}`,
        });
      }
      return;
    }
    if (fields.every((f) => f.trim() === '')) return;
    const at = (i: number) => (fields[positions![i]!] ?? '').trim();
    rows.push({ line, code: at(0), name: at(1), kind: at(2), parent: at(3) });
  });
  if (positions === null) errors.push({ line: 1, column: 0, message: 'tệp trống' });
  return { rows, errors };
}

export function formatOfficeError(e: OfficeFileError): string {
  const column =
    e.column > 0 ? `, cột ${String.fromCharCode(64 + e.column)} (${OFFICE_FILE_COLUMNS[e.column - 1]})` : '';
  return `dòng ${e.line}${column}: ${e.message}`;
}
