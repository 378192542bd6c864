import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

const FUNDS = ['BHXH', 'BHYT', 'BHTN', 'BHTNLD'] as const;

/** Reads the C12-TS workbook back: rows A–D, each with its charge row under it, columns BHXH, BHYT, BHTN, BHTNLĐ-BNN, total. */
async function readC12(payload: Buffer) {
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

/**
 * Nguyễn Hoàng's 07/2025 (33.280.000, due 31/08) was paid 20.000.000 on 20/08: 13.280.000 is late through September.
 */
describe.each(DATABASE_KINDS)('C12-TS notice on %s', (kind) => {
  let t: TestContext;
  let officer: Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await login(t.app, 'cb.hni');
  });
  afterAll(() => t.close());

  it('adds up, A + B − C = D per fund, and carries forward what the arrears API says at the month end', async () => {
    const response = await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/c12-ts?month=2025-09`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('c12-ts-HN0000001-2025-09.xlsx');
    const rows = await readC12(response.rawPayload);
    for (const part of ['whole', 'charge'] as const) {
      for (let k = 0; k < 5; k++) {
        expect(rows.get('A')![part][k]! + rows.get('B')![part][k]! - rows.get('C')![part][k]!).toBe(rows.get('D')![part][k]!);
      }
    }
    const arrears = (await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/arrears?asOf=2025-09-30`)).json();
    expect(arrears.lateAmount).toBe(13_280_000);
    // Nothing of 09/2025 or later is owed: what is carried forward is the late amount and its outstanding charge.
    expect(rows.get('D')!.whole[4]).toBe(arrears.lateAmount + arrears.charge);
    expect(rows.get('D')!.charge[4]).toBe(arrears.charge);
    FUNDS.forEach((fund, k) => expect(rows.get('D')!.charge[k]).toBe(arrears.byFund[fund].charge));
    const before = (await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/arrears?asOf=2025-08-31`)).json();
    expect(rows.get('A')!.charge[4]).toBe(before.charge);
  });

  it('refuses a malformed month', async () => {
    expect((await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/c12-ts?month=2025-13`)).statusCode).toBe(400);
  });
});
