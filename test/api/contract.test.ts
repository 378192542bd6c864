import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext, type TestRoute } from '../support/app.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the API contract', () => {
  let t: TestContext;
  const routes: TestRoute[] = [];
  beforeAll(async () => {
    // The routes and their schemas do not depend on the database: one kind is enough.
    t = await startTestApp('pglite', { routes });
  });
  afterAll(() => t.close());

  it('declares the answer of every route for its success codes in the OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    const paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> = response.json().paths;
    const served = routes.filter((r) => r.url.startsWith('/api/') || ['/healthz', '/readyz'].includes(r.url));
    expect(served.length).toBeGreaterThan(60);
    const undeclared = served.filter((r) => {
      if (r.method === 'HEAD') return false;
      const operation = paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      return !Object.keys(operation?.responses ?? {}).some((code) => /^2\d\d$/.test(code));
    });
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  // The web reads the server's schemas through type-only imports, so `tsc -p web/tsconfig.json` (run by npm test) is
  // the check that they agree. This proves it is one: a copy of the tree where the server's schemas drift from what
  // the web reads (a field made optional, a required field added to a request) must not typecheck.
  it('fails the web typecheck when a schema drifts from what the web reads and sends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-contract-'));
    try {
      cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
      cpSync(join(root, 'web'), join(dir, 'web'), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      drift(
        join(dir, 'src/features/auth/schemas.ts'),
        'export const Session = Type.Object({ user: User, csrfToken: Type.String() });',
        'export const Session = Type.Object({ user: User, csrfToken: Type.Optional(Type.String()) });',
      );
      drift(
        join(dir, 'src/features/feedback/schemas.ts'),
        '{ category: FeedbackCategory, title: Type.String({ minLength: 3, maxLength: 300 }), body: Body },',
        '{ category: FeedbackCategory, title: Type.String({ minLength: 3, maxLength: 300 }), body: Body, officeId: Type.Integer() },',
      );

      const tsc = spawnSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'web/tsconfig.json'), '--pretty', 'false'],
        {
          encoding: 'utf8',
        },
      );
      expect(tsc.status).not.toBe(0);
      const errors = tsc.stdout.split('\n').filter((line) => line.includes('error TS'));
      // The answer the web keeps its token from, and the request it builds for a new feedback thread.
      expect(errors.some((e) => e.includes('web/src/api/client.ts'))).toBe(true);
      expect(errors.some((e) => e.includes('web/src/feedback/FeedbackListPage.tsx'))).toBe(true);
      expect(tsc.stdout).toContain("Property 'officeId' is missing");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

/** Rewrites one line of a copied schema, failing loudly if the line is no longer there to change. */
function drift(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}
