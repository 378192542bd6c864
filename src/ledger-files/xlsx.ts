import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { csvField } from './csv.js';
import { WorkbookRefused } from './zip-check.js';

/** A spreadsheet cell as the text the CSV format would hold. */
function cellText(value: ExcelJS.CellValue, column: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel turns "2025-07" typed into a period cell into the date 1 Jul 2025; a period is its month. (Dates are
    // known by their cell style, hence styles: 'cache' below.)
    const day = value.toISOString().slice(0, 10);
    return column === 'period' ? day.slice(0, 7) : day;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue, column);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

/**
 * Writes the first worksheet of an .xlsx file as CSV, row for row: spreadsheet row n is CSV line n (empty rows stay
 * as empty lines), so the CSV import's line and column numbers are the spreadsheet's rows and columns. Streams, so a
 * large workbook is never held in memory.
 */
export async function xlsxToCsv(xlsxPath: string, csvPath: string, maxRows = 1_048_576): Promise<void> {
  const out = createWriteStream(csvPath);
  // A failed conversion destroys nothing by itself: the file's errors need a listener until it is closed.
  out.on('error', () => {});
  try {
    await convertSheet(xlsxPath, out, maxRows);
  } finally {
    out.end();
    await once(out, 'close').catch(() => {});
  }
}

/** Columns a ledger sheet may use: its files have at most nine; a cell at column XFD must not make every row 16,384 wide. */
const MAX_COLUMNS = 256;

async function convertSheet(xlsxPath: string, out: WriteStream, maxRows: number): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsxPath, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  let header: string[] = [];
  let written = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row.number > maxRows)
        throw new WorkbookRefused('too_large', `has more than ${maxRows} rows (the limit of an import)`);
      const values = row.values as ExcelJS.CellValue[];
      if (values.length - 1 > MAX_COLUMNS) {
        throw new WorkbookRefused('malformed', `row ${row.number} uses more than ${MAX_COLUMNS} columns`);
      }
      if (row.number === 1) header = values.slice(1).map((v) => cellText(v, '').trim().toLowerCase());
      const width = Math.max(header.length, values.length - 1);
      const fields = Array.from({ length: width }, (_, i) => csvField(cellText(values[i + 1], header[i] ?? '')));
      const text = '\n'.repeat(row.number - 1 - written) + fields.join(',') + '\n';
      written = row.number;
      if (!out.write(text)) await once(out, 'drain');
    }
    break; // the first worksheet only
  }
}

/** An upload is read as a workbook when its name says so; everything else is CSV. */
export function isWorkbook(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.xlsx');
}
