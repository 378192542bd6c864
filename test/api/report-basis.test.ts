import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { login, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { startHanoiCampaign } from '../support/hanoi-campaign.js';

const BY_FUND = { id: DEFAULT_RULES.id, name: DEFAULT_RULES.name, allocation: 'by-fund' };
const BY_PERIOD = { id: 'theo-ky', name: 'Phân bổ theo kỳ (quy tắc v1)', allocation: 'by-period' };

/**
 * A campaign report's figures carry the rule sets they were computed under, baseline and day each its own: a frozen
 * version keeps them when another rule set comes into force, while a new draft (and an amendment) shows the new one.
 */
/** Every text cell of a downloaded workbook's first sheet, one per line. */
async function sheetText(agent: Agent, url: string): Promise<string> {
  const response = await agent.get(url);
  expect(response.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const lines: string[] = [];
  book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => lines.push(String(cell.value))));
  return lines.join('\n');
}

describe.each(DATABASE_KINDS)('the rule set a campaign report was computed under on %s', (kind) => {
  let t: TestContext;
  let hni: Agent;
  let campaignId: number;
  const report = async (day: string) =>
    (await hni.get(`/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/${day}`)).json();

  beforeAll(async () => {
    ({ t, hni, campaignId } = await startHanoiCampaign(kind));
  });
  afterAll(() => t.close());

  it('freezes the rule set with the figures and keeps it after the rule set changes', async () => {
    const before = await report('2025-10-13');
    expect(before.draft.ruleSets).toEqual({ baseline: BY_FUND, day: BY_FUND });
    const submitted = await hni.request(
      'POST',
      `/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-13/submit`,
      {
        notes: { difficulties: '', proposals: '', directorNote: '' },
      },
    );
    expect(submitted.json()).toEqual({ version: 1, status: 'on_time' });

    // From 13/10 payments are allocated period by period again: the baseline (12/10) stays under the earlier rules.
    await t.database.handle.db
      .insertInto('rule_set')
      .values({
        id: BY_PERIOD.id,
        name: BY_PERIOD.name,
        effective_from: '2025-10-13',
        body: JSON.stringify({
          ...DEFAULT_RULES,
          id: BY_PERIOD.id,
          name: BY_PERIOD.name,
          effectiveFrom: '2025-10-13',
          allocation: 'by-period',
        }),
      })
      .execute();

    const after = await report('2025-10-13');
    expect(after.versions[0].figures.ruleSets).toEqual({ baseline: BY_FUND, day: BY_FUND });
    expect(after.versions[0].figures.rows).toEqual(before.draft.rows);
    expect(after.draft.ruleSets).toEqual({ baseline: BY_FUND, day: BY_PERIOD });

    const amended = await hni.request(
      'POST',
      `/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-13/amend`,
      {
        notes: { difficulties: '', proposals: '', directorNote: '' },
        reason: 'Quy tắc phân bổ mới có hiệu lực',
      },
    );
    expect(amended.json()).toEqual({ version: 2, status: 'on_time' });
    const versions = (await report('2025-10-13')).versions;
    expect(versions.map((v: { figures: { ruleSets: unknown } }) => v.figures.ruleSets)).toEqual([
      { baseline: BY_FUND, day: BY_FUND },
      { baseline: BY_FUND, day: BY_PERIOD },
    ]);

    // The board reads the latest version with the rules it was frozen under.
    const board = await login(t.app, 'banthu');
    const day = (await board.get(`/api/campaigns/${campaignId}/board?day=2025-10-13`)).json();
    expect(day.provinces[0].figures.ruleSets).toEqual({ baseline: BY_FUND, day: BY_PERIOD });
    expect(day.ruleSets).toEqual([{ baseline: BY_FUND, day: BY_PERIOD }]);

    // The printed report and the national table say the same, in words.
    const rules =
      'Số liệu tại thời điểm mốc tính theo: phân bổ theo từng quỹ, trả cả tiền chậm đóng (quy tắc v2) — bộ quy tắc ' +
      `"${BY_FUND.name}"; trong ngày và lũy kế: phân bổ theo kỳ, chỉ trả tiền gốc (quy tắc v1) — bộ quy tắc ` +
      `"${BY_PERIOD.name}".`;
    expect(
      await sheetText(hni, `/api/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-13/export`),
    ).toContain(rules);
    expect(await sheetText(board, `/api/campaigns/${campaignId}/board/export?day=2025-10-13`)).toContain(rules);
  });

  it('answers a version frozen before the rule set was kept with none, and its figures as they were', async () => {
    const { draft } = await report('2025-10-13');
    const { ruleSets: _ruleSets, ...figures } = draft;
    const db = t.database.handle.db;
    const user = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'gd.hni')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('campaign_report')
      .values({
        campaign_id: campaignId,
        office_id: t.world.offices.hni,
        report_day: '2025-10-14',
        version: 1,
        figures: JSON.stringify(figures),
        notes: JSON.stringify({ difficulties: '', proposals: '', directorNote: '' }),
        data_version: JSON.stringify(figures.dataVersion),
        amendment_reason: null,
        submitted_by: user.id,
        submitted_at: new Date('2025-10-14T10:00:00Z'),
      })
      .execute();
    t.clock.advance(new Date('2025-10-14T12:00:00Z').getTime() - t.clock.now().getTime());
    hni = await login(t.app, 'gd.hni');
    const r = await report('2025-10-14');
    expect(r.versions).toHaveLength(1);
    expect(r.versions[0].figures).not.toHaveProperty('ruleSets');
    expect(r.versions[0].figures.rows).toEqual(figures.rows);
    expect(r.draft.ruleSets).toEqual({ baseline: BY_FUND, day: BY_PERIOD });
  });
});
