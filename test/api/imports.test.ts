import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

const upload = (agent: Agent, kind: string, body: string, fileName = `${kind}.csv`) =>
  agent.request('POST', `/api/imports/${kind}?fileName=${encodeURIComponent(fileName)}`, body, { 'content-type': 'text/csv' });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook as an officer would fill it: numbers as numbers, dates as dates, the first sheet holding the rows. */
async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Thanh toán');
  for (const row of rows) sheet.addRow(row);
  book.addWorksheet('Ghi chú').addRow(['not read']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const uploadWorkbook = (agent: Agent, kind: string, body: Buffer, fileName = `${kind}.xlsx`) =>
  agent.request('POST', `/api/imports/${kind}?fileName=${encodeURIComponent(fileName)}`, body, { 'content-type': XLSX_TYPE });

const EMPLOYERS = `code,tax_code,name,province,office,ownership,headcount,status,payment_cycle
HN0000100,0107000100,"Công ty TNHH Vận tải Sao Mai, chi nhánh Đông Anh",HNI,HNI-02,private,40,active,1
HN0000101,0107000101,Công ty Cổ phần Thực phẩm Hồng Hà,HNI,HNI-01,private,15,active,1
`;
const OBLIGATIONS = `employer,period,fund,amount
HN0000100,2025-07,BHXH,10000000
HN0000100,2025-07,BHYT,1800000
HN0000100,2025-08,BHXH,10000000
HN0000101,2025-07,BHXH,2000000
`;
const PAYMENTS = `employer,date,amount,reference
HN0000100,2025-08-25,1800000,UNC-1
HN0000101,2025-08-30,2000000,UNC-2
`;

describe.each(DATABASE_KINDS)('imports and arrears positions on %s', (kind) => {
  let t: TestContext;
  let hni: Agent;
  let hcm: Agent;
  beforeAll(async () => {
    t = await startTestApp(kind);
    hni = await login(t.app, 'gd.hni');
    hcm = await login(t.app, 'gd.hcm');
  });
  afterAll(() => t.close());

  const count = async (table: 'employer' | 'obligation' | 'payment' | 'import_batch') =>
    Number((await t.database.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a file with bad rows, listing line and column, and writes nothing', async () => {
    const before = await Promise.all([count('employer'), count('import_batch')]);
    const response = await upload(hni, 'employers', `code,tax_code,name,province,office,ownership,headcount,status,payment_cycle
HN0000200,0107000200,Công ty A,HNI,HNI-01,private,10,active,1
HN0000201,12,Công ty B,HNI,HNI-01,private,-3,late,2
HN0000202,0107000202,Công ty C,HNI,HCM-01,private,5,active,1
`);
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.code).toBe('import_refused');
    expect(body.errors.map((e: { line: number; column: number }) => [e.line, e.column])).toEqual([
      [3, 2], [3, 7], [3, 8], [3, 9],
    ]);
    expect(await Promise.all([count('employer'), count('import_batch')])).toEqual(before);
  });

  it('checks codes against the database only once the rows are well formed, within the user scope', async () => {
    const response = await upload(hni, 'employers', `code,tax_code,name,province,office,ownership,headcount,status,payment_cycle
HN0000202,0107000202,Công ty C,HNI,HCM-01,private,5,active,1
HC0000001,0301234567,Sài Gòn,HCM,HCM-01,fdi,900,active,1
`);
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { line: number; message: string }) => [e.line, e.message])).toEqual([
      [2, 'unknown office "HCM-01"'],
      [3, 'unknown office "HCM-01"'],
      [3, 'employer "HC0000001" is managed by an office outside your scope'],
    ]);
  });

  it('imports employers, then obligations and payments, and keeps positions current', async () => {
    const employers = await upload(hni, 'employers', EMPLOYERS);
    expect(employers.statusCode).toBe(200);
    expect(employers.json()).toMatchObject({ status: 'imported', rows: 2, inserted: 2, updated: 0 });
    expect((await upload(hni, 'obligations', OBLIGATIONS)).json()).toMatchObject({ status: 'imported', rows: 4, inserted: 4 });
    expect((await upload(hni, 'payments', PAYMENTS)).json()).toMatchObject({ status: 'imported', rows: 2, inserted: 2 });

    const late = (await hni.get('/api/arrears/late?sort=code&order=asc')).json();
    expect(late.items.map((e: { code: string; lateAmount: number }) => [e.code, e.lateAmount])).toEqual([
      // July BHXH unpaid since 2025-09-01; August not due until 2025-09-30 → due, also unpaid by 2025-10-15.
      ['HN0000100', 20_000_000],
    ]);
    const id = late.items[0].id;
    const arrears = (await hni.get(`/api/employers/${id}/arrears`)).json();
    // 10,000,000 × 45 days (09-01..10-15) + 10,000,000 × 15 days (10-01..10-15), at 0.03% a day
    expect(arrears).toMatchObject({
      asOf: '2025-10-15', lateAmount: 20_000_000, overdueMonths: 2, daysLate: 45, charge: 180_000, chargeAccrued: 180_000,
      chargePaid: 0, missingRates: [], warnings: [],
    });
    // July 10,000,000 × 45 days = 135,000; August 10,000,000 × 15 days = 45,000; nothing was paid late.
    expect(arrears.monthTable).toEqual({
      months: [
        { period: '2025-07', deadline: '2025-08-31', unpaid: 10_000_000, daysLate: 45, chargeDays: 45, charge: 135_000 },
        { period: '2025-08', deadline: '2025-09-30', unpaid: 10_000_000, daysLate: 15, chargeDays: 15, charge: 45_000 },
      ],
      chargeOnPaidPrincipal: 0, chargeAccrued: 180_000, chargePaid: 0, charge: 180_000, lateAmount: 20_000_000,
    });
    expect(late.items[0]).toMatchObject({ daysLate: 45, charge: 180_000, chargeAccrued: 180_000, chargePaid: 0 });
    expect(arrears.explanation.allocations).toEqual([
      { source: 'payment', reference: 'UNC-1', date: '2025-08-25', period: '2025-07', fund: 'BHYT', amount: 1_800_000,
        deadline: '2025-08-31', chargeDays: 0 },
    ]);
    expect(arrears.explanation.charges.BHXH).toMatchObject({ daily: '180000', rounded: 180_000 });
  });

  it('refuses a new obligation repeated in the file, with both lines, after the bulk path gives up', async () => {
    const before = await count('obligation');
    const response = await upload(hni, 'obligations',
      'employer,period,fund,amount\nHN0000101,2025-11,BHXH,100\nHN0000101,2025-11,BHYT,100\nHN0000101,2025-11,BHXH,200\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({
      line: 4, message: 'duplicate obligation HN0000101 2025-11 BHXH: already on line 2',
    })]);
    expect(await count('obligation')).toBe(before);
    // The connection the failed COPY ran on is whole again: the next import works.
    expect((await upload(hni, 'payments', 'employer,date,amount,reference\nHN0000101,2025-10-01,1,"UNC,Q"\n')).json())
      .toMatchObject({ status: 'imported', inserted: 1 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const again = await upload(hni, 'obligations', OBLIGATIONS);
    expect(again.json()).toMatchObject({ status: 'unchanged', rows: 4 });
    const batches = await count('import_batch');
    const renamed = await upload(hni, 'obligations', OBLIGATIONS.replace('\n', '\r\n'), 'obligations-copy.csv');
    // Another file with the same rows: imported, yet no row is new or changed.
    expect(renamed.json()).toMatchObject({ status: 'imported', inserted: 0, updated: 0, employers: 0 });
    expect(await count('import_batch')).toBe(batches + 1);
  });

  it('updates a corrected amount and recomputes only that employer', async () => {
    const db = t.database.handle.db;
    const before = await db.selectFrom('arrears_position').select(['employer_id', 'computed_at']).execute();
    t.clock.advance(60_000);
    const response = await upload(hni, 'obligations', 'employer,period,fund,amount\nHN0000100,2025-08,BHXH,8000000\nHN0000101,2025-07,BHXH,2000000\n');
    expect(response.json()).toMatchObject({ status: 'imported', inserted: 0, updated: 1, employers: 1 });
    const after = await db.selectFrom('arrears_position').select(['employer_id', 'computed_at', 'late_amount']).execute();
    const changed = after.filter((a) => a.computed_at.getTime() !== before.find((b) => b.employer_id === a.employer_id)?.computed_at.getTime());
    expect(changed).toHaveLength(1);
    expect(changed[0]!.late_amount).toBe(18_000_000);
  });

  it('recomputes, of an employers file, only the employers whose payment cycle changed', async () => {
    const quarterly = EMPLOYERS.replace('private,40,active,1', 'private,40,active,3').replace('Hồng Hà,HNI,HNI-01,private,15', 'Hồng Hà,HNI,HNI-01,private,16');
    expect((await upload(hni, 'employers', quarterly)).json()).toMatchObject({ status: 'imported', updated: 2, employers: 1 });
    // Back as they were (the same rows with Windows line ends: another file, so not skipped as already imported).
    expect((await upload(hni, 'employers', EMPLOYERS.replace(/\n/g, '\r\n'))).json())
      .toMatchObject({ status: 'imported', updated: 2, employers: 1 });
  });

  it('refuses a payment reference already recorded with another amount', async () => {
    const response = await upload(hni, 'payments', 'employer,date,amount,reference\nHN0000100,2025-08-25,999,UNC-1\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0]).toMatchObject({ line: 2, columnName: 'reference' });
  });

  it('sums positions by office with the late ratio over the amount receivable for the year', async () => {
    await recomputePositions(t.database.handle.db, t.clock);
    const summary = (await hni.get('/api/arrears/summary')).json();
    expect(summary.year).toBe(2025);
    const hni02 = summary.offices.find((o: { code: string }) => o.code === 'HNI-02');
    // HNI-02: HN0000100 owes 18,000,000 of 10,000,000 + 1,800,000 + 8,000,000 due in 2025.
    expect(hni02).toMatchObject({ lateEmployers: 1, lateAmount: 18_000_000, receivable: 19_800_000, lateRatio: 90.91 });
    expect(summary.offices.map((o: { code: string }) => o.code)).toEqual(['HNI-01', 'HNI-02']);
    const national = (await login(t.app, 'banthu')).get('/api/arrears/summary');
    expect((await national).json().offices.map((o: { code: string }) => o.code)).toEqual(['HNI', 'HCM']);
  });

  it('divides by the collection plan when the rule set in force says so', async () => {
    const db = t.database.handle.db;
    const board = await login(t.app, 'banthu');
    expect((await hni.request('PUT', `/api/offices/${t.world.offices.hni02}/plans/2025`, { amount: 36_000_000 })).statusCode).toBe(204);
    expect((await board.request('PUT', `/api/offices/${t.world.offices.hni}/plans/2025`, { amount: 90_000_000 })).statusCode).toBe(204);
    await db.insertInto('rule_set').values({
      id: 'ke-hoach', name: 'Tỷ lệ theo kế hoạch thu', effective_from: '2025-07-02',
      body: JSON.stringify({ ...DEFAULT_RULES, id: 'ke-hoach', effectiveFrom: '2025-07-02', lateRatioDenominator: 'plan' }),
    }).execute();
    try {
      const summary = (await hni.get('/api/arrears/summary')).json();
      expect(summary.denominator).toBe('plan');
      // HNI-02: 18,000,000 late of a 36,000,000 plan; HNI-01 has no plan, so no ratio.
      expect(summary.offices.map((o: { code: string; plan: number | null; lateRatio: number | null }) => [o.code, o.plan, o.lateRatio]))
        .toEqual([['HNI-01', null, null], ['HNI-02', 36_000_000, 50]]);
      const national = (await board.get('/api/arrears/summary')).json();
      const hniProvince = national.offices.find((o: { code: string }) => o.code === 'HNI');
      expect(hniProvince.plan).toBe(90_000_000);
      expect(hniProvince.lateRatio).toBe(Math.round((hniProvince.lateAmount * 10000) / 90_000_000) / 100);
      expect(hniProvince.lateRatio).not.toBe(Math.round((hniProvince.lateAmount * 10000) / hniProvince.receivable) / 100);
    } finally {
      await db.deleteFrom('rule_set').where('id', '=', 'ke-hoach').execute();
    }
  });

  it('imports the same columns from an .xlsx workbook, once', async () => {
    const sheet = await workbook([
      ['employer', 'date', 'amount', 'reference'],
      ['HN0000100', new Date(Date.UTC(2025, 9, 20)), 5_000_000, 'UNC-X1'],
    ]);
    const response = await uploadWorkbook(hni, 'payments', sheet);
    expect(response.json()).toMatchObject({ status: 'imported', rows: 1, inserted: 1, employers: 1 });
    const stored = await t.database.handle.db.selectFrom('payment').select(['paid_on', 'amount'])
      .where('reference', '=', 'UNC-X1').executeTakeFirstOrThrow();
    expect(stored).toEqual({ paid_on: '2025-10-20', amount: 5_000_000 });
    expect((await uploadWorkbook(hni, 'payments', sheet)).json()).toMatchObject({ status: 'unchanged', rows: 1 });
  });

  it('reports a bad workbook cell by its spreadsheet row and column, and writes nothing', async () => {
    const before = await count('obligation');
    const response = await uploadWorkbook(hni, 'obligations', await workbook([
      ['employer', 'period', 'fund', 'amount'],
      ['HN0000101', new Date(Date.UTC(2025, 8, 1)), 'BHXH', 2_100_000],
      [],
      ['HN0000101', '2025-10', 'BHTN', 1234.5],
    ]));
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { file: 'obligations.xlsx', line: 4, column: 4, columnName: 'amount', message: expect.stringContaining('1234.5') },
    ]);
    expect(await count('obligation')).toBe(before);
  });

  it('refuses a file named .xlsx that is not a workbook: by its first bytes, or as a zip that is no workbook', async () => {
    const text = await uploadWorkbook(hni, 'payments', Buffer.from('employer,date,amount\n'));
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('unsupported_media_type');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('a').addRow(['x']);
    const zip = Buffer.from(await book.xlsx.writeBuffer());
    // The same zip with its workbook part renamed: a well-formed zip file, but no spreadsheet.
    const notBook = Buffer.from(zip.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmz'), 'latin1');
    const response = await uploadWorkbook(hni, 'payments', notBook);
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('not a readable .xlsx workbook') });
  });

  it('pays BHXH principal and then its charges from a payment, and stores charge accrued, paid and outstanding', async () => {
    // At 2025-10-20, HN0000100 owes BHXH July 10,000,000 (due 08-31) and August 8,000,000 (due 09-30). UNC-X1
    // (5,000,000, 2025-10-20) pays half of July; UNC-Y on the same day pays the other 5,000,000, August, and the
    // charges: July 10,000,000 × 50 days (09-01..10-20) + August 8,000,000 × 20 days, × 0.03% = 150,000 + 48,000.
    t.clock.advance(5 * 24 * 3600_000);
    // Sessions last a working day: moving the clock on means signing in again.
    [hni, hcm] = [await login(t.app, 'gd.hni'), await login(t.app, 'gd.hcm')];
    const response = await upload(hni, 'payments', 'employer,date,amount,reference\nHN0000100,2025-10-20,13198000,UNC-Y\n');
    expect(response.json()).toMatchObject({ status: 'imported', inserted: 1, employers: 1 });
    const id = (await t.database.handle.db.selectFrom('employer').select('id').where('code', '=', 'HN0000100').executeTakeFirstOrThrow()).id;
    const arrears = (await hni.get(`/api/employers/${id}/arrears`)).json();
    expect(arrears).toMatchObject({ asOf: '2025-10-20', lateAmount: 0, daysLate: 0, charge: 0, chargeAccrued: 198_000, chargePaid: 198_000, credit: 0 });
    expect(arrears.byFund.BHXH).toEqual({ late: 0, charge: 0, chargeAccrued: 198_000, chargePaid: 198_000 });
    expect(arrears.explanation.chargePayments).toEqual([{ source: 'payment', reference: 'UNC-Y', date: '2025-10-20', fund: 'BHXH', amount: 198_000 }]);
    expect(arrears.monthTable).toMatchObject({ months: [], chargeOnPaidPrincipal: 198_000, chargeAccrued: 198_000, chargePaid: 198_000, charge: 0 });
    const stored = await t.database.handle.db.selectFrom('arrears_position')
      .select(['as_of', 'late_amount', 'charge', 'charge_accrued', 'charge_paid', 'charge_bhxh', 'charge_accrued_bhxh', 'charge_paid_bhxh', 'days_late'])
      .where('employer_id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({
      as_of: '2025-10-20', late_amount: 0, charge: 0, charge_accrued: 198_000, charge_paid: 198_000, charge_bhxh: 0,
      charge_accrued_bhxh: 198_000, charge_paid_bhxh: 198_000, days_late: 0,
    });
  });

  it('does not let another province import into or read these employers', async () => {
    const response = await upload(hcm, 'payments', 'employer,date,amount,reference\nHN0000100,2025-09-01,5,X\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].message).toBe('unknown employer "HN0000100"');
    expect((await hcm.get('/api/arrears/late')).json().items).toEqual([]);
  });
});
