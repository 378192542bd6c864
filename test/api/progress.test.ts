import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/features/auth/service.js';
import { documentsZip } from '../../src/features/documents/bundle.js';
import { importLedgerFile, type ImportProgress } from '../../src/features/imports/service.js';
import { startProgress, type ProgressReporter } from '../../src/features/progress/service.js';
import type { ProgressState } from '../../src/features/progress/schemas.js';
import { officeNotices } from '../../src/features/statements/service.js';
import { login, type Agent, startTestApp, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

const ID = '0123456789abcdef0123456789abcdef';

/** A reporter that keeps every state it is told, in order. */
function collecting(): ProgressReporter & { states: ProgressState[] } {
  const states: ProgressState[] = [];
  return { states, report: (s) => void states.push(s), finish: async () => {} };
}

/** The phases in the order they were first told. */
const phasesOf = (states: { phase: string }[]) => [...new Set(states.map((s) => s.phase))];

describe.each(DATABASE_KINDS)('progress of long work on %s', (kind) => {
  let t: TestContext;
  let hni: Agent;
  let hcm: Agent;
  let admin: Agent;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    [hni, hcm, admin] = await Promise.all([login(t.app, 'gd.hni'), login(t.app, 'gd.hcm'), login(t.app, 'admin')]);
    dir = mkdtempSync(join(tmpdir(), 'dondoc-progress-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it("shows a user their own work's progress, and nobody else's, not even the national administrator", async () => {
    const progress = await startProgress(t.filesDir, t.clock, t.world.users.hniDirector, ID, 'import');
    try {
      progress.report({ phase: 'reading', read: 1200, checked: 0, applied: 0 });
      await expect.poll(async () => (await hni.get(`/api/progress/${ID}`)).statusCode).toBe(200);
      expect((await hni.get(`/api/progress/${ID}`)).json()).toEqual({
        work: 'import',
        phase: 'reading',
        read: 1200,
        checked: 0,
        applied: 0,
        updatedAt: t.clock.now().toISOString(),
      });
      for (const other of [hcm, admin]) {
        const response = await other.get(`/api/progress/${ID}`);
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe('not_found');
      }
    } finally {
      await progress.finish();
    }
    // Ended work leaves nothing to read.
    expect((await hni.get(`/api/progress/${ID}`)).statusCode).toBe(404);
  });

  it('refuses ids that are not 32 lowercase hexadecimal digits, on the progress route and on the work routes', async () => {
    const hostile = [
      '..%2F..%2Fetc%2Fpasswd',
      'abc',
      'A'.repeat(32),
      '0'.repeat(31),
      '0'.repeat(33),
      `${'0'.repeat(27)}.json`,
      `${'0'.repeat(31)}%00`,
      `${'0'.repeat(16)}%2F${'0'.repeat(15)}`,
    ];
    for (const id of hostile) {
      const response = await hni.get(`/api/progress/${id}`);
      expect(response.statusCode, id).toBe(400);
    }
    const bad = encodeURIComponent('../x');
    const imported = await hni.request('POST', `/api/imports/payments?fileName=p.csv&progress=${bad}`, 'x', {
      'content-type': 'text/csv',
    });
    expect(imported.statusCode).toBe(400);
    const notices = await hni.get(`/api/offices/${t.world.offices.hni}/c12-ts?month=2025-09&progress=${bad}`);
    expect(notices.statusCode).toBe(400);
    const zipped = await hni.request('POST', `/api/documents/zip?progress=${bad}`, { ids: [1] });
    expect(zipped.statusCode).toBe(400);
  });

  it('reports an import row by row: read, checked against the stored rows, written, then the positions recomputed', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `HN0000001,2025-10-${String((i % 9) + 1).padStart(2, '0')},1000,PRG-${i}`,
    );
    const path = join(dir, 'payments.csv');
    writeFileSync(path, `employer,date,amount,reference\n${rows.join('\n')}\n`);
    const root = await t.database.handle.db
      .selectFrom('office')
      .select(['id', 'path'])
      .where('code', '=', 'VN')
      .executeTakeFirstOrThrow();
    const actor = { userId: null, scope: root.path, officeId: root.id };

    const checkedOnly: ImportProgress[] = [];
    const dry = await importLedgerFile(
      t.database.handle,
      t.clock,
      actor,
      'payments',
      path,
      'p.csv',
      (p) => void checkedOnly.push(p),
      undefined,
      { dryRun: true },
    );
    expect(dry.status).toBe('checked');
    expect(phasesOf(checkedOnly)).toEqual(['reading', 'checking', 'comparing']);
    expect(checkedOnly.at(-1)).toMatchObject({ read: 30, checked: 30, applied: 0 });

    const states: ImportProgress[] = [];
    const result = await importLedgerFile(
      t.database.handle,
      t.clock,
      actor,
      'payments',
      path,
      'p.csv',
      (p) => void states.push(p),
    );
    expect(result.status).toBe('imported');
    // On the embedded database the file is staged, then checked and written in steps; on the server, COPY checks
    // and writes each row as it is read.
    expect(phasesOf(states)).toEqual(
      kind === 'pglite' ? ['reading', 'checking', 'applying', 'refreshing'] : ['applying', 'refreshing'],
    );
    expect(states.at(-1)).toEqual({ phase: 'refreshing', read: 30, checked: 30, applied: 30, done: 1, total: 1 });
    // The counts only move forward.
    for (const [a, b] of states.slice(1).map((s, i) => [states[i]!, s] as const)) {
      expect(b.read).toBeGreaterThanOrEqual(a.read);
      expect(b.applied).toBeGreaterThanOrEqual(a.applied);
    }
  });

  it('reports the C12-TS zip of an office by employers read, then notices rendered', async () => {
    const hanoi = await t.database.handle.db
      .selectFrom('office')
      .select('path')
      .where('id', '=', t.world.offices.hni)
      .executeTakeFirstOrThrow();
    const progress = collecting();
    const result = await officeNotices(
      t.database.handle.db,
      hanoi.path,
      t.world.offices.hni,
      '2025-09',
      'xlsx',
      '2025-10-15',
      1,
      progress,
    );
    expect(result.count).toBeGreaterThan(0);
    expect(phasesOf(progress.states)).toEqual(['loading', 'rendering']);
    const employers = progress.states.filter((s) => s.phase === 'loading').at(-1)!;
    expect(employers.done).toBe(employers.total);
    expect(progress.states.at(-1)).toEqual({ phase: 'rendering', done: result.count, total: result.count });
  });

  it('reports the zip of issued letters by documents read, then the zip made', async () => {
    const officer = await login(t.app, 'cb.hni01');
    const recorded = await officer.request('POST', '/api/actions', {
      employerIds: [t.world.employers.nguyenHoang],
      kind: 'urging_letter',
      date: '2025-10-15',
    });
    const ids = (recorded.json().actions as { documentId: number }[]).map((a) => a.documentId);
    const progress = collecting();
    await documentsZip(t.database.handle.db, { scope: '/' } as SessionUser, ids, progress);
    expect(phasesOf(progress.states)).toEqual(['loading', 'zipping']);
    expect(progress.states.at(-1)).toEqual({ phase: 'zipping', done: 100, total: 100 });

    // Through the route, with a progress id: the zip as before, and no record left once it is sent.
    const response = await officer.request('POST', `/api/documents/zip?progress=${ID}`, { ids });
    expect(response.statusCode).toBe(200);
    expect((await officer.get(`/api/progress/${ID}`)).statusCode).toBe(404);
  });
});
