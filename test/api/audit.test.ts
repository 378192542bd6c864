import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestContext, type TestRoute } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

/**
 * Every write route, performed once successfully, must leave exactly the audit rows named here, with the user, the
 * time and the before/after of the change. A write route missing from WRITES fails the coverage test.
 */
interface Write {
  /** Who performs it, when not the director of Hà Nội (signed in before the audit rows are counted). */
  as?: 'banthu' | 'admin';
  run(t: TestContext, agent: Agent): Promise<{ statusCode: number }>;
  actions: string[];
  check?(entries: AuditRow[], t: TestContext): void;
}
interface AuditRow {
  action: string;
  user_id: number | null;
  at: Date;
  address: string | null;
  before: unknown;
  after: unknown;
}

const WRITES: Record<string, Write> = {
  'POST /api/auth/login': {
    run: (t) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gd.hni', password: 'sai' } }),
    actions: ['auth.login_failed'],
  },
  'POST /api/auth/logout': {
    run: async (t) => (await login(t.app, 'cb.hni')).request('POST', '/api/auth/logout'),
    actions: ['auth.login', 'auth.logout'],
  },
  'POST /api/employers': {
    run: (t, d) =>
      d.request('POST', '/api/employers', {
        code: 'HN0000020',
        taxCode: '0105555555',
        name: 'Công ty TNHH An Khang',
        address: '',
        ownership: 'private',
        officeId: t.world.offices.hni01,
        headcount: 8,
        status: 'active',
        paymentCycle: 1,
      }),
    actions: ['employer.create'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ code: 'HN0000020', name: 'Công ty TNHH An Khang' }),
  },
  'PATCH /api/employers/:id': {
    run: (t, d) => d.request('PATCH', `/api/employers/${t.world.employers.dongAnh}`, { status: 'suspended' }),
    actions: ['employer.update'],
    check: ([entry]) => {
      expect(entry!.before).toMatchObject({ status: 'active', code: 'HN0000003' });
      expect(entry!.after).toMatchObject({ status: 'suspended', code: 'HN0000003' });
    },
  },
  'POST /api/imports/:kind': {
    run: (t, d) =>
      d.request(
        'POST',
        '/api/imports/payments?fileName=p.csv',
        'employer,date,amount,reference\nHN0000002,2025-09-01,1000,UNC-9\n',
        {
          'content-type': 'text/csv',
        },
      ),
    actions: ['import.payments'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ fileName: 'p.csv', rows: 1, inserted: 1, updated: 0 }),
  },
  'POST /api/employers/:id/assignments': {
    run: (t, d) =>
      d.request('POST', `/api/employers/${t.world.employers.ducThanh}/assignments`, {
        userId: t.world.users.hniDirector,
        responsibility: 'leader',
      }),
    actions: ['assignment.create'],
    check: ([entry], t) =>
      expect(entry!.after).toMatchObject({ user_id: t.world.users.hniDirector, responsibility: 'leader' }),
  },
  'POST /api/employers/:id/assignments/:assignmentId/end': {
    run: async (t, d) => {
      const id = (await t.database.handle.db.selectFrom('assignment').select('id').executeTakeFirstOrThrow()).id;
      return d.request('POST', `/api/employers/${t.world.employers.ducThanh}/assignments/${id}/end`);
    },
    actions: ['assignment.end'],
    check: ([entry]) => {
      expect(entry!.before).toMatchObject({ assigned_to: null });
      expect(entry!.after).toMatchObject({ assigned_to: '2025-10-15' });
    },
  },
  'PUT /api/offices/:id/plans/:year': {
    run: async (t, d) => {
      await t.database.handle.db
        .insertInto('collection_plan')
        .values({ office_id: t.world.offices.hni01, year: 2025, amount: 5_000_000_000, updated_at: new Date() })
        .execute();
      return d.request('PUT', `/api/offices/${t.world.offices.hni01}/plans/2025`, { amount: 5_500_000_000 });
    },
    actions: ['plan.set'],
    check: ([entry]) => {
      expect(entry!.before).toEqual({ amount: 5_000_000_000 });
      expect(entry!.after).toEqual({ amount: 5_500_000_000 });
    },
  },
  'POST /api/actions': {
    run: (t, d) =>
      d.request('POST', '/api/actions', {
        employerIds: [t.world.employers.nguyenHoang],
        kind: 'urging_letter',
        date: '2025-10-15',
        outcome: 'Gửi qua bưu điện',
      }),
    actions: ['document.generate', 'action.record'],
    check: ([document, action]) => {
      expect(document!.after).toMatchObject({ kind: 'urging_letter', number: '1/BHXH-QLT', lateAmount: 13_280_000 });
      expect(action!.after).toMatchObject({
        kind: 'urging_letter',
        document_number: '1/BHXH-QLT',
        outcome: 'Gửi qua bưu điện',
      });
    },
  },
  'POST /api/actions/:id/attachments': {
    run: async (t, d) =>
      d.request(
        'POST',
        `/api/actions/${await firstAction(t)}/attachments?fileName=bien-ban.pdf`,
        Buffer.from('%PDF-1.4'),
        { 'content-type': 'application/pdf' },
      ),
    actions: ['attachment.add'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ fileName: 'bien-ban.pdf', size: 8 }),
  },
  // A zip of letters already generated: a read, so it writes no audit row.
  'POST /api/documents/zip': {
    run: async (t, d) => {
      const document = await t.database.handle.db
        .selectFrom('generated_document')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const response = await d.request('POST', '/api/documents/zip', { ids: [document.id] });
      expect(response.statusCode).toBe(200);
      return response;
    },
    actions: [],
  },
  // The report to the People's Committee takes a number of the province's register.
  'POST /api/oversight/people-committee-report': {
    run: (t, d) => d.request('POST', '/api/oversight/people-committee-report', { provinceId: t.world.offices.hni }),
    actions: ['document.people_committee_report'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ number: expect.stringMatching(/^\d+\/BC-BHXH$/) }),
  },
  'PUT /api/offices/:id/signer': {
    run: (t, d) =>
      d.request('PUT', `/api/offices/${t.world.offices.hni}/signer`, {
        headName: 'Lê Thị Hà',
        deputyName: 'Trần Văn Bình',
        byDeputy: true,
      }),
    actions: ['office.signer'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ headName: 'Lê Thị Hà', byDeputy: true }),
  },
  'PUT /api/offices/:id/registers/:year': {
    run: (t, d) => d.request('PUT', `/api/offices/${t.world.offices.hni}/registers/2025`, { lastNumber: 40 }),
    actions: ['document.register'],
  },
  // The table on the caller's screen written as .xlsx: nothing is read or written in the database.
  'POST /api/exports/xlsx': {
    run: (_t, d) =>
      d.request('POST', '/api/exports/xlsx', {
        fileName: 'bang.xlsx',
        title: 'Bảng',
        columns: [{ title: 'Số tiền', kind: 'integer' }],
        rows: [[1_000_000]],
      }),
    actions: [],
  },
  'POST /api/actions/:id/cancel': {
    run: async (t, d) => d.request('POST', `/api/actions/${await firstAction(t)}/cancel`, { reason: 'Ghi nhầm ngày' }),
    actions: ['action.cancel'],
    check: ([entry]) => {
      expect(entry!.before).toEqual({ cancelled_at: null });
      expect(entry!.after).toMatchObject({ cancel_reason: 'Ghi nhầm ngày' });
    },
  },
  'POST /api/employers/:id/promises': {
    run: (t, d) =>
      d.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/promises`, {
        kind: 'promise',
        madeOn: '2025-10-15',
        instalments: [{ dueOn: '2025-10-31', amount: 13_280_000 }],
      }),
    actions: ['promise.create'],
    check: ([entry]) =>
      expect(entry!.after).toMatchObject({
        kind: 'promise',
        instalments: [{ dueOn: '2025-10-31', amount: 13_280_000 }],
      }),
  },
  'POST /api/promises/:id/cancel': {
    run: async (t, d) => {
      const { id } = await t.database.handle.db.selectFrom('payment_promise').select('id').executeTakeFirstOrThrow();
      return d.request('POST', `/api/promises/${id}/cancel`, { reason: 'Đơn vị rút lại cam kết' });
    },
    actions: ['promise.cancel'],
  },
  'POST /api/employers/:id/evidence-file': {
    run: (t, d) => d.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/evidence-file`),
    actions: ['document.generate'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ kind: 'evidence_file' }),
  },
  'POST /api/assignments/bulk': {
    run: (t, d) =>
      d.request('POST', '/api/assignments/bulk', {
        userId: t.world.users.hni01Officer,
        responsibility: 'official',
        officeId: t.world.offices.hni01,
      }),
    // Nguyễn Hoàng, Đức Thành and An Khang, created above: every employer of Ba Đình.
    actions: ['assignment.create', 'assignment.create', 'assignment.create'],
    check: (entries, t) => {
      for (const e of entries)
        expect(e.after).toMatchObject({
          user_id: t.world.users.hni01Officer,
          bulk: { officeId: t.world.offices.hni01 },
        });
    },
  },
  'POST /api/campaigns': {
    as: 'banthu',
    run: (t, board) =>
      board.request('POST', '/api/campaigns', {
        name: 'Đợt cao điểm tháng 10/2025',
        legalBasis: 'Công văn số 4208/BHXH-TST ngày 13/12/2023',
        firstDay: '2025-10-13',
        lastDay: '2025-10-20',
        baselineDate: '2025-10-12',
        firstDayDeadline: { dayOffset: 1, time: '08:30' },
        dailyDeadline: { dayOffset: 0, time: '18:30' },
      }),
    actions: ['campaign.create'],
    check: ([entry], t) =>
      expect(entry!.after).toMatchObject({
        legalBasis: 'Công văn số 4208/BHXH-TST ngày 13/12/2023',
        provinceIds: [t.world.offices.hni, t.world.offices.hcm],
      }),
  },
  'POST /api/campaigns/:id/reports/:officeId/:day/submit': {
    run: (t, d) =>
      d.request('POST', `${CAMPAIGN_REPORT}/${t.world.offices.hni}/2025-10-14/submit`, {
        notes: { difficulties: '', proposals: '', directorNote: 'Đã rà soát' },
      }),
    actions: ['report.submit'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ version: 1, amendmentReason: null, onTime: false }),
  },
  'POST /api/campaigns/:id/reports/:officeId/:day/amend': {
    run: (t, d) =>
      d.request('POST', `${CAMPAIGN_REPORT}/${t.world.offices.hni}/2025-10-14/amend`, {
        notes: { difficulties: '', proposals: '', directorNote: '' },
        reason: 'Bổ sung khoản nộp',
      }),
    actions: ['report.amend'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ version: 2, amendmentReason: 'Bổ sung khoản nộp' }),
  },
  'POST /api/notices/:id/read': {
    run: async (t, d) => {
      const { id } = await t.database.handle.db
        .insertInto('notice')
        .values({
          user_id: t.world.users.hniDirector,
          key: 'audit-test',
          title: 'Sắp hết hạn',
          body: '',
          link: null,
          created_at: t.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return d.request('POST', `/api/notices/${id}/read`);
    },
    actions: ['notice.read'],
  },
  'POST /api/disclosure/lists': {
    run: (t, d) => d.request('POST', '/api/disclosure/lists', { kind: 'late', officeId: t.world.offices.hni }),
    actions: ['disclosure.assemble'],
    check: ([entry]) =>
      expect(entry!.after).toMatchObject({ kind: 'late', criteria: { minMonths: 3, minAmount: 10_000_000 } }),
  },
  'POST /api/disclosure/lists/:id/approve': {
    // Approved by someone other than its author (the director, above).
    as: 'admin',
    run: async (t, admin) => {
      const { id } = await t.database.handle.db
        .selectFrom('disclosure_list')
        .select('id')
        .where('status', '=', 'draft')
        .executeTakeFirstOrThrow();
      return admin.request('POST', `/api/disclosure/lists/${id}/approve`);
    },
    actions: ['disclosure.approve'],
    check: ([entry]) => expect(entry!.after).toEqual({ status: 'approved', supersedes: null }),
  },
  'POST /api/disclosure/lists/:id/withdraw': {
    run: async (t, d) => {
      const { id } = await t.database.handle.db
        .selectFrom('disclosure_list')
        .select('id')
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow();
      return d.request('POST', `/api/disclosure/lists/${id}/withdraw`, { reason: 'Số liệu cần rà soát' });
    },
    actions: ['disclosure.withdraw'],
    check: ([entry]) => expect(entry!.after).toEqual({ status: 'withdrawn', reason: 'Số liệu cần rà soát' }),
  },
  'POST /api/public/award-check': {
    // A query sent as an upload: it changes nothing, so it writes no audit row.
    run: (t) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/award-check',
        payload: '0101234567\n',
        headers: { 'content-type': 'text/csv' },
      }),
    actions: [],
  },
  'POST /api/feedback': {
    run: (t, d) =>
      d.request('POST', '/api/feedback', { category: 'proposal', title: 'Đề xuất gia hạn', body: 'Nội dung đề xuất' }),
    actions: ['feedback.create'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ category: 'proposal', title: 'Đề xuất gia hạn' }),
  },
  'POST /api/feedback/:id/messages': {
    run: async (t, d) => {
      const { id } = await t.database.handle.db.selectFrom('feedback_thread').select('id').executeTakeFirstOrThrow();
      return d.request('POST', `/api/feedback/${id}/messages`, { body: 'Bổ sung thông tin' });
    },
    actions: ['feedback.message'],
  },
  'POST /api/feedback/:id/close': {
    run: async (t, d) => {
      const { id } = await t.database.handle.db.selectFrom('feedback_thread').select('id').executeTakeFirstOrThrow();
      return d.request('POST', `/api/feedback/${id}/close`);
    },
    actions: ['feedback.close'],
    check: ([entry]) => expect(entry!.after).toEqual({ status: 'closed' }),
  },
  'POST /api/users': {
    run: (t, d) =>
      d.request('POST', '/api/users', {
        username: 'cb.nhatky',
        fullName: 'Nguyễn Văn Ký',
        role: 'grassroots_officer',
        officeId: t.world.offices.hni01,
      }),
    actions: ['user.create'],
    check: ([entry]) => {
      expect(entry!.after).toMatchObject({ username: 'cb.nhatky', role: 'grassroots_officer' });
      expect(JSON.stringify(entry!.after)).not.toMatch(/password/i);
    },
  },
  'PATCH /api/users/:id': {
    run: async (t, d) =>
      d.request('PATCH', `/api/users/${await userId(t, 'cb.nhatky')}`, { fullName: 'Nguyễn Văn Nhật Ký' }),
    actions: ['user.update'],
    check: ([entry]) => {
      expect(entry!.before).toEqual({ full_name: 'Nguyễn Văn Ký' });
      expect(entry!.after).toEqual({ full_name: 'Nguyễn Văn Nhật Ký' });
    },
  },
  'POST /api/users/:id/reset-password': {
    run: async (t, d) => d.request('POST', `/api/users/${await userId(t, 'cb.nhatky')}/reset-password`),
    actions: ['user.password_reset'],
  },
  'POST /api/users/:id/sessions/end': {
    run: async (t, d) => d.request('POST', `/api/users/${await userId(t, 'cb.nhatky')}/sessions/end`),
    actions: ['user.sessions_ended'],
  },
  'POST /api/users/:id/disable': {
    run: async (t, d) => d.request('POST', `/api/users/${await userId(t, 'cb.nhatky')}/disable`),
    actions: ['user.disable'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ active: false }),
  },
  'POST /api/users/:id/enable': {
    run: async (t, d) => d.request('POST', `/api/users/${await userId(t, 'cb.nhatky')}/enable`),
    actions: ['user.enable'],
  },
  'POST /api/users/import': {
    run: (t, d) =>
      d.request(
        'POST',
        '/api/users/import?fileName=u.csv',
        'username,full_name,role,office\ncb.tep,Trần Thị Tệp,grassroots_officer,HNI-02\n',
        { 'content-type': 'text/csv' },
      ),
    actions: ['user.create'],
    check: ([entry]) => expect(entry!.after).toMatchObject({ username: 'cb.tep', bulk: true }),
  },
  'POST /api/auth/sessions/:id/end': {
    run: async (t, d) => {
      await login(t.app, 'gd.hni');
      const items = (await d.get('/api/auth/sessions')).json().items as { id: number; current: boolean }[];
      return d.request('POST', `/api/auth/sessions/${items.find((s) => !s.current)!.id}/end`);
    },
    actions: ['auth.login', 'auth.session_ended'],
  },
  // Last: the director's other sessions end with the change (the one making it stays open).
  'POST /api/auth/password': {
    run: (_t, d) =>
      d.request('POST', '/api/auth/password', {
        currentPassword: 'mat-khau-thu-nghiem',
        newPassword: 'ba con vit xoe ra hai cai canh',
      }),
    actions: ['user.password_changed'],
  },
};

async function userId(t: TestContext, username: string): Promise<number> {
  return (
    await t.database.handle.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;
}

const CAMPAIGN_REPORT = '/api/campaigns/1/reports';

async function firstAction(t: TestContext): Promise<number> {
  return (
    await t.database.handle.db.selectFrom('enforcement_action').select('id').orderBy('id').executeTakeFirstOrThrow()
  ).id;
}

describe.each(DATABASE_KINDS)('audit log on %s', (kind) => {
  let t: TestContext;
  let director: Agent;
  const routes: TestRoute[] = [];
  beforeAll(async () => {
    t = await startTestApp(kind, { routes });
    director = await login(t.app, 'gd.hni');
  });
  afterAll(() => t.close());

  const lastId = async () =>
    (
      await t.database.handle.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst()
    )?.id ?? 0;

  it('has an audited case for every write route', () => {
    const writes = routes
      .filter((r) => r.url.startsWith('/api/') && !['GET', 'HEAD'].includes(r.method))
      .map((r) => `${r.method} ${r.url}`);
    expect(writes.filter((w) => !(w in WRITES))).toEqual([]);
  });

  for (const [route, write] of Object.entries(WRITES)) {
    it(`records ${write.actions.join(', ')} for ${route}`, async () => {
      const agent = write.as ? await login(t.app, write.as) : director;
      const since = await lastId();
      t.clock.advance(60_000);
      const response = await write.run(t, agent);
      expect(response.statusCode).toBeLessThan(500);
      const entries = (await t.database.handle.db
        .selectFrom('audit_log')
        .select(['action', 'user_id', 'at', 'address', 'before', 'after'])
        .where('id', '>', since)
        .orderBy('id')
        .execute()) as AuditRow[];
      expect(entries.map((e) => e.action)).toEqual(write.actions);
      for (const e of entries) expect(e.at.toISOString()).toBe(t.clock.now().toISOString());
      // The source address of the request, on every row (inject's client is 127.0.0.1).
      for (const e of entries) expect(e.address).toBe('127.0.0.1');
      if (route !== 'POST /api/auth/login' && route !== 'POST /api/auth/logout') {
        const userId = write.as
          ? { banthu: t.world.users.board, admin: t.world.users.admin }[write.as]
          : t.world.users.hniDirector;
        expect(entries.every((e) => e.user_id === userId)).toBe(true);
      }
      write.check?.(entries, t);
    });
  }

  it('writes nothing, not even the audit row, when a write is refused', async () => {
    const since = await lastId();
    const response = await director.request('PATCH', `/api/employers/${t.world.employers.saigon}`, { headcount: 1 });
    expect(response.statusCode).toBe(404);
    expect(await lastId()).toBe(since);
  });

  it('refuses to change or delete audit rows, even for the database owner', async () => {
    const db = t.database.handle.db;
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await lastId()).toBeGreaterThan(0);
  });

  it('shows a director the history of an employer of the province', async () => {
    const response = await director.get(`/api/audit?entity=employer&entityId=${t.world.employers.dongAnh}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((e: { action: string }) => e.action)).toEqual(['employer.update']);
  });
});
