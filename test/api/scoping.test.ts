import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProgress } from '../../src/features/progress/service.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { login, startTestApp, type Agent, type TestContext, type TestRoute } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { OCTOBER_2025_CAMPAIGN } from '../support/hanoi-campaign.js';

/**
 * Every API route is tried by the director of Hồ Chí Minh against Hà Nội's rows. A route added without an entry in
 * PROBES fails the first test, so no route escapes the scope check by being forgotten here.
 */
type Probe = (t: TestContext, hcm: Agent) => Promise<void>;

/** A campaign of Hà Nội alone, created by the national collection board. */
async function hanoiCampaign(t: TestContext): Promise<number> {
  const board = await login(t.app, 'banthu');
  const created = await board.request('POST', '/api/campaigns', {
    ...OCTOBER_2025_CAMPAIGN,
    provinceIds: [t.world.offices.hni],
  });
  expect(created.statusCode).toBe(201);
  return created.json().id;
}

/** A draft list of Hà Nội's late employers, assembled by its director. */
async function hanoiList(t: TestContext): Promise<number> {
  const hni = await login(t.app, 'gd.hni');
  const created = await hni.request('POST', '/api/disclosure/lists', { kind: 'late', officeId: t.world.offices.hni });
  expect(created.statusCode).toBe(201);
  return created.json().id;
}

/** A difficulty raised by Hà Nội's officer. */
async function hanoiFeedback(t: TestContext): Promise<number> {
  const hni = await login(t.app, 'cb.hni');
  const created = await hni.request('POST', '/api/feedback', {
    category: 'difficulty',
    title: 'Vướng mắc',
    body: 'nội dung',
  });
  expect(created.statusCode).toBe(201);
  return created.json().id;
}

/** A notice for the director of Hà Nội. */
async function hanoiNotice(t: TestContext): Promise<number> {
  const row = await t.database.handle.db
    .insertInto('notice')
    .values({
      user_id: t.world.users.hniDirector,
      key: `test:${Math.random()}`,
      title: 'Sắp hết hạn báo cáo',
      body: '',
      link: null,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An urging letter on a Hà Nội employer, with its generated letter and an attachment, recorded by its own officer. */
async function hanoiAction(t: TestContext) {
  const hni = await login(t.app, 'cb.hni01');
  const recorded = await hni.request('POST', '/api/actions', {
    employerIds: [t.world.employers.nguyenHoang],
    kind: 'urging_letter',
    date: '2025-10-15',
  });
  const [action] = recorded.json().actions;
  const attached = await hni.request(
    'POST',
    `/api/actions/${action.id}/attachments?fileName=a.pdf`,
    Buffer.from('%PDF'),
    { 'content-type': 'application/pdf' },
  );
  return {
    actionId: action.id as number,
    documentId: action.documentId as number,
    attachmentId: attached.json().id as number,
  };
}

const expectNotFound = async (response: Promise<{ statusCode: number; json(): { code: string } }>) => {
  const r = await response;
  expect(r.statusCode).toBe(404);
  expect(r.json().code).toBe('not_found');
};

const PROBES: Record<string, Probe | 'session-only' | 'public'> = {
  'POST /api/auth/login': 'public',
  // Whether the database holds the demo: the login page shows the banner before anyone signs in.
  'GET /api/system': 'public',
  'POST /api/auth/logout': 'session-only',
  'GET /api/auth/me': 'session-only',
  // One's own password, current one required: nobody else's is reachable through it.
  'POST /api/auth/password': 'session-only',
  'GET /api/auth/sessions': async (t, hcm) => {
    await login(t.app, 'gd.hni');
    const items = (await hcm.get('/api/auth/sessions')).json().items as { id: number }[];
    const own = await t.database.handle.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', t.world.users.hcmDirector)
      .execute();
    expect(items.map((s) => s.id).sort()).toEqual(own.map((s) => s.id).sort());
  },
  'POST /api/auth/sessions/:id/end': async (t, hcm) => {
    await login(t.app, 'gd.hni');
    const theirs = await t.database.handle.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', t.world.users.hniDirector)
      .executeTakeFirstOrThrow();
    await expectNotFound(hcm.request('POST', `/api/auth/sessions/${theirs.id}/end`));
  },
  'GET /api/offices': async (t, hcm) => {
    const codes = (await hcm.get('/api/offices')).json().items.map((o: { code: string }) => o.code);
    expect(codes).toEqual(['HCM', 'HCM-01']);
  },
  'GET /api/employers': async (t, hcm) => {
    const all = (await hcm.get('/api/employers?pageSize=200')).json();
    expect(all.items.map((e: { code: string }) => e.code).sort()).toEqual(['HC0000001', 'HC0000002']);
    expect(all.total).toBe(2);
    const search = (await hcm.get('/api/employers?q=nguyen')).json();
    expect(search.items.map((e: { code: string }) => e.code)).toEqual(['HC0000002']);
    await expectNotFound(hcm.get(`/api/employers?officeId=${t.world.offices.hni01}`));
    await expectNotFound(hcm.get(`/api/employers?userId=${t.world.users.hni01Officer}`));
  },
  'GET /api/employers/export': async (t, hcm) => {
    await expectNotFound(hcm.get(`/api/employers/export?officeId=${t.world.offices.hni01}`));
    await expectNotFound(hcm.get(`/api/employers/export?userId=${t.world.users.hni01Officer}`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await hcm.get('/api/employers/export')).rawPayload as unknown as ArrayBuffer);
    const codes = book.worksheets[0]!.getColumn(2).values.slice(2);
    expect(codes.sort()).toEqual(['HC0000001', 'HC0000002']);
  },
  'GET /api/employers/:id': (t, hcm) => expectNotFound(hcm.get(`/api/employers/${t.world.employers.nguyenHoang}`)),
  'GET /api/employers/:id/ledger': (t, hcm) =>
    expectNotFound(hcm.get(`/api/employers/${t.world.employers.nguyenHoang}/ledger`)),
  'POST /api/employers': (t, hcm) =>
    expectNotFound(
      hcm.request('POST', '/api/employers', {
        code: 'HN0000099',
        taxCode: '0109999999',
        name: 'Công ty lạ',
        address: '',
        officeId: t.world.offices.hni01,
        ownership: 'private',
        headcount: 5,
        status: 'active',
        paymentCycle: 1,
      }),
    ),
  'PATCH /api/employers/:id': async (t, hcm) => {
    await expectNotFound(hcm.request('PATCH', `/api/employers/${t.world.employers.nguyenHoang}`, { headcount: 1 }));
    // Moving one's own employer into another province is refused the same way.
    await expectNotFound(
      hcm.request('PATCH', `/api/employers/${t.world.employers.saigon}`, { officeId: t.world.offices.hni01 }),
    );
  },
  'POST /api/employers/:id/assignments': async (t, hcm) => {
    await expectNotFound(
      hcm.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/assignments`, {
        userId: t.world.users.hcmOfficer,
        responsibility: 'official',
      }),
    );
    // An official of another province cannot be put on one's own employer either.
    const foreign = await hcm.request('POST', `/api/employers/${t.world.employers.saigon}/assignments`, {
      userId: t.world.users.hniOfficer,
      responsibility: 'official',
    });
    expect(foreign.statusCode).toBe(400);
  },
  'POST /api/employers/:id/assignments/:assignmentId/end': async (t, hcm) => {
    const director = await login(t.app, 'gd.hni');
    const created = await director.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/assignments`, {
      userId: t.world.users.hniOfficer,
      responsibility: 'official',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await expectNotFound(hcm.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/assignments/${id}/end`));
    await expectNotFound(hcm.request('POST', `/api/employers/${t.world.employers.saigon}/assignments/${id}/end`));
  },
  'PUT /api/offices/:id/plans/:year': async (t, hcm) => {
    await expectNotFound(hcm.request('PUT', `/api/offices/${t.world.offices.hni01}/plans/2025`, { amount: 1_000_000 }));
    await expectNotFound(hcm.request('PUT', `/api/offices/${t.world.offices.hni}/plans/2025`, { amount: 1_000_000 }));
    // Within the scope, still only the offices below one's own: the province's plan comes from the national board.
    expect(
      (await hcm.request('PUT', `/api/offices/${t.world.offices.hcm}/plans/2025`, { amount: 1_000_000 })).statusCode,
    ).toBe(403);
    expect(
      (await hcm.request('PUT', `/api/offices/${t.world.offices.hcm01}/plans/2025`, { amount: 1_000_000 })).statusCode,
    ).toBe(204);
  },
  'GET /api/employers/:id/arrears': (t, hcm) =>
    expectNotFound(hcm.get(`/api/employers/${t.world.employers.nguyenHoang}/arrears`)),
  'GET /api/employers/:id/c12-ts': (t, hcm) =>
    expectNotFound(hcm.get(`/api/employers/${t.world.employers.nguyenHoang}/c12-ts?month=2025-09`)),
  'GET /api/offices/:id/c12-ts': (t, hcm) =>
    expectNotFound(hcm.get(`/api/offices/${t.world.offices.hni}/c12-ts?month=2025-09`)),
  'GET /api/arrears/late': async (t, hcm) => {
    await recomputePositions(t.database.handle.db, t.clock);
    const board = await login(t.app, 'banthu');
    expect((await board.get('/api/arrears/late')).json().items.map((e: { code: string }) => e.code)).toEqual([
      'HN0000001',
    ]);
    expect((await hcm.get('/api/arrears/late')).json()).toMatchObject({
      items: [],
      total: 0,
      totals: { lateAmount: 0 },
    });
    await expectNotFound(hcm.get(`/api/arrears/late?officeId=${t.world.offices.hni}`));
    await expectNotFound(hcm.get(`/api/arrears/late?userId=${t.world.users.hni01Officer}`));
  },
  'GET /api/arrears/late/export': async (t, hcm) => {
    await recomputePositions(t.database.handle.db, t.clock);
    await expectNotFound(hcm.get(`/api/arrears/late/export?officeId=${t.world.offices.hni}`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await hcm.get('/api/arrears/late/export')).rawPayload as unknown as ArrayBuffer);
    // Hà Nội's late employer is not in it: the heads alone.
    expect(book.worksheets[0]!.rowCount).toBe(1);
  },
  'GET /api/arrears/summary': async (t, hcm) => {
    const codes = (await hcm.get('/api/arrears/summary')).json().offices.map((o: { code: string }) => o.code);
    expect(codes).toEqual(['HCM-01']);
    await expectNotFound(hcm.get(`/api/arrears/summary?officeId=${t.world.offices.hni}`));
  },
  // The same blank template for everyone who may import: it holds no data.
  'GET /api/imports/:kind/template': 'session-only',
  'POST /api/imports/:kind': async (t, hcm) => {
    const response = await hcm.request(
      'POST',
      '/api/imports/obligations?fileName=o.csv',
      'employer,period,fund,amount\nHN0000001,2025-09,BHXH,100\n',
      { 'content-type': 'text/csv' },
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0]).toMatchObject({
      code: 'unknown_employer',
      message: 'không có đơn vị "HN0000001"',
    });
  },
  'POST /api/actions': async (t, hcm) => {
    await expectNotFound(
      hcm.request('POST', '/api/actions', {
        employerIds: [t.world.employers.saigon, t.world.employers.nguyenHoang],
        kind: 'phone_call',
        date: '2025-10-15',
      }),
    );
    // The whole batch is refused: nothing was written for the own employer either.
    expect((await hcm.get(`/api/employers/${t.world.employers.saigon}/actions`)).json().items).toEqual([]);
  },
  'POST /api/actions/:id/cancel': async (t, hcm) => {
    const { actionId } = await hanoiAction(t);
    await expectNotFound(hcm.request('POST', `/api/actions/${actionId}/cancel`, { reason: 'không thuộc tỉnh' }));
  },
  'GET /api/employers/:id/actions': (t, hcm) =>
    expectNotFound(hcm.get(`/api/employers/${t.world.employers.nguyenHoang}/actions`)),
  'POST /api/actions/:id/attachments': async (t, hcm) => {
    const { actionId } = await hanoiAction(t);
    await expectNotFound(
      hcm.request('POST', `/api/actions/${actionId}/attachments?fileName=a.pdf`, Buffer.from('%PDF'), {
        'content-type': 'application/pdf',
      }),
    );
  },
  'GET /api/attachments/:id': async (t, hcm) => {
    const { attachmentId } = await hanoiAction(t);
    await expectNotFound(hcm.get(`/api/attachments/${attachmentId}`));
  },
  'GET /api/documents/:id': async (t, hcm) => {
    const { documentId } = await hanoiAction(t);
    await expectNotFound(hcm.get(`/api/documents/${documentId}`));
  },
  'POST /api/documents/zip': async (t, hcm) => {
    const { documentId } = await hanoiAction(t);
    await expectNotFound(hcm.request('POST', '/api/documents/zip', { ids: [documentId] }));
  },
  // Whether a PDF can be made on this server: nothing of any office.
  'GET /api/documents/formats': 'session-only',
  // The progress of the director of Hà Nội's import is in a folder of that user's: another user never finds it.
  'GET /api/progress/:id': async (t, hcm) => {
    const id = 'a'.repeat(32);
    const progress = await startProgress(t.filesDir, t.clock, t.world.users.hniDirector, id, 'import');
    try {
      progress.report({ phase: 'reading', read: 1, checked: 0, applied: 0 });
      const hni = await login(t.app, 'gd.hni');
      await expect.poll(async () => (await hni.get(`/api/progress/${id}`)).statusCode).toBe(200);
      await expectNotFound(hcm.get(`/api/progress/${id}`));
    } finally {
      await progress.finish();
    }
  },
  'GET /api/offices/:id/documents': (t, hcm) =>
    expectNotFound(hcm.get(`/api/offices/${t.world.offices.hni}/documents`)),
  'PUT /api/offices/:id/signer': (t, hcm) =>
    expectNotFound(
      hcm.request('PUT', `/api/offices/${t.world.offices.hni}/signer`, {
        headName: 'Lê Thị Hà',
        deputyName: null,
        byDeputy: false,
      }),
    ),
  'PUT /api/offices/:id/registers/:year': (t, hcm) =>
    expectNotFound(hcm.request('PUT', `/api/offices/${t.world.offices.hni}/registers/2025`, { lastNumber: 40 })),
  // The table is the one on the caller's screen, sent in the body: the route reads nothing of the database.
  'POST /api/exports/xlsx': 'session-only',
  'POST /api/employers/:id/evidence-file': (t, hcm) =>
    expectNotFound(hcm.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/evidence-file`)),
  'GET /api/employers/:id/promises': (t, hcm) =>
    expectNotFound(hcm.get(`/api/employers/${t.world.employers.nguyenHoang}/promises`)),
  'POST /api/employers/:id/promises': (t, hcm) =>
    expectNotFound(
      hcm.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/promises`, {
        kind: 'promise',
        madeOn: '2025-10-15',
        instalments: [{ dueOn: '2025-10-30', amount: 1_000_000 }],
      }),
    ),
  'POST /api/promises/:id/cancel': async (t, hcm) => {
    const hni = await login(t.app, 'cb.hni01');
    const made = await hni.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/promises`, {
      kind: 'promise',
      madeOn: '2025-10-15',
      instalments: [{ dueOn: '2025-10-30', amount: 1_000_000 }],
    });
    await expectNotFound(hcm.request('POST', `/api/promises/${made.json().id}/cancel`, { reason: 'không thuộc tỉnh' }));
  },
  'GET /api/employers/:id/ladder': (t, hcm) =>
    expectNotFound(hcm.get(`/api/employers/${t.world.employers.nguyenHoang}/ladder`)),
  'GET /api/worklist': async (t, hcm) => {
    // A Hà Nội official's worklist is as unknown to Hồ Chí Minh as the official.
    await expectNotFound(hcm.get(`/api/worklist?userId=${t.world.users.hni01Officer}`));
    expect((await hcm.get('/api/worklist')).json().items).toEqual([]);
  },
  'GET /api/worklist/export': async (t, hcm) => {
    await expectNotFound(hcm.get(`/api/worklist/export?userId=${t.world.users.hni01Officer}`));
    await expectNotFound(hcm.get(`/api/worklist/export?officeId=${t.world.offices.hni01}`));
  },
  'POST /api/assignments/bulk': (t, hcm) =>
    expectNotFound(
      hcm.request('POST', '/api/assignments/bulk', {
        userId: t.world.users.hcmOfficer,
        responsibility: 'official',
        officeId: t.world.offices.hni01,
      }),
    ),
  'GET /api/campaigns': async (t, hcm) => {
    await hanoiCampaign(t);
    expect((await hcm.get('/api/campaigns')).json().items).toEqual([]);
  },
  'POST /api/campaigns': async (t, hcm) => {
    // Campaigns come from the national collection board, never from a province.
    const response = await hcm.request('POST', '/api/campaigns', {
      ...OCTOBER_2025_CAMPAIGN,
      provinceIds: [t.world.offices.hni],
    });
    expect(response.statusCode).toBe(403);
  },
  'GET /api/campaigns/:id': async (t, hcm) => expectNotFound(hcm.get(`/api/campaigns/${await hanoiCampaign(t)}`)),
  'GET /api/campaigns/:id/reports/:officeId/:day': async (t, hcm) =>
    expectNotFound(hcm.get(`/api/campaigns/${await hanoiCampaign(t)}/reports/${t.world.offices.hni}/2025-10-14`)),
  'POST /api/campaigns/:id/reports/:officeId/:day/submit': async (t, hcm) =>
    expectNotFound(
      hcm.request('POST', `/api/campaigns/${await hanoiCampaign(t)}/reports/${t.world.offices.hni}/2025-10-14/submit`, {
        notes: { difficulties: '', proposals: '', directorNote: '' },
      }),
    ),
  'POST /api/campaigns/:id/reports/:officeId/:day/amend': async (t, hcm) =>
    expectNotFound(
      hcm.request('POST', `/api/campaigns/${await hanoiCampaign(t)}/reports/${t.world.offices.hni}/2025-10-14/amend`, {
        notes: { difficulties: '', proposals: '', directorNote: '' },
        reason: 'không thuộc tỉnh',
      }),
    ),
  'GET /api/campaigns/:id/reports/:officeId/:day/breakdown': async (t, hcm) =>
    expectNotFound(
      hcm.get(
        `/api/campaigns/${await hanoiCampaign(t)}/reports/${t.world.offices.hni}/2025-10-14/breakdown?indicator=late_amount`,
      ),
    ),
  'GET /api/campaigns/:id/reports/:officeId/:day/export': async (t, hcm) =>
    expectNotFound(
      hcm.get(`/api/campaigns/${await hanoiCampaign(t)}/reports/${t.world.offices.hni}/2025-10-14/export`),
    ),
  'GET /api/campaigns/:id/board': async (t, hcm) =>
    expectNotFound(hcm.get(`/api/campaigns/${await hanoiCampaign(t)}/board?day=2025-10-14`)),
  'GET /api/campaigns/:id/board/export': async (t, hcm) =>
    expectNotFound(hcm.get(`/api/campaigns/${await hanoiCampaign(t)}/board/export?day=2025-10-14`)),
  'GET /api/notices': async (t, hcm) => {
    await hanoiNotice(t);
    expect((await hcm.get('/api/notices')).json()).toEqual({ unread: 0, items: [] });
  },
  'POST /api/notices/:id/read': async (t, hcm) =>
    expectNotFound(hcm.request('POST', `/api/notices/${await hanoiNotice(t)}/read`)),
  'POST /api/disclosure/lists': (t, hcm) =>
    expectNotFound(hcm.request('POST', '/api/disclosure/lists', { kind: 'late', officeId: t.world.offices.hni })),
  'GET /api/disclosure/lists': async (t, hcm) => {
    await hanoiList(t);
    expect((await hcm.get('/api/disclosure/lists')).json().items).toEqual([]);
  },
  'GET /api/disclosure/lists/:id/entries': async (t, hcm) =>
    expectNotFound(hcm.get(`/api/disclosure/lists/${await hanoiList(t)}/entries`)),
  'POST /api/disclosure/lists/:id/approve': async (t, hcm) =>
    expectNotFound(hcm.request('POST', `/api/disclosure/lists/${await hanoiList(t)}/approve`)),
  'POST /api/disclosure/lists/:id/withdraw': async (t, hcm) =>
    expectNotFound(
      hcm.request('POST', `/api/disclosure/lists/${await hanoiList(t)}/withdraw`, { reason: 'không thuộc tỉnh' }),
    ),
  'GET /api/public/lists': 'public',
  'GET /api/public/lists/:id': 'public',
  'GET /api/public/lists/:id/export': 'public',
  'GET /api/public/award-check': 'public',
  'POST /api/public/award-check': 'public',
  'GET /api/feedback': async (t, hcm) => {
    await hanoiFeedback(t);
    expect((await hcm.get('/api/feedback')).json().items).toEqual([]);
  },
  'POST /api/feedback': async (t, hcm) => {
    // A thread always belongs to the raising user's own office.
    const created = await hcm.request('POST', '/api/feedback', {
      category: 'proposal',
      title: 'Đề xuất của tỉnh',
      body: 'nội dung',
    });
    const row = await t.database.handle.db
      .selectFrom('feedback_thread')
      .select('office_id')
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow();
    expect(row.office_id).toBe(t.world.offices.hcm);
  },
  'GET /api/feedback/:id': async (t, hcm) => expectNotFound(hcm.get(`/api/feedback/${await hanoiFeedback(t)}`)),
  'POST /api/feedback/:id/messages': async (t, hcm) =>
    expectNotFound(
      hcm.request('POST', `/api/feedback/${await hanoiFeedback(t)}/messages`, { body: 'không thuộc tỉnh' }),
    ),
  'POST /api/feedback/:id/close': async (t, hcm) =>
    expectNotFound(hcm.request('POST', `/api/feedback/${await hanoiFeedback(t)}/close`)),
  'GET /api/oversight/trend': (t, hcm) =>
    expectNotFound(hcm.get(`/api/oversight/trend?officeId=${t.world.offices.hni}&from=2025-01-01&to=2025-12-31`)),
  'GET /api/oversight/breakdown': (t, hcm) =>
    expectNotFound(hcm.get(`/api/oversight/breakdown?officeId=${t.world.offices.hni}`)),
  'GET /api/oversight/inspection': async (t, hcm) => {
    const items = (await hcm.get('/api/oversight/inspection?year=2025')).json().items;
    expect(items.map((i: { province: { code: string } }) => i.province.code)).toEqual(['HCM']);
  },
  'GET /api/oversight/inspection/candidates': (t, hcm) =>
    expectNotFound(hcm.get(`/api/oversight/inspection/candidates?officeId=${t.world.offices.hni}`)),
  'GET /api/oversight/inspection/candidates/export': async (t, hcm) => {
    await expectNotFound(hcm.get(`/api/oversight/inspection/candidates/export?officeId=${t.world.offices.hni}`));
    await expectNotFound(hcm.get(`/api/oversight/inspection/candidates/export?userId=${t.world.users.hni01Officer}`));
  },
  'POST /api/oversight/people-committee-report': (t, hcm) =>
    expectNotFound(hcm.request('POST', '/api/oversight/people-committee-report', { provinceId: t.world.offices.hni })),
  'GET /api/oversight/emulation': async (t, hcm) => {
    const items = (await hcm.get('/api/oversight/emulation?year=2025')).json().items;
    expect(items.map((i: { province: { code: string } }) => i.province.code)).toEqual(['HCM']);
  },
  'GET /api/users': async (t, hcm) => {
    const names = (await hcm.get('/api/users')).json().items.map((u: { username: string }) => u.username);
    expect(names.sort()).toEqual(['cb.hcm', 'gd.hcm']);
  },
  'POST /api/users': (t, hcm) =>
    expectNotFound(
      hcm.request('POST', '/api/users', {
        username: 'cb.lan',
        fullName: 'Người Lạ',
        role: 'grassroots_officer',
        officeId: t.world.offices.hni01,
      }),
    ),
  'PATCH /api/users/:id': (t, hcm) =>
    expectNotFound(hcm.request('PATCH', `/api/users/${t.world.users.hni01Officer}`, { fullName: 'Đổi Tên' })),
  'POST /api/users/:id/disable': (t, hcm) =>
    expectNotFound(hcm.request('POST', `/api/users/${t.world.users.hniOfficer}/disable`)),
  'POST /api/users/:id/enable': (t, hcm) =>
    expectNotFound(hcm.request('POST', `/api/users/${t.world.users.hniOfficer}/enable`)),
  'POST /api/users/:id/reset-password': (t, hcm) =>
    expectNotFound(hcm.request('POST', `/api/users/${t.world.users.hniOfficer}/reset-password`)),
  'GET /api/users/:id/sessions': (t, hcm) =>
    expectNotFound(hcm.get(`/api/users/${t.world.users.hniDirector}/sessions`)),
  'POST /api/users/:id/sessions/end': async (t, hcm) => {
    const hni = await login(t.app, 'cb.hni');
    await expectNotFound(hcm.request('POST', `/api/users/${t.world.users.hniOfficer}/sessions/end`));
    expect((await hni.get('/api/auth/me')).statusCode).toBe(200);
  },
  'POST /api/users/import': async (t, hcm) => {
    const response = await hcm.request(
      'POST',
      '/api/users/import?fileName=u.csv',
      'username,full_name,role,office\ncb.lan,Người Lạ,grassroots_officer,HNI-01\n',
      { 'content-type': 'text/csv' },
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toMatchObject([{ line: 2, columnName: 'office' }]);
    const created = await t.database.handle.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'cb.lan')
      .execute();
    expect(created).toEqual([]);
  },
  'GET /api/audit': async (t, hcm) => {
    const hni = await login(t.app, 'cb.hni');
    expect(
      (await hni.request('PATCH', `/api/employers/${t.world.employers.ducThanh}`, { headcount: 26 })).statusCode,
    ).toBe(204);
    const entries = (await hcm.get('/api/audit?limit=500')).json().items as { officeCode: string }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.officeCode.startsWith('HCM'))).toBe(true);
    const forEmployer = await hcm.get(`/api/audit?entity=employer&entityId=${t.world.employers.ducThanh}`);
    expect(forEmployer.json().items).toEqual([]);
  },
};

describe.each(DATABASE_KINDS)('scope of a provincial user on %s', (kind) => {
  let t: TestContext;
  let hcm: Agent;
  const routes: TestRoute[] = [];
  beforeAll(async () => {
    t = await startTestApp(kind, { routes });
    hcm = await login(t.app, 'gd.hcm');
  });
  afterAll(() => t.close());

  it('has a scope probe for every API route', () => {
    const api = routes
      .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(api.length).toBeGreaterThan(5);
    expect(api.filter((r) => !(r in PROBES))).toEqual([]);
    expect(Object.keys(PROBES).filter((p) => !api.includes(p))).toEqual([]);
  });

  it('marks only the login route, the demo flag and the published lists public', () => {
    const publicApi = routes
      .filter((r) => r.public && r.url.startsWith('/api/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(publicApi.sort()).toEqual(
      Object.entries(PROBES)
        .filter(([, p]) => p === 'public')
        .map(([route]) => route)
        .sort(),
    );
  });

  for (const [route, probe] of Object.entries(PROBES)) {
    if (typeof probe === 'string') continue;
    it(`refuses Hà Nội's data on ${route}`, () => probe(t, hcm));
  }

  it('leaves Hà Nội employers untouched by the refused writes', async () => {
    const employer = await t.database.handle.db
      .selectFrom('employer')
      .select(['headcount', 'office_id'])
      .where('id', '=', t.world.employers.nguyenHoang)
      .executeTakeFirstOrThrow();
    expect(employer).toEqual({ headcount: 25, office_id: t.world.offices.hni01 });
    const saigon = await t.database.handle.db
      .selectFrom('employer')
      .select('office_id')
      .where('id', '=', t.world.employers.saigon)
      .executeTakeFirstOrThrow();
    expect(saigon.office_id).toBe(t.world.offices.hcm01);
  });

  it('keeps a grassroots officer inside the own office', async () => {
    const officer = await login(t.app, 'cb.hni01');
    const codes = (await officer.get('/api/employers')).json().items.map((e: { code: string }) => e.code);
    expect(codes.sort()).toEqual(['HN0000001', 'HN0000002']);
    await expectNotFound(officer.get(`/api/employers/${t.world.employers.dongAnh}`));
  });

  it('lets national departments read every province', async () => {
    const board = await login(t.app, 'banthu');
    expect((await board.get('/api/employers')).json().total).toBe(5);
    expect((await board.get(`/api/employers/${t.world.employers.nguyenHoang}`)).statusCode).toBe(200);
  });
});
