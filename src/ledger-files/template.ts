import ExcelJS from 'exceljs';
import { COLUMN_SPECS, FILE_COLUMNS, TEMPLATE_EXAMPLE, type Language, type LedgerFile } from './columns.js';

const SHEET_NAMES: Record<LedgerFile, Record<Language, string>> = {
  employers: { vi: 'Đơn vị', en: 'Employers' },
  obligations: { vi: 'Số phải đóng', en: 'Obligations' },
  payments: { vi: 'Thanh toán', en: 'Payments' },
};

/**
 * The import template of a file kind: the first sheet holds the headings and one example row typed as an official
 * would (real date cells shown dd/mm/yyyy, amounts as numbers shown 1.000.000); the second explains each column.
 * Only the first sheet is read on import, so the filled-in template goes back as it is.
 */
export async function importTemplate(kind: LedgerFile, language: Language): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(SHEET_NAMES[kind][language]);
  const columns = FILE_COLUMNS[kind] as readonly string[];
  const specs = COLUMN_SPECS[kind];
  sheet.columns = columns.map((name) => ({
    header: specs[name]!.label[language],
    key: name,
    width: Math.max(14, specs[name]!.label[language].length + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  const example = sheet.addRow(
    TEMPLATE_EXAMPLE[kind].map((v) => (typeof v === 'object' ? new Date(`${v.day}T00:00:00Z`) : v)),
  );
  columns.forEach((name, i) => {
    const cell = example.getCell(i + 1);
    if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    else if (typeof cell.value === 'number' && name === 'amount') cell.numFmt = '#,##0';
    // A month typed as 07/2026 or a tax code with its leading 0 stays text, not a date or number Excel would guess.
    else if (typeof cell.value === 'string') cell.numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const help = book.addWorksheet(language === 'en' ? 'Guide' : 'Hướng dẫn');
  help.columns = [
    { header: language === 'en' ? 'Column' : 'Cột', width: 28 },
    { header: language === 'en' ? 'Code' : 'Mã cột', width: 16 },
    { header: language === 'en' ? 'Required' : 'Bắt buộc', width: 10 },
    { header: language === 'en' ? 'What it holds' : 'Nội dung', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const name of columns) {
    const spec = specs[name]!;
    help.addRow([
      spec.label[language],
      name,
      spec.required ? (language === 'en' ? 'yes' : 'có') : '',
      spec.hint[language],
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
