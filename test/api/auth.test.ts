import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../src/features/auth/rate-limit.js';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from '../../src/features/auth/service.js';
import { SESSION_COOKIE } from '../../src/features/auth/session.js';
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

  it('logs in with the right password and sets an httpOnly, SameSite session cookie', async () => {
    const response = await attempt('gd.hni', PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ username: 'gd.hni', role: 'province_director', office: { code: 'HNI' } });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
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
    expect(wrong.json().code).toBe(unknown.json().code);
  });

  it('refuses API reads without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/employers' });
    expect(response.statusCode).toBe(401);
  });

  it('locks the account after repeated failures, even for the right password, until the lockout ends', async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await attempt('truyenthong', 'sai')).statusCode).toBe(401);
    const locking = await attempt('truyenthong', 'sai');
    expect(locking.statusCode).toBe(423);
    expect(locking.json().code).toBe('account_locked');
    expect((await attempt('truyenthong', PASSWORD)).statusCode).toBe(423);

    t.clock.advance(LOCKOUT_MS + 1000);
    expect((await attempt('truyenthong', PASSWORD)).statusCode).toBe(200);
    const audit = await t.database.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', String(t.world.users.communicator))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      ...Array(MAX_FAILED_LOGINS - 1).fill('auth.login_failed'),
      'auth.locked',
      'auth.login',
    ]);
  });

  it('starts the failure count again after a successful login', async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) await attempt('thanhtra', 'sai');
    expect((await attempt('thanhtra', PASSWORD)).statusCode).toBe(200);
    expect((await attempt('thanhtra', 'sai')).statusCode).toBe(401);
  });

  it('logs out and the old cookie no longer works', async () => {
    const agent = await login(t.app, 'cb.hni01');
    expect((await agent.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('expires a session after its lifetime', async () => {
    const agent = await login(t.app, 'gd.hcm');
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(13 * 3600_000);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe.each(DATABASE_KINDS)('login rate limit on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(kind, { limiter: new LoginRateLimiter(3, 60_000) });
  });
  afterAll(() => t.close());

  it('throttles one address trying many usernames, but not another address', async () => {
    const from = (remoteAddress: string, username: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'x' }, remoteAddress });
    for (const name of ['a', 'b', 'c']) expect((await from('10.9.9.9', name)).statusCode).toBe(401);
    const blocked = await from('10.9.9.9', 'd');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect((await from('10.8.8.8', 'e')).statusCode).toBe(401);
    t.clock.advance(61_000);
    expect((await from('10.9.9.9', 'f')).statusCode).toBe(401);
  });
});

describe.each(DATABASE_KINDS)('CSRF protection on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('refuses a write with the session cookie but without the CSRF header', async () => {
    const agent = await login(t.app, 'cb.hni');
    const url = `/api/employers/${t.world.employers.nguyenHoang}`;
    const withoutToken = await t.app.inject({
      method: 'PATCH', url, cookies: { [SESSION_COOKIE]: agent.cookie }, payload: { headcount: 1 },
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
    const response = await a.request('PATCH', `/api/employers/${t.world.employers.nguyenHoang}`, { headcount: 2 }, {
      'x-csrf-token': b.csrfToken,
    });
    expect(response.statusCode).toBe(403);
  });

  it('accepts the write with the session token', async () => {
    const agent = await login(t.app, 'cb.hni');
    const response = await agent.request('PATCH', `/api/employers/${t.world.employers.nguyenHoang}`, { headcount: 30 });
    expect(response.statusCode).toBe(204);
  });
});
