import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DATE_FORMAT, dayCell, MONEY_FORMAT } from '../../http/spreadsheet.js';
import { exportTable, listWorkbook, type ListSheetColumn } from './service.js';

interface Row {
  code: string;
  name: string;
  lateAmount: number;
  since: string | null;
}

const COLUMNS: ListSheetColumn<Row>[] = [
  { head: 'code', width: 13, value: (r) => r.code },
  { head: 'name', width: 45, value: (r) => r.name },
  { head: 'lateAmount', width: 18, format: MONEY_FORMAT, value: (r) => r.lateAmount },
  { head: 'since', width: 12, format: DATE_FORMAT, value: (r) => (r.since === null ? null : dayCell(r.since)) },
];

const rows = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    code: `HN${String(i).padStart(7, '0')}`,
    name: `Công ty TNHH Đông Á số ${i}`,
    lateAmount: i * 1_234_567,
    since: i % 3 === 0 ? null : `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
  }));

async function sheetOf(content: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(content as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

/** Workbooks of many rows are built on a thread of their own; what comes back is the workbook built here would be. */
describe('list and table workbooks', () => {
  it.each([3, 1_500])(
    'a list of %i employers: numbered rows of numbers, dates and text, heads filterable',
    async (n) => {
      const list = rows(n);
      const sheet = await sheetOf(
        await listWorkbook({
          name: { vi: 'Đơn vị', en: 'Employers' },
          columns: COLUMNS,
          rows: list,
          language: 'vi',
          creator: 'cb.hni',
          asOf: '2026-11-15',
        }),
      );
      expect(sheet.name).toBe('Đơn vị');
      expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
        'STT',
        'Mã đơn vị',
        'Tên đơn vị',
        'Số tiền chậm đóng (₫)',
        'Từ ngày',
      ]);
      expect(sheet.rowCount).toBe(n + 1);
      for (const k of [0, 1, n - 1]) {
        const r = list[k]!;
        expect((sheet.getRow(k + 2).values as ExcelJS.CellValue[]).slice(1)).toEqual([
          k + 1,
          r.code,
          r.name,
          r.lateAmount,
          ...(r.since === null ? [] : [new Date(`${r.since}T00:00:00Z`)]),
        ]);
      }
      expect(sheet.getCell(`D${n + 1}`).numFmt).toBe(MONEY_FORMAT);
      expect(sheet.autoFilter).toBe('A1:E1');
    },
  );

  it.each([2, 1_200])('a table of %i rows the web shows, with its title and its days as dates', async (n) => {
    const { fileName, content } = await exportTable({
      fileName: 'bang',
      title: 'Số liệu',
      columns: [
        { title: 'Ngày', kind: 'day' },
        { title: 'Số đơn vị', kind: 'integer' },
      ],
      rows: Array.from({ length: n }, (_, i) => ['2026-11-15', String(i)]),
    });
    expect(fileName).toBe('bang.xlsx');
    const sheet = await sheetOf(content);
    expect(sheet.getCell('A1').value).toBe('Số liệu');
    expect(sheet.getCell(`A${n + 3}`).value).toEqual(new Date('2026-11-15T00:00:00Z'));
    expect(sheet.getCell(`B${n + 3}`).value).toBe(n - 1);
  });
});
