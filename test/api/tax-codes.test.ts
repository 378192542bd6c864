import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';

const HEADER = 'code,tax_code,name,province,office,ownership,headcount,status,payment_cycle\n';
const upload = (agent: Agent, body: string) =>
  agent.request('POST', '/api/imports/employers?fileName=employers.csv', HEADER + body, {
    'content-type': 'text/csv',
    'accept-language': 'en',
  });

/**
 * Sài Gòn (HCM, 0301234567) and Nguyễn Hoàng (Hà Nội, 0101234567) are active (fixtures). A Hà Nội officer copying
 * Sài Gòn's tax code would make the public award check answer for Sài Gòn with Hà Nội's figures.
 */
describe.each(DATABASE_KINDS)('one active employer per tax code on %s', (kind) => {
  let t: TestContext;
  let hni: Agent;
  const fields = (overrides: Record<string, unknown>) => ({
    code: 'HN0000060',
    taxCode: '0106000060',
    name: 'Công ty TNHH Minh Châu',
    address: '',
    officeId: t.world.offices.hni01,
    ownership: 'private',
    headcount: 12,
    status: 'active',
    paymentCycle: 1,
    ...overrides,
  });
  beforeAll(async () => {
    t = await startTestApp(kind);
    hni = await login(t.app, 'gd.hni');
  });
  afterAll(() => t.close());

  it("refuses to register an employer with the tax code of another province's employer, without naming it", async () => {
    const response = await hni.request('POST', '/api/employers', fields({ taxCode: '0301234567' }));
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('duplicate_tax_code');
    expect(response.json().employer).toBeUndefined();
    expect(response.body).not.toMatch(/Sài Gòn|HC0000001/);
    const award = (await t.app.inject({ method: 'GET', url: '/api/public/award-check?taxCode=0301234567' })).json();
    expect(award.employers.map((e: { name: string }) => e.name)).toEqual(['Công ty TNHH Điện tử Sài Gòn']);
  });

  it('names the other employer when it is in scope', async () => {
    const response = await hni.request('POST', '/api/employers', fields({ taxCode: '0101234567' }));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'duplicate_tax_code',
      employer: { code: 'HN0000001', name: 'Công ty TNHH Nguyễn Hoàng' },
    });
    const admin = await login(t.app, 'admin');
    const national = await admin.request('POST', '/api/employers', fields({ taxCode: '0301234567' }));
    expect(national.json()).toMatchObject({ code: 'duplicate_tax_code', employer: { code: 'HC0000001' } });
  });

  it("refuses an edit that takes another active employer's tax code, and allows a stopped employer to keep an old one", async () => {
    const edit = await hni.request('PATCH', `/api/employers/${t.world.employers.ducThanh}`, { taxCode: '0301234567' });
    expect(edit.statusCode).toBe(409);
    expect(edit.body).not.toMatch(/Sài Gòn|HC0000001/);
    // A dissolved employer with the same tax code as an active one is history, not a second live employer.
    const created = await hni.request('POST', '/api/employers', fields({ taxCode: '0101234567', status: 'dissolved' }));
    expect(created.statusCode).toBe(201);
    const reactivate = await hni.request('PATCH', `/api/employers/${created.json().id}`, { status: 'active' });
    expect(reactivate.statusCode).toBe(409);
    expect(reactivate.json().employer.code).toBe('HN0000001');
    expect(
      (
        await hni.request('PATCH', `/api/employers/${t.world.employers.nguyenHoang}`, {
          name: 'Công ty TNHH Nguyễn Hoàng',
        })
      ).statusCode,
    ).toBe(204);
  });

  it('refuses an employers file that repeats a tax code or takes one in use, by line and column', async () => {
    const response = await upload(
      hni,
      [
        'HN0000070,0107000070,Công ty A,HNI,HNI-01,private,10,active,1',
        'HN0000071,0107000070,Công ty B,HNI,HNI-01,private,10,active,1',
        'HN0000072,0301234567,Công ty C,HNI,HNI-01,private,10,active,1',
        'HN0000073,0101234567,Công ty D,HNI,HNI-01,private,10,active,1',
        'HN0000074,0101234567,Công ty E,HNI,HNI-01,private,10,dissolved,1',
      ].join('\n') + '\n',
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      expect.objectContaining({
        line: 3,
        column: 2,
        columnName: 'tax_code',
        message: 'tax code "0107000070" already appears on line 2',
      }),
      expect.objectContaining({
        line: 4,
        column: 2,
        message: 'tax code "0301234567" is used by another active employer',
      }),
      expect.objectContaining({
        line: 5,
        column: 2,
        message: 'tax code "0101234567" is used by employer HN0000001 (Công ty TNHH Nguyễn Hoàng)',
      }),
    ]);
  });

  it('refuses a file in which two employers trade tax codes, which only the index can see', async () => {
    const response = await upload(
      hni,
      [
        'HN0000001,0102345678,Công ty TNHH Nguyễn Hoàng,HNI,HNI-01,private,25,active,1',
        'HN0000002,0101234567,Công ty Cổ phần Xây dựng Đức Thành,HNI,HNI-01,private,25,active,1',
      ].join('\n') + '\n',
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].message).toMatch(/share a tax code/);
    const stored = await t.database.handle.db
      .selectFrom('employer')
      .select(['code', 'tax_code'])
      .where('code', 'in', ['HN0000001', 'HN0000002'])
      .orderBy('code')
      .execute();
    expect(stored.map((e) => e.tax_code)).toEqual(['0101234567', '0102345678']);
  });
});
