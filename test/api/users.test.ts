import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/features/auth/session.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { workbookEntries, zipFile } from '../support/zip.js';

const NEW_PASSWORD = 'ba con vit xoe ra hai cai canh';

describe.each(DATABASE_KINDS)('user administration on %s', (kind) => {
  let t: TestContext;
  let director: Agent;
  let admin: Agent;
  beforeAll(async () => {
    t = await startTestApp(kind);
    director = await login(t.app, 'gd.hni');
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  const officer = (username: string, officeId = t.world.offices.hni01) => ({
    username,
    fullName: 'Nguyễn Thị Mới',
    role: 'grassroots_officer',
    officeId,
    email: `${username}@vss.gov.vn`,
  });

  it('lets a director create an officer in the province, who must change the one-time password, then works', async () => {
    const created = await director.request('POST', '/api/users', officer('cb.moi'));
    expect(created.statusCode).toBe(201);
    const { id, oneTimePassword } = created.json();
    expect(oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const fresh = await login(t.app, 'cb.moi', oneTimePassword);
    expect((await fresh.get('/api/worklist')).json().code).toBe('password_change_required');
    expect(
      (
        await fresh.request('POST', '/api/auth/password', {
          currentPassword: oneTimePassword,
          newPassword: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(200);
    expect((await fresh.get('/api/worklist')).statusCode).toBe(200);
    const listed = (await director.get('/api/users')).json().items.find((u: { id: number }) => u.id === id);
    expect(listed).toMatchObject({
      username: 'cb.moi',
      email: 'cb.moi@vss.gov.vn',
      office: { code: 'HNI-01' },
      mustChangePassword: false,
    });
  });

  it('answers 404 for an office of another province and 403 for a role above the director’s own', async () => {
    const elsewhere = await director.request('POST', '/api/users', officer('cb.ngoai', t.world.offices.hcm01));
    expect(elsewhere.statusCode).toBe(404);
    const national = await director.request('POST', '/api/users', {
      ...officer('qt.moi'),
      role: 'national_admin',
      officeId: t.world.offices.hni,
    });
    expect(national.statusCode).toBe(403);
    expect(national.json().code).toBe('role_above_own');
    const mismatch = await director.request('POST', '/api/users', {
      ...officer('cb.sai'),
      officeId: t.world.offices.hni,
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().code).toBe('role_office_mismatch');
    const names = await t.database.handle.db
      .selectFrom('app_user')
      .select('username')
      .where('username', 'in', ['cb.ngoai', 'qt.moi', 'cb.sai'])
      .execute();
    expect(names).toEqual([]);
  });

  it('refuses a taken username and bad input with a message', async () => {
    const taken = await director.request('POST', '/api/users', officer('cb.hni01'));
    expect(taken.statusCode).toBe(409);
    const bad = await director.request('POST', '/api/users', { ...officer('X Y'), email: 'khong-phai-email' });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps account management from officers', async () => {
    const cb = await login(t.app, 'cb.hni');
    expect((await cb.request('POST', '/api/users', officer('cb.khac'))).statusCode).toBe(403);
    expect((await cb.request('POST', `/api/users/${t.world.users.hni01Officer}/reset-password`)).statusCode).toBe(403);
  });

  it('lets the national administrator create any role anywhere', async () => {
    const created = await admin.request('POST', '/api/users', {
      username: 'bt.moi',
      fullName: 'Lê Thu Mới',
      role: 'collection_board',
      officeId: t.world.offices.collection,
    });
    expect(created.statusCode).toBe(201);
  });

  it('edits a user, refusing a role above the director’s own', async () => {
    const { id } = (await director.request('POST', '/api/users', officer('cb.sua'))).json();
    expect(
      (await director.request('PATCH', `/api/users/${id}`, { fullName: 'Trần Văn Sửa', email: null })).statusCode,
    ).toBe(204);
    expect(
      (await director.request('PATCH', `/api/users/${id}`, { role: 'province_officer', officeId: t.world.offices.hni }))
        .statusCode,
    ).toBe(204);
    expect((await director.request('PATCH', `/api/users/${id}`, { role: 'inspection' })).statusCode).toBe(403);
    expect((await director.request('PATCH', `/api/users/${id}`, { officeId: t.world.offices.hcm })).statusCode).toBe(
      404,
    );
    const row = await t.database.handle.db
      .selectFrom('app_user')
      .select(['full_name', 'email', 'role', 'office_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      full_name: 'Trần Văn Sửa',
      email: null,
      role: 'province_officer',
      office_id: t.world.offices.hni,
    });
  });

  it('ends a disabled user’s open session on its next request, and re-enables the account', async () => {
    const open = await login(t.app, 'cb.hni01');
    expect((await open.get('/api/worklist')).statusCode).toBe(200);
    expect((await director.request('POST', `/api/users/${t.world.users.hni01Officer}/disable`)).statusCode).toBe(204);
    expect((await open.get('/api/worklist')).statusCode).toBe(401);
    await expect(login(t.app, 'cb.hni01')).rejects.toThrow(/401/);
    expect((await director.request('POST', `/api/users/${t.world.users.hni01Officer}/enable`)).statusCode).toBe(204);
    expect((await (await login(t.app, 'cb.hni01')).get('/api/worklist')).statusCode).toBe(200);
  });

  it('refuses a director disabling themselves', async () => {
    expect((await director.request('POST', `/api/users/${t.world.users.hniDirector}/disable`)).statusCode).toBe(400);
  });

  it('resets a password to a one-time one: the old password and the open sessions stop working', async () => {
    const open = await login(t.app, 'cb.hni');
    const reset = await director.request('POST', `/api/users/${t.world.users.hniOfficer}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await open.get('/api/auth/me')).statusCode).toBe(401);
    await expect(login(t.app, 'cb.hni')).rejects.toThrow(/401/);
    const again = await login(t.app, 'cb.hni', reset.json().oneTimePassword);
    expect((await again.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('lists and ends another user’s sessions for an administrator in scope', async () => {
    const open = await login(t.app, 'gd.hcm');
    const listed = await admin.get(`/api/users/${t.world.users.hcmDirector}/sessions`);
    expect(listed.json().items.length).toBeGreaterThan(0);
    expect((await admin.request('POST', `/api/users/${t.world.users.hcmDirector}/sessions/end`)).statusCode).toBe(204);
    expect((await open.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('audits every change with who, when and the source address', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: officer('cb.audit'),
      remoteAddress: '10.20.30.40',
      cookies: { [SESSION_COOKIE]: director.cookie },
      headers: { 'x-csrf-token': director.csrfToken },
    });
    expect(response.statusCode).toBe(201);
    const row = await t.database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'address', 'at', 'after'])
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', String(response.json().id))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'user.create', user_id: t.world.users.hniDirector, address: '10.20.30.40' });
    expect(new Date(row.at)).toEqual(t.clock.now());
    expect(JSON.stringify(row.after)).not.toContain('password');
  });
});

describe.each(DATABASE_KINDS)('bulk user creation on %s', (kind) => {
  let t: TestContext;
  let director: Agent;
  beforeAll(async () => {
    t = await startTestApp(kind);
    director = await login(t.app, 'gd.hni');
  });
  afterAll(() => t.close());

  const upload = (body: string | Buffer, fileName = 'users.csv') =>
    director.request('POST', `/api/users/import?fileName=${fileName}`, body, {
      'content-type': fileName.endsWith('.xlsx')
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv',
    });
  const count = async () =>
    (
      await t.database.handle.db
        .selectFrom('app_user')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('creates every account of a good file, each with its own one-time password, and nothing the second time', async () => {
    const csv =
      'username,full_name,role,office,email\n' +
      'cb.bd1,Phạm Văn Một,grassroots_officer,HNI-01,mot@vss.gov.vn\n' +
      'cb.da1,"Lý Thị Hai, Đông Anh",grassroots_officer,HNI-02,\n' +
      'cb.tinh1,Võ Văn Ba,province_officer,HNI,\n';
    const first = await upload(csv);
    expect(first.statusCode).toBe(201);
    const created = first.json().created as { username: string; oneTimePassword: string }[];
    expect(created.map((c) => c.username)).toEqual(['cb.bd1', 'cb.da1', 'cb.tinh1']);
    expect(new Set(created.map((c) => c.oneTimePassword)).size).toBe(3);
    await login(t.app, 'cb.da1', created[1]!.oneTimePassword);
    const before = await count();
    const second = await upload(csv);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual({ created: [], unchanged: ['cb.bd1', 'cb.da1', 'cb.tinh1'] });
    expect(await count()).toBe(before);
  });

  it('refuses a file with bad rows as a whole, naming each row and column', async () => {
    const before = await count();
    const csv =
      'username,full_name,role,office,email\n' +
      'cb.tot,Người Tốt,grassroots_officer,HNI-01,\n' +
      'Sai Ten,Người Hai,grassroots_officer,HNI-01,\n' +
      'cb.ngoai,Người Ba,grassroots_officer,HCM-01,\n' +
      'qt.cao,Người Bốn,national_admin,HNI,\n' +
      'cb.tot,Người Năm,grassroots_officer,HNI-01,email-sai\n' +
      'cb.vaitro,Người Sáu,giam_doc,HNI,\n';
    const response = await upload(csv);
    expect(response.statusCode).toBe(422);
    const errors = response.json().errors as { line: number; column: number; columnName: string; message: string }[];
    expect(errors.map((e) => [e.line, e.columnName])).toEqual([
      [3, 'username'],
      [4, 'office'],
      [5, 'role'],
      [6, 'username'],
      [6, 'email'],
      [7, 'role'],
    ]);
    expect(errors[1]!.message).toContain('HCM-01');
    expect(await count()).toBe(before);
  });

  it('reads the same columns from an .xlsx workbook, in any order', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Người dùng');
    sheet.addRow(['office', 'username', 'full_name', 'role']);
    sheet.addRow(['HNI-02', 'cb.xlsx', 'Đinh Thị Bảng', 'grassroots_officer']);
    const response = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'users.xlsx');
    expect(response.statusCode).toBe(201);
    expect(response.json().created.map((c: { username: string }) => c.username)).toEqual(['cb.xlsx']);
  });

  it('answers a header without the needed columns and a broken workbook with a 422, never a crash', async () => {
    const header = await upload('ten,ho_ten\nx,y\n');
    expect(header.statusCode).toBe(422);
    expect(header.json().errors[0]).toMatchObject({ line: 1, column: 0 });
    const broken = await upload(Buffer.from('PK\u0003\u0004 not really a zip'), 'users.xlsx');
    expect(broken.statusCode).toBe(422);
  });

  it('refuses an account workbook that would unpack to more than an account file holds, before unpacking it', async () => {
    const before = await count();
    // 40 MB of sheet that packs into a few tens of kilobytes: under the upload's 2 MB, over what an account file is.
    const sheet = Buffer.concat([
      Buffer.from('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
      Buffer.alloc(40 * 1024 * 1024, 0x20),
      Buffer.from('</sheetData></worksheet>'),
    ]);
    const bomb = zipFile(workbookEntries(sheet));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const response = await upload(bomb, 'users.xlsx');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].message).toContain('quá lớn');
    expect(await count()).toBe(before);
  });
});
