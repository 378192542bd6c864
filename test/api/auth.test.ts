import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS } from '../../src/config.js';
import { THROTTLE_RULES } from '../../src/domain/login-throttle.js';
import { SESSION_COOKIE } from '../../src/features/auth/session.js';
import { buildApp } from '../../src/server.js';
import { login, startTestApp, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { PASSWORD } from '../support/fixtures.js';

describe.each(DATABASE_KINDS)('authentication on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  const attempt = (username: string, password: string, remoteAddress = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('logs in with the right password and sets an httpOnly, SameSite=Strict session cookie', async () => {
    const response = await attempt('gd.hni', PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ username: 'gd.hni', role: 'province_director', office: { code: 'HNI' } });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
  });

  it('stores only a hash of the session token', async () => {
    const agent = await login(t.app, 'cb.hni');
    const stored = await t.database.handle.db.selectFrom('user_session').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === agent.cookie)).toBe(false);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
  });

  it('answers 401 for a wrong password and for an unknown user alike', async () => {
    const wrong = await attempt('cb.hcm', 'sai');
    const unknown = await attempt('khong-ton-tai', 'sai');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('refuses API reads without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/employers' });
    expect(response.statusCode).toBe(401);
  });

  it('logs out and the old cookie no longer works', async () => {
    const agent = await login(t.app, 'cb.hni01');
    expect((await agent.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe.each(DATABASE_KINDS)('login throttling on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  const attempt = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('does not lock an account after five bad passwords: its owner logs in at once from another address', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('truyenthong', 'sai', '10.6.6.6')).statusCode).toBe(401);
    expect((await attempt('truyenthong', PASSWORD, '10.0.0.2')).statusCode).toBe(200);
  });

  it('makes one address guessing one account wait twice as long after each failure past the allowance', async () => {
    const from = '10.7.7.7';
    for (let i = 0; i < THROTTLE_RULES.pair.free; i++)
      expect((await attempt('thanhtra', 'sai', from)).statusCode).toBe(401);
    // The allowance is used up: the next failure makes the pair wait one second, then two.
    expect((await attempt('thanhtra', 'sai', from)).statusCode).toBe(401);
    const waiting = await attempt('thanhtra', PASSWORD, from);
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json()).toMatchObject({ code: 'login_throttled', retryAfterSeconds: 1 });
    t.clock.advance(1000);
    expect((await attempt('thanhtra', 'sai', from)).statusCode).toBe(401);
    t.clock.advance(1000);
    expect((await attempt('thanhtra', PASSWORD, from)).json().retryAfterSeconds).toBe(1);
    t.clock.advance(1000);
    expect((await attempt('thanhtra', PASSWORD, from)).statusCode).toBe(200);
  });

  it('answers an unknown name exactly as a throttled existing one', async () => {
    const from = '10.7.7.8';
    for (let i = 0; i <= THROTTLE_RULES.pair.free; i++) {
      await attempt('banthu', 'sai', from);
      await attempt('khong-co-ai', 'sai', from);
    }
    const existing = await attempt('banthu', PASSWORD, from);
    const unknown = await attempt('khong-co-ai', PASSWORD, from);
    expect(existing.statusCode).toBe(429);
    expect(unknown.statusCode).toBe(429);
    expect(existing.json()).toEqual(unknown.json());
  });

  it('throttles one address spraying many names, not the others', async () => {
    const from = '10.9.9.9';
    for (let i = 0; i <= THROTTLE_RULES.address.free; i++)
      expect((await attempt(`ten${i}`, 'x', from)).statusCode).toBe(401);
    expect((await attempt('gd.hcm', PASSWORD, from)).statusCode).toBe(429);
    expect((await attempt('gd.hcm', PASSWORD, '10.8.8.8')).statusCode).toBe(200);
  });

  it('shares the throttle between app servers on the same database', async () => {
    const other = await buildApp({
      handle: t.database.handle,
      db: t.database.handle.db,
      clock: t.clock,
      uploads: DEFAULT_UPLOAD_LIMITS,
      filesDir: t.filesDir,
    });
    try {
      const from = '10.5.5.5';
      for (let i = 0; i <= THROTTLE_RULES.pair.free; i++) await attempt('cb.hcm', 'sai', from);
      const elsewhere = await other.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'cb.hcm', password: PASSWORD },
        remoteAddress: from,
      });
      expect(elsewhere.statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('audits failed logins with the source address, unknown names included', async () => {
    await attempt('gd.hni', 'sai', '10.4.4.4');
    await attempt('nguoi-la', 'sai', '10.4.4.5');
    const rows = await t.database.handle.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'address', 'user_id'])
      .where('action', '=', 'auth.login_failed')
      .where('address', 'in', ['10.4.4.4', '10.4.4.5'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        entity: 'app_user',
        entity_id: String(t.world.users.hniDirector),
        address: '10.4.4.4',
        user_id: t.world.users.hniDirector,
      },
      { entity: 'auth', entity_id: 'nguoi-la', address: '10.4.4.5', user_id: null },
    ]);
    // The national administrator reads them in the audit log; a province does not see names that match no account.
    const admin = await login(t.app, 'admin');
    const national = (await admin.get('/api/audit?entity=auth&entityId=nguoi-la')).json().items;
    expect(national).toMatchObject([{ action: 'auth.login_failed', address: '10.4.4.5', user: null }]);
    const province = await login(t.app, 'gd.hcm');
    expect((await province.get('/api/audit?entity=auth&entityId=nguoi-la')).json().items).toEqual([]);
  });
});

describe.each(DATABASE_KINDS)('sessions on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('ends a session after 30 minutes without a request, and not while it is used', async () => {
    const agent = await login(t.app, 'gd.hcm');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(25 * 60_000);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(30 * 60_000 + 1000);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends a session after 12 hours however busy it is', async () => {
    const agent = await login(t.app, 'cb.hcm');
    for (let i = 0; i < 12 * 3; i++) {
      t.clock.advance(20 * 60_000);
      const me = await agent.get('/api/auth/me');
      if (i < 12 * 3 - 1) expect(me.statusCode).toBe(200);
      else expect(me.statusCode).toBe(401);
    }
  });

  it('lists the user’s own open sessions and ends one of them', async () => {
    const laptop = await login(t.app, 'gd.hni');
    const phone = await login(t.app, 'gd.hni');
    const listed = (await laptop.get('/api/auth/sessions')).json().items as { id: number; current: boolean }[];
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    const other = listed.find((s) => !s.current)!;
    expect((await laptop.request('POST', `/api/auth/sessions/${other.id}/end`)).statusCode).toBe(204);
    const remaining = (await laptop.get('/api/auth/sessions')).json().items as { id: number }[];
    expect(remaining.map((s) => s.id)).not.toContain(other.id);
    // Which of the two ended depends on the order; exactly one of them still works.
    const statuses = [(await laptop.get('/api/auth/me')).statusCode, (await phone.get('/api/auth/me')).statusCode];
    expect(statuses.sort()).toEqual([200, 401]);
  });

  it('does not let a user end someone else’s session', async () => {
    const hni = await login(t.app, 'cb.hni');
    const hcm = await login(t.app, 'cb.hcm');
    const [own] = (await hni.get('/api/auth/sessions')).json().items as { id: number }[];
    expect((await hcm.request('POST', `/api/auth/sessions/${own!.id}/end`)).statusCode).toBe(404);
    expect((await hni.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe.each(DATABASE_KINDS)('idle timeout from the configuration on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(kind, { sessionIdleMinutes: 5 });
  });
  afterAll(() => t.close());

  it('ends a session after the configured idle minutes', async () => {
    const agent = await login(t.app, 'gd.hcm');
    t.clock.advance(4 * 60_000);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(5 * 60_000 + 1000);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe.each(DATABASE_KINDS)('changing a password on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('forces a user with a one-time password to change it before anything else', async () => {
    await t.database.handle.db
      .updateTable('app_user')
      .set({ must_change_password: true })
      .where('id', '=', t.world.users.hcmOfficer)
      .execute();
    const agent = await login(t.app, 'cb.hcm');
    const other = await login(t.app, 'cb.hcm');
    expect((await agent.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await agent.get('/api/employers');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    expect(
      (await agent.request('PATCH', `/api/employers/${t.world.employers.saigon}`, { headcount: 3 })).statusCode,
    ).toBe(403);

    const wrong = await agent.request('POST', '/api/auth/password', {
      currentPassword: 'sai',
      newPassword: 'tra-sua-tran-chau',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('wrong_current_password');
    const weak = await agent.request('POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'password2025',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password', weakness: 'common' });
    const personal = await agent.request('POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'cb.hcm-2025-10',
    });
    expect(personal.json()).toMatchObject({ code: 'weak_password', weakness: 'personal' });

    const changed = await agent.request('POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'tra-sua-tran-chau',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    expect((await agent.get('/api/employers')).statusCode).toBe(200);
    // Whoever knew the old password is signed out; the new one logs in.
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    await expect(login(t.app, 'cb.hcm')).rejects.toThrow(/401/);
    expect((await login(t.app, 'cb.hcm', 'tra-sua-tran-chau')).csrfToken).toBeTruthy();
  });
});

describe.each(DATABASE_KINDS)('CSRF and origin checks on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('refuses a write with the session cookie but without the CSRF header', async () => {
    const agent = await login(t.app, 'cb.hni');
    const url = `/api/employers/${t.world.employers.nguyenHoang}`;
    const withoutToken = await t.app.inject({
      method: 'PATCH',
      url,
      cookies: { [SESSION_COOKIE]: agent.cookie },
      payload: { headcount: 1 },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().code).toBe('csrf');
    const wrongToken = await agent.request('PATCH', url, { headcount: 1 }, { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrongToken.statusCode).toBe(403);
    const employer = await agent.get(url);
    expect(employer.json().headcount).toBe(25);
  });

  it('refuses the token of another session', async () => {
    const a = await login(t.app, 'cb.hni');
    const b = await login(t.app, 'gd.hni');
    const response = await a.request(
      'PATCH',
      `/api/employers/${t.world.employers.nguyenHoang}`,
      { headcount: 2 },
      {
        'x-csrf-token': b.csrfToken,
      },
    );
    expect(response.statusCode).toBe(403);
  });

  it('decides on the matched route: an encoded path gets the same 403 and 401 as the plain one', async () => {
    const agent = await login(t.app, 'cb.hni');
    const created = await agent.request('POST', '/api/feedback', {
      category: 'difficulty',
      title: 'Vướng mắc',
      body: 'nội dung',
    });
    const id = created.json().id as number;
    for (const path of [`/api/feedback/${id}/close`, `/%61pi/feedback/${id}/close`, `/ap%69/feedback/${id}/close`]) {
      const noToken = await t.app.inject({ method: 'POST', url: path, cookies: { [SESSION_COOKIE]: agent.cookie } });
      expect([path, noToken.statusCode, noToken.json().code]).toEqual([path, 403, 'csrf']);
      const noSession = await t.app.inject({ method: 'POST', url: path });
      expect([path, noSession.statusCode]).toEqual([path, 401]);
    }
    const thread = await agent.get(`/api/feedback/${id}`);
    expect(thread.json().status).not.toBe('closed');
  });

  it('refuses a write that a browser says comes from another site, even with the token', async () => {
    const agent = await login(t.app, 'cb.hni');
    const url = `/api/employers/${t.world.employers.nguyenHoang}`;
    const foreign = await agent.request('PATCH', url, { headcount: 7 }, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('cross_origin');
    const fetchSite = await agent.request('PATCH', url, { headcount: 7 }, { 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.statusCode).toBe(403);
    const own = await agent.request(
      'PATCH',
      url,
      { headcount: 30 },
      { origin: 'http://dondoc.example:3000', host: 'dondoc.example:3000' },
    );
    expect(own.statusCode).toBe(204);
    const foreignLogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'cb.hni', password: PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreignLogin.statusCode).toBe(403);
  });

  it('does not apply the session origin check to public routes', async () => {
    const check = await t.app.inject({
      method: 'POST',
      url: '/api/public/award-check',
      payload: { taxCodes: ['0101234567'] },
      headers: { origin: 'https://bao.example' },
    });
    expect(check.statusCode).not.toBe(403);
  });

  it('records the source address on the audit row of every write', async () => {
    const agent = await login(t.app, 'cb.hni');
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/employers/${t.world.employers.ducThanh}`,
      payload: { headcount: 31 },
      cookies: { [SESSION_COOKIE]: agent.cookie },
      headers: { 'x-csrf-token': agent.csrfToken },
      remoteAddress: '10.3.2.1',
    });
    expect(response.statusCode).toBe(204);
    const row = await t.database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'address'])
      .where('entity', '=', 'employer')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ action: 'employer.update', address: '10.3.2.1' });
  });
});
