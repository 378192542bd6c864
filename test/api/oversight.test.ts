import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputePositions } from '../../src/ledger/positions.js';
import { employerColumns } from '../../src/features/employers/service.js';
import { DEFAULT_ESCALATION } from '../../src/domain/ladder.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { backfillSnapshots, snapshotPositions } from '../../src/ledger/snapshots.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { documentXml, tablesOf, textOf } from '../support/docx-text.js';
import { DATABASE_KINDS } from '../support/databases.js';

/**
 * Hà Nội: Nguyễn Hoàng 13.280.000 late (07/2025) throughout; Đức Thành owes 20.000.000 for each of 05, 06 and 07/2025,
 * is surprise-inspected on 14/10 and pays 6.000.000 on 15/10, leaving 54.000.000 over 3 months. At 30/09 Hà Nội is
 * 73.280.000 late, at 15/10 67.280.000: 8,19% less. Hồ Chí Minh has nothing late.
 */
describe.each(DATABASE_KINDS)('national oversight on %s', (kind) => {
  let t: TestContext;
  let board: Agent;
  let hcm: Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.database.handle.db;
    await db
      .insertInto('obligation')
      .values(
        ['2025-05', '2025-06', '2025-07'].map((period) => ({
          employer_id: t.world.employers.ducThanh,
          period,
          fund: 'BHXH' as const,
          amount: 20_000_000,
        })),
      )
      .execute();
    const inspector = await login(t.app, 'thanhtra');
    const inspected = await inspector.request('POST', '/api/actions', {
      employerIds: [t.world.employers.ducThanh],
      kind: 'surprise_inspection',
      date: '2025-10-14',
      generateDocument: false,
    });
    expect(inspected.statusCode).toBe(201);
    await inspector.request('POST', '/api/actions', {
      employerIds: [t.world.employers.ducThanh],
      kind: 'sanction',
      date: '2025-10-15',
      documentNumber: '12/QĐ-XPHC',
      fine: 7_200_000,
    });
    await db
      .insertInto('payment')
      .values({
        employer_id: t.world.employers.ducThanh,
        paid_on: '2025-10-15',
        amount: 6_000_000,
        reference: 'UNC-251015-7',
      })
      .execute();
    await recomputePositions(db, t.clock);
    await snapshotPositions(db, '2025-10-15');
    await backfillSnapshots(db, ['2025-09-30']);
    board = await login(t.app, 'banthu');
    hcm = await login(t.app, 'gd.hcm');
  });
  afterAll(() => t.close());

  it('gives the late amount and ratio over time from the snapshots', async () => {
    const trend = (
      await board.get(`/api/oversight/trend?officeId=${t.world.offices.hni}&from=2025-09-01&to=2025-10-31`)
    ).json();
    // Receivable of 2025 in Hà Nội: 65.280.000 (Nguyễn Hoàng) + 60.000.000 (Đức Thành) = 125.280.000.
    expect(trend.points).toEqual([
      {
        asOf: '2025-09-30',
        employers: 3,
        lateEmployers: 2,
        lateAmount: 73_280_000,
        lateRatio: { numerator: 73_280_000, denominator: 125_280_000 },
      },
      {
        asOf: '2025-10-15',
        employers: 3,
        lateEmployers: 2,
        lateAmount: 67_280_000,
        lateRatio: { numerator: 67_280_000, denominator: 125_280_000 },
      },
    ]);
    const national = (await board.get('/api/oversight/trend?from=2025-09-01&to=2025-10-31')).json();
    expect(national.points.map((p: { lateAmount: number }) => p.lateAmount)).toEqual([73_280_000, 67_280_000]);
    expect(
      (await hcm.get(`/api/oversight/trend?officeId=${t.world.offices.hni}&from=2025-09-01&to=2025-10-31`)).statusCode,
    ).toBe(404);
    expect(
      (await hcm.get('/api/oversight/trend?from=2025-09-01&to=2025-10-31'))
        .json()
        .points.map((p: { lateAmount: number }) => p.lateAmount),
    ).toEqual([0, 0]);
  });

  it('breaks the latest close down by band, ownership and office', async () => {
    const b = (await board.get('/api/oversight/breakdown')).json();
    expect(b.asOf).toBe('2025-10-15');
    expect(b.byBand).toEqual([
      { key: '3-5', lateEmployers: 1, lateAmount: 54_000_000 },
      { key: '1-2', lateEmployers: 1, lateAmount: 13_280_000 },
    ]);
    expect(b.byOwnership).toContainEqual({ key: 'private', lateEmployers: 2, lateAmount: 67_280_000 });
    expect(b.byOffice.map((o: { code: string; lateAmount: number }) => [o.code, o.lateAmount])).toEqual([
      ['HNI', 67_280_000],
      ['HCM', 0],
    ]);
  });

  it('shows inspection coverage of employers late 3 months or more, and who to inspect next', async () => {
    const items = (await board.get('/api/oversight/inspection?year=2025')).json().items;
    expect(items.find((i: { province: { code: string } }) => i.province.code === 'HNI')).toMatchObject({
      lateThreeMonths: 1,
      surpriseInspected: 1,
      coverage: { numerator: 1, denominator: 1 },
      sanctions: 1,
      fines: 7_200_000,
    });
    expect(
      (await hcm.get('/api/oversight/inspection?year=2025'))
        .json()
        .items.map((i: { province: { code: string } }) => i.province.code),
    ).toEqual(['HCM']);
    // Inspected this year: nobody is left to plan for.
    expect(
      (await board.get(`/api/oversight/inspection/candidates?officeId=${t.world.offices.hni}`)).json().items,
    ).toEqual([]);
  });

  it('scores the provinces for the year from the data', async () => {
    const items = (await board.get('/api/oversight/emulation?year=2025')).json().items;
    const hni = items.find((i: { province: { code: string } }) => i.province.code === 'HNI');
    // 6.000.000 less of 73.280.000: 8,19%, of the 20% for full marks: 30 × 6/73,28 ÷ 0,2 = 12,28 points.
    expect(hni.reduction).toEqual({ value: { numerator: 6_000_000, denominator: 73_280_000 }, points: 12.28, max: 30 });
    expect(hni.inspectionCoverage).toEqual({ value: { numerator: 1, denominator: 1 }, points: 20, max: 20 });
    // Owed 60.000.000 when inspected on 14/10; 6.000.000 paid after: 10%.
    expect(hni.recoveryAfterInspection).toEqual({
      value: { numerator: 6_000_000, denominator: 60_000_000 },
      points: 1.5,
      max: 15,
    });
    expect(hni.timeliness).toEqual({ value: null, points: 0, max: 15 });
    expect(hni.total).toBe(33.78);
    expect(hni.proposal).toBe('criticise');
    // Nothing late at either end and nobody to inspect: full marks for both.
    const hcmRow = items.find((i: { province: { code: string } }) => i.province.code === 'HCM');
    expect(hcmRow).toMatchObject({ total: 50, proposal: null });
    expect(items.map((i: { province: { code: string } }) => i.province.code)).toEqual(['HCM', 'HNI']);
  });

  it("writes the report to the People's Committee with the province by area, sector and largest late employers", async () => {
    const response = await board.request('POST', '/api/oversight/people-committee-report', {
      provinceId: t.world.offices.hni,
    });
    expect(response.statusCode).toBe(200);
    const xml = documentXml(response.rawPayload);
    const text = textOf(xml);
    expect(text).toContain('Kính gửi: Ủy ban nhân dân thành phố Hà Nội');
    // The stored positions are recomputed after every import: live figures, not a close.
    expect(text).toContain('trên địa bàn đến ngày 15/10/2025 (số liệu trực tiếp) như sau:');
    expect(text).toContain(
      'Số đơn vị chậm đóng: 2 đơn vị, số tiền chậm đóng 67.280.000 đồng (Bằng chữ: Sáu mươi bảy triệu hai trăm tám mươi nghìn đồng), bằng 53,70% số phải thu',
    );
    const tables = tablesOf(xml);
    expect(tables.find((rows) => rows[0]![1] === 'Địa bàn')!.slice(1)).toEqual([
      ['1', 'Bảo hiểm xã hội cơ sở Ba Đình', '2', '2', '67.280.000'],
      ['2', 'Bảo hiểm xã hội cơ sở Đông Anh', '1', '0', '0'],
      ['', 'Tổng cộng', '3', '2', '67.280.000'],
    ]);
    expect(tables.find((rows) => rows[0]![1] === 'Tên đơn vị')!.slice(1)).toEqual([
      ['1', 'Công ty Cổ phần Xây dựng Đức Thành', '0102345678', '3', '54.000.000'],
      ['2', 'Công ty TNHH Nguyễn Hoàng', '0101234567', '1', '13.280.000'],
    ]);
    expect(
      (await hcm.request('POST', '/api/oversight/people-committee-report', { provinceId: t.world.offices.hni }))
        .statusCode,
    ).toBe(404);
  });
});

/**
 * Hà Nội also manages an employer itself (văn phòng BHXH tỉnh): Thăng Long owes 40.000.000 for 07/2025, late since
 * 31/08. With Nguyễn Hoàng's 13.280.000 under Ba Đình, the province is 2 employers / 53.280.000 late.
 */
describe.each(DATABASE_KINDS)("a province's own employers on %s", (kind) => {
  let t: TestContext;
  let board: Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.database.handle.db;
    const own = await db
      .insertInto('employer')
      .values(
        employerColumns(
          {
            code: 'HN0000009',
            taxCode: '0109876543',
            name: 'Công ty TNHH Thăng Long',
            officeId: t.world.offices.hni,
            address: '',
            ownership: 'private',
            headcount: 30,
            status: 'active',
            paymentCycle: 1,
          },
          t.world.offices.hni,
        ),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('obligation')
      .values({ employer_id: own.id, period: '2025-07', fund: 'BHXH', amount: 40_000_000 })
      .execute();
    await recomputePositions(db, t.clock);
    await snapshotPositions(db, '2025-10-15');
    board = await login(t.app, 'banthu');
  });
  afterAll(() => t.close());

  it('gives them a row of their own, so that the office rows add up to the province', async () => {
    const trend = (
      await board.get(`/api/oversight/trend?officeId=${t.world.offices.hni}&from=2025-10-01&to=2025-10-31`)
    ).json();
    const headline = trend.points.at(-1);
    expect(headline).toMatchObject({ lateEmployers: 2, lateAmount: 53_280_000 });
    const b = (await board.get(`/api/oversight/breakdown?officeId=${t.world.offices.hni}`)).json();
    expect(b.byOffice).toEqual([
      {
        id: t.world.offices.hni,
        code: 'HNI',
        name: 'Bảo hiểm xã hội thành phố Hà Nội (trực tiếp quản lý)',
        direct: true,
        lateEmployers: 1,
        lateAmount: 40_000_000,
      },
      {
        id: t.world.offices.hni01,
        code: 'HNI-01',
        name: 'Bảo hiểm xã hội cơ sở Ba Đình',
        direct: false,
        lateEmployers: 1,
        lateAmount: 13_280_000,
      },
      {
        id: t.world.offices.hni02,
        code: 'HNI-02',
        name: 'Bảo hiểm xã hội cơ sở Đông Anh',
        direct: false,
        lateEmployers: 0,
        lateAmount: 0,
      },
    ]);
    const sum = (key: 'lateEmployers' | 'lateAmount') =>
      b.byOffice.reduce((s: number, o: Record<string, number>) => s + o[key]!, 0);
    expect([sum('lateEmployers'), sum('lateAmount')]).toEqual([headline.lateEmployers, headline.lateAmount]);
    // Nationally, the provinces alone (no employer sits at the national office).
    const national = (await board.get('/api/oversight/breakdown')).json();
    expect(
      national.byOffice.map((o: { code: string; direct: boolean; lateAmount: number }) => [
        o.code,
        o.direct,
        o.lateAmount,
      ]),
    ).toEqual([
      ['HNI', false, 53_280_000],
      ['HCM', false, 0],
    ]);
  });

  it("names the same row in the report to the People's Committee, whose areas add up to the same figures", async () => {
    const xml = documentXml(
      (await board.request('POST', '/api/oversight/people-committee-report', { provinceId: t.world.offices.hni }))
        .rawPayload,
    );
    expect(
      tablesOf(xml)
        .find((rows) => rows[0]![1] === 'Địa bàn')!
        .slice(1),
    ).toEqual([
      ['1', 'Bảo hiểm xã hội thành phố Hà Nội (trực tiếp quản lý)', '1', '1', '40.000.000'],
      ['2', 'Bảo hiểm xã hội cơ sở Ba Đình', '2', '1', '13.280.000'],
      ['3', 'Bảo hiểm xã hội cơ sở Đông Anh', '1', '0', '0'],
      ['', 'Tổng cộng', '4', '2', '53.280.000'],
    ]);
  });

  it('counts "late N months or more" by the rule set\'s months, in the inspection view and the report', async () => {
    const before = (await board.get('/api/oversight/inspection?year=2025'))
      .json()
      .items.find((i: { province: { code: string } }) => i.province.code === 'HNI');
    expect(before).toMatchObject({ minMonths: 3, lateThreeMonths: 0 });
    // A rule set from 01/10/2025 that sends employers late one month or more to inspection.
    const rules = {
      ...DEFAULT_RULES,
      id: 'thu-nghiem-1-thang',
      effectiveFrom: '2025-10-01',
      escalation: { ...DEFAULT_ESCALATION, inspectionMonths: 1 },
    };
    await t.database.handle.db
      .insertInto('rule_set')
      .values({ id: rules.id, name: rules.name, effective_from: rules.effectiveFrom, body: JSON.stringify(rules) })
      .execute();
    const after = (await board.get('/api/oversight/inspection?year=2025'))
      .json()
      .items.find((i: { province: { code: string } }) => i.province.code === 'HNI');
    expect(after).toMatchObject({ minMonths: 1, lateThreeMonths: 2 });
    expect(
      (await board.get(`/api/oversight/inspection/candidates?officeId=${t.world.offices.hni}`))
        .json()
        .items.map((i: { employer: { code: string } }) => i.employer.code),
    ).toEqual(['HN0000009', 'HN0000001']);
    const text = textOf(
      documentXml(
        (await board.request('POST', '/api/oversight/people-committee-report', { provinceId: t.world.offices.hni }))
          .rawPayload,
      ),
    );
    expect(text).toContain('Trong đó chậm đóng từ 01 tháng trở lên: 2 đơn vị, 53.280.000 đồng');
  });
});
