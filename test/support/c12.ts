import ExcelJS from 'exceljs';

/** Reads a C12-TS workbook back: rows A–D, each with its charge row under it, columns BHXH, BHYT, BHTN, BHTNLĐ-BNN, total. */
export async function readC12(payload: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows = new Map<string, { whole: number[]; charge: number[] }>();
  sheet.eachRow((row, n) => {
    const code = row.getCell(1).value;
    if (typeof code === 'string' && /^[ABCD]$/.test(code)) {
      const values = (r: ExcelJS.Row) => [3, 4, 5, 6, 7].map((c) => Number(r.getCell(c).value));
      rows.set(code, { whole: values(row), charge: values(sheet.getRow(n + 1)) });
    }
  });
  return rows;
}
