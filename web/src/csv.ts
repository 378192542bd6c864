import { saveFile } from './api/client';

export type CsvCell = string | number | null;

function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // A text that starts like a formula would run as one in a spreadsheet; names come from imported files.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Saves rows as a CSV file. The byte order mark makes Excel read UTF-8, so that Vietnamese letters come out right. */
export function downloadCsv(fileName: string, header: string[], rows: CsvCell[][]): void {
  const text = [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n');
  saveFile(new Blob([`\uFEFF${text}\r\n`], { type: 'text/csv;charset=utf-8' }), fileName);
}
