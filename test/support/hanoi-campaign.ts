import { recomputePositions } from '../../src/ledger/positions.js';
import { login, startTestApp, type Agent, type TestContext } from './app.js';
import type { DatabaseKind } from './databases.js';

/** A campaign of 13–20/10/2025, its baseline 12/10: the body of POST /api/campaigns without its provinces. */
export const OCTOBER_2025_CAMPAIGN = {
  name: 'Đợt cao điểm tháng 10/2025',
  legalBasis: 'Công văn số 4208/BHXH-TST ngày 13/12/2023',
  firstDay: '2025-10-13',
  lastDay: '2025-10-20',
  baselineDate: '2025-10-12',
  firstDayDeadline: { dayOffset: 1, time: '08:30' },
  dailyDeadline: { dayOffset: 0, time: '18:30' },
};

export interface HanoiCampaign {
  t: TestContext;
  /** Hà Nội's director, who reports. */
  hni: Agent;
  campaignId: number;
}

/**
 * The app on the fixtures at 14/10/2025 with positions computed, and a campaign of 13–20/10/2025 (baseline 12/10) with
 * Hà Nội as its one province: the set-up of the tests of a province's report figures.
 */
export async function startHanoiCampaign(kind: DatabaseKind): Promise<HanoiCampaign> {
  const t = await startTestApp(kind);
  t.clock.advance(new Date('2025-10-14T01:00:00Z').getTime() - t.clock.now().getTime());
  await recomputePositions(t.database.handle.db, t.clock);
  const board = await login(t.app, 'banthu');
  const hni = await login(t.app, 'gd.hni');
  const created = await board.request('POST', '/api/campaigns', {
    ...OCTOBER_2025_CAMPAIGN,
    provinceIds: [t.world.offices.hni],
  });
  return { t, hni, campaignId: created.json().id };
}
