import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputePositions } from '../../src/ledger/positions.js';
import { refreshLadder } from '../../src/ledger/ladder.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { documentXml, tablesOf, textOf } from '../support/docx-text.js';

/** "1.234.567" as printed in a letter → 1234567. */
const amount = (printed: string) => Number(printed.replace(/\./g, ''));
const printed = (n: number) => n.toLocaleString('de-DE');

interface MonthTableRow {
  period: string;
  unpaid: number;
  daysLate: number;
  chargeDays: number;
  charge: number;
}

/**
 * Đức Thành owes 07/2025 BHYT 5.000.000 and BHXH 30.000.000 (due 31/08/2025) and 08/2025 BHXH 40.000.000 (due
 * 30/09). It paid 5.040.000 on 20/09, 20 days after the first deadline: by fund, BHYT first, its 5.000.000 of
 * principal, then its charge so far, 20 × 0,03% × 5.000.000 = 30.000, then 10.000 of BHXH 07/2025 (charge 20 × 0,03%
 * × 10.000 = 60). At 15/10/2025: BHXH 07/2025 has 29.990.000 unpaid, 45 days late, charge 404.865; 08/2025
 * 40.000.000, 15 days, 180.000; the charge on principal already paid is 30.060; accrued 614.925, paid 30.000,
 * outstanding 584.925. So the letter has a charge on principal paid late and a charge paid besides its unpaid months.
 */
describe.each(DATABASE_KINDS)('figures of the urging letter on %s', (kind) => {
  let t: TestContext;
  let officer: Agent;
  let director: Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.database.handle.db;
    const employerId = t.world.employers.ducThanh;
    await db
      .insertInto('obligation')
      .values([
        { employer_id: employerId, period: '2025-07', fund: 'BHYT', amount: 5_000_000 },
        { employer_id: employerId, period: '2025-07', fund: 'BHXH', amount: 30_000_000 },
        { employer_id: employerId, period: '2025-08', fund: 'BHXH', amount: 40_000_000 },
      ])
      .execute();
    await db
      .insertInto('payment')
      .values({ employer_id: employerId, paid_on: '2025-09-20', amount: 5_040_000, reference: 'UNC-250920-000009' })
      .execute();
    // Nguyễn Hoàng also owes BHXH for 03/2016 (due 31/03/2016): interest under Decision 595 at the rule set's 2016 rate.
    await db
      .insertInto('obligation')
      .values({ employer_id: t.world.employers.nguyenHoang, period: '2016-03', fund: 'BHXH', amount: 10_000_000 })
      .execute();
    await recomputePositions(db, t.clock);
    await refreshLadder(db, t.clock);
    officer = await login(t.app, 'cb.hni01');
    director = await login(t.app, 'gd.hni');
  });
  afterAll(() => t.close());

  /** The month table of a document: its month lines, then its reconciling lines by label. */
  function monthTableOf(xml: string) {
    const rows = tablesOf(xml).find((r) => r[0]?.includes('Hạn nộp'));
    if (!rows) throw new Error('no month table');
    const months = rows.slice(1).filter((r) => /^\d{2}\/\d{4}$/.test(r[0] ?? ''));
    const line = (label: string) => {
      const row = rows.find((r) => r[0] === label);
      if (!row) throw new Error(`no line "${label}"`);
      return row;
    };
    return {
      months: months.map((r) => ({
        period: r[0]!,
        unpaid: amount(r[2]!),
        daysLate: amount(r[3]!),
        chargeDays: amount(r[4]!),
        charge: amount(r[5]!),
      })),
      onPaidPrincipal: amount(line('Tiền chậm đóng trên số tiền đã nộp muộn').at(-1)!),
      accrued: amount(line('Tổng cộng: tiền chậm đóng phát sinh').at(-1)!),
      lateAmount: amount(line('Tổng cộng: tiền chậm đóng phát sinh')[1]!),
      paid: amount(line('Trừ: tiền chậm đóng đơn vị đã nộp').at(-1)!),
      outstanding: amount(line('Tiền chậm đóng còn phải nộp').at(-1)!),
    };
  }

  it("states one charge: months and the paid-late line make the accrued charge; less what was paid, the text's and the API's", async () => {
    const employerId = t.world.employers.ducThanh;
    const arrears = (await officer.get(`/api/employers/${employerId}/arrears?asOf=2025-10-15`)).json();
    // The case the letter must explain, by hand (see above).
    expect(arrears.byFund.BHYT).toMatchObject({ late: 0, chargeAccrued: 30_000, chargePaid: 30_000, charge: 0 });
    expect(arrears).toMatchObject({
      lateAmount: 69_990_000,
      chargeAccrued: 614_925,
      chargePaid: 30_000,
      charge: 584_925,
    });
    expect(arrears.monthTable.chargeOnPaidPrincipal).toBe(30_060);

    const response = await officer.request('POST', '/api/actions', {
      employerIds: [employerId],
      kind: 'urging_letter',
      date: '2025-10-15',
    });
    expect(response.statusCode).toBe(201);
    const [action] = response.json().actions;
    const xml = documentXml((await officer.get(`/api/documents/${action.documentId}`)).rawPayload);
    const text = textOf(xml);
    const table = monthTableOf(xml);

    // Each month line is the engine's.
    expect(table.months).toEqual([
      { period: '07/2025', unpaid: 29_990_000, daysLate: 45, chargeDays: 45, charge: 404_865 },
      { period: '08/2025', unpaid: 40_000_000, daysLate: 15, chargeDays: 15, charge: 180_000 },
    ]);
    expect(table.months).toEqual(
      arrears.monthTable.months.map((m: MonthTableRow) => ({
        period: `${m.period.slice(5)}/${m.period.slice(0, 4)}`,
        unpaid: m.unpaid,
        daysLate: m.daysLate,
        chargeDays: m.chargeDays,
        charge: m.charge,
      })),
    );

    // The lines reconcile: months + paid late = accrued; accrued − paid = outstanding; all as the arrears API says.
    expect(table.months.reduce((s, m) => s + m.charge, 0) + table.onPaidPrincipal).toBe(table.accrued);
    expect(table.accrued - table.paid).toBe(table.outstanding);
    expect(table.months.reduce((s, m) => s + m.unpaid, 0)).toBe(table.lateAmount);
    expect({
      onPaidPrincipal: table.onPaidPrincipal,
      accrued: table.accrued,
      paid: table.paid,
      outstanding: table.outstanding,
      late: table.lateAmount,
    }).toEqual({
      onPaidPrincipal: arrears.monthTable.chargeOnPaidPrincipal,
      accrued: arrears.chargeAccrued,
      paid: arrears.chargePaid,
      outstanding: arrears.charge,
      late: arrears.lateAmount,
    });
    expect(table.paid).toBe(30_000);

    // The same outstanding charge in the text and in the fund table's total.
    expect(text).toContain(
      `phát sinh ${printed(arrears.chargeAccrued)} đồng, đơn vị đã nộp 30.000 đồng, còn phải nộp là ${printed(arrears.charge)} đồng`,
    );
    const funds = tablesOf(xml).find((r) => r[0]?.[0] === 'Quỹ')!;
    expect(funds.at(-1)).toEqual(['Tổng cộng', printed(arrears.lateAmount), printed(arrears.charge)]);
    // A debt of the daily charge only: no word of the old regime.
    expect(text).not.toContain('595');
  });

  it("says the charge includes old-regime interest, with the rule set's rate and dates, when the debt bore it", async () => {
    const employerId = t.world.employers.nguyenHoang;
    const arrears = (await officer.get(`/api/employers/${employerId}/arrears?asOf=2025-10-15`)).json();
    const response = await officer.request('POST', '/api/actions', {
      employerIds: [employerId],
      kind: 'urging_letter',
      date: '2025-10-15',
    });
    expect(response.statusCode).toBe(201);
    const [action] = response.json().actions;
    const text = textOf(documentXml((await officer.get(`/api/documents/${action.documentId}`)).rawPayload));
    expect(text).toContain(
      'Tiền chậm đóng tính đến ngày 15/10/2025 gồm lãi chậm đóng theo Điều 122 Luật Bảo hiểm xã hội ' +
        'số 58/2014/QH13 và Quyết định số 595/QĐ-BHXH, tính vào ngày 01 hằng tháng đến ngày 01/07/2025 trên số tiền chậm ' +
        'đóng từ 01 tháng trở lên (lãi suất năm 2016: 1,065%/tháng (BHXH)), và tiền chậm đóng từ ngày 01/07/2025 (số tiền ' +
        'bằng 0,03%/ngày',
    );
    expect(text).toContain(`còn phải nộp là ${printed(arrears.charge)} đồng`);
  });

  it('puts the same reconciled month table in the evidence file', async () => {
    const employerId = t.world.employers.ducThanh;
    const arrears = (await director.get(`/api/employers/${employerId}/arrears?asOf=2025-10-15`)).json();
    const response = await director.request('POST', `/api/employers/${employerId}/evidence-file`);
    expect(response.statusCode).toBe(201);
    const table = monthTableOf(documentXml((await director.get(`/api/documents/${response.json().id}`)).rawPayload));
    expect(table.months.reduce((s, m) => s + m.charge, 0) + table.onPaidPrincipal).toBe(arrears.chargeAccrued);
    expect(table).toMatchObject({
      paid: arrears.chargePaid,
      outstanding: arrears.charge,
      lateAmount: arrears.lateAmount,
    });
  });
});
