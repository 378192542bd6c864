import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, parseRuleSet } from '../../src/domain/rules.js';
import { lateRatioDenominator, lateRatioDenominators } from '../../src/ledger/late-ratio.js';
import type { Agent, TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { startHanoiCampaign } from '../support/hanoi-campaign.js';

/**
 * The receivable a late ratio is taken of is summed once and kept while the obligations and employers keep their
 * version: a write to either, whatever wrote it, shows in the very next figure.
 */
const RULES = parseRuleSet(DEFAULT_RULES);

describe.each(DATABASE_KINDS)('the late-ratio denominator kept between requests on %s', (kind) => {
  let t: TestContext;
  let hni: Agent;
  let campaignId: number;
  // Hà Nội's receivable of 2025 in the fixtures: Nguyễn Hoàng's two months.
  const RECEIVABLE = 65_280_000;
  const draftDenominator = async () =>
    (await hni.get(`/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-13`)).json().draft.denominators
      .day;

  // The same receivable, by office, in the arrears summary of Hà Nội.
  const summaryReceivable = async () =>
    (await hni.get(`/api/arrears/summary?officeId=${t.world.offices.hni}`))
      .json()
      .offices.reduce((sum: number, o: { receivable: number }) => sum + o.receivable, 0);

  beforeAll(async () => {
    ({ t, hni, campaignId } = await startHanoiCampaign(kind));
  });
  afterAll(() => t.close());

  it('sums the obligations imported since on the next request', async () => {
    expect(await draftDenominator()).toBe(RECEIVABLE);
    expect(await draftDenominator()).toBe(RECEIVABLE);
    expect(await summaryReceivable()).toBe(RECEIVABLE);
    await t.database.handle.db
      .insertInto('obligation')
      .values({ employer_id: t.world.employers.nguyenHoang, period: '2025-08', fund: 'BHXH', amount: 1_000_000 })
      .execute();
    expect(await draftDenominator()).toBe(RECEIVABLE + 1_000_000);
    expect(await summaryReceivable()).toBe(RECEIVABLE + 1_000_000);
    await t.database.handle.db
      .deleteFrom('obligation')
      .where('employer_id', '=', t.world.employers.nguyenHoang)
      .where('period', '=', '2025-08')
      .execute();
    expect(await draftDenominator()).toBe(RECEIVABLE);
  });

  it('moves the receivable with an employer moved to another office', async () => {
    const db = t.database.handle.db;
    const { hni: hniOffice, hcm, hcm01 } = t.world.offices;
    const paths = await db.selectFrom('office').select(['id', 'path']).where('id', 'in', [hniOffice, hcm]).execute();
    const provinces = paths.sort((a, b) => (a.id === hniOffice ? -1 : b.id === hniOffice ? 1 : 0));
    const before = await lateRatioDenominators(db, RULES, provinces, 2025);
    expect(before.get(hniOffice)).toBe(RECEIVABLE);
    await db
      .updateTable('employer')
      .set({ office_id: hcm01, province_id: hcm })
      .where('id', '=', t.world.employers.nguyenHoang)
      .execute();
    const after = await lateRatioDenominators(db, RULES, provinces, 2025);
    expect(after.get(hniOffice)).toBeNull();
    expect(after.get(hcm)).toBe(before.get(hcm)! + RECEIVABLE);
    expect(await lateRatioDenominator(db, RULES, provinces[0]!, 2025)).toBeNull();
    expect(await draftDenominator()).toBeNull();
    expect(await summaryReceivable()).toBe(0);
  });
});
