import { saveFile } from './api/client';

/** A day ('YYYY-MM-DD') written as a date, so that a spreadsheet reads it as one. */
export interface DayCell {
  day: string;
}
export type CsvCell = string | number | null | DayCell;

/**
 * The CSV form chosen for Excel set to Vietnamese (vi-VN lists with ";" and writes decimals with ","): fields
 * separated by ";", days as dd/mm/yyyy, decimals with a comma and no grouping, UTF-8 with a byte order mark so that
 * Excel reads the Vietnamese letters. Said in the UI next to every CSV button (csvFormatNote).
 */
export const CSV_SEPARATOR = ';';

function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'object') return `${value.day.slice(8, 10)}/${value.day.slice(5, 7)}/${value.day.slice(0, 4)}`;
  // A text that starts like a formula would run as one in a spreadsheet; names come from imported files.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The file's text, without the byte order mark. */
export function csvText(header: string[], rows: CsvCell[][]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n')}\r\n`;
}

/** Saves rows as a CSV file in the Vietnamese Excel form (csvText), with the byte order mark. */
export function downloadCsv(fileName: string, header: string[], rows: CsvCell[][]): void {
  saveFile(new Blob([`\uFEFF${csvText(header, rows)}`], { type: 'text/csv;charset=utf-8' }), fileName);
}
