import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputePositions } from '../../src/ledger/positions.js';
import { CampaignService } from '../../src/features/campaigns/service.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

/**
 * A week-long drive over Hà Nội and Hồ Chí Minh, 13–20/10/2025, baseline 12/10: the first day's figures are due at
 * 08:30 on 14/10, every later day's at 18:30 the same day (Vietnam time, UTC+7).
 *
 * Hand-computed figures for Hà Nội: Nguyễn Hoàng is the one late employer, 13.280.000 of 07/2025 (due 31/08) at the
 * baseline; it pays 5.000.000 on 14/10, so 8.280.000 is late at the end of 14/10 and 5.000.000 is recovered. Urged:
 * Nguyễn Hoàng on 13/10 and 14/10 and Đức Thành on 14/10; Đông Anh's C12 notice on 14/10 does not count. The receivable
 * of 2025 is 65.280.000 (06 and 07/2025), so the late ratio is 20,34% at the baseline and 12,68% on 14/10.
 */
describe.each(DATABASE_KINDS)('campaign reporting on %s', (kind) => {
  let t: TestContext;
  let board: Agent;
  let hni: Agent;
  let hcm: Agent;
  let officer: Agent;
  let campaignId: number;
  const setClock = async (iso: string) => {
    t.clock.advance(new Date(iso).getTime() - t.clock.now().getTime());
    [board, hni, hcm, officer] = await Promise.all([
      login(t.app, 'banthu'),
      login(t.app, 'gd.hni'),
      login(t.app, 'gd.hcm'),
      login(t.app, 'cb.hni01'),
    ]);
  };
  const report = (agent: Agent, office: number, day: string) =>
    agent.get(`/api/campaigns/${campaignId}/reports/${office}/${day}`);
  const submit = (agent: Agent, office: number, day: string, notes = {}) =>
    agent.request('POST', `/api/campaigns/${campaignId}/reports/${office}/${day}/submit`, {
      notes: { difficulties: '', proposals: '', directorNote: '', ...notes },
    });
  type Row = { indicator: string; baseline: number | null; day: number | null; cumulative: number | null };
  const row = (figures: { rows: Row[] }, indicator: string) => figures.rows.find((r) => r.indicator === indicator);
  /** A sheet's rows as 'a|b|c' text; the covered cells of a merge read as empty, trailing empties dropped. */
  const sheetLines = async (payload: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(payload as unknown as ArrayBuffer);
    const lines: string[] = [];
    book.worksheets[0]!.eachRow((r) => {
      const cells: string[] = [];
      for (let c = 1; c <= r.cellCount; c++) {
        const cell = r.getCell(c);
        const covered = cell.isMerged && cell.master.address !== cell.address;
        cells.push(covered || cell.value === null || cell.value === undefined ? '' : String(cell.value));
      }
      lines.push(cells.join('|').replace(/\|+$/, ''));
    });
    return lines;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    await setClock('2025-10-13T02:00:00Z');
    await recomputePositions(t.database.handle.db, t.clock);
  });
  afterAll(() => t.close());

  it('lets the collection board create a campaign, and no province', async () => {
    const body = {
      name: 'Đợt cao điểm đôn đốc thu tháng 10/2025',
      legalBasis: 'Công văn số 4208/BHXH-TST ngày 13/12/2023',
      firstDay: '2025-10-13',
      lastDay: '2025-10-20',
      baselineDate: '2025-10-12',
      targetLateRatio: 2.5,
      firstDayDeadline: { dayOffset: 1, time: '08:30' },
      dailyDeadline: { dayOffset: 0, time: '18:30' },
    };
    expect((await hni.request('POST', '/api/campaigns', body)).statusCode).toBe(403);
    expect(
      (await board.request('POST', '/api/campaigns', { ...body, dailyDeadline: { dayOffset: 0, time: '18h30' } }))
        .statusCode,
    ).toBe(400);
    const created = await board.request('POST', '/api/campaigns', body);
    expect(created.statusCode).toBe(201);
    campaignId = created.json().id;
    const campaign = (await hni.get(`/api/campaigns/${campaignId}`)).json();
    expect(campaign.provinces.map((p: { code: string }) => p.code)).toEqual(['HNI']);
    expect(campaign.days[0]).toEqual({ day: '2025-10-13', deadline: '2025-10-14T01:30:00.000Z' });
    expect(campaign.days[1]).toEqual({ day: '2025-10-14', deadline: '2025-10-14T11:30:00.000Z' });
  });

  it('pre-fills the report from the ledger, the engine and the action log, C12 notices excluded', async () => {
    await officer.request('POST', '/api/actions', {
      employerIds: [t.world.employers.nguyenHoang],
      kind: 'urging_letter',
      date: '2025-10-13',
    });
    await setClock('2025-10-14T03:00:00Z');
    await officer.request('POST', '/api/actions', {
      employerIds: [t.world.employers.nguyenHoang, t.world.employers.ducThanh],
      kind: 'urging_letter',
      date: '2025-10-14',
    });
    const admin = await login(t.app, 'admin');
    await admin.request('POST', '/api/actions', {
      employerIds: [t.world.employers.dongAnh],
      kind: 'c12_notice',
      date: '2025-10-14',
    });
    const paid = await hni.request(
      'POST',
      '/api/imports/payments?fileName=p.csv',
      'employer,date,amount,reference\nHN0000001,2025-10-14,5000000,UNC-251014-1\n',
      { 'content-type': 'text/csv' },
    );
    expect(paid.statusCode).toBe(200);

    const drafted = (await report(hni, t.world.offices.hni, '2025-10-14')).json();
    // Computed now from the ledger: live figures, not a close, whatever the day of the report.
    expect(drafted.draftBasis).toEqual({ kind: 'live', asOf: '2025-10-14', label: 'số liệu trực tiếp' });
    const draft = drafted.draft;
    expect(row(draft, 'late_employers')).toMatchObject({ baseline: 1, day: 1 });
    expect(row(draft, 'late_amount')).toMatchObject({ baseline: 13_280_000, day: 8_280_000 });
    expect(row(draft, 'late_employers_3m')).toMatchObject({ baseline: 0, day: 0 });
    expect(row(draft, 'urged_employers')).toMatchObject({ day: 2, cumulative: 2 });
    expect(row(draft, 'recovered_amount')).toMatchObject({ day: 5_000_000, cumulative: 5_000_000 });
    // Carried exactly: 13.280.000 / 65.280.000 and 8.280.000 / 65.280.000, shown as 20,34% and 12,68%.
    expect(row(draft, 'late_ratio')).toMatchObject({
      baseline: { numerator: 13_280_000, denominator: 65_280_000 },
      day: { numerator: 8_280_000, denominator: 65_280_000 },
    });
    expect(draft.denominators).toEqual({ baseline: 65_280_000, day: 65_280_000 });

    // The same counts straight from the raw rows.
    const raw = await sql<{ urged: number; urged_today: number }>`
      SELECT count(DISTINCT a.employer_id)::int AS urged,
             count(DISTINCT a.employer_id) FILTER (WHERE a.action_date = '2025-10-14')::int AS urged_today
      FROM enforcement_action a JOIN employer e ON e.id = a.employer_id
      WHERE e.province_id = ${t.world.offices.hni} AND a.kind IN ('urging_letter', 'invitation') AND a.cancelled_at IS NULL
        AND a.action_date BETWEEN '2025-10-13' AND '2025-10-14'`.execute(t.database.handle.db);
    expect(raw.rows[0]).toEqual({
      urged: row(draft, 'urged_employers')!.cumulative,
      urged_today: row(draft, 'urged_employers')!.day,
    });

    const behind = (
      await hni.get(
        `/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-14/breakdown?indicator=urged_employers`,
      )
    ).json();
    // Each with the employer's band and step now, which the list filters by.
    type Behind = { code: string; kind: string; band: string; step: string };
    expect(behind.actions.map((a: Behind) => `${a.code} ${a.kind} ${a.band} ${a.step}`).sort()).toEqual([
      'HN0000001 urging_letter 1-2 urged',
      'HN0000001 urging_letter 1-2 urged',
      'HN0000002 urging_letter none current',
    ]);
    const late = (
      await hni.get(
        `/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-14/breakdown?indicator=late_amount`,
      )
    ).json();
    expect(late.employers).toEqual([
      {
        employerId: t.world.employers.nguyenHoang,
        code: 'HN0000001',
        name: 'Công ty TNHH Nguyễn Hoàng',
        lateAmount: 8_280_000,
        overdueMonths: 1,
        // The band of the months at the day; the step, now.
        band: '1-2',
        step: 'urged',
      },
    ]);
  });

  it('counts the first day on time until 08:30 the next morning and every other day until 18:30:00', async () => {
    await setClock('2025-10-14T01:29:00Z'); // 08:29 on 14/10
    const first = await submit(hni, t.world.offices.hni, '2025-10-13');
    expect(first.json()).toEqual({ version: 1, status: 'on_time' });
    await setClock('2025-10-14T11:29:59Z'); // 18:29:59
    expect(
      (await submit(hni, t.world.offices.hni, '2025-10-14', { difficulties: 'Đơn vị khó khăn về tài chính' })).json(),
    ).toEqual({ version: 1, status: 'on_time' });
    await setClock('2025-10-14T11:30:01Z'); // 18:30:01
    expect((await submit(hcm, t.world.offices.hcm, '2025-10-14')).json()).toEqual({ version: 1, status: 'late' });
    expect((await submit(hni, t.world.offices.hni, '2025-10-14')).statusCode).toBe(409);
    // A day that has not come cannot be reported.
    expect((await submit(hni, t.world.offices.hni, '2025-10-15')).statusCode).toBe(400);
  });

  it('keeps a frozen report as it was when the data changes, and the data version it came from', async () => {
    await setClock('2025-10-15T02:00:00Z');
    await hni.request(
      'POST',
      '/api/imports/payments?fileName=late.csv',
      'employer,date,amount,reference\nHN0000001,2025-10-14,1000000,UNC-251014-2\n',
      { 'content-type': 'text/csv' },
    );
    const r = (await report(hni, t.world.offices.hni, '2025-10-14')).json();
    expect(row(r.versions[0].figures, 'late_amount')).toMatchObject({ day: 8_280_000 });
    expect(row(r.draft, 'late_amount')).toMatchObject({ day: 7_280_000 });
    expect(r.versions[0].figures.dataVersion.payment).toBeLessThan(r.draft.dataVersion.payment);
    expect(r.versions[0].notes.difficulties).toBe('Đơn vị khó khăn về tài chính');
    await expect(sql`UPDATE campaign_report SET report_day = report_day`.execute(t.database.handle.db)).rejects.toThrow(
      /frozen/,
    );
  });

  it('amends after the deadline with a reason, keeping every version and the on-time submission', async () => {
    const path = `/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-14/amend`;
    const notes = { difficulties: 'Bổ sung khoản nộp ngày 14/10', proposals: '', directorNote: '' };
    expect((await hni.request('POST', path, { notes })).statusCode).toBe(400);
    const amended = await hni.request('POST', path, { notes, reason: 'Ngân hàng báo có muộn khoản nộp ngày 14/10' });
    expect(amended.json()).toEqual({ version: 2, status: 'on_time' });
    const r = (await report(hni, t.world.offices.hni, '2025-10-14')).json();
    expect(r.status).toBe('on_time');
    expect(
      r.versions.map((v: { version: number; amendmentReason: string | null }) => [v.version, v.amendmentReason]),
    ).toEqual([
      [1, null],
      [2, 'Ngân hàng báo có muộn khoản nộp ngày 14/10'],
    ]);
    expect(row(r.versions[1].figures, 'late_amount')).toMatchObject({ day: 7_280_000 });
  });

  it('shows the national board: status per province, the consolidated table, rankings and timeliness', async () => {
    const b = (await board.get(`/api/campaigns/${campaignId}/board?day=2025-10-14`)).json();
    const status = Object.fromEntries(
      b.provinces.map((p: { province: { code: string }; status: string }) => [p.province.code, p.status]),
    );
    expect(status).toEqual({ HNI: 'on_time', HCM: 'late' });
    // Hà Nội's amended figures plus Hồ Chí Minh's: Sài Gòn paid its 900.000.000 of 07/2025 on time, so nothing is late.
    expect(row({ rows: b.national }, 'late_amount')).toMatchObject({ baseline: 13_280_000, day: 7_280_000 });
    expect(row({ rows: b.national }, 'urged_employers')).toMatchObject({ day: 2, cumulative: 2 });
    expect(b.rankings.byLateRatio.map((r: { province: { code: string } }) => r.province.code)).toEqual(['HCM', 'HNI']);
    expect(b.provinces.find((p: { province: { code: string } }) => p.province.code === 'HCM').timeliness).toEqual({
      onTime: 0,
      late: 1,
      missing: 1,
      rate: { numerator: 0, denominator: 2 },
    });
    expect(b.provinces.find((p: { province: { code: string } }) => p.province.code === 'HNI').timeliness).toEqual({
      onTime: 2,
      late: 0,
      missing: 0,
      rate: { numerator: 2, denominator: 2 },
    });
    // The change of the late amount from the baseline, signed: Hà Nội went from 13.280.000 to 7.280.000, a decrease;
    // Hồ Chí Minh had nothing late at the baseline, so no change to rank.
    const hniRow = b.provinces.find((p: { province: { code: string } }) => p.province.code === 'HNI');
    expect(hniRow.change).toEqual({ numerator: -6_000_000, denominator: 13_280_000 });
    expect(b.rankings.byChange).toEqual([
      { rank: 1, province: hniRow.province, value: { numerator: -6_000_000, denominator: 13_280_000 } },
    ]);
    expect(b.rankings).not.toHaveProperty('byReduction');
    // Recovered per day, from each day's latest reports: Hà Nội's amended 14/10 counts the 5.000.000 and the
    // 1.000.000 booked late; its 13/10 report had none.
    expect(b.recoveryByDay).toEqual([
      { day: '2025-10-13', amount: 0, reports: 1 },
      { day: '2025-10-14', amount: 6_000_000, reports: 2 },
    ]);
    const firstDay = (await board.get(`/api/campaigns/${campaignId}/board?day=2025-10-13`)).json();
    expect(firstDay.provinces.map((p: { status: string }) => p.status)).toEqual(['on_time', 'missing']);
  });

  it('shows a province only itself', async () => {
    const b = (await hcm.get(`/api/campaigns/${campaignId}/board?day=2025-10-14`)).json();
    expect(b.provinces.map((p: { province: { code: string } }) => p.province.code)).toEqual(['HCM']);
    expect((await report(hcm, t.world.offices.hni, '2025-10-14')).statusCode).toBe(404);
    expect((await submit(hcm, t.world.offices.hni, '2025-10-15')).statusCode).toBe(404);
    expect(
      (await hcm.get(`/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-14/export`)).statusCode,
    ).toBe(404);
  });

  it('exports the national table and a province report as .xlsx in the template layout', async () => {
    const national = await board.get(`/api/campaigns/${campaignId}/board/export?day=2025-10-14`);
    expect(national.headers['content-type']).toContain('spreadsheetml');
    const texts = await sheetLines(national.rawPayload);
    const hniRow = texts.find((x) => x.includes('thành phố Hà Nội'))!;
    expect(hniRow.split('|')[2]).toBe('Đúng hạn');
    // The time sent is a date cell showing Việt Nam's clock, the figures numbers with their format, the heads frozen.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(national.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    let hniLine = 0;
    sheet.eachRow((r, n) => {
      if (String(r.getCell(2).value).includes('thành phố Hà Nội')) hniLine = n;
    });
    const sent = sheet.getRow(hniLine).getCell(4);
    expect(sent.value).toBeInstanceOf(Date);
    expect((sent.value as Date).toISOString()).toBe('2025-10-14T18:29:59.000Z');
    expect(sent.numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    expect(sheet.getRow(hniLine).getCell(5).numFmt).toBe('#,##0');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: hniLine - 1 });
    expect(sheet.getRow(hniLine - 1).getCell(1).font?.bold).toBe(true);
    const total = texts.find((x) => x.startsWith('|Toàn quốc'))!.split('|');
    expect(total[5]).toBe('7280000');
    expect(texts.some((x) => x.includes('C12-TS'))).toBe(true);

    const province = await hni.get(`/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-14/export`);
    const lines = await sheetLines(province.rawPayload);
    expect(lines).toContain('STT|Chỉ tiêu|Thời điểm mốc|Trong ngày|Lũy kế từ đầu đợt');
    expect(lines).toContain('2|Số tiền chậm đóng|13280000|7280000');
    expect(lines).toContain('5|Số đơn vị được gửi công văn đôn đốc, thư mời làm việc (*)||2|2');
    expect(lines).toContain('15|Khó khăn, vướng mắc|Bổ sung khoản nộp ngày 14/10');
  });

  it('reminds the directors an hour before a deadline, once, when nothing is submitted', async () => {
    const service = new CampaignService(t.database.handle.db, t.clock);
    await setClock('2025-10-16T10:29:00Z'); // 17:29: more than an hour before 18:30
    expect(await service.sendReminders()).toBe(0);
    await setClock('2025-10-16T10:31:00Z'); // 17:31
    expect(await service.sendReminders()).toBe(2);
    expect(await service.sendReminders()).toBe(0);
    const notices = (await hni.get('/api/notices')).json();
    expect(notices.unread).toBe(1);
    expect(notices.items[0]).toMatchObject({
      title: 'Sắp hết hạn báo cáo ngày 16/10/2025',
      link: `/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-16`,
    });
    expect((await hcm.request('POST', `/api/notices/${notices.items[0].id}/read`)).statusCode).toBe(404);
    expect((await hni.request('POST', `/api/notices/${notices.items[0].id}/read`)).statusCode).toBe(204);
    expect((await hni.get('/api/notices')).json().unread).toBe(0);
  });

  it("sums the province's receivable again once its obligations change, not before", async () => {
    const denominators = async () => (await report(hni, t.world.offices.hni, '2025-10-14')).json().draft.denominators;
    const before = await denominators();
    expect(await denominators()).toEqual(before);
    // A month not yet due: the late figures stay, the year's receivable grows.
    const imported = await hni.request(
      'POST',
      '/api/imports/obligations?fileName=o.csv',
      'employer,period,fund,amount\nHN0000001,2025-12,BHXH,1000000\n',
      { 'content-type': 'text/csv' },
    );
    expect(imported.statusCode).toBe(200);
    expect(await denominators()).toEqual({ baseline: before.baseline + 1_000_000, day: before.day + 1_000_000 });
  });
});
