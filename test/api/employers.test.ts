import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestContext, type TestRoute } from '../support/app.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { DATABASE_KINDS } from '../support/databases.js';

describe.each(DATABASE_KINDS)('employers API on %s', (kind) => {
  let t: TestContext;
  let board: Agent;
  let hni: Agent;
  const routes: TestRoute[] = [];
  beforeAll(async () => {
    t = await startTestApp(kind, { routes });
    board = await login(t.app, 'banthu');
    hni = await login(t.app, 'gd.hni');
  });
  afterAll(() => t.close());

  const codes = async (agent: Agent, query: string) =>
    (await agent.get(`/api/employers?${query}`)).json().items.map((e: { code: string }) => e.code);

  it('finds an employer by a name typed without diacritics', async () => {
    expect(await codes(board, 'q=nguyen hoang')).toEqual(['HN0000001']);
    expect(await codes(board, 'q=DUC THANH')).toEqual(['HN0000002']);
    expect(await codes(board, `q=${encodeURIComponent('Nguyễn')}&sort=code`)).toEqual(['HC0000002', 'HN0000001']);
  });

  it('finds an employer by code or tax code', async () => {
    expect(await codes(board, 'q=hc0000001')).toEqual(['HC0000001']);
    expect(await codes(board, 'q=0103456789')).toEqual(['HN0000003']);
  });

  it('treats LIKE wildcards in the search as plain characters', async () => {
    expect(await codes(board, 'q=%25')).toEqual([]);
    expect(await codes(board, 'q=_')).toEqual([]);
  });

  it('pages and sorts on the server', async () => {
    const first = (await board.get('/api/employers?pageSize=2&page=1&sort=headcount&order=desc')).json();
    expect(first.total).toBe(5);
    expect(first.items.map((e: { code: string }) => e.code)[0]).toBe('HC0000001');
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(...(await codes(board, `pageSize=2&page=${page}&sort=name`)));
    expect(pages).toHaveLength(5);
    expect(new Set(pages).size).toBe(5);
    // Past the last page: no rows, and still the count of all.
    expect((await board.get('/api/employers?pageSize=2&page=4')).json()).toMatchObject({ items: [], total: 5 });
  });

  it('filters by office subtree, status and ownership', async () => {
    expect(await codes(board, `officeId=${t.world.offices.hni}&sort=code`)).toEqual([
      'HN0000001',
      'HN0000002',
      'HN0000003',
    ]);
    expect(await codes(board, `officeId=${t.world.offices.hni02}`)).toEqual(['HN0000003']);
    expect(await codes(board, 'status=suspended')).toEqual(['HC0000002']);
    expect(await codes(board, 'ownership=cooperative')).toEqual(['HN0000003']);
  });

  it('rejects an unknown sort or status with a clear 400', async () => {
    const response = await board.get('/api/employers?sort=password');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_request');
    expect((await board.get('/api/employers?status=late')).statusCode).toBe(400);
  });

  it('shows the amounts due by month and fund and every payment', async () => {
    const ledger = (await hni.get(`/api/employers/${t.world.employers.nguyenHoang}/ledger`)).json();
    expect(ledger.months).toEqual([
      {
        period: '2025-07',
        due: { BHXH: 26_000_000, BHTNLD: 520_000, BHTN: 2_080_000, BHYT: 4_680_000, total: 33_280_000 },
      },
      {
        period: '2025-06',
        due: { BHXH: 25_000_000, BHTNLD: 500_000, BHTN: 2_000_000, BHYT: 4_500_000, total: 32_000_000 },
      },
    ]);
    expect(ledger.payments.map((p: { date: string; amount: number }) => [p.date, p.amount])).toEqual([
      ['2025-08-20', 20_000_000],
      ['2025-06-25', 32_000_000],
    ]);
    expect(ledger.totals).toEqual({ due: 65_280_000, paid: 52_000_000 });
  });

  it('registers an employer in a grassroots office and files it under that province', async () => {
    const created = await hni.request('POST', '/api/employers', {
      code: 'HN0000010',
      taxCode: '0104567890-001',
      name: 'Chi nhánh Công ty TNHH Phú Cường',
      address: 'Đông Anh',
      officeId: t.world.offices.hni02,
      ownership: 'private',
      headcount: 12,
      status: 'active',
      paymentCycle: 1,
    });
    expect(created.statusCode).toBe(201);
    const detail = (await hni.get(`/api/employers/${created.json().id}`)).json();
    expect(detail).toMatchObject({ code: 'HN0000010', province: { code: 'HNI' }, office: { code: 'HNI-02' } });
    expect(await codes(hni, 'q=phu cuong')).toEqual(['HN0000010']);
  });

  it('refuses a duplicate code with 409 and a malformed tax code with 400', async () => {
    const body = {
      code: 'HN0000001',
      taxCode: '0101234567',
      name: 'Trùng mã',
      address: '',
      officeId: t.world.offices.hni01,
      ownership: 'private',
      headcount: 1,
      status: 'active',
      paymentCycle: 1,
    };
    expect((await hni.request('POST', '/api/employers', body)).statusCode).toBe(409);
    const bad = await hni.request('POST', '/api/employers', { ...body, code: 'HN0000011', taxCode: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/taxCode/);
  });

  it('updates an employer, keeps the search text in step, and stamps updatedAt', async () => {
    const id = t.world.employers.ducThanh;
    const response = await hni.request('PATCH', `/api/employers/${id}`, { name: 'Công ty Cổ phần Xây dựng Đức Tín' });
    expect(response.statusCode).toBe(204);
    expect(await codes(hni, 'q=duc tin')).toEqual(['HN0000002']);
    expect(await codes(hni, 'q=duc thanh')).toEqual([]);
    expect((await hni.get(`/api/employers/${id}`)).json().updatedAt).toBe(t.clock.now().toISOString());
  });

  it('sends the position of an employer whose payment cycle changed to the next close, and only then', async () => {
    const id = t.world.employers.nguyenHoang;
    const { db } = t.database.handle;
    await recomputePositions(db, t.clock, [id]);
    const changesOn = async () =>
      (
        await db
          .selectFrom('arrears_position')
          .select('changes_on')
          .where('employer_id', '=', id)
          .executeTakeFirstOrThrow()
      ).changes_on;
    const computed = await changesOn();
    expect(computed).not.toBeNull();
    expect((await hni.request('PATCH', `/api/employers/${id}`, { headcount: 30 })).statusCode).toBe(204);
    expect(await changesOn()).toBe(computed);
    expect((await hni.request('PATCH', `/api/employers/${id}`, { paymentCycle: 3 })).statusCode).toBe(204);
    expect(await changesOn()).toBeNull();
  });

  it('refuses writes to roles without the capability', async () => {
    const inspector = await login(t.app, 'thanhtra');
    const response = await inspector.request('PATCH', `/api/employers/${t.world.employers.saigon}`, { headcount: 1 });
    expect(response.statusCode).toBe(403);
    const officer = await login(t.app, 'cb.hni');
    const assign = await officer.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/assignments`, {
      userId: t.world.users.hniOfficer,
      responsibility: 'official',
    });
    expect(assign.statusCode).toBe(403);
  });

  it('assigns an official once, shows the assignment, and ends it without deleting it', async () => {
    const url = `/api/employers/${t.world.employers.dongAnh}/assignments`;
    const body = { userId: t.world.users.hni01Officer, responsibility: 'official' };
    const created = await hni.request('POST', url, body);
    expect(created.statusCode).toBe(201);
    expect((await hni.request('POST', url, body)).statusCode).toBe(409);
    const detail = (await hni.get(`/api/employers/${t.world.employers.dongAnh}`)).json();
    expect(detail.assignments).toEqual([
      {
        id: created.json().id,
        user: { id: t.world.users.hni01Officer, fullName: 'Vũ Văn Sở', username: 'cb.hni01' },
        responsibility: 'official',
        assignedFrom: '2025-10-15',
      },
    ]);
    expect((await hni.request('POST', `${url}/${created.json().id}/end`)).statusCode).toBe(204);
    expect((await hni.get(`/api/employers/${t.world.employers.dongAnh}`)).json().assignments).toEqual([]);
    const kept = await t.database.handle.db
      .selectFrom('assignment')
      .selectAll()
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow();
    expect(kept.assigned_to).toBe('2025-10-15');
  });

  it('serves the OpenAPI document with every API route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toContain('/api/employers/{id}/ledger');
    const api = routes.filter((r) => r.url.startsWith('/api/'));
    for (const r of api) expect(paths).toContain(r.url.replace(/:(\w+)/g, '{$1}'));
  });
});
