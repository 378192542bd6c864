import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { startHanoiCampaign } from '../support/hanoi-campaign.js';

/**
 * A province's report draft gives its arrears again while the books and the payments keep their versions: a payment or
 * an obligation written by anyone, outside the app's own services too, shows in the very next draft.
 *
 * Hà Nội in the fixtures: Nguyễn Hoàng is the one late employer, 13.280.000 of 07/2025 at the baseline (12/10) and on
 * 13/10 alike.
 */
describe.each(DATABASE_KINDS)("a report draft's arrears kept between requests on %s", (kind) => {
  let t: TestContext;
  let hni: Agent;
  let campaignId: number;
  const LATE = 13_280_000;
  const lateAmount = async () => {
    const answer = await hni.get(`/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-13`);
    const rows: { indicator: string; baseline: number; day: number }[] = answer.json().draft.rows;
    const row = rows.find((r) => r.indicator === 'late_amount')!;
    return { baseline: row.baseline, day: row.day };
  };

  beforeAll(async () => {
    ({ t, hni, campaignId } = await startHanoiCampaign(kind));
  });
  afterAll(() => t.close());

  it('takes in a payment written straight into the database, and its removal', async () => {
    expect(await lateAmount()).toEqual({ baseline: LATE, day: LATE });
    expect(await lateAmount()).toEqual({ baseline: LATE, day: LATE });
    const db = t.database.handle.db;
    await db
      .insertInto('payment')
      .values({
        employer_id: t.world.employers.nguyenHoang,
        paid_on: '2025-10-13',
        amount: 5_000_000,
        reference: 'UNC-251013-9',
      })
      .execute();
    expect(await lateAmount()).toEqual({ baseline: LATE, day: LATE - 5_000_000 });
    await db.deleteFrom('payment').where('reference', '=', 'UNC-251013-9').execute();
    expect(await lateAmount()).toEqual({ baseline: LATE, day: LATE });
  });

  it('takes in an obligation changed straight in the database', async () => {
    const db = t.database.handle.db;
    const obligation = db
      .updateTable('obligation')
      .where('employer_id', '=', t.world.employers.nguyenHoang)
      .where('period', '=', '2025-07')
      .where('fund', '=', 'BHXH');
    await obligation.set({ amount: 27_000_000 }).execute();
    expect(await lateAmount()).toEqual({ baseline: LATE + 1_000_000, day: LATE + 1_000_000 });
    await obligation.set({ amount: 26_000_000 }).execute();
    expect(await lateAmount()).toEqual({ baseline: LATE, day: LATE });
  });

  it('gives drafts opened together, which wait for one computation, the same answer', async () => {
    // A draft of another day, so that its arrears are not kept yet and the first request computes them.
    const draft = () => hni.get(`/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-14`);
    const drafts = await Promise.all([draft(), draft(), draft()]);
    for (const answer of drafts) {
      expect(answer.statusCode).toBe(200);
      expect(answer.json().draft.rows.find((r: { indicator: string }) => r.indicator === 'late_amount').day).toBe(LATE);
    }
  });
});
