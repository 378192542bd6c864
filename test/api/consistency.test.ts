import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { FixedClock } from '../../src/clock.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../src/config.js';
import { forkRng } from '../../src/demo/prng.js';
import { formatDay, formatNumber, formatPeriod } from '../../src/domain/format.js';
import { FUNDS } from '../../src/domain/ledger.js';
import { addDays, addMonths, lastDayOf } from '../../src/domain/periods.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { refreshLadder } from '../../src/ledger/ladder.js';
import { snapshotPositions } from '../../src/ledger/snapshots.js';
import type { App } from '../../src/http/types.js';
import { buildApp } from '../../src/server.js';
import { login, tempFilesDir, type Agent } from '../support/app.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';
import { documentXml, tablesOf, textOf } from '../support/docx-text.js';
import { readC12 } from '../support/c12.js';

/**
 * One figure everywhere: on a small demo country closed at a month end, the same employer's and the same office's
 * figures read through every way the system shows them — the arrears API, the late list, the summary, the worklist,
 * the C12-TS notice, the urging letter, the campaign report and board, the oversight dashboards, the report to the
 * People's Committee and the public award look-up — are equal to the đồng wherever they mean the same thing. The
 * sample: the five largest debtors of Hà Nội and of Hồ Chí Minh (which manages a late employer itself) and five late
 * employers drawn with a fixed seed.
 */
const TODAY = '2026-11-30';
const MONTH = '2026-11';
const PROVINCES = ['HNI', 'HCM'] as const;
const SAMPLE_SEED = 13;

interface LateRow {
  id: number;
  code: string;
  taxCode: string;
  name: string;
  lateAmount: number;
  overdueMonths: number;
  band: string;
  daysLate: number;
  oldestUnpaidPeriod: string | null;
  charge: number;
  chargeAccrued: number;
  chargePaid: number;
}
interface OfficeRow {
  id: number;
  code: string;
  name: string;
  employers: number;
  lateEmployers: number;
  lateAmount: number;
  charge: number;
}
type FundFigures = { late: number; charge: number; chargeAccrued: number; chargePaid: number };

const C12_COLUMNS = ['BHXH', 'BHYT', 'BHTN', 'BHTNLD'] as const;

describe.each(DATABASE_KINDS)('one figure everywhere on the demo data, %s', (kind) => {
  let database: TestDatabase;
  let app: App;
  let filesDir: string;
  let admin: Agent;
  let board: Agent;
  const provinceIds = new Map<string, number>();
  const sample: LateRow[] = [];
  let summary: OfficeRow[];
  let campaignId: number;
  /** The whole late list of an office, page by page. */
  const lateList = async (officeId: number) => {
    const rows: LateRow[] = [];
    for (let page = 1; ; page++) {
      const r = (await board.get(`/api/arrears/late?officeId=${officeId}&pageSize=200&page=${page}`)).json();
      rows.push(...r.items);
      if (rows.length >= r.total) return rows;
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    filesDir = tempFilesDir();
    const clock = new FixedClock(new Date(`${TODAY}T03:00:00Z`));
    const { db } = database.handle;
    await seedDemo(database.handle, clock, { employers: 400, months: 18 });
    // The day's close, as the daily job does it: positions, the ladder, the snapshot.
    await recomputePositions(db, clock);
    await refreshLadder(db, clock);
    await snapshotPositions(db, TODAY);
    app = await buildApp({ handle: database.handle, db, clock, uploads: DEFAULT_UPLOAD_LIMITS, filesDir });
    await app.ready();
    admin = await login(app, 'admin', DEMO_PASSWORD);
    board = await login(app, 'banthu', DEMO_PASSWORD);
    for (const office of await db
      .selectFrom('office')
      .select(['id', 'code'])
      .where('code', 'in', ['VN', ...PROVINCES])
      .execute()) {
      provinceIds.set(office.code, office.id);
    }

    // The sample: the five largest debtors of each province, and five late employers drawn with a fixed seed.
    for (const code of PROVINCES) {
      const top = (
        await admin.get(`/api/arrears/late?officeId=${provinceIds.get(code)}&pageSize=5&sort=lateAmount&order=desc`)
      ).json();
      sample.push(...top.items);
    }
    const all = await lateList(provinceIds.get('VN')!);
    expect(all.length).toBeGreaterThan(20);
    const rng = forkRng(SAMPLE_SEED, 0);
    const others = all.filter((r: LateRow) => !sample.some((s) => s.id === r.id));
    for (let k = 0; k < 5; k++) sample.push(...others.splice(rng.int(0, others.length - 1), 1));
    expect(sample).toHaveLength(15);
    // The sample exercises charges paid down under rule set v2, not only charges that grow.
    expect(sample.some((r) => r.chargePaid > 0)).toBe(true);
    summary = (await board.get('/api/arrears/summary')).json().offices;
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('gives each sampled employer the same figures on the arrears API as on the late list', async () => {
    expect((await admin.get('/api/arrears/late?pageSize=1')).json().asOf).toBe(TODAY);
    for (const row of sample) {
      const a = (await admin.get(`/api/employers/${row.id}/arrears`)).json();
      expect(a.asOf).toBe(TODAY);
      const pick = (r: LateRow) => [
        r.lateAmount,
        r.overdueMonths,
        r.band,
        r.daysLate,
        r.oldestUnpaidPeriod,
        r.charge,
        r.chargeAccrued,
        r.chargePaid,
      ];
      expect(pick(a), row.code).toEqual(pick(row));
      // Per fund, the parts add up to the employer's figures.
      const byFund = a.byFund as Record<string, FundFigures>;
      for (const key of ['late', 'charge', 'chargeAccrued', 'chargePaid'] as const) {
        const total = FUNDS.reduce((s, f) => s + byFund[f]![key], 0);
        expect(total, `${row.code} ${key}`).toBe(
          { late: a.lateAmount, charge: a.charge, chargeAccrued: a.chargeAccrued, chargePaid: a.chargePaid }[key],
        );
      }
      for (const f of FUNDS)
        expect(byFund[f]!.charge, `${row.code} ${f}`).toBe(
          Math.max(0, byFund[f]!.chargeAccrued - byFund[f]!.chargePaid),
        );
      // The screen's month table reconciles to the same totals.
      expect(a.monthTable.lateAmount).toBe(a.lateAmount);
      expect(a.monthTable.months.reduce((s: number, m: { unpaid: number }) => s + m.unpaid, 0)).toBe(a.lateAmount);
      expect(a.monthTable.charge).toBe(a.charge);
      expect(a.monthTable.chargeAccrued).toBe(a.chargeAccrued);
      expect(a.monthTable.chargePaid).toBe(a.chargePaid);
      const monthCharges = a.monthTable.months.reduce((s: number, m: { charge: number }) => s + m.charge, 0);
      expect(monthCharges + a.monthTable.chargeOnPaidPrincipal, `${row.code} month charges`).toBe(a.chargeAccrued);
    }
  });

  it("shows each sampled employer with the same figures on its official's worklist", async () => {
    const { db } = database.handle;
    const officials = await db
      .selectFrom('assignment')
      .select(['employer_id', 'user_id'])
      .where('responsibility', '=', 'official')
      .where('assigned_to', 'is', null)
      .where(
        'employer_id',
        'in',
        sample.map((r) => r.id),
      )
      .execute();
    expect(officials).toHaveLength(sample.length);
    for (const userId of new Set(officials.map((o) => o.user_id))) {
      const items: {
        employer: { id: number };
        lateAmount: number;
        overdueMonths: number;
        band: string;
        charge: number;
      }[] = [];
      for (let page = 1; ; page++) {
        const w = (await admin.get(`/api/worklist?userId=${userId}&pageSize=200&page=${page}`)).json();
        items.push(...w.items);
        if (items.length >= w.total) break;
      }
      for (const { employer_id } of officials.filter((o) => o.user_id === userId)) {
        const row = sample.find((r) => r.id === employer_id)!;
        const item = items.find((i) => i.employer.id === employer_id);
        expect(item && [item.lateAmount, item.overdueMonths, item.band, item.charge], row.code).toEqual([
          row.lateAmount,
          row.overdueMonths,
          row.band,
          row.charge,
        ]);
      }
    }
  });

  it('answers the public award look-up "not eligible" for the sampled employers, for the principal and the charge they owe', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/public/award-check',
      headers: { 'content-type': 'text/csv' },
      payload: sample.map((r) => r.taxCode).join('\n'),
    });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as {
      taxCode: string;
      eligible: boolean;
      employers: { name: string; eligible: boolean; reasons: string[] }[];
    }[];
    for (const row of sample) {
      const answer = items.find((i) => i.taxCode === row.taxCode)!;
      expect(answer.eligible, row.code).toBe(false);
      const own = answer.employers.find((e) => e.name === row.name)!;
      expect(
        own.reasons.filter((r) => r !== 'late_within_lookback'),
        row.code,
      ).toEqual(row.charge > 0 ? ['principal_outstanding', 'charge_outstanding'] : ['principal_outstanding']);
    }
  });

  it('carries forward on the C12-TS of the month ending today what the arrears API owes today', async () => {
    for (const row of sample) {
      const response = await admin.get(`/api/employers/${row.id}/c12-ts?month=${MONTH}`);
      expect(response.statusCode).toBe(200);
      const d = (await readC12(response.rawPayload)).get('D')!;
      const a = (await admin.get(`/api/employers/${row.id}/arrears?asOf=${TODAY}`)).json();
      const outstanding = a.explanation.outstanding as {
        period: string;
        fund: string;
        unpaid: number;
        overdue: boolean;
      }[];
      C12_COLUMNS.forEach((fund, k) => {
        expect(d.charge[k], `${row.code} ${fund} charge`).toBe(a.byFund[fund].charge);
        const owed = outstanding.filter((l) => l.fund === fund && l.period <= MONTH).reduce((s, l) => s + l.unpaid, 0);
        expect(d.whole[k]! - d.charge[k]!, `${row.code} ${fund} contributions`).toBe(owed);
      });
      expect(d.charge[4]).toBe(a.charge);
      expect(d.whole[4]).toBe(d.whole.slice(0, 4).reduce((s, v) => s + v, 0));
      // What it brings forward is what the arrears API owed at the end of the month before.
      const brought = (await readC12(response.rawPayload)).get('A')!;
      const previous = addMonths(MONTH, -1);
      const p = (await admin.get(`/api/employers/${row.id}/arrears?asOf=${lastDayOf(previous)}`)).json();
      const owedBefore = p.explanation.outstanding as { period: string; fund: string; unpaid: number }[];
      C12_COLUMNS.forEach((fund, k) => {
        expect(brought.charge[k], `${row.code} ${fund} charge brought forward`).toBe(p.byFund[fund].charge);
        expect(brought.whole[k]! - brought.charge[k]!, `${row.code} ${fund} brought forward`).toBe(
          owedBefore.filter((l) => l.fund === fund && l.period <= previous).reduce((s, l) => s + l.unpaid, 0),
        );
      });
      // Of what is carried forward, the overdue part is the late amount.
      expect(outstanding.filter((l) => l.overdue).reduce((s, l) => s + l.unpaid, 0)).toBe(a.lateAmount);
    }
  });

  it("writes the urging letter with the arrears API's late amount and charge, in the text, the fund table and the month table", async () => {
    const response = await admin.request('POST', '/api/actions', {
      employerIds: sample.map((r) => r.id),
      kind: 'urging_letter',
      date: TODAY,
    });
    expect(response.statusCode).toBe(201);
    const actions = response.json().actions as { employerId: number; documentId: number }[];
    expect(actions).toHaveLength(sample.length);
    for (const action of actions) {
      const row = sample.find((r) => r.id === action.employerId)!;
      const a = (await admin.get(`/api/employers/${row.id}/arrears`)).json();
      const download = await admin.get(`/api/documents/${action.documentId}`);
      expect(download.statusCode).toBe(200);
      const xml = documentXml(download.rawPayload);
      const text = textOf(xml);
      expect(text, row.code).toContain(`còn chậm đóng BHXH, BHYT, BHTN số tiền ${formatNumber(a.lateAmount)} đồng`);
      expect(text, row.code).toContain(`là ${formatNumber(a.charge)} đồng`);
      const funds = tablesOf(xml).find((rows) => rows.at(-1)![0] === 'Tổng cộng' && rows.at(-1)!.length === 3)!;
      expect(funds.at(-1), row.code).toEqual(['Tổng cộng', formatNumber(a.lateAmount), formatNumber(a.charge)]);
      const fundRows = funds.slice(-1 - FUNDS.length, -1);
      FUNDS.forEach((fund, k) => {
        expect(fundRows[k]!.slice(1), `${row.code} ${fund}`).toEqual([
          formatNumber(a.byFund[fund].late),
          formatNumber(a.byFund[fund].charge),
        ]);
      });
      // The month table: each unpaid month as on the screen's month table, charge included, then the lines that
      // reconcile it to the charge of the text: on principal paid late, accrued, paid, outstanding.
      const months = tablesOf(xml).find((rows) => rows[0]![0] === 'Tháng')!;
      const screen = a.monthTable.months as {
        period: string;
        deadline: string;
        unpaid: number;
        daysLate: number;
        chargeDays: number;
        charge: number;
      }[];
      expect(months.slice(1, 1 + screen.length), row.code).toEqual(
        screen.map((m) => [
          formatPeriod(m.period),
          formatDay(m.deadline),
          formatNumber(m.unpaid),
          formatNumber(m.daysLate),
          formatNumber(m.chargeDays),
          formatNumber(m.charge),
        ]),
      );
      expect(
        months.slice(1 + screen.length).map((r) => [r[0], r.at(-1)]),
        row.code,
      ).toEqual([
        ['Tiền chậm đóng trên số tiền đã nộp muộn', formatNumber(a.monthTable.chargeOnPaidPrincipal)],
        ['Tổng cộng: tiền chậm đóng phát sinh', formatNumber(a.chargeAccrued)],
        ['Trừ: tiền chậm đóng đơn vị đã nộp', formatNumber(a.chargePaid)],
        ['Tiền chậm đóng còn phải nộp', formatNumber(a.charge)],
      ]);
      expect(months.find((r) => r[0] === 'Tổng cộng: tiền chậm đóng phát sinh')![1], row.code).toBe(
        formatNumber(a.lateAmount),
      );
    }
  });

  it('adds the sub-office rows of the breakdown up to the province and the provinces up to the country, as the summary and the trend give them', async () => {
    for (const code of PROVINCES) {
      const id = provinceIds.get(code)!;
      const headline = summary.find((o) => o.id === id)!;
      expect(headline.lateEmployers).toBeGreaterThan(0);
      const b = (await board.get(`/api/oversight/breakdown?officeId=${id}`)).json();
      expect(b.asOf).toBe(TODAY);
      for (const part of ['byOffice', 'byBand', 'byOwnership'] as const) {
        const rows = b[part] as { lateEmployers: number; lateAmount: number }[];
        expect(
          [rows.reduce((s, r) => s + r.lateEmployers, 0), rows.reduce((s, r) => s + r.lateAmount, 0)],
          `${code} ${part}`,
        ).toEqual([headline.lateEmployers, headline.lateAmount]);
      }
      if (code === 'HCM') {
        // Hồ Chí Minh manages a late employer itself: its row is one of those that add up to the province.
        expect(b.byOffice.some((o: { direct: boolean; lateAmount: number }) => o.direct && o.lateAmount > 0)).toBe(
          true,
        );
      }
      for (const band of b.byBand as { key: string; lateEmployers: number; lateAmount: number }[]) {
        const listed = (await board.get(`/api/arrears/late?officeId=${id}&band=${band.key}&pageSize=1`)).json();
        expect([listed.total, listed.totals.lateAmount], `${code} ${band.key}`).toEqual([
          band.lateEmployers,
          band.lateAmount,
        ]);
      }
      // The province's own summary: the same rows (grassroots offices and the province's own employers).
      const own = (await board.get(`/api/arrears/summary?officeId=${id}`)).json().offices as OfficeRow[];
      const byOffice = b.byOffice as { id: number; lateEmployers: number; lateAmount: number }[];
      expect(own.map((o) => [o.id, o.lateEmployers, o.lateAmount]).sort()).toEqual(
        byOffice.map((o) => [o.id, o.lateEmployers, o.lateAmount]).sort(),
      );
      expect(own.reduce((s, o) => s + o.employers, 0)).toBe(headline.employers);
      expect(own.reduce((s, o) => s + o.charge, 0)).toBe(headline.charge);
      // The late list of the province gives the same totals.
      const late = (await board.get(`/api/arrears/late?officeId=${id}&pageSize=1`)).json();
      expect([late.total, late.totals.lateAmount, late.totals.charge]).toEqual([
        headline.lateEmployers,
        headline.lateAmount,
        headline.charge,
      ]);
      const trend = (await board.get(`/api/oversight/trend?officeId=${id}&from=${TODAY}&to=${TODAY}`)).json();
      expect(trend.points.at(-1)).toMatchObject({
        asOf: TODAY,
        employers: headline.employers,
        lateEmployers: headline.lateEmployers,
        lateAmount: headline.lateAmount,
      });
    }
    // Nationally: a row per province, each the province's headline, adding up to the country.
    const national = (await board.get('/api/oversight/breakdown')).json().byOffice as {
      id: number;
      direct: boolean;
      lateEmployers: number;
      lateAmount: number;
    }[];
    // (a province with nothing late may have no row there at all)
    expect(
      national
        .filter((n) => n.lateEmployers > 0)
        .map((n) => [n.id, n.direct, n.lateEmployers, n.lateAmount])
        .sort(),
    ).toEqual(
      summary
        .filter((o) => o.lateEmployers > 0)
        .map((o) => [o.id, false, o.lateEmployers, o.lateAmount])
        .sort(),
    );
    expect(national.every((n) => n.lateEmployers > 0 || n.lateAmount === 0)).toBe(true);
    const country = (await board.get(`/api/oversight/trend?from=${TODAY}&to=${TODAY}`)).json().points.at(-1);
    expect([country.lateEmployers, country.lateAmount]).toEqual([
      summary.reduce((s, o) => s + o.lateEmployers, 0),
      summary.reduce((s, o) => s + o.lateAmount, 0),
    ]);
  });

  it("reports to the People's Committee the province's figures, its areas as the breakdown and its largest debtors as the late list", async () => {
    for (const code of PROVINCES) {
      const id = provinceIds.get(code)!;
      const headline = summary.find((o) => o.id === id)!;
      const response = await board.request('POST', '/api/oversight/people-committee-report', { provinceId: id });
      expect(response.statusCode).toBe(200);
      const xml = documentXml(response.rawPayload);
      const text = textOf(xml);
      expect(text, code).toContain(
        `Số đơn vị chậm đóng: ${formatNumber(headline.lateEmployers)} đơn vị, số tiền chậm đóng ${formatNumber(headline.lateAmount)} đồng`,
      );
      const tables = tablesOf(xml);
      const areas = tables.find((rows) => rows[0]![1] === 'Địa bàn')!.slice(1);
      expect(areas.at(-1), code).toEqual([
        '',
        'Tổng cộng',
        formatNumber(headline.employers),
        formatNumber(headline.lateEmployers),
        formatNumber(headline.lateAmount),
      ]);
      const b = (await board.get(`/api/oversight/breakdown?officeId=${id}`)).json();
      const own = (await board.get(`/api/arrears/summary?officeId=${id}`)).json().offices as OfficeRow[];
      const expected = (b.byOffice as { id: number; name: string; lateEmployers: number; lateAmount: number }[]).map(
        (o) => [
          o.name,
          formatNumber(own.find((s) => s.id === o.id)!.employers),
          formatNumber(o.lateEmployers),
          formatNumber(o.lateAmount),
        ],
      );
      expect(
        areas
          .slice(0, -1)
          .map((r) => r.slice(1))
          .sort(),
        code,
      ).toEqual(expected.sort());
      // By type of employer: the rows add up to the province, and each is the breakdown's row of that ownership.
      const sectors = tables.find((rows) => rows[0]![1] === 'Loại hình')!.slice(1);
      const unformat = (text: string) => Number(text.replace(/\./g, ''));
      expect(
        [sectors.reduce((s, r) => s + unformat(r[2]!), 0), sectors.reduce((s, r) => s + unformat(r[3]!), 0)],
        code,
      ).toEqual([headline.lateEmployers, headline.lateAmount]);
      expect(
        sectors
          .filter((r) => r[2] !== '0')
          .map((r) => `${r[2]} ${r[3]}`)
          .sort(),
        code,
      ).toEqual(
        (b.byOwnership as { lateEmployers: number; lateAmount: number }[])
          .filter((o) => o.lateEmployers > 0)
          .map((o) => `${formatNumber(o.lateEmployers)} ${formatNumber(o.lateAmount)}`)
          .sort(),
      );
      const largest = tables.find((rows) => rows[0]![1] === 'Tên đơn vị')!.slice(1);
      const top = (
        await board.get(`/api/arrears/late?officeId=${id}&pageSize=${largest.length}&sort=lateAmount&order=desc`)
      ).json().items as LateRow[];
      expect(
        largest.map((r) => [r[2], r[3], r[4]]),
        code,
      ).toEqual(top.map((r) => [r.taxCode, formatNumber(r.overdueMonths), formatNumber(r.lateAmount)]));
    }
  });

  it("counts the employers late for the rule set's inspection months alike in the inspection view, the report and the late list", async () => {
    const inspection = (await board.get(`/api/oversight/inspection?year=${TODAY.slice(0, 4)}`)).json().items as {
      province: { id: number };
      minMonths: number;
      lateThreeMonths: number;
    }[];
    for (const code of PROVINCES) {
      const id = provinceIds.get(code)!;
      const row = inspection.find((i) => i.province.id === id)!;
      const long = (await lateList(id)).filter((r) => r.overdueMonths >= row.minMonths);
      expect(row.lateThreeMonths, code).toBe(long.length);
      expect(long.length, code).toBeGreaterThan(0);
      const text = textOf(
        documentXml(
          (await board.request('POST', '/api/oversight/people-committee-report', { provinceId: id })).rawPayload,
        ),
      );
      const amount = long.reduce((s, r) => s + r.lateAmount, 0);
      expect(text, code).toContain(
        `Trong đó chậm đóng từ ${String(row.minMonths).padStart(2, '0')} tháng trở lên: ${formatNumber(long.length)} đơn vị, ${formatNumber(amount)} đồng.`,
      );
    }
  });

  it('pre-fills the campaign report of the province with the same late employers and amount, which the national board adds up', async () => {
    const created = await board.request('POST', '/api/campaigns', {
      name: 'Đợt cao điểm kiểm tra số liệu',
      legalBasis: 'Công văn số 4208/BHXH-TST ngày 13/12/2023',
      firstDay: TODAY,
      lastDay: addDays(TODAY, 7),
      baselineDate: addDays(TODAY, -1),
      targetLateRatio: 2.5,
      firstDayDeadline: { dayOffset: 1, time: '08:30' },
      dailyDeadline: { dayOffset: 0, time: '18:30' },
      provinceIds: PROVINCES.map((c) => provinceIds.get(c)!),
    });
    expect(created.statusCode).toBe(201);
    campaignId = created.json().id;
    for (const code of PROVINCES) {
      const id = provinceIds.get(code)!;
      const headline = summary.find((o) => o.id === id)!;
      const director = await login(app, `gd.${code.toLowerCase()}`, DEMO_PASSWORD);
      const report = await director.get(`/api/campaigns/${campaignId}/reports/${id}/${TODAY}`);
      expect(report.statusCode).toBe(200);
      const rows = report.json().draft.rows as { indicator: string; day: unknown }[];
      const row = (indicator: string) => rows.find((r) => r.indicator === indicator)!;
      expect(row('late_employers').day, code).toBe(headline.lateEmployers);
      expect(row('late_amount').day, code).toBe(headline.lateAmount);
      expect((row('late_ratio').day as { numerator: number }).numerator, code).toBe(headline.lateAmount);
      // Those late for the inspection months, and the list behind the late amount: the late list's employers.
      const list = await lateList(id);
      const minMonths = (await board.get(`/api/oversight/inspection?year=${TODAY.slice(0, 4)}`)).json().items[0]
        .minMonths as number;
      const long = list.filter((r) => r.overdueMonths >= minMonths);
      expect([row('late_employers_3m').day, row('late_amount_3m').day], code).toEqual([
        long.length,
        long.reduce((s, r) => s + r.lateAmount, 0),
      ]);
      const behind = (
        await director.get(`/api/campaigns/${campaignId}/reports/${id}/${TODAY}/breakdown?indicator=late_amount`)
      ).json();
      const pick = (e: { code: string; lateAmount: number; overdueMonths: number }) =>
        `${e.code} ${e.lateAmount} ${e.overdueMonths}`;
      expect(behind.employers.map(pick).sort(), code).toEqual(list.map(pick).sort());
      const submitted = await director.request('POST', `/api/campaigns/${campaignId}/reports/${id}/${TODAY}/submit`, {
        notes: { difficulties: '', proposals: '', directorNote: '' },
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
    }
    // The national board, from the reports sent: each province's figure and their sum.
    const b = (await board.get(`/api/campaigns/${campaignId}/board?day=${TODAY}`)).json();
    const headlines = PROVINCES.map((code) => summary.find((o) => o.id === provinceIds.get(code))!);
    for (const headline of headlines) {
      const p = b.provinces.find((x: { province: { id: number } }) => x.province.id === headline.id);
      expect(p.figures.rows.find((r: { indicator: string }) => r.indicator === 'late_amount').day).toBe(
        headline.lateAmount,
      );
      expect(p.lateRatio.numerator).toBe(headline.lateAmount);
    }
    const national = (indicator: string) =>
      b.national.find((r: { indicator: string }) => r.indicator === indicator).day;
    expect([national('late_employers'), national('late_amount')]).toEqual([
      headlines.reduce((s, h) => s + h.lateEmployers, 0),
      headlines.reduce((s, h) => s + h.lateAmount, 0),
    ]);
  });

  it("keeps every live figure equal after a payment is imported, while the day's close keeps the earlier one", async () => {
    const id = provinceIds.get('HNI')!;
    const before = summary.find((o) => o.id === id)!;
    const debtor = sample[0]!;
    const paid = Math.floor(debtor.lateAmount / 2);
    const officer = await login(app, 'cb.hni', DEMO_PASSWORD);
    const imported = await officer.request(
      'POST',
      '/api/imports/payments?fileName=p.csv',
      `employer,date,amount,reference\n${debtor.code},${TODAY},${paid},UNC-KIEMTRA-1\n`,
      { 'content-type': 'text/csv' },
    );
    expect(imported.statusCode, imported.body).toBe(200);

    const a = (await board.get(`/api/employers/${debtor.id}/arrears`)).json();
    expect(a.lateAmount + a.charge).toBeLessThan(debtor.lateAmount + debtor.charge);
    const listed = (await lateList(id)).find((r) => r.id === debtor.id)!;
    expect([listed.lateAmount, listed.charge, listed.chargeAccrued, listed.chargePaid]).toEqual([
      a.lateAmount,
      a.charge,
      a.chargeAccrued,
      a.chargePaid,
    ]);
    const headline = ((await board.get('/api/arrears/summary')).json().offices as OfficeRow[]).find(
      (o) => o.id === id,
    )!;
    expect(headline.lateAmount).toBe(before.lateAmount - (debtor.lateAmount - a.lateAmount));
    const xml = documentXml(
      (await board.request('POST', '/api/oversight/people-committee-report', { provinceId: id })).rawPayload,
    );
    expect(textOf(xml)).toContain(`trên địa bàn đến ngày 30/11/2026 (số liệu trực tiếp)`);
    expect(textOf(xml)).toContain(`số tiền chậm đóng ${formatNumber(headline.lateAmount)} đồng`);
    const own = (await board.get(`/api/arrears/summary?officeId=${id}`)).json().offices as OfficeRow[];
    expect(
      tablesOf(xml)
        .find((rows) => rows[0]![1] === 'Địa bàn')!
        .slice(1, -1)
        .map((r) => [r[1], r[4]])
        .sort(),
    ).toEqual(own.map((o) => [o.name, formatNumber(o.lateAmount)]).sort());
    const d = (await readC12((await board.get(`/api/employers/${debtor.id}/c12-ts?month=${MONTH}`)).rawPayload)).get(
      'D',
    )!;
    expect(d.charge[4]).toBe(a.charge);
    const director = await login(app, 'gd.hni', DEMO_PASSWORD);
    const draft = (await director.get(`/api/campaigns/${campaignId}/reports/${id}/${TODAY}`)).json().draft;
    expect(draft.rows.find((r: { indicator: string }) => r.indicator === 'late_amount').day).toBe(headline.lateAmount);
    // The day's close was taken before the payment: the dashboards, which show the close, keep its figure.
    const b = (await board.get(`/api/oversight/breakdown?officeId=${id}`)).json();
    expect(b.asOf).toBe(TODAY);
    expect((b.byOffice as { lateAmount: number }[]).reduce((s, o) => s + o.lateAmount, 0)).toBe(before.lateAmount);
    const trend = (await board.get(`/api/oversight/trend?officeId=${id}&from=${TODAY}&to=${TODAY}`)).json();
    expect(trend.points.at(-1).lateAmount).toBe(before.lateAmount);
  });
});
