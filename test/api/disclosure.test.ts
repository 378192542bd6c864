import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputePositions } from '../../src/ledger/positions.js';
import { refreshLadder } from '../../src/ledger/ladder.js';
import { backfillSnapshots } from '../../src/ledger/snapshots.js';
import { DEFAULT_DISCLOSURE } from '../../src/domain/disclosure.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

/**
 * Đức Thành owes 20.000.000 for each of 05, 06 and 07/2025 (due 31/05, 30/06 and 31/08): at 15/10/2025 it is
 * 3 months and 60.000.000 late, which meets the default list criteria (3 months, 10.000.000). Nguyễn Hoàng is one
 * month late: not listed. Sài Gòn (900 workers, nothing late, never urged) is a good payer.
 */
describe.each(DATABASE_KINDS)('public disclosure, award check and feedback on %s', (kind) => {
  let t: TestContext;
  let communicator: Agent;
  let admin: Agent;
  let listId: number;
  const anonymous = (url: string, method: 'GET' | 'POST' = 'GET', payload?: string) =>
    t.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload, headers: { 'content-type': 'text/csv' } }),
    });

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.database.handle.db
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
    await recomputePositions(t.database.handle.db, t.clock);
    await refreshLadder(t.database.handle.db, t.clock);
    communicator = await login(t.app, 'truyenthong');
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('assembles a draft from the criteria that nobody outside can see', async () => {
    const created = await communicator.request('POST', '/api/disclosure/lists', {
      kind: 'late',
      officeId: t.world.offices.vn,
    });
    expect(created.statusCode).toBe(201);
    listId = created.json().id;
    expect(created.json().entries).toBe(1);
    const entries = (await communicator.get(`/api/disclosure/lists/${listId}/entries`)).json();
    expect(entries.items).toEqual([
      {
        name: 'Công ty Cổ phần Xây dựng Đức Thành',
        taxCode: '0102345678',
        address: '',
        monthsLate: 3,
        amount: 60_000_000,
        status: 'listed',
      },
    ]);
    expect((await anonymous('/api/public/lists')).json().items).toEqual([]);
    expect((await anonymous(`/api/public/lists/${listId}`)).statusCode).toBe(404);
    expect((await anonymous(`/api/public/lists/${listId}/export`)).statusCode).toBe(404);
  });

  it('needs a second person to approve; then the list is public and searchable without diacritics', async () => {
    const self = await communicator.request('POST', `/api/disclosure/lists/${listId}/approve`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('same_person');
    expect((await admin.request('POST', `/api/disclosure/lists/${listId}/approve`)).statusCode).toBe(204);
    expect((await anonymous('/api/public/lists')).json().items.map((l: { id: number }) => l.id)).toEqual([listId]);
    const found = (await anonymous(`/api/public/lists/${listId}?q=${encodeURIComponent('duc thanh')}`)).json();
    expect(found.items.map((e: { name: string }) => e.name)).toEqual(['Công ty Cổ phần Xây dựng Đức Thành']);
    expect((await anonymous(`/api/public/lists/${listId}?q=XAY%20DUNG`)).json().total).toBe(1);
    expect((await anonymous(`/api/public/lists/${listId}?q=nguyen`)).json().total).toBe(0);
  });

  it('exports the public list as .xlsx', async () => {
    const response = await anonymous(`/api/public/lists/${listId}/export`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toBe(
      'DANH SÁCH ĐƠN VỊ CHẬM ĐÓNG BHXH, BHYT, BHTN — BẢO HIỂM XÃ HỘI VIỆT NAM',
    );
    expect(sheet.getCell('A2').value).toBe('Số liệu đến ngày 15/10/2025');
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      1,
      'Công ty Cổ phần Xây dựng Đức Thành',
      '0102345678',
      '',
      3,
      60_000_000,
      '',
    ]);
    expect(sheet.getRow(5).getCell(6).numFmt).toBe('#,##0');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.getRow(4).getCell(2).font?.bold).toBe(true);
  });

  it('builds the public .xlsx of a list once and serves it from the cache until the list changes', async () => {
    const first = await anonymous(`/api/public/lists/${listId}/export`);
    // An approved list never changes; rewriting an entry behind the server's back shows the second download is the
    // workbook built before, not a new one.
    const db = t.database.handle.db;
    await db
      .updateTable('disclosure_entry')
      .set({ name: 'Đổi tên ngoài hệ thống' })
      .where('list_id', '=', listId)
      .execute();
    try {
      const again = await anonymous(`/api/public/lists/${listId}/export`);
      expect(again.statusCode).toBe(200);
      expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    } finally {
      await db
        .updateTable('disclosure_entry')
        .set({ name: 'Công ty Cổ phần Xây dựng Đức Thành' })
        .where('list_id', '=', listId)
        .execute();
    }
  });

  it('lets the inspection department publish its plan of surprise inspections, and only that', async () => {
    const inspector = await login(t.app, 'thanhtra');
    expect(
      (await inspector.request('POST', '/api/disclosure/lists', { kind: 'late', officeId: t.world.offices.vn }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await communicator.request('POST', '/api/disclosure/lists', {
          kind: 'inspection_plan',
          officeId: t.world.offices.vn,
        })
      ).statusCode,
    ).toBe(403);
    const plan = await inspector.request('POST', '/api/disclosure/lists', {
      kind: 'inspection_plan',
      officeId: t.world.offices.vn,
    });
    expect(plan.statusCode).toBe(201);
    // Đức Thành: 3 months late, never inspected. Nguyễn Hoàng: one month, not yet a candidate.
    const entries = (await inspector.get(`/api/disclosure/lists/${plan.json().id}/entries`)).json().items;
    expect(entries.map((e: { name: string }) => e.name)).toEqual(['Công ty Cổ phần Xây dựng Đức Thành']);
    expect((await admin.request('POST', `/api/disclosure/lists/${plan.json().id}/approve`)).statusCode).toBe(204);
    const lists = (await anonymous('/api/public/lists')).json().items;
    expect(lists.map((l: { kind: string }) => l.kind).sort()).toEqual(['inspection_plan', 'late']);
    expect(
      (await admin.request('POST', `/api/disclosure/lists/${plan.json().id}/withdraw`, { reason: 'Đã thanh tra xong' }))
        .statusCode,
    ).toBe(204);
  });

  it('marks an employer that paid at the next update, and the update replaces the list only once approved', async () => {
    const director = await login(t.app, 'gd.hni');
    await director.request(
      'POST',
      '/api/imports/payments?fileName=p.csv',
      'employer,date,amount,reference\nHN0000002,2025-10-15,60000000,UNC-251015-9\n',
      { 'content-type': 'text/csv' },
    );
    const update = await communicator.request('POST', '/api/disclosure/lists', {
      kind: 'late',
      officeId: t.world.offices.vn,
    });
    const updateId = update.json().id;
    expect((await communicator.get(`/api/disclosure/lists/${updateId}/entries`)).json().items).toEqual([
      expect.objectContaining({ name: 'Công ty Cổ phần Xây dựng Đức Thành', status: 'paid', amount: 0 }),
    ]);
    // Until approved, the public still sees the approved list.
    expect((await anonymous('/api/public/lists')).json().items.map((l: { id: number }) => l.id)).toEqual([listId]);
    expect((await admin.request('POST', `/api/disclosure/lists/${updateId}/approve`)).statusCode).toBe(204);
    expect((await anonymous('/api/public/lists')).json().items.map((l: { id: number }) => l.id)).toEqual([updateId]);
    expect((await anonymous(`/api/public/lists/${listId}`)).statusCode).toBe(404);
    expect((await anonymous(`/api/public/lists/${updateId}`)).json().items[0].status).toBe('paid');
    expect(
      (await admin.request('POST', `/api/disclosure/lists/${updateId}/withdraw`, { reason: 'Rà soát lại số liệu' }))
        .statusCode,
    ).toBe(204);
    expect((await anonymous('/api/public/lists')).json().items).toEqual([]);
  });

  it('lets a role approve or withdraw only the kinds of list it manages', async () => {
    const inspector = await login(t.app, 'thanhtra');
    const late = (
      await communicator.request('POST', '/api/disclosure/lists', { kind: 'late', officeId: t.world.offices.vn })
    ).json().id;
    const approveLate = await inspector.request('POST', `/api/disclosure/lists/${late}/approve`);
    expect(approveLate.statusCode).toBe(403);
    expect(
      (await inspector.request('POST', `/api/disclosure/lists/${late}/withdraw`, { reason: 'Không thuộc thẩm quyền' }))
        .statusCode,
    ).toBe(403);
    const commendation = (
      await communicator.request('POST', '/api/disclosure/lists', {
        kind: 'commendation',
        officeId: t.world.offices.vn,
      })
    ).json().id;
    expect((await admin.request('POST', `/api/disclosure/lists/${commendation}/approve`)).statusCode).toBe(204);
    expect(
      (
        await inspector.request('POST', `/api/disclosure/lists/${commendation}/withdraw`, {
          reason: 'Không thuộc thẩm quyền',
        })
      ).statusCode,
    ).toBe(403);
    const plan = (
      await inspector.request('POST', '/api/disclosure/lists', {
        kind: 'inspection_plan',
        officeId: t.world.offices.vn,
      })
    ).json().id;
    expect((await communicator.request('POST', `/api/disclosure/lists/${plan}/approve`)).statusCode).toBe(403);
    const statuses = (await admin.get('/api/disclosure/lists'))
      .json()
      .items.filter((l: { id: number }) => [late, commendation, plan].includes(l.id))
      .map((l: { id: number; status: string }) => [l.id, l.status]);
    expect(statuses.sort()).toEqual(
      [
        [late, 'draft'],
        [commendation, 'approved'],
        [plan, 'draft'],
      ].sort(),
    );
    // The tests that follow start again from no current list; the director manages every kind.
    for (const id of [late, commendation, plan]) {
      expect(
        (await admin.request('POST', `/api/disclosure/lists/${id}/withdraw`, { reason: 'Dọn dữ liệu thử' })).statusCode,
      ).toBe(204);
    }
  });

  it('lists good payers for commendation', async () => {
    const created = await communicator.request('POST', '/api/disclosure/lists', {
      kind: 'commendation',
      officeId: t.world.offices.vn,
    });
    const entries = (await communicator.get(`/api/disclosure/lists/${created.json().id}/entries`)).json().items;
    expect(entries.map((e: { name: string }) => e.name)).toEqual(['Công ty TNHH Điện tử Sài Gòn']);
  });

  it('keeps provinces to their own lists', async () => {
    const hcm = await login(t.app, 'gd.hcm');
    expect(
      (await hcm.request('POST', '/api/disclosure/lists', { kind: 'late', officeId: t.world.offices.hni })).statusCode,
    ).toBe(404);
    expect((await hcm.get(`/api/disclosure/lists/${listId}/entries`)).statusCode).toBe(404);
    expect((await hcm.get('/api/disclosure/lists')).json().items).toEqual([]);
    const grassroots = await hcm.request('POST', '/api/disclosure/lists', {
      kind: 'late',
      officeId: t.world.offices.hcm01,
    });
    expect(grassroots.statusCode).toBe(400);
  });

  it('answers whether an employer may be honoured, alone or for an uploaded list, with reasons and no amounts', async () => {
    // Nguyễn Hoàng owes principal of 07/2025 and the charges on it.
    expect((await anonymous('/api/public/award-check?taxCode=0101234567')).json()).toEqual({
      taxCode: '0101234567',
      found: true,
      eligible: false,
      reasons: ['principal_outstanding', 'charge_outstanding'],
      employers: [
        {
          name: 'Công ty TNHH Nguyễn Hoàng',
          eligible: false,
          reasons: ['principal_outstanding', 'charge_outstanding'],
          asOf: '2025-10-15',
          basis: { kind: 'live', asOf: '2025-10-15', label: 'số liệu trực tiếp' },
        },
      ],
    });
    expect((await anonymous('/api/public/award-check?taxCode=0301234567')).json()).toMatchObject({
      eligible: true,
      reasons: [],
    });
    expect((await anonymous('/api/public/award-check?taxCode=0109999999')).json()).toEqual({
      taxCode: '0109999999',
      found: false,
      eligible: false,
      reasons: [],
      employers: [],
    });
    const bulk = await anonymous('/api/public/award-check', 'POST', 'mst\n0101234567\r\n"0301234567",Sài Gòn\n\n');
    expect(bulk.json().items.map((r: { taxCode: string; eligible: boolean }) => [r.taxCode, r.eligible])).toEqual([
      ['0101234567', false],
      ['0301234567', true],
    ]);
    expect(bulk.body).not.toMatch(/13280000|amount|late_amount/i);
    const bad = await anonymous('/api/public/award-check', 'POST', 'mst\n0101234567\n12345\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_tax_code', line: 3, column: 1 });
  });

  it('carries feedback from a province to the national departments, visible only within scope', async () => {
    const officer = await login(t.app, 'cb.hni');
    const created = await officer.request('POST', '/api/feedback', {
      category: 'difficulty',
      title: 'Đơn vị giải thể chưa được chốt sổ',
      body: 'Đề nghị hướng dẫn xử lý nợ của đơn vị đã giải thể.',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const hcm = await login(t.app, 'gd.hcm');
    expect((await hcm.get(`/api/feedback/${id}`)).statusCode).toBe(404);
    expect((await hcm.get('/api/feedback')).json().items).toEqual([]);
    expect((await hcm.request('POST', `/api/feedback/${id}/messages`, { body: 'không thuộc tỉnh' })).statusCode).toBe(
      404,
    );
    const board = await login(t.app, 'banthu');
    expect(
      (await board.request('POST', '/api/feedback', { category: 'proposal', title: 'Từ trung ương', body: 'x' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await board.request('POST', `/api/feedback/${id}/messages`, { body: 'Thực hiện theo Công văn hướng dẫn số …' }))
        .statusCode,
    ).toBe(201);
    const thread = (await officer.get(`/api/feedback/${id}`)).json();
    expect(thread.status).toBe('answered');
    expect(thread.messages.map((m: { author: string }) => m.author)).toEqual(['Hoàng Thị Cán', 'Trần Thị Thu']);
    expect((await officer.request('POST', `/api/feedback/${id}/close`)).statusCode).toBe(204);
    expect((await officer.request('POST', `/api/feedback/${id}/messages`, { body: 'thêm' })).statusCode).toBe(409);
  });

  it('refuses an employer late at a close within the look-back, though it owes nothing now, and leaves it off the good payers', async () => {
    const db = t.database.handle.db;
    // Sài Gòn's BHYT of 05/2025 (due 31/05) paid on 10/06: late at the close of 05/06/2025, four months before today,
    // and no charge (no old-regime BHYT rate for 2025, and paid before a full month overdue).
    await db
      .insertInto('obligation')
      .values({ employer_id: t.world.employers.saigon, period: '2025-05', fund: 'BHYT', amount: 40_000_000 })
      .execute();
    await db
      .insertInto('payment')
      .values({
        employer_id: t.world.employers.saigon,
        paid_on: '2025-06-10',
        amount: 40_000_000,
        reference: 'UNC-250610-9',
      })
      .execute();
    await backfillSnapshots(db, ['2025-06-05']);
    await recomputePositions(db, t.clock);
    expect((await anonymous('/api/public/award-check?taxCode=0301234567')).json()).toMatchObject({
      eligible: false,
      reasons: ['late_within_lookback'],
      employers: [{ eligible: false, reasons: ['late_within_lookback'] }],
    });
    const created = await communicator.request('POST', '/api/disclosure/lists', {
      kind: 'commendation',
      officeId: t.world.offices.vn,
    });
    expect((await communicator.get(`/api/disclosure/lists/${created.json().id}/entries`)).json().items).toEqual([]);
    // With a look-back of 3 months (a rule-set option) the close of 05/06 is too old to count.
    const rules = {
      ...DEFAULT_RULES,
      id: 'tra-cuu-3-thang',
      effectiveFrom: '2025-10-01',
      disclosure: { ...DEFAULT_DISCLOSURE, award: { lookbackMonths: 3 } },
    };
    await db
      .insertInto('rule_set')
      .values({ id: rules.id, name: rules.name, effective_from: rules.effectiveFrom, body: JSON.stringify(rules) })
      .execute();
    expect((await anonymous('/api/public/award-check?taxCode=0301234567')).json()).toMatchObject({
      eligible: true,
      reasons: [],
    });
  });
});
