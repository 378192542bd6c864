import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

const upload = (agent: Agent, kind: string, body: string) =>
  agent.request('POST', `/api/imports/${kind}?fileName=${kind}.csv`, body, {
    'content-type': 'text/csv',
    'accept-language': 'en',
  });

/**
 * Nguyễn Hoàng (Hà Nội) paid 32.000.000 on 25/06/2025 with reference UNC-250625-000001 (fixtures). Hồ Chí Minh's
 * director must learn nothing of it from an import, whatever codes and references the file guesses.
 */
describe.each(DATABASE_KINDS)('scope of the look-ups an import makes on %s', (kind) => {
  let t: TestContext;
  let hcm: Agent;
  beforeAll(async () => {
    t = await startTestApp(kind);
    hcm = await login(t.app, 'gd.hcm');
  });
  afterAll(() => t.close());

  it("answers a payment of another province's employer as an unknown employer, without its date or amount", async () => {
    const response = await upload(
      hcm,
      'payments',
      'employer,date,amount,reference\nHN0000001,2025-06-26,1000,UNC-250625-000001\n',
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      {
        file: 'payments.csv',
        line: 2,
        column: 1,
        columnLetter: 'A',
        columnName: 'employer',
        code: 'unknown_employer',
        message: 'unknown employer "HN0000001"',
      },
    ]);
    expect(response.body).not.toContain('32000000');
    expect(response.body).not.toContain('2025-06-25');
  });

  it('still describes the conflicting payment of an employer in scope', async () => {
    const response = await upload(
      hcm,
      'payments',
      'employer,date,amount,reference\nHC0000001,2025-08-29,1000,UNC-250828-000003\n',
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      expect.objectContaining({
        line: 2,
        columnName: 'reference',
        message:
          'reference "UNC-250828-000003" is already recorded for HC0000001 with date 2025-08-28 and amount 900000000',
      }),
    ]);
  });

  it("answers obligations of another province's employer as unknown and writes nothing", async () => {
    const response = await upload(hcm, 'obligations', 'employer,period,fund,amount\nHN0000001,2025-06,BHXH,1\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { message: string }) => e.message)).toEqual(['unknown employer "HN0000001"']);
    const stored = await t.database.handle.db
      .selectFrom('obligation')
      .select('amount')
      .where('employer_id', '=', t.world.employers.nguyenHoang)
      .where('period', '=', '2025-06')
      .where('fund', '=', 'BHXH')
      .executeTakeFirstOrThrow();
    expect(stored.amount).toBe(25_000_000);
  });
});
