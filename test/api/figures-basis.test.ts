import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputePositions } from '../../src/ledger/positions.js';
import { snapshotPositions } from '../../src/ledger/snapshots.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

const LIVE = { kind: 'live', asOf: '2025-10-15', label: 'số liệu trực tiếp' };
const CLOSE = { kind: 'close', asOf: '2025-10-15', label: 'chốt ngày 15/10/2025' };

/**
 * The stored positions (recomputed after every import) and the day's close (its snapshot) carry the same date; every
 * answer with arrears figures says which of the two it gives.
 */
describe.each(DATABASE_KINDS)('live figures and close figures told apart on %s', (kind) => {
  let t: TestContext;
  let board: Agent;
  let officer: Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await recomputePositions(t.database.handle.db, t.clock);
    await snapshotPositions(t.database.handle.db, '2025-10-15');
    board = await login(t.app, 'banthu');
    officer = await login(t.app, 'cb.hni01');
  });
  afterAll(() => t.close());

  it('gives the late list, the summary, the arrears card, the worklist and the inspection views as live figures', async () => {
    expect((await officer.get('/api/arrears/late')).json().basis).toEqual(LIVE);
    expect((await board.get('/api/arrears/summary')).json().basis).toEqual(LIVE);
    expect(
      (await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/arrears?asOf=2025-10-15`)).json().basis,
    ).toEqual(LIVE);
    expect((await officer.get('/api/worklist')).json().basis).toEqual(LIVE);
    expect((await board.get('/api/oversight/inspection?year=2025')).json().basis).toEqual(LIVE);
    const candidates = (await board.get('/api/oversight/inspection/candidates')).json();
    expect(candidates.basis).toEqual(LIVE);
    // The months the page names are the rule set's, as for the coverage.
    expect(candidates.minMonths).toBe(
      (await board.get('/api/oversight/inspection?year=2025')).json().items[0].minMonths,
    );
  });

  it("gives the dashboards' breakdown and trend as the day's close", async () => {
    expect((await board.get('/api/oversight/breakdown')).json().basis).toEqual(CLOSE);
    expect((await board.get('/api/oversight/trend?from=2025-10-01&to=2025-10-15')).json().basis).toEqual(CLOSE);
  });

  it('gives the award answer on live figures', async () => {
    const answer = (await t.app.inject({ method: 'GET', url: '/api/public/award-check?taxCode=0101234567' })).json();
    expect(answer.employers[0].basis).toEqual(LIVE);
  });

  it('says there are no figures yet rather than giving a basis before any computation', async () => {
    const empty = await startTestApp(kind);
    try {
      const agent = await login(empty.app, 'banthu');
      expect((await agent.get('/api/arrears/summary')).json().basis).toBeNull();
      expect((await agent.get('/api/oversight/breakdown')).json().basis).toBeNull();
    } finally {
      await empty.close();
    }
  });
});
