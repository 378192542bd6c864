import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_COLUMNS } from '../../src/domain/list-labels.js';
import { login, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { startLateEmployersApp } from '../support/worklist-seed.js';

const codes = (list: { items: { code: string }[] }) => list.items.map((i) => i.code);
const candidateCodes = (list: { items: { employer: { code: string } }[] }) => list.items.map((i) => i.employer.code);

async function workbook(response: { statusCode: number; rawPayload: Buffer }) {
  expect(response.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

const heads = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);
const column = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getColumn(n).values as unknown[]).slice(2);

/**
 * The lists other than the worklist, worked through the same way: the employers, the late employers and the
 * inspection candidates searched without diacritics, filtered, sorted by any column and exported as filtered.
 */
describe.each(DATABASE_KINDS)('working through the lists of employers on %s', (kind) => {
  let t: TestContext;
  let officer: Agent; // cán bộ BHXH cơ sở Ba Đình
  let director: Agent; // giám đốc BHXH Hà Nội

  beforeAll(async () => {
    ({ t, officer, director } = await startLateEmployersApp(kind));
  });
  afterAll(() => t.close());

  it('filters the employers by amount, band, step and official, searched without diacritics', async () => {
    const big = (await director.get('/api/employers?minAmount=100000000&sort=lateAmount&order=desc')).json();
    expect(codes(big)).toEqual(['HN0000105', 'HN0000101', 'HN0000102', 'HN0000103']);
    expect(big.items[0]).toMatchObject({ lateAmount: 300_000_000, band: '1-2', step: 'urged' });
    const upTo = (await director.get('/api/employers?minAmount=50000000&maxAmount=120000000&sort=code')).json();
    expect(codes(upTo)).toEqual(['HN0000102', 'HN0000103', 'HN0000104']);
    expect(codes((await director.get('/api/employers?step=urged')).json())).toEqual(['HN0000105']);
    expect(codes((await director.get('/api/employers?band=none')).json())).not.toContain('HN0000101');
    expect(codes((await director.get('/api/employers?q=det%20may%20DONG%20do')).json())).toEqual(['HN0000102']);
    expect(codes((await director.get(`/api/employers?q=${encodeURIComponent('bánh kẹo 0109')}`)).json())).toEqual([
      'HN0000103',
    ]);
    const his = (await director.get(`/api/employers?userId=${t.world.users.hni01Officer}&sort=code`)).json();
    expect(codes(his)).toEqual([
      'HN0000001',
      'HN0000003',
      'HN0000101',
      'HN0000102',
      'HN0000103',
      'HN0000104',
      'HN0000105',
    ]);
  });

  it('sorts the employers by any column either way, on the server, across pages', async () => {
    const byStep = (await director.get('/api/employers?sort=step&order=desc&pageSize=1')).json();
    expect(codes(byStep)).toEqual(['HN0000105']);
    expect(byStep.total).toBe(8);
    const byOwnership = (await director.get('/api/employers?sort=ownership&order=asc')).json();
    expect(byOwnership.items.map((e: { ownership: string }) => e.ownership)).toEqual(
      [...byOwnership.items.map((e: { ownership: string }) => e.ownership)].sort(),
    );
    const second = (await director.get('/api/employers?sort=lateAmount&order=desc&pageSize=2&page=2')).json();
    expect(codes(second)).toEqual(['HN0000102', 'HN0000103']);
  });

  it("never shows an officer another office's employers, whatever the filter", async () => {
    // Đông Anh's cooperative is assigned to him, but lies outside Ba Đình.
    const his = (await officer.get(`/api/employers?userId=${t.world.users.hni01Officer}&pageSize=200`)).json();
    expect(codes(his)).not.toContain('HN0000003');
    expect((await officer.get(`/api/employers?officeId=${t.world.offices.hni02}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/arrears/late?officeId=${t.world.offices.hni02}`)).statusCode).toBe(404);
    const late = (await officer.get('/api/arrears/late?pageSize=200')).json();
    expect(codes(late)).not.toContain('HN0000003');
    const sheet = await workbook(await officer.get('/api/arrears/late/export'));
    expect(column(sheet, 2)).not.toContain('HN0000003');
    expect(column(sheet, 2)).toHaveLength(late.total);
    const hcmOfficial = await officer.get(`/api/employers/export?userId=${t.world.users.hcmOfficer}`);
    expect(hcmOfficial.statusCode).toBe(404);
  });

  it('refuses a hostile filter value with a 400', async () => {
    for (const list of ['/api/employers', '/api/arrears/late', '/api/oversight/inspection/candidates']) {
      for (const bad of [
        'band=1-2%27%3B%20drop%20table%20employer',
        'step=asleep',
        'sort=password',
        'order=sideways',
        'minAmount=-1',
        'maxAmount=1e99',
        'officeId=abc',
        'userId=0',
        `q=${'x'.repeat(201)}`,
        'pageSize=100000',
      ]) {
        const response = await director.get(`${list}?${bad}`);
        expect([list, bad, response.statusCode]).toEqual([list, bad, 400]);
        const exported = await director.get(`${list}/export?${bad}`);
        if (!bad.startsWith('pageSize')) expect([list, bad, exported.statusCode]).toEqual([list, bad, 400]);
      }
      const reversed = await director.get(`${list}/export?minAmount=5&maxAmount=1`);
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().code).toBe('invalid_amount_range');
    }
  });

  it('exports exactly the employers filtered, in their order, with numbers, formats and the shared heads', async () => {
    const filter = 'minAmount=100000000&sort=lateAmount&order=asc';
    const page = (await director.get(`/api/employers?${filter}`)).json();
    const sheet = await workbook(await director.get(`/api/employers/export?${filter}`));
    expect(column(sheet, 2)).toEqual(codes(page));
    expect(heads(sheet).slice(0, 3)).toEqual([LIST_COLUMNS.number.vi, LIST_COLUMNS.code.vi, LIST_COLUMNS.name.vi]);
    const amountColumn = heads(sheet).indexOf(LIST_COLUMNS.lateAmount.vi) + 1;
    const cell = sheet.getRow(2).getCell(amountColumn);
    expect(cell.value).toBe(110_000_000);
    expect(cell.numFmt).toBe('#,##0');
    expect(sheet.getRow(2).getCell(heads(sheet).indexOf(LIST_COLUMNS.step.vi) + 1).value).toBe('Chậm đóng');

    const english = await workbook(
      await director.request('GET', '/api/employers/export?q=gom%20su', undefined, { 'accept-language': 'en' }),
    );
    expect(heads(english).slice(0, 3)).toEqual(['No.', 'Code', 'Employer']);
    expect(column(english, 2)).toEqual(['HN0000105']);
  });

  it('filters, sorts and exports the late employers the same way', async () => {
    const filter = `step=late&minAmount=100000000&userId=${t.world.users.hni01Officer}&sort=name&order=asc`;
    const page = (await director.get(`/api/arrears/late?${filter}`)).json();
    // Cổ phần Dệt may, then TNHH Bánh kẹo, then TNHH Thép.
    expect(codes(page)).toEqual(['HN0000102', 'HN0000103', 'HN0000101']);
    expect(page.items[0].step).toBe('late');
    expect(page.totals.lateAmount).toBe(380_000_000);
    expect(codes((await director.get('/api/arrears/late?q=gom%20su%20bat%20trang')).json())).toEqual(['HN0000105']);
    const byStep = (await director.get('/api/arrears/late?sort=step&order=desc')).json();
    expect(codes(byStep)[0]).toBe('HN0000105');
    const sheet = await workbook(await director.get(`/api/arrears/late/export?${filter}`));
    expect(column(sheet, 2)).toEqual(codes(page));
    const amountColumn = heads(sheet).indexOf(LIST_COLUMNS.lateAmount.vi) + 1;
    expect(column(sheet, amountColumn)).toEqual([120_000_000, 110_000_000, 150_000_000]);
    expect(sheet.getRow(2).getCell(amountColumn).numFmt).toBe('#,##0');
  });

  it('counts the late employers per band under the other filters, the cards a click narrows the list by', async () => {
    type Band = { band: string; employers: number; lateAmount: number };
    const all = (await director.get('/api/arrears/late')).json();
    // Ba Đình's six and Đông Anh's cooperative, each one or two months late.
    expect(all.bands).toEqual([{ band: '1-2', employers: 7, lateAmount: 793_280_000 }]);
    expect(all.bands.reduce((s: number, b: Band) => s + b.employers, 0)).toBe(all.total);
    expect(all.bands.reduce((s: number, b: Band) => s + b.lateAmount, 0)).toBe(all.totals.lateAmount);
    // Over 100 million ₫: Hòa Phát, Dệt may, Tràng An and Bát Tràng, all late since 08/2025.
    const big = (await director.get('/api/arrears/late?minAmount=100000000')).json();
    expect(big.bands).toEqual([{ band: '1-2', employers: 4, lateAmount: 680_000_000 }]);
    for (const { band, employers, lateAmount } of all.bands as Band[]) {
      const one = (await director.get(`/api/arrears/late?band=${encodeURIComponent(band)}&pageSize=200`)).json();
      // The band narrows the rows and their totals, not the cards: each other band stays a click away.
      expect(one.bands).toEqual(all.bands);
      expect([one.total, one.totals.lateAmount]).toEqual([employers, lateAmount]);
      expect(one.items.every((e: { band: string }) => e.band === band)).toBe(true);
    }
    const none = (await director.get('/api/arrears/late?band=6-11')).json();
    expect([none.total, none.totals.lateAmount, none.items]).toEqual([0, 0, []]);
    // The officer's cards count his office only.
    const his = (await officer.get('/api/arrears/late')).json();
    expect(his.bands.reduce((s: number, b: Band) => s + b.employers, 0)).toBe(his.total);
    expect(his.total).toBeLessThan(all.total);
  });

  it('pages, filters, sorts and exports the inspection candidates', async () => {
    const board = await login(t.app, 'banthu');
    const all = (await board.get('/api/oversight/inspection/candidates')).json();
    expect(all.total).toBe(all.items.length);
    const few = (await board.get('/api/oversight/inspection/candidates?pageSize=1&sort=code&order=asc')).json();
    expect(few.items).toHaveLength(Math.min(1, all.total));
    expect(few.total).toBe(all.total);
    const sheet = await workbook(await board.get('/api/oversight/inspection/candidates/export?sort=code&order=asc'));
    expect(column(sheet, 2)).toEqual(candidateCodes(all).sort());
    const none = (await board.get('/api/oversight/inspection/candidates?q=khong%20co%20ai')).json();
    expect(none).toMatchObject({ items: [], total: 0, totalLateAmount: 0 });
  });
});
