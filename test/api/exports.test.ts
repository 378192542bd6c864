import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

describe.each(DATABASE_KINDS)('a table on screen saved as .xlsx, on %s', (kind) => {
  let t: TestContext;
  let director: Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    director = await login(t.app, 'gd.hni');
  });
  afterAll(() => t.close());

  it('writes real numbers and dates with their formats under a styled, frozen row of heads', async () => {
    const response = await director.request('POST', '/api/exports/xlsx', {
      fileName: 'cham-dong-theo-thoi-gian.xlsx',
      title: 'Chậm đóng theo thời gian',
      columns: [
        { title: 'Ngày chốt', kind: 'day' },
        { title: 'Đơn vị chậm đóng', kind: 'integer' },
        { title: 'Số tiền chậm đóng', kind: 'integer' },
        { title: 'Tỷ lệ (%)', kind: 'decimal' },
      ],
      rows: [
        ['2025-10-14', 2, 13_280_000, 2.5],
        ['2025-10-15', 1, 7_280_000, null],
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('cham-dong-theo-thoi-gian.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('Chậm đóng theo thời gian');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      'Ngày chốt',
      'Đơn vị chậm đóng',
      'Số tiền chậm đóng',
      'Tỷ lệ (%)',
    ]);
    expect(sheet.getCell('A3').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const day = sheet.getCell('A4');
    expect(day.value).toEqual(new Date('2025-10-14T00:00:00Z'));
    expect(day.numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getCell('C4').value).toBe(13_280_000);
    expect(sheet.getCell('C4').numFmt).toBe('#,##0');
    expect(sheet.getCell('D4').value).toBe(2.5);
    expect(sheet.getCell('D4').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('D5').value).toBeNull();
  });

  it('is for signed-in users only', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/exports/xlsx',
      payload: { fileName: 'x.xlsx', title: '', columns: [{ title: 'a', kind: 'text' }], rows: [] },
    });
    expect(response.statusCode).toBe(401);
  });
});
