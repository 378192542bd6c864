import ExcelJS from 'exceljs';
import type { Day } from '../../domain/ledger.js';
import { answerOf, startThread } from '../../thread.js';
import { LIST_COLUMNS, type ListColumnKey, type ListLanguage, type Words } from '../../domain/list-labels.js';
import { COUNT_FORMAT, DATE_FORMAT, dayCell, styleHeadRow } from '../../http/spreadsheet.js';
import type { ColumnKind, TableExport } from './schemas.js';

const FORMAT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  integer: COUNT_FORMAT,
  decimal: '#,##0.00',
  day: DATE_FORMAT,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/**
 * The cell of a value in a column of its kind: a day becomes a date cell, a figure a number. The request's validation
 * may hand a number over as its text (the cell schema is a string or a number), so the column's kind decides.
 */
function cellOf(kind: ColumnKind, value: string | number | null): ExcelJS.CellValue {
  // A missing figure may arrive as '' for the same reason: an empty cell, not a text one.
  if (value === null || (kind !== 'text' && value === '')) return null;
  if (kind === 'day' && typeof value === 'string' && DAY.test(value)) return dayCell(value);
  if ((kind === 'integer' || kind === 'decimal') && typeof value === 'string' && NUMBER.test(value))
    return Number(value);
  return value;
}

/** A table as a workbook: its title, then the styled and frozen heads, then the rows with their formats. */
async function tableWorkbook(table: TableExport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Dữ liệu');
  sheet.columns = table.columns.map((c) => ({ width: c.kind === 'text' ? 40 : 18 }));
  if (table.title !== '') {
    const title = sheet.addRow([table.title]);
    title.font = { bold: true, size: 13 };
    sheet.addRow([]);
  }
  styleHeadRow(sheet, sheet.addRow(table.columns.map((c) => c.title)));
  for (const values of table.rows) {
    const row = sheet.addRow(table.columns.map((c, i) => cellOf(c.kind, values[i] ?? null)));
    table.columns.forEach((c, i) => {
      const format = FORMAT[c.kind];
      if (format) row.getCell(i + 1).numFmt = format;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Lưu bảng đang xem: the table the web shows as an .xlsx file. No database and no scope: the web sends only figures
 * the user was already shown, so there is nothing of the server's to read (and so no queries.ts).
 */
export async function exportTable(table: TableExport): Promise<{ fileName: string; content: Buffer }> {
  const content = await built({ kind: 'table', table }, table.rows.length);
  return { fileName: `${table.fileName.replace(/\.xlsx$/i, '')}.xlsx`, content };
}

/** The most rows one export of a list holds: a workbook past it is too slow to build and to open. */
export const EXPORT_MAX_ROWS = 20_000;

/** A column of a list's workbook: its head from the shared label table, its width, its cell format and its value. */
export interface ListSheetColumn<T> {
  head: ListColumnKey;
  width: number;
  format?: string;
  value: (row: T, language: ListLanguage) => ExcelJS.CellValue;
}

export interface ListSheet<T> {
  /** The sheet's name, both languages. */
  name: Words;
  columns: ListSheetColumn<T>[];
  rows: readonly T[];
  language: ListLanguage;
  /** Who asked for it, and the day it shows: the workbook's author and date. */
  creator: string;
  asOf: Day;
}

/** A list's workbook as plain values, the cells already made: what crosses to the thread that builds it. */
interface ListBook {
  sheetName: string;
  heads: string[];
  widths: number[];
  formats: (string | undefined)[];
  rows: ExcelJS.CellValue[][];
  creator: string;
  asOf: Day;
}

/**
 * A list of employers as a workbook an official keeps working in: a numbered row per employer in the list's order,
 * amounts as numbers and days as dates with the formats of a Vietnamese office set (so that Excel sums, sorts and
 * filters them), the heads styled, frozen and filterable.
 */
export function listWorkbook<T>(sheet: ListSheet<T>): Promise<Buffer> {
  const { language, columns } = sheet;
  const book: ListBook = {
    sheetName: sheet.name[language],
    heads: [LIST_COLUMNS.number[language], ...columns.map((c) => LIST_COLUMNS[c.head][language])],
    widths: columns.map((c) => c.width),
    formats: columns.map((c) => c.format),
    rows: sheet.rows.map((row, n) => [n + 1, ...columns.map((c) => c.value(row, language))]),
    creator: sheet.creator,
    asOf: sheet.asOf,
  };
  return built({ kind: 'list', book }, book.rows.length);
}

async function listBookWorkbook(list: ListBook): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(list.sheetName);
  ws.columns = [
    { width: 6 },
    ...list.widths.map((width, i) => {
      const numFmt = list.formats[i];
      return { width, style: numFmt ? { numFmt } : {} };
    }),
  ];
  styleHeadRow(ws, ws.addRow(list.heads));
  for (const row of list.rows) ws.addRow(row);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: list.heads.length } };
  book.creator = list.creator;
  book.created = dayCell(list.asOf);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A workbook to build: a list of employers, or a table the web shows. */
export type WorkbookJob = { kind: 'list'; book: ListBook } | { kind: 'table'; table: TableExport };

export function buildWorkbook(job: WorkbookJob): Promise<Buffer> {
  return job.kind === 'list' ? listBookWorkbook(job.book) : tableWorkbook(job.table);
}

/**
 * From this many rows a workbook is built on a thread of its own (workbook-worker.ts): exceljs builds and zips it in
 * long synchronous stretches (20,000 rows held the thread that answers requests for 0.9 s). A smaller one is built
 * here, in less time than a thread takes to start.
 */
const THREAD_MIN_ROWS = Number(process.env.DONDOC_WORKBOOK_THREAD_MIN_ROWS ?? 1000);

async function built(job: WorkbookJob, rows: number): Promise<Buffer> {
  if (rows < THREAD_MIN_ROWS) return buildWorkbook(job);
  const bytes = await answerOf<Uint8Array>(startThread(import.meta.url, 'workbook-worker', job));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
