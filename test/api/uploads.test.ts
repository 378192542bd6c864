import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/features/auth/session.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { paymentsSheet, workbookEntries, zipFile } from '../support/zip.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Small limits, so that every refusal is reached with small files; the defaults are only larger numbers. */
const LIMITS = {
  csvBytes: 300_000,
  xlsxBytes: 200_000,
  xlsxUnpackedBytes: 2_000_000,
  xlsxRows: 500,
  csvLineChars: 2_000,
  attachmentBytes: 60_000,
  attachmentQuotaPerEmployer: 150_000,
  attachmentQuotaPerUser: 200_000,
};

describe.each(DATABASE_KINDS)('uploads on %s', (kind) => {
  let t: TestContext;
  let director: Agent;
  let officer: Agent;
  beforeAll(async () => {
    t = await startTestApp(kind, { uploads: LIMITS });
    director = await login(t.app, 'gd.hni');
    officer = await login(t.app, 'cb.hni01');
  });
  afterAll(() => t.close());

  const importFile = (
    kind: string,
    fileName: string,
    body: Buffer | string,
    type: string,
    headers: Record<string, string> = {},
  ) =>
    director.request('POST', `/api/imports/${kind}?fileName=${encodeURIComponent(fileName)}`, body, {
      'content-type': type,
      ...headers,
    });
  const count = async (table: 'payment' | 'import_batch' | 'action_attachment') =>
    Number(
      (
        await t.database.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Uploads being received: none may be left behind by a refused one. */
  const incoming = () => {
    const dir = join(t.filesDir, 'incoming');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const stillServing = async () => expect((await director.get('/api/auth/me')).statusCode).toBe(200);

  it('answers a JSON or text body sent as a payments CSV with a 4xx, and keeps serving', async () => {
    const json = await importFile('payments', 'a.csv', JSON.stringify({ employer: 'HN0000001' }), 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({
      code: 'unsupported_media_type',
      message: expect.stringContaining('an import is a CSV'),
    });
    const text = await importFile('payments', 'a.csv', 'not,a,payments,file', 'text/plain');
    expect(text.statusCode).toBe(422);
    expect(text.json().errors[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('các cột cần có: employer (Mã đơn vị), date (Ngày nộp)'),
    });
    const form = await importFile('payments', 'a.csv', 'a=1&b=2', 'application/x-www-form-urlencoded');
    expect(form.statusCode).toBe(415);
    await stillServing();
    expect(incoming()).toEqual([]);
  });

  it('refuses a CSV over its limit with 413, by its declared length or as it streams, and imports nothing', async () => {
    const row = 'HN0000001,2025-09-01,1000,R\n';
    const big = `employer,date,amount,reference\n${row.repeat(Math.ceil(LIMITS.csvBytes / row.length))}`;
    const streamed = await importFile('payments', 'big.csv', big, 'text/csv');
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json()).toMatchObject({ code: 'file_too_large', message: expect.stringContaining('larger than') });
    // A client that says the body is larger than the limit is answered before the body is read.
    const declared = await t.app.inject({
      method: 'POST',
      url: '/api/imports/payments?fileName=big.csv',
      payload: 'employer,date,amount,reference\n',
      cookies: { [SESSION_COOKIE]: director.cookie },
      headers: {
        'x-csrf-token': director.csrfToken,
        'content-type': 'text/csv',
        'content-length': String(LIMITS.csvBytes + 1),
      },
    });
    expect(declared.statusCode).toBe(413);
    expect(await count('import_batch')).toBe(0);
    expect(incoming()).toEqual([]);
    await stillServing();
  });

  it('refuses a binary file named .csv, and a CSV line longer than the limit, with its line number', async () => {
    const png = await importFile(
      'payments',
      'scan.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      'text/csv',
    );
    expect(png.statusCode).toBe(415);
    expect(png.json().message).toContain('not CSV text');
    const nul = await importFile('payments', 'nul.csv', Buffer.from('employer,date\0,amount\n'), 'text/csv');
    expect(nul.statusCode).toBe(415);
    const long = await importFile(
      'payments',
      'long.csv',
      `employer,date,amount,reference\nHN0000001,2025-09-01,1000,${'x'.repeat(5_000)}`,
      'text/csv',
    );
    expect(long.statusCode).toBe(422);
    expect(long.json().errors).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('dài hơn 2000 ký tự') }),
    ]);
  });

  it('imports a workbook within the limits (the hand-written zip is a real workbook)', async () => {
    const response = await importFile('payments', 'p.xlsx', zipFile(workbookEntries(paymentsSheet(10))), XLSX_TYPE);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'imported', rows: 10 });
  });

  it('refuses a zip bomb from its directory, within seconds, and one that lies about its size as it inflates', async () => {
    // 3 MB unpacked, a few KB packed: the directory says so, and nothing is expanded.
    const sheet = Buffer.concat([paymentsSheet(5, 'HN0000002'), Buffer.alloc(3_000_000, 0x20)]);
    const honest = zipFile(workbookEntries(sheet));
    expect(honest.length).toBeLessThan(LIMITS.xlsxBytes);
    const started = Date.now();
    const refused = await importFile('payments', 'bomb.xlsx', honest, XLSX_TYPE);
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toMatchObject({
      code: 'workbook_too_large',
      message: expect.stringContaining('unpacks to more than 2000000 bytes'),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    // The same sheet declaring 1 KB: refused the moment it inflates past what it declared.
    const entries = workbookEntries(sheet);
    entries[4]!.declaredUnpacked = 1_000;
    const lying = await importFile('payments', 'lie.xlsx', zipFile(entries), XLSX_TYPE);
    expect(lying.statusCode).toBe(413);
    expect(lying.json().message).toContain('unpacks to more than it declares');
    // An entry the directory does not list is read by a streaming reader all the same: refused.
    const hidden = workbookEntries(paymentsSheet(5, 'HN0000002'));
    hidden.unshift({ name: 'x.xml', data: Buffer.alloc(3_000_000, 0x20), hidden: true });
    const sneaky = await importFile('payments', 'hidden.xlsx', zipFile(hidden), XLSX_TYPE);
    expect(sneaky.statusCode).toBe(422);
    expect(sneaky.json().errors[0].message).toContain('unlisted bytes');
    expect(await count('payment')).toBe(13); // the fixtures' 3 and the workbook's 10 above
    expect(incoming()).toEqual([]);
    await stillServing();
  });

  it('refuses a workbook with more rows than the limit', async () => {
    const response = await importFile(
      'payments',
      'rows.xlsx',
      zipFile(workbookEntries(paymentsSheet(LIMITS.xlsxRows + 10, 'HN0000002'))),
      XLSX_TYPE,
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toContain(`more than ${LIMITS.xlsxRows} rows`);
  });

  it('checks the login and the rights before reading an upload', async () => {
    const body = Buffer.alloc(21 * 1024 * 1024, 0x25);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/actions/1/attachments?fileName=a.pdf',
      payload: body,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(anonymous.statusCode).toBe(401);
    const board = await login(t.app, 'banthu');
    const refused = await board.request('POST', '/api/actions/1/attachments?fileName=a.pdf', body, {
      'content-type': 'application/pdf',
    });
    expect(refused.statusCode).toBe(403);
    const noImport = await officer.request('POST', '/api/imports/payments?fileName=a.csv', body, {
      'content-type': 'text/csv',
    });
    expect(noImport.statusCode).toBe(403);
  });

  it('refuses a public tax-code list that is not text by its type, before reading it', async () => {
    const post = (body: string, type: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/award-check',
        payload: body,
        headers: { 'content-type': type },
      });
    const json = await post('["0101234567"]', 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.json().message).toContain('.csv or .txt');
    const csv = await post('mst\n0101234567\n', 'text/csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.json().items).toHaveLength(1);
  });

  it('limits ordinary JSON bodies to a small size', async () => {
    const response = await officer.request('POST', '/api/actions', {
      employerIds: [1],
      kind: 'phone_call',
      date: '2025-10-15',
      outcome: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(response.statusCode).toBe(413);
  });

  describe('attachments', () => {
    let actionId: number;
    let otherActionId: number;
    beforeAll(async () => {
      const recorded = await officer.request('POST', '/api/actions', {
        employerIds: [t.world.employers.nguyenHoang, t.world.employers.ducThanh],
        kind: 'phone_call',
        date: '2025-10-15',
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      [actionId, otherActionId] = recorded.json().actions.map((a: { id: number }) => a.id);
    });
    const attach = (id: number, fileName: string, body: Buffer, type: string, agent = officer) =>
      agent.request('POST', `/api/actions/${id}/attachments?fileName=${encodeURIComponent(fileName)}`, body, {
        'content-type': type,
      });
    const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x41)]);

    it('keeps the file in the files folder, the row naming it with its size, type and sha256', async () => {
      const bytes = pdf(40_000);
      const stored = await attach(actionId, 'biên bản.pdf', bytes, 'application/pdf');
      expect(stored.statusCode, stored.body).toBe(201);
      const row = await t.database.handle.db
        .selectFrom('action_attachment')
        .selectAll()
        .where('id', '=', stored.json().id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        content: null,
        size: 40_000,
        content_type: 'application/pdf',
        file_name: 'biên bản.pdf',
      });
      expect(row.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(readFileSync(join(t.filesDir, row.stored_path!)).equals(bytes)).toBe(true);
      const download = await officer.get(`/api/attachments/${row.id}`);
      expect(download.rawPayload.equals(bytes)).toBe(true);
      expect(download.headers).toMatchObject({
        'content-type': 'application/pdf',
        'x-content-type-options': 'nosniff',
      });
      expect(incoming()).toEqual([]);
    });

    it('refuses a file over the limit, of a kind not kept, or whose content is not what it claims', async () => {
      const big = await attach(actionId, 'big.pdf', pdf(LIMITS.attachmentBytes + 1), 'application/pdf');
      expect(big.statusCode).toBe(413);
      const html = await attach(actionId, 'x.html', Buffer.from('<script>alert(1)</script>'), 'text/html');
      expect(html.statusCode).toBe(415);
      expect(html.json().message).toContain('only PDF, images');
      const disguised = await attach(
        actionId,
        'x.png',
        Buffer.from('<html><script>alert(1)</script></html>'),
        'image/png',
      );
      expect(disguised.statusCode).toBe(415);
      const exe = await attach(actionId, 'x.pdf', Buffer.from('MZ\x90\x00binary'), 'application/octet-stream');
      expect(exe.statusCode).toBe(415);
      expect(incoming()).toEqual([]);
    });

    it('serves a name with quotes and a trailing backslash in a header that stays whole', async () => {
      const stored = await attach(actionId, 'ghi "chú"\\', Buffer.from('Ghi chú'), 'text/plain');
      expect(stored.statusCode, stored.body).toBe(201);
      const download = await officer.get(`/api/attachments/${stored.json().id}`);
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="ghi _chu__"; filename*=UTF-8''ghi%20%22ch%C3%BA%22%5C`,
      );
      expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
      const control = await attach(actionId, 'a\u0000b.txt', Buffer.from('x'), 'text/plain');
      expect(control.statusCode).toBe(400);
    });

    it('serves an attachment stored in the database before the files folder, with a type from the allow-list', async () => {
      const legacy = await t.database.handle.db
        .insertInto('action_attachment')
        .values({
          action_id: actionId,
          file_name: 'old.html',
          content_type: 'text/html',
          size: 5,
          sha256: 'x'.repeat(64),
          content: Buffer.from('<b>1</b>'),
          stored_path: null,
          uploaded_by: t.world.users.hni01Officer,
          uploaded_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const download = await officer.get(`/api/attachments/${legacy.id}`);
      expect(download.statusCode).toBe(200);
      expect(download.body).toBe('<b>1</b>');
      expect(download.headers['content-type']).toBe('application/octet-stream');
      expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    });

    it('holds each employer and each user to a quota, answered 413 with a message', async () => {
      // The employer holds 40 KB + the note and the legacy row; two more 50 KB files pass its 150 KB.
      expect((await attach(actionId, 'a.pdf', pdf(50_000), 'application/pdf')).statusCode).toBe(201);
      const employerFull = await attach(actionId, 'b.pdf', pdf(60_000), 'application/pdf');
      expect(employerFull.statusCode).toBe(413);
      expect(employerFull.json()).toMatchObject({
        code: 'attachment_quota',
        message: expect.stringContaining("employer's attachments"),
      });
      // The other employer has room, the officer not: 150 KB uploaded, 200 KB allowed.
      expect((await attach(otherActionId, 'c.pdf', pdf(60_000), 'application/pdf')).statusCode).toBe(201);
      const userFull = await attach(otherActionId, 'd.pdf', pdf(60_000), 'application/pdf');
      expect(userFull.statusCode).toBe(413);
      expect(userFull.json().message).toContain('your uploads');
      // Another officer of the office still may.
      const director = await login(t.app, 'gd.hni');
      expect((await attach(otherActionId, 'f.pdf', pdf(10_000), 'application/pdf', director)).statusCode).toBe(201);
      expect(incoming()).toEqual([]);
    });
  });
});
