import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFICE_FILE_COLUMNS, type OfficeFileError, type OfficeFileRow } from '../domain/office-tree.js';
import { readNamedColumns } from '../ledger-files/csv.js';
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
  const file = await readNamedColumns(path, OFFICE_FILE_COLUMNS);
  if (file.empty) return { rows: [], errors: [{ line: 1, column: 0, message: 'tệp trống' }] };
  const errors: OfficeFileError[] = [];
  if (file.missing.length > 0) {
    errors.push({
      line: 1,
      column: 0,
      message: `thiếu cột ${file.missing.join(', ')}; dòng tiêu đề phải là ${OFFICE_FILE_COLUMNS.join(',')}`,
    });
  }
  const rows = file.records.map(({ line, values: [code, name, kind, parent] }) => ({
    line,
    code: code!,
    name: name!,
    kind: kind!,
    parent: parent!,
  }));
  return { rows, errors };
}

export function formatOfficeError(e: OfficeFileError): string {
  const column =
    e.column > 0 ? `, cột ${String.fromCharCode(64 + e.column)} (${OFFICE_FILE_COLUMNS[e.column - 1]})` : '';
  return `dòng ${e.line}${column}: ${e.message}`;
}
