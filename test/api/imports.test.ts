import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

const upload = (agent: Agent, kind: string, body: string | Buffer, fileName = `${kind}.csv`) =>
  agent.request('POST', `/api/imports/${kind}?fileName=${encodeURIComponent(fileName)}`, body, {
    'content-type': 'text/csv',
  });

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
  agent.request('POST', `/api/imports/${kind}?fileName=${encodeURIComponent(fileName)}`, body, {
    'content-type': XLSX_TYPE,
  });

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
    Number(
      (
        await t.database.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a file with bad rows, listing line and column, and writes nothing', async () => {
    const before = await Promise.all([count('employer'), count('import_batch')]);
    const response = await upload(
      hni,
      'employers',
      `code,tax_code,name,province,office,ownership,headcount,status,payment_cycle
HN0000200,0107000200,Công ty A,HNI,HNI-01,private,10,active,1
HN0000201,12,Công ty B,HNI,HNI-01,private,-3,late,2
HN0000202,0107000202,Công ty C,HNI,HCM-01,private,5,active,1
`,
    );
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.code).toBe('import_refused');
    // The field problems of row 3 and, in the same pass, the unknown office of row 4.
    expect(body.errors.map((e: { line: number; column: number }) => [e.line, e.column])).toEqual([
      [3, 2],
      [3, 7],
      [3, 8],
      [3, 9],
      [4, 5],
    ]);
    expect(await Promise.all([count('employer'), count('import_batch')])).toEqual(before);
  });

  it('checks codes against the database within the user scope', async () => {
    const response = await upload(
      hni,
      'employers',
      `code,tax_code,name,province,office,ownership,headcount,status,payment_cycle
HN0000202,0107000202,Công ty C,HNI,HCM-01,private,5,active,1
HC0000001,0301234567,Sài Gòn,HCM,HCM-01,fdi,900,active,1
`,
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { line: number; message: string }) => [e.line, e.message])).toEqual([
      [2, 'không có cơ quan "HCM-01" trong phạm vi của bạn'],
      [3, 'đơn vị "HC0000001" do cơ quan ngoài phạm vi của bạn quản lý'],
      [3, 'không có cơ quan "HCM-01" trong phạm vi của bạn'],
    ]);
  });

  it('imports employers, then obligations and payments, and keeps positions current', async () => {
    const employers = await upload(hni, 'employers', EMPLOYERS);
    expect(employers.statusCode).toBe(200);
    expect(employers.json()).toMatchObject({ status: 'imported', rows: 2, inserted: 2, updated: 0 });
    expect((await upload(hni, 'obligations', OBLIGATIONS)).json()).toMatchObject({
      status: 'imported',
      rows: 4,
      inserted: 4,
    });
    expect((await upload(hni, 'payments', PAYMENTS)).json()).toMatchObject({
      status: 'imported',
      rows: 2,
      inserted: 2,
    });

    const late = (await hni.get('/api/arrears/late?sort=code&order=asc')).json();
    expect(late.items.map((e: { code: string; lateAmount: number }) => [e.code, e.lateAmount])).toEqual([
      // July BHXH unpaid since 2025-09-01; August not due until 2025-09-30 → due, also unpaid by 2025-10-15.
      ['HN0000100', 20_000_000],
    ]);
    const id = late.items[0].id;
    const arrears = (await hni.get(`/api/employers/${id}/arrears`)).json();
    // 10,000,000 × 45 days (09-01..10-15) + 10,000,000 × 15 days (10-01..10-15), at 0.03% a day
    expect(arrears).toMatchObject({
      asOf: '2025-10-15',
      lateAmount: 20_000_000,
      overdueMonths: 2,
      daysLate: 45,
      charge: 180_000,
      chargeAccrued: 180_000,
      chargePaid: 0,
      missingRates: [],
      warnings: [],
    });
    // July 10,000,000 × 45 days = 135,000; August 10,000,000 × 15 days = 45,000; nothing was paid late.
    expect(arrears.monthTable).toEqual({
      months: [
        {
          period: '2025-07',
          deadline: '2025-08-31',
          unpaid: 10_000_000,
          daysLate: 45,
          chargeDays: 45,
          charge: 135_000,
        },
        { period: '2025-08', deadline: '2025-09-30', unpaid: 10_000_000, daysLate: 15, chargeDays: 15, charge: 45_000 },
      ],
      chargeOnPaidPrincipal: 0,
      chargeAccrued: 180_000,
      chargePaid: 0,
      charge: 180_000,
      lateAmount: 20_000_000,
    });
    expect(late.items[0]).toMatchObject({ daysLate: 45, charge: 180_000, chargeAccrued: 180_000, chargePaid: 0 });
    expect(arrears.explanation.allocations).toEqual([
      {
        source: 'payment',
        reference: 'UNC-1',
        date: '2025-08-25',
        period: '2025-07',
        fund: 'BHYT',
        amount: 1_800_000,
        deadline: '2025-08-31',
        chargeDays: 0,
      },
    ]);
    expect(arrears.explanation.charges.BHXH).toMatchObject({ daily: '180000', rounded: 180_000 });
  });

  it('refuses a new obligation repeated in the file, with both lines, after the bulk path gives up', async () => {
    const before = await count('obligation');
    const response = await upload(
      hni,
      'obligations',
      'employer,period,fund,amount\nHN0000101,2025-11,BHXH,100\nHN0000101,2025-11,BHYT,100\nHN0000101,2025-11,BHXH,200\n',
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      expect.objectContaining({
        line: 4,
        code: 'duplicate_obligation',
        message: 'trùng số phải đóng HN0000101 2025-11 BHXH: đã có ở hàng 2',
      }),
    ]);
    expect(await count('obligation')).toBe(before);
    // The connection the failed COPY ran on is whole again: the next import works.
    expect(
      (await upload(hni, 'payments', 'employer,date,amount,reference\nHN0000101,2025-10-01,1,"UNC,Q"\n')).json(),
    ).toMatchObject({ status: 'imported', inserted: 1 });
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
    const response = await upload(
      hni,
      'obligations',
      'employer,period,fund,amount\nHN0000100,2025-08,BHXH,8000000\nHN0000101,2025-07,BHXH,2000000\n',
    );
    expect(response.json()).toMatchObject({ status: 'imported', inserted: 0, updated: 1, employers: 1 });
    const after = await db
      .selectFrom('arrears_position')
      .select(['employer_id', 'computed_at', 'late_amount'])
      .execute();
    const changed = after.filter(
      (a) => a.computed_at.getTime() !== before.find((b) => b.employer_id === a.employer_id)?.computed_at.getTime(),
    );
    expect(changed).toHaveLength(1);
    expect(changed[0]!.late_amount).toBe(18_000_000);
  });

  it('recomputes, of an employers file, only the employers whose payment cycle changed', async () => {
    const quarterly = EMPLOYERS.replace('private,40,active,1', 'private,40,active,3').replace(
      'Hồng Hà,HNI,HNI-01,private,15',
      'Hồng Hà,HNI,HNI-01,private,16',
    );
    expect((await upload(hni, 'employers', quarterly)).json()).toMatchObject({
      status: 'imported',
      updated: 2,
      employers: 1,
    });
    // Back as they were (the same rows with Windows line ends: another file, so not skipped as already imported).
    expect((await upload(hni, 'employers', EMPLOYERS.replace(/\n/g, '\r\n'))).json()).toMatchObject({
      status: 'imported',
      updated: 2,
      employers: 1,
    });
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
    // The ratio comes exact, 18,000,000 / 19,800,000 = 90,9090…%, for the page to round once to what it shows.
    expect(hni02).toMatchObject({
      lateEmployers: 1,
      lateAmount: 18_000_000,
      receivable: 19_800_000,
      lateRatio: { numerator: 18_000_000, denominator: 19_800_000 },
    });
    expect(summary.offices.map((o: { code: string }) => o.code)).toEqual(['HNI-01', 'HNI-02']);
    const national = (await login(t.app, 'banthu')).get('/api/arrears/summary');
    expect((await national).json().offices.map((o: { code: string }) => o.code)).toEqual(['HNI', 'HCM']);
  });

  it('divides by the collection plan when the rule set in force says so', async () => {
    const db = t.database.handle.db;
    const board = await login(t.app, 'banthu');
    expect(
      (await hni.request('PUT', `/api/offices/${t.world.offices.hni02}/plans/2025`, { amount: 36_000_000 })).statusCode,
    ).toBe(204);
    expect(
      (await board.request('PUT', `/api/offices/${t.world.offices.hni}/plans/2025`, { amount: 90_000_000 })).statusCode,
    ).toBe(204);
    await db
      .insertInto('rule_set')
      .values({
        id: 'ke-hoach',
        name: 'Tỷ lệ theo kế hoạch thu',
        effective_from: '2025-07-02',
        body: JSON.stringify({
          ...DEFAULT_RULES,
          id: 'ke-hoach',
          effectiveFrom: '2025-07-02',
          lateRatioDenominator: 'plan',
        }),
      })
      .execute();
    try {
      const summary = (await hni.get('/api/arrears/summary')).json();
      expect(summary.denominator).toBe('plan');
      // HNI-02: 18,000,000 late of a 36,000,000 plan; HNI-01 has no plan, so no ratio.
      expect(
        summary.offices.map((o: { code: string; plan: number | null; lateRatio: unknown }) => [
          o.code,
          o.plan,
          o.lateRatio,
        ]),
      ).toEqual([
        ['HNI-01', null, null],
        ['HNI-02', 36_000_000, { numerator: 18_000_000, denominator: 36_000_000 }],
      ]);
      const national = (await board.get('/api/arrears/summary')).json();
      const hniProvince = national.offices.find((o: { code: string }) => o.code === 'HNI');
      expect(hniProvince.plan).toBe(90_000_000);
      expect(hniProvince.lateRatio).toEqual({ numerator: hniProvince.lateAmount, denominator: 90_000_000 });
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
    const stored = await t.database.handle.db
      .selectFrom('payment')
      .select(['paid_on', 'amount'])
      .where('reference', '=', 'UNC-X1')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ paid_on: '2025-10-20', amount: 5_000_000 });
    expect((await uploadWorkbook(hni, 'payments', sheet)).json()).toMatchObject({ status: 'unchanged', rows: 1 });
  });

  it('reports a bad workbook cell by its spreadsheet row and column, and writes nothing', async () => {
    const before = await count('obligation');
    const response = await uploadWorkbook(
      hni,
      'obligations',
      await workbook([
        ['employer', 'period', 'fund', 'amount'],
        ['HN0000101', new Date(Date.UTC(2025, 8, 1)), 'BHXH', 2_100_000],
        [],
        ['HN0000101', '2025-10', 'BHTN', 1234.5],
      ]),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      {
        file: 'obligations.xlsx',
        line: 4,
        column: 4,
        columnLetter: 'D',
        columnName: 'amount',
        code: 'amount_fraction',
        message: '"1234.5" có phần lẻ dưới một đồng; số tiền là số đồng nguyên',
      },
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
    expect(response.json().errors[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('không đọc được bảng tính .xlsx'),
    });
  });

  it('pays BHXH principal and then its charges from a payment, and stores charge accrued, paid and outstanding', async () => {
    // At 2025-10-20, HN0000100 owes BHXH July 10,000,000 (due 08-31) and August 8,000,000 (due 09-30). UNC-X1
    // (5,000,000, 2025-10-20) pays half of July; UNC-Y on the same day pays the other 5,000,000, August, and the
    // charges: July 10,000,000 × 50 days (09-01..10-20) + August 8,000,000 × 20 days, × 0.03% = 150,000 + 48,000.
    t.clock.advance(5 * 24 * 3600_000);
    // Sessions last a working day: moving the clock on means signing in again.
    [hni, hcm] = [await login(t.app, 'gd.hni'), await login(t.app, 'gd.hcm')];
    const response = await upload(
      hni,
      'payments',
      'employer,date,amount,reference\nHN0000100,2025-10-20,13198000,UNC-Y\n',
    );
    expect(response.json()).toMatchObject({ status: 'imported', inserted: 1, employers: 1 });
    const id = (
      await t.database.handle.db
        .selectFrom('employer')
        .select('id')
        .where('code', '=', 'HN0000100')
        .executeTakeFirstOrThrow()
    ).id;
    const arrears = (await hni.get(`/api/employers/${id}/arrears`)).json();
    expect(arrears).toMatchObject({
      asOf: '2025-10-20',
      lateAmount: 0,
      daysLate: 0,
      charge: 0,
      chargeAccrued: 198_000,
      chargePaid: 198_000,
      credit: 0,
    });
    expect(arrears.byFund.BHXH).toEqual({ late: 0, charge: 0, chargeAccrued: 198_000, chargePaid: 198_000 });
    expect(arrears.explanation.chargePayments).toEqual([
      { source: 'payment', reference: 'UNC-Y', date: '2025-10-20', fund: 'BHXH', amount: 198_000 },
    ]);
    expect(arrears.monthTable).toMatchObject({
      months: [],
      chargeOnPaidPrincipal: 198_000,
      chargeAccrued: 198_000,
      chargePaid: 198_000,
      charge: 0,
    });
    const stored = await t.database.handle.db
      .selectFrom('arrears_position')
      .select([
        'as_of',
        'late_amount',
        'charge',
        'charge_accrued',
        'charge_paid',
        'charge_bhxh',
        'charge_accrued_bhxh',
        'charge_paid_bhxh',
        'days_late',
      ])
      .where('employer_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      as_of: '2025-10-20',
      late_amount: 0,
      charge: 0,
      charge_accrued: 198_000,
      charge_paid: 198_000,
      charge_bhxh: 0,
      charge_accrued_bhxh: 198_000,
      charge_paid_bhxh: 198_000,
      days_late: 0,
    });
  });

  it('does not let another province import into or read these employers', async () => {
    const response = await upload(hcm, 'payments', 'employer,date,amount,reference\nHN0000100,2025-09-01,5,X\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].message).toBe('không có đơn vị "HN0000100"');
    expect((await hcm.get('/api/arrears/late')).json().items).toEqual([]);
  });

  const audits = async () =>
    Number(
      (
        await t.database.handle.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('counts every problem of a large file, lists the first thousand by row, and finds unknown employers in the same pass', async () => {
    // 1,500 rows of unknown employers (a database check) and 1,200 malformed amounts (a field check), interleaved.
    const lines = Array.from({ length: 2_700 }, (_, i) =>
      i % 9 < 4
        ? `HN0000100,2025-${String((i % 12) + 1).padStart(2, '0')},BHXH,"1,5"`
        : `XX${String(i).padStart(7, '0')},2025-01,BHXH,1000`,
    );
    const response = await upload(hni, 'obligations', `employer,period,fund,amount\n${lines.join('\n')}\n`);
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.errorCount).toBe(2_700);
    expect(body.message).toBe('Tệp bị từ chối: 2.700 lỗi; không dòng nào được nhập');
    expect(body.errors).toHaveLength(1000);
    expect(body.errors.map((e: { line: number }) => e.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));
    expect(
      body.errors.slice(0, 5).map((e: { code: string; columnLetter: string }) => `${e.columnLetter}:${e.code}`),
    ).toEqual([
      'D:amount_fraction',
      'D:amount_fraction',
      'D:amount_fraction',
      'D:amount_fraction',
      'A:unknown_employer',
    ]);
  });

  it('writes each problem in the language asked for, with the row and column letter of the spreadsheet', async () => {
    const file =
      'employer,date,amount,reference\nHN0000100,01/12/2026,1.000,R1\nHN0000100,2026-12-40,1.000.000,R2\nHN0000100,12/31/2026,"1.000,000",R3\n';
    const vi = (await upload(hni, 'payments', file)).json().errors;
    expect(vi).toEqual([
      expect.objectContaining({
        line: 3,
        column: 2,
        columnLetter: 'B',
        columnName: 'date',
        code: 'not_day',
        message: '"2026-12-40" không phải ngày (viết dd/mm/yyyy hoặc yyyy-mm-dd)',
      }),
      expect.objectContaining({ line: 4, columnLetter: 'B', code: 'month_day_order' }),
      expect.objectContaining({
        line: 4,
        columnLetter: 'C',
        code: 'amount_ambiguous',
        message: '"1.000,000" có thể hiểu theo hai cách; viết 1000000 hoặc 1.000.000',
      }),
    ]);
    const en = await hni.request('POST', '/api/imports/payments?fileName=payments.csv', file, {
      'content-type': 'text/csv',
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect(en.json().message).toBe('File refused: 3 error(s); no row was imported');
    expect(en.json().errors.map((e: { message: string }) => e.message)).toEqual([
      '"2026-12-40" is not a date (write dd/mm/yyyy or yyyy-mm-dd)',
      '"12/31/2026" is not a dd/mm/yyyy date: the file seems to put the month first; put the day first',
      '"1.000,000" can be read two ways; write 1000000 or 1.000.000',
    ]);
  });

  it('checks a file in a dry run: new, changed and unchanged rows, and writes nothing', async () => {
    const db = t.database.handle.db;
    const before = await Promise.all([count('obligation'), count('import_batch'), audits()]);
    const stored = await db
      .selectFrom('obligation as o')
      .innerJoin('employer as e', 'e.id', 'o.employer_id')
      .select('o.amount')
      .where('e.code', '=', 'HN0000101')
      .where('o.period', '=', '2025-07')
      .where('o.fund', '=', 'BHXH')
      .executeTakeFirstOrThrow();
    // Vietnamese Excel's CSV: semicolons, months as 07/2025, amounts grouped with dots.
    const file =
      'Mã đơn vị;Tháng;Quỹ;Số tiền\nHN0000101;07/2025;BHXH;2.000.000\nHN0000101;08/2025;BHXH;2.500.000\n' +
      'HN0000100;2025-07;BHYT;1.900.000\n';
    expect(stored.amount).toBe(2_000_000);
    const dry = await hni.request('POST', '/api/imports/obligations?fileName=thang.csv&dryRun=true', file, {
      'content-type': 'text/csv',
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({
      status: 'checked',
      kind: 'obligations',
      rows: 3,
      inserted: 1,
      updated: 1,
      unchanged: 1,
      examples: [
        { line: 3, status: 'new', key: 'HN0000101 · 2025-08 · BHXH', before: null, after: 2_500_000 },
        { line: 4, status: 'changed', key: 'HN0000100 · 2025-07 · BHYT', before: 1_800_000, after: 1_900_000 },
      ],
    });
    expect(await Promise.all([count('obligation'), count('import_batch'), audits()])).toEqual(before);
    // The same file imported for real does what the dry run said, once.
    const imported = await upload(hni, 'obligations', file, 'thang.csv');
    expect(imported.json()).toMatchObject({ status: 'imported', rows: 3, inserted: 1, updated: 1 });
    expect((await upload(hni, 'obligations', file, 'thang.csv')).json()).toMatchObject({ status: 'unchanged' });
  });

  it('reads a CSV saved by Excel on a Vietnamese Windows (Windows-1258), and refuses a TCVN3 file saying how to save it', async () => {
    // "Nộp tiền Đông Á" in code page 1258: ộ is ô (F4) with a combining dot below (F2), ề is ê (EA) with a grave (CC).
    const reference = [
      0x4e, 0xf4, 0xf2, 0x70, 0x20, 0x74, 0x69, 0xea, 0xcc, 0x6e, 0x20, 0xd0, 0xf4, 0x6e, 0x67, 0x20, 0x41, 0xec,
    ];
    const file = Buffer.concat([
      Buffer.from('employer,date,amount,reference\r\nHN0000101,15/10/2025,"1.000.000",'),
      Buffer.from(reference),
      Buffer.from('\r\n'),
    ]);
    const response = await upload(hni, 'payments', file, 'vn.csv');
    expect(response.json()).toMatchObject({ status: 'imported', inserted: 1 });
    const paid = await t.database.handle.db
      .selectFrom('payment')
      .select(['paid_on', 'amount'])
      .where('reference', '=', 'Nộp tiền Đông Á')
      .executeTakeFirstOrThrow();
    expect(paid).toEqual({ paid_on: '2025-10-15', amount: 1_000_000 });
    // The same words in TCVN3 (the ".Vn" fonts) read as Windows-1258 would be symbols: refused, nothing written.
    const tcvn3 = Buffer.concat([
      Buffer.from('employer,date,amount,reference\nHN0000101,16/10/2025,5,N'),
      Buffer.from([0xe9, 0x70, 0x20, 0x74, 0x69, 0xd3, 0x6e, 0x20, 0xa7, 0xab, 0x6e, 0x67, 0x20, 0xb8]),
      Buffer.from('\n'),
    ]);
    const refused = await upload(hni, 'payments', tcvn3, 'tcvn3.csv');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'encoding',
        message: expect.stringContaining('Lưu thành → "CSV UTF-8 (Comma delimited)"'),
      }),
    ]);
  });

  it('offers an .xlsx template per file whose example row the import reads back', async () => {
    const response = await hni.get('/api/imports/payments/template');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      'Mã đơn vị',
      'Ngày nộp',
      'Số tiền',
      'Số chứng từ',
    ]);
    expect(sheet.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 7, 25)));
    expect(sheet.getCell('B2').numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getCell('C2').value).toBe(1_800_000);
    const dry = await hni.request('POST', '/api/imports/payments?fileName=mau.xlsx&dryRun=true', response.rawPayload, {
      'content-type': XLSX_TYPE,
    });
    expect(dry.json()).toMatchObject({ status: 'checked', rows: 1, inserted: 1, updated: 0, unchanged: 0 });
    const officer = await login(t.app, 'cb.hni01');
    expect((await officer.get('/api/imports/payments/template')).statusCode).toBe(403);
  });
});
