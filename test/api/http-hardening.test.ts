import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

const PROXY = '10.0.0.1';
const CLIENT = '203.0.113.7';

/**
 * The answers every request gets, whatever it asks: who the client is (only a configured proxy may say), the
 * security headers, an unexpected failure that stays one request's problem, and control characters refused before
 * any route reads them.
 */
describe.each(DATABASE_KINDS)('HTTP boundary on %s', (kind) => {
  let t: TestContext;
  let officer: Agent;
  const logLines: string[] = [];
  const webRoot = mkdtempSync(join(tmpdir(), 'dondoc-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>dondoc</title>');
  writeFileSync(join(webRoot, 'assets', 'app-3f2a.js'), 'console.log(1)');

  beforeAll(async () => {
    t = await startTestApp(kind, {
      app: {
        trustProxy: [PROXY],
        publicLimits: { lookupsPerMinute: 3, bulkChecksPerMinute: 1 },
        log: { level: 'error', stream: { write: (line: string) => void logLines.push(line) } },
        webRoot,
      },
    });
    officer = await login(t.app, 'cb.hni');
  });
  afterAll(() => t.close());

  const lookUp = (remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/api/public/award-check?taxCode=0101234567', remoteAddress, headers });

  it('counts a client by its own address whatever X-Forwarded-For it sends, unless it is a configured proxy', async () => {
    const answers = [];
    for (const forwarded of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      answers.push((await lookUp(CLIENT, { 'x-forwarded-for': forwarded })).statusCode);
    }
    expect(answers).toEqual([200, 200, 200, 429]);
    // Behind the configured proxy, each client it reports has its own allowance.
    const behindProxy = [];
    for (const forwarded of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      behindProxy.push((await lookUp(PROXY, { 'x-forwarded-for': forwarded })).statusCode);
    }
    expect(behindProxy).toEqual([200, 200, 200, 200]);
    t.clock.advance(60_000);
  });

  it('sets the security headers on API answers, errors, 404s, the docs and the web app', async () => {
    const answers = {
      api: await t.app.inject({ method: 'GET', url: '/api/public/lists' }),
      signedIn: await officer.get('/api/employers'),
      invalid: await t.app.inject({ method: 'GET', url: '/api/public/award-check?taxCode=12' }),
      unknownApi: await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
      docs: await t.app.inject({ method: 'GET', url: '/docs' }),
      docsPage: await t.app.inject({ method: 'GET', url: '/docs/static/index.html' }),
      docsScript: await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' }),
      openapi: await t.app.inject({ method: 'GET', url: '/docs/json' }),
      page: await t.app.inject({ method: 'GET', url: '/employers/12' }),
      asset: await t.app.inject({ method: 'GET', url: '/assets/app-3f2a.js' }),
      missingAsset: await t.app.inject({ method: 'GET', url: '/assets/app-old.js' }),
    };
    expect(answers.invalid.statusCode).toBe(400);
    expect(answers.page.statusCode).toBe(200);
    expect(answers.docsScript.statusCode).toBe(200);
    for (const [name, response] of Object.entries(answers)) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp, name).toContain("script-src 'self'");
      expect(csp, name).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(csp, name).toContain("object-src 'none'");
      expect(response.headers['x-content-type-options'], name).toBe('nosniff');
      expect(response.headers['x-frame-options'], name).toBe('DENY');
      expect(response.headers['referrer-policy'], name).toBe('same-origin');
      // Plain HTTP from the client itself: no HSTS.
      expect(response.headers['strict-transport-security'], name).toBeUndefined();
    }
  });

  it('asks for HTTPS only when the request came over TLS through the configured proxy', async () => {
    const overTls = await lookUp(PROXY, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.9' });
    expect(overTls.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    const claimed = await lookUp(CLIENT, { 'x-forwarded-proto': 'https' });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers 429 with Retry-After and a Vietnamese and English message past the public limits', async () => {
    t.clock.advance(60_000);
    for (let i = 0; i < 3; i++) expect((await lookUp('192.0.2.10')).statusCode).toBe(200);
    const refused = await lookUp('192.0.2.10');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json()).toMatchObject({ code: 'too_many_requests', retryAfter: 60 });
    expect(refused.json().message).toMatch(/Quá nhiều yêu cầu.*too many requests/);
    // Another address is not held back; this one is again after the minute.
    expect((await lookUp('192.0.2.11')).statusCode).toBe(200);
    t.clock.advance(30_000);
    expect((await lookUp('192.0.2.10')).headers['retry-after']).toBe('30');
    t.clock.advance(30_000);
    expect((await lookUp('192.0.2.10')).statusCode).toBe(200);

    const bulk = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/award-check',
        remoteAddress: '192.0.2.10',
        payload: '0101234567\n',
        headers: { 'content-type': 'text/csv' },
      });
    expect((await bulk()).statusCode).toBe(200);
    const refusedBulk = await bulk();
    expect(refusedBulk.statusCode).toBe(429);
    expect(Number(refusedBulk.headers['retry-after'])).toBeGreaterThan(0);
    // The addresses of one IPv6 client (its /64) share an allowance.
    t.clock.advance(60_000);
    for (let i = 0; i < 3; i++) expect((await lookUp(`2001:db8:1:2::${i + 1}`)).statusCode).toBe(200);
    expect((await lookUp('2001:db8:1:2:ffff::9')).statusCode).toBe(429);
    expect((await lookUp('2001:db8:1:3::1')).statusCode).toBe(200);
  });

  it('answers an unexpected failure with 500 and the request id only, logs it, and goes on serving', async () => {
    const db = t.database.handle.db;
    await sql`ALTER TABLE disclosure_list RENAME TO disclosure_list_away`.execute(db);
    let failed;
    try {
      failed = await t.app.inject({ method: 'GET', url: '/api/public/lists' });
    } finally {
      await sql`ALTER TABLE disclosure_list_away RENAME TO disclosure_list`.execute(db);
    }
    expect(failed.statusCode).toBe(500);
    const requestId = failed.headers['x-request-id'];
    expect(failed.json()).toEqual({ code: 'internal', message: expect.stringContaining(String(requestId)), requestId });
    expect(failed.body).not.toMatch(/disclosure_list|select|relation|at .*\.js/i);
    const logged = logLines.map((l) => JSON.parse(l)).find((l) => l.reqId === requestId);
    expect(logged).toMatchObject({ level: 50, msg: 'unexpected error' });
    expect(logged.err.message).toMatch(/disclosure_list/);
    expect(logged.err.stack).toBeTruthy();
    // The same route and others answer normally at once.
    expect((await t.app.inject({ method: 'GET', url: '/api/public/lists' })).statusCode).toBe(200);
    expect((await officer.get('/api/employers')).statusCode).toBe(200);
  });

  it('refuses NUL and other control characters in JSON bodies, query strings and parameters with 400', async () => {
    const employer = {
      code: 'HN0000050',
      taxCode: '0105000050',
      name: 'Công ty TNHH\u0000 Bình An',
      address: '',
      officeId: t.world.offices.hni01,
      ownership: 'private',
      headcount: 10,
      status: 'active',
      paymentCycle: 1,
    };
    const nul = await officer.request('POST', '/api/employers', employer);
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ code: 'control_character', field: 'body.name' });
    expect(nul.json().message).toMatch(/body\.name.*ký tự điều khiển.*control character/);
    const ansiEscape = await officer.request('POST', '/api/employers', {
      ...employer,
      name: 'Bình An',
      address: 'Số 1\u001b[31m',
    });
    expect(ansiEscape.json()).toMatchObject({ code: 'control_character', field: 'body.address' });
    const query = await officer.get('/api/employers?q=nguy%00en');
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ code: 'control_character', field: 'query.q' });
    const tabInQuery = await officer.get('/api/employers?q=nguyen%09hoang');
    expect(tabInQuery.json()).toMatchObject({ code: 'control_character', field: 'query.q' });
    const params = await officer.request('POST', '/api/imports/pay%00ments?fileName=p.csv', 'x', {
      'content-type': 'text/csv',
    });
    expect(params.json()).toMatchObject({ code: 'control_character', field: 'params.kind' });
    const publicQuery = await t.app.inject({ method: 'GET', url: '/api/public/lists?x=%01' });
    expect(publicQuery.json()).toMatchObject({ code: 'control_character', field: 'query.x' });
    // Tabs and line breaks are text in a body; the employer is created with them.
    const created = await officer.request('POST', '/api/employers', {
      ...employer,
      name: 'Công ty TNHH Bình An',
      address: 'Số 1,\r\n\tphố Huế',
    });
    expect(created.statusCode).toBe(201);
    expect((await officer.get(`/api/employers/${created.json().id}`)).json().address).toBe('Số 1,\r\n\tphố Huế');
  });
});
