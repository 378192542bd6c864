import type ExcelJS from 'exceljs';
import type { Day } from '../domain/ledger.js';

/**
 * The cell formats of every .xlsx the app writes, so that a Vietnamese Excel shows 1.234.567 and 14/10/2025 and can
 * still compute: numbers and dates are stored as numbers and dates, only their display is set.
 */
export const MONEY_FORMAT = '#,##0';
export const COUNT_FORMAT = '#,##0';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm:ss';

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** A day as a date cell (midnight, no time zone: Excel has none). */
export function dayCell(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

/**
 * An instant as a date-time cell showing Việt Nam's wall clock: Excel dates carry no time zone and ExcelJS writes a
 * Date's UTC fields, so the instant is moved by Asia/Ho_Chi_Minh's fixed +7 hours.
 */
export function vietnamTimeCell(instant: Date | string): Date {
  return new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS);
}

/**
 * Styles the row of column heads (bold on a light fill, bordered, wrapped) and freezes the sheet at it, so that the
 * heads stay in view while the rows scroll.
 */
export function styleHeadRow(sheet: ExcelJS.Worksheet, row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
  sheet.views = [{ state: 'frozen', ySplit: row.number, xSplit: 0 }];
}
