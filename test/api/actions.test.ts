import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_KINDS } from '../../src/domain/actions.js';
import { amountInWords } from '../../src/domain/words.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { refreshLadder } from '../../src/ledger/ladder.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { documentXml, tablesOf, textOf } from '../support/docx-text.js';

const DAY_MS = 24 * 3600_000;

/**
 * Nguyễn Hoàng (Hà Nội, Ba Đình) owes 33.280.000 for 07/2025, due 31/08/2025, of which 20.000.000 was paid on
 * 20/08: 13.280.000 is late at 15/10/2025, 45 days past the deadline (BHXH 26.000.000 − (20.000.000 − 4.680.000 −
 * 2.080.000 − 520.000) = 13.280.000, all of it BHXH). The daily charge from 01/09 to 15/10: 45 × 0,03% × 13.280.000
 * = 179.280. Đức Thành owes 50.000.000 for 08/2025, due 30/09, unpaid.
 */
describe.each(DATABASE_KINDS)('urging and enforcement on %s', (kind) => {
  let t: TestContext;
  let officer: Agent; // cán bộ BHXH cơ sở Ba Đình
  let director: Agent; // giám đốc BHXH Hà Nội
  let hcm: Agent;
  const ladder = async (employerId: number) => (await officer.get(`/api/employers/${employerId}/ladder`)).json();
  // Sessions last a working day: moving the clock on means signing in again.
  const signIn = async () => {
    officer = await login(t.app, 'cb.hni01');
    director = await login(t.app, 'gd.hni');
    hcm = await login(t.app, 'gd.hcm');
  };
  const advanceDays = async (days: number) => {
    t.clock.advance(days * DAY_MS);
    await signIn();
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.database.handle.db
      .insertInto('obligation')
      .values({ employer_id: t.world.employers.ducThanh, period: '2025-08', fund: 'BHXH', amount: 50_000_000 })
      .execute();
    await recomputePositions(t.database.handle.db, t.clock);
    await refreshLadder(t.database.handle.db, t.clock);
    await signIn();
  });
  afterAll(() => t.close());

  it('starts a late employer on the ladder from the day after its deadline, with the monthly letter due', async () => {
    const l = await ladder(t.world.employers.nguyenHoang);
    expect(l).toMatchObject({ step: 'late', since: '2025-09-01', brokenPromise: false });
    expect(l.due).toEqual([{ action: 'urging_letter', by: '2025-10-10', reason: 'monthly_reminder' }]);
    expect(l.moves).toEqual([{ step: 'late', enteredOn: '2025-09-01', leftOn: null }]);
  });

  it('assigns an official to every employer of an office in one go, and only once', async () => {
    const body = { userId: t.world.users.hni01Officer, responsibility: 'official', officeId: t.world.offices.hni01 };
    const first = await director.request('POST', '/api/assignments/bulk', body);
    expect(first.json()).toEqual({ assigned: 2 });
    expect((await director.request('POST', '/api/assignments/bulk', body)).json()).toEqual({ assigned: 0 });
    const filtered = await director.request('POST', '/api/assignments/bulk', {
      ...body,
      responsibility: 'leader',
      userId: t.world.users.hniDirector,
      minHeadcount: 26,
    });
    expect(filtered.json()).toEqual({ assigned: 0 });
    // An official of another province cannot be assigned to Hà Nội's employers.
    expect(
      (await director.request('POST', '/api/assignments/bulk', { ...body, userId: t.world.users.hcmOfficer }))
        .statusCode,
    ).toBe(400);
  });

  it('orders the worklist by what cannot wait, then by the amount at stake', async () => {
    const list = (await officer.get('/api/worklist')).json();
    expect(list.asOf).toBe('2025-10-15');
    expect(list.items.map((i: { employer: { code: string } }) => i.employer.code)).toEqual(['HN0000002', 'HN0000001']);
    expect(list.items.map((i: { tier: string }) => i.tier)).toEqual(['today', 'today']);
    expect(list.items[1]).toMatchObject({ lateAmount: 13_280_000, overdueMonths: 1, step: 'late', charge: 179_280 });
  });

  it('records an urging letter that generates one numbered letter with the engine figures and the amount in words', async () => {
    const response = await officer.request('POST', '/api/actions', {
      employerIds: [t.world.employers.nguyenHoang],
      kind: 'urging_letter',
      date: '2025-10-15',
      followUpOn: '2025-10-25',
    });
    expect(response.statusCode).toBe(201);
    const [action] = response.json().actions;
    expect(action.documentNumber).toBe('1/BHXH-QLT');
    const download = await officer.get(`/api/documents/${action.documentId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('wordprocessingml');
    const xml = documentXml(download.rawPayload);
    const text = textOf(xml);
    expect(text).toContain('Số: 1/BHXH-QLT');
    expect(text).toContain('Công ty TNHH Nguyễn Hoàng');
    expect(text).toContain('13.280.000');
    expect(text).toContain(`Bằng chữ: ${amountInWords(13_280_000)}`);
    expect(amountInWords(13_280_000)).toBe('Mười ba triệu hai trăm tám mươi nghìn đồng');
    expect(text).toContain('179.280');
    expect(text).toContain('07/2025');
    // The month table: one overdue month, 45 days after its deadline of 31/08/2025.
    const monthRows = tablesOf(xml).find((rows) => rows.some((r) => r[0] === '07/2025'))!;
    expect(monthRows.find((r) => r[0] === '07/2025')).toEqual(
      expect.arrayContaining(['31/08/2025', '13.280.000', '45']),
    );
    const l = await ladder(t.world.employers.nguyenHoang);
    expect(l.step).toBe('urged');
    expect(l.due).toEqual([{ action: 'invitation', by: '2025-10-30', reason: 'no_response' }]);
    expect(l.moves).toEqual([
      { step: 'urged', enteredOn: '2025-10-15', leftOn: null },
      { step: 'late', enteredOn: '2025-09-01', leftOn: '2025-10-15' },
    ]);
  });

  it('sends many employers one letter each, numbered in sequence by the office, in one batch', async () => {
    const response = await officer.request('POST', '/api/actions', {
      employerIds: [t.world.employers.ducThanh, t.world.employers.nguyenHoang],
      kind: 'urging_letter',
      date: '2025-10-15',
    });
    const { batchId, actions } = response.json();
    expect(actions.map((a: { documentNumber: string }) => a.documentNumber)).toEqual(['2/BHXH-QLT', '3/BHXH-QLT']);
    const listed = (await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/actions`)).json().items;
    expect(listed[0]).toMatchObject({
      batchId,
      kind: 'urging_letter',
      countsAsUrging: true,
      documentNumber: '2/BHXH-QLT',
    });
  });

  it('records every kind of action; only urging letters and invitations count as urging, never a C12 notice', async () => {
    const admin = await login(t.app, 'admin');
    for (const actionKind of ACTION_KINDS) {
      const response = await admin.request('POST', '/api/actions', {
        employerIds: [t.world.employers.dongAnh],
        kind: actionKind,
        date: '2025-10-14',
        outcome: `ghi nhận ${actionKind}`,
        ...(actionKind === 'sanction' ? { documentNumber: '45/QĐ-XPHC', fine: 15_000_000 } : {}),
        ...(actionKind === 'customer_conference' ? { details: { conference: 'Hội nghị khách hàng quý IV' } } : {}),
      });
      expect(response.statusCode, `${actionKind}: ${response.body}`).toBe(201);
    }
    const items = (await admin.get(`/api/employers/${t.world.employers.dongAnh}/actions`)).json().items;
    expect(items).toHaveLength(ACTION_KINDS.length);
    expect(
      items
        .filter((a: { countsAsUrging: boolean }) => a.countsAsUrging)
        .map((a: { kind: string }) => a.kind)
        .sort(),
    ).toEqual(['invitation', 'urging_letter']);
    expect(items.find((a: { kind: string }) => a.kind === 'sanction')).toMatchObject({
      fine: 15_000_000,
      documentNumber: '45/QĐ-XPHC',
    });
    // Invitations, minutes and referrals produce their document too.
    for (const withDocument of ['invitation', 'working_session', 'prosecution_referral']) {
      expect(items.find((a: { kind: string }) => a.kind === withDocument).documents).toHaveLength(1);
    }
  });

  it("refuses a sanction without its fine, a future date, and kinds outside a role's remit", async () => {
    const sanction = await officer.request('POST', '/api/actions', {
      employerIds: [t.world.employers.nguyenHoang],
      kind: 'sanction',
      date: '2025-10-15',
      documentNumber: '1/QĐ-XPHC',
    });
    expect(sanction.statusCode).toBe(400);
    expect(sanction.json().message).toContain('số tiền phạt');
    const future = await officer.request('POST', '/api/actions', {
      employerIds: [t.world.employers.nguyenHoang],
      kind: 'phone_call',
      date: '2025-10-16',
    });
    expect(future.statusCode).toBe(400);
    const communicator = await login(t.app, 'truyenthong');
    const letter = await communicator.request('POST', '/api/actions', {
      employerIds: [t.world.employers.nguyenHoang],
      kind: 'urging_letter',
      date: '2025-10-15',
    });
    expect(letter.statusCode).toBe(403);
    const published = await communicator.request('POST', '/api/actions', {
      employerIds: [t.world.employers.nguyenHoang],
      kind: 'media_publication',
      date: '2025-10-15',
      generateDocument: false,
    });
    expect(published.statusCode).toBe(201);
    const board = await login(t.app, 'banthu');
    expect(
      (
        await board.request('POST', '/api/actions', {
          employerIds: [t.world.employers.nguyenHoang],
          kind: 'phone_call',
          date: '2025-10-15',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('decides a promise kept or broken from the payments, and a broken one puts the employer first', async () => {
    const made = await officer.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/promises`, {
      kind: 'promise',
      madeOn: '2025-10-15',
      instalments: [{ dueOn: '2025-10-20', amount: 13_280_000 }],
    });
    expect(made.statusCode).toBe(201);
    await advanceDays(6); // 21/10, nothing paid
    await refreshLadder(t.database.handle.db, t.clock);
    const promises = (await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/promises`)).json().items;
    expect(promises[0].state).toEqual({
      status: 'broken',
      brokenOn: '2025-10-21',
      shortfall: 13_280_000,
      missedDueOn: '2025-10-20',
    });
    const l = await ladder(t.world.employers.nguyenHoang);
    expect(l.brokenPromise).toBe(true);
    expect(l.due[0]).toEqual({ action: 'invitation', by: '2025-10-21', reason: 'promise_broken' });
    const list = (await officer.get('/api/worklist')).json();
    expect(list.items[0]).toMatchObject({ employer: { code: 'HN0000001' }, tier: 'today', brokenPromise: true });
    expect(list.items[1]).toMatchObject({ employer: { code: 'HN0000002' }, tier: 'later' });

    // A new promise kept by a real payment, imported like any other.
    await officer.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/promises`, {
      kind: 'promise',
      madeOn: '2025-10-21',
      instalments: [{ dueOn: '2025-10-31', amount: 5_000_000 }],
    });
    const payments = await director.request(
      'POST',
      '/api/imports/payments?fileName=payments.csv',
      'employer,date,amount,reference\nHN0000001,2025-10-21,6000000,UNC-251021-1\n',
      { 'content-type': 'text/csv' },
    );
    expect(payments.statusCode).toBe(200);
    const after = (await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/promises`)).json().items;
    expect(after.map((p: { state: { status: string } }) => p.state.status)).toEqual(['kept', 'broken']);
    expect(after[0].state).toEqual({ status: 'kept', keptOn: '2025-10-21' });
  });

  it('pauses escalation under an instalment agreement until it is broken', async () => {
    const made = await officer.request('POST', `/api/employers/${t.world.employers.ducThanh}/promises`, {
      kind: 'instalment',
      madeOn: '2025-10-21',
      instalments: [
        { dueOn: '2025-11-05', amount: 20_000_000 },
        { dueOn: '2025-12-05', amount: 30_000_000 },
      ],
    });
    expect(made.statusCode).toBe(201);
    expect(await ladder(t.world.employers.ducThanh)).toMatchObject({
      step: 'instalment',
      since: '2025-10-21',
      due: [{ action: 'instalment_check', by: '2025-11-05', reason: 'instalment_due' }],
    });
    await advanceDays(16); // 06/11: the first instalment was not paid
    await recomputePositions(t.database.handle.db, t.clock);
    await refreshLadder(t.database.handle.db, t.clock);
    const l = await ladder(t.world.employers.ducThanh);
    expect(l.step).toBe('urged');
    expect(l.brokenPromise).toBe(true);
    expect(l.moves.map((m: { step: string }) => m.step)).toEqual(['urged', 'instalment', 'urged', 'late']);
  });

  it('keeps a cancelled action, with its reason, out of every rule', async () => {
    const recorded = await officer.request('POST', '/api/actions', {
      employerIds: [t.world.employers.ducThanh],
      kind: 'surprise_inspection',
      date: '2025-11-06',
      generateDocument: false,
    });
    const id = recorded.json().actions[0].id;
    const cancel = await officer.request('POST', `/api/actions/${id}/cancel`, { reason: 'Ghi nhầm đơn vị' });
    expect(cancel.statusCode).toBe(204);
    expect((await officer.request('POST', `/api/actions/${id}/cancel`, { reason: 'lần nữa' })).statusCode).toBe(409);
    const items = (await officer.get(`/api/employers/${t.world.employers.ducThanh}/actions`)).json().items;
    expect(items.find((a: { id: number }) => a.id === id).cancelled).toMatchObject({ reason: 'Ghi nhầm đơn vị' });
    const audit = await t.database.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'enforcement_action')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['action.record', 'action.cancel']);
  });

  it('stores attachments byte for byte and audits every action, promise, document and attachment', async () => {
    const [action] = (await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/actions`)).json().items;
    const bytes = Buffer.from('%PDF-1.4 biên bản đã ký\n');
    const upload = await officer.request(
      'POST',
      `/api/actions/${action.id}/attachments?fileName=${encodeURIComponent('biên bản.pdf')}`,
      bytes,
      { 'content-type': 'application/pdf' },
    );
    expect(upload.statusCode).toBe(201);
    const download = await officer.get(`/api/attachments/${upload.json().id}`);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''bi%C3%AAn%20b%E1%BA%A3n.pdf");
    // Text and JSON files are kept as they are too, not parsed as a request body.
    for (const [type, content] of [
      ['text/plain; charset=utf-8', 'Ghi chú cuộc gọi'],
      ['application/json', '{"a": 1}'],
    ] as const) {
      const stored = await officer.request(
        'POST',
        `/api/actions/${action.id}/attachments?fileName=note`,
        Buffer.from(content),
        { 'content-type': type },
      );
      expect(stored.statusCode, stored.body).toBe(201);
      const back = await officer.get(`/api/attachments/${stored.json().id}`);
      expect(back.rawPayload.toString('utf8')).toBe(content);
      expect(back.headers['content-type']).toContain(type.split(';')[0]);
    }
    const actions = await t.database.handle.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', 'in', ['action.record', 'promise.create', 'document.generate', 'attachment.add'])
      .execute();
    const count = (name: string) => actions.filter((a) => a.action === name).length;
    const recorded = Number(
      (
        await t.database.handle.db
          .selectFrom('enforcement_action')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const documents = Number(
      (
        await t.database.handle.db
          .selectFrom('generated_document')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(count('action.record')).toBe(recorded);
    expect(count('document.generate')).toBe(documents);
    expect(count('promise.create')).toBe(3);
    expect(count('attachment.add')).toBe(3);
  });

  it('builds the referral evidence file with the timeline and the Art. 216 checklist', async () => {
    const response = await director.request('POST', `/api/employers/${t.world.employers.nguyenHoang}/evidence-file`);
    expect(response.statusCode).toBe(201);
    const { id, criteria } = response.json();
    // At 06/11: 7.280.000 of 07/2025 still late after the payment of 21/10, urged on 15/10 and more than 60 days past
    // its deadline of 31/08 (evasion since 31/10); one month, never sanctioned; 25 workers reach clause 1's 10.
    expect(criteria.map((c: { met: boolean }) => c.met)).toEqual([false, true, true, false, true, true]);
    const text = textOf(documentXml((await director.get(`/api/documents/${id}`)).rawPayload));
    expect(text).toContain('HỒ SƠ ĐỀ NGHỊ KHỞI TỐ');
    expect(text).toContain('Công văn đôn đốc số 1/BHXH-QLT');
    expect(text).toContain('Cam kết trả nợ');
    expect(text).toContain('Đã được đôn đốc bằng văn bản (không tính thông báo C12)');
  });

  it('answers another province as if the rows did not exist', async () => {
    const items = (await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/actions`)).json().items;
    const action = items[0];
    const letter = items.find((a: { documents: unknown[] }) => a.documents.length > 0);
    const id = t.world.employers.nguyenHoang;
    for (const url of [
      `/api/employers/${id}/actions`,
      `/api/employers/${id}/promises`,
      `/api/employers/${id}/ladder`,
      `/api/documents/${letter.documents[0].id}`,
      `/api/attachments/${action.attachments[0].id}`,
    ]) {
      expect((await hcm.get(url)).statusCode, url).toBe(404);
    }
    expect(
      (await hcm.request('POST', '/api/actions', { employerIds: [id], kind: 'phone_call', date: '2025-11-06' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await hcm.request('POST', `/api/actions/${action.id}/cancel`, { reason: 'không phải của tôi' })).statusCode,
    ).toBe(404);
    expect((await hcm.request('POST', `/api/employers/${id}/evidence-file`)).statusCode).toBe(404);
  });
});
