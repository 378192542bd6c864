import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { startLateEmployersApp } from '../support/worklist-seed.js';

interface Item {
  employer: { id: number; code: string; name: string };
  tier: string;
  lateAmount: number;
  step: string;
}
const codes = (list: { items: Item[] }) => list.items.map((i) => i.employer.code);

/** The worklist narrowed, sorted and exported, and the letters of many employers fetched as one zip. */
describe.each(DATABASE_KINDS)('working through the worklist on %s', (kind) => {
  let t: TestContext;
  let officer: Agent; // cán bộ BHXH cơ sở Ba Đình
  let director: Agent; // giám đốc BHXH Hà Nội
  let hcm: Agent;
  let ids: Record<string, number>;

  beforeAll(async () => {
    ({ t, officer, director, ids } = await startLateEmployersApp(kind));
    hcm = await login(t.app, 'gd.hcm');
  });
  afterAll(() => t.close());

  it('narrows to what must be done now over 100 million ₫, with the cards counting what the other filters keep', async () => {
    const all = (await officer.get('/api/worklist')).json();
    expect(all.total).toBe(6);
    expect(all.counts.today).toBe(5);
    const big = (await officer.get('/api/worklist?minAmount=100000000')).json();
    expect(codes(big)).toEqual(['HN0000101', 'HN0000102', 'HN0000103', 'HN0000105']);
    expect(big.counts).toEqual({ today: 3, this_week: big.counts.this_week, later: big.counts.later });
    expect(big.counts.this_week + big.counts.later).toBe(1);
    const now = (await officer.get('/api/worklist?minAmount=100000000&tier=today')).json();
    expect(codes(now)).toEqual(['HN0000101', 'HN0000102', 'HN0000103']);
    expect(now.total).toBe(3);
    expect(now.totalLateAmount).toBe(380_000_000);
    // The cards still count every tier of the amount filter, so the others can be clicked to.
    expect(now.counts).toEqual(big.counts);
    const upTo = (await officer.get('/api/worklist?minAmount=50000000&maxAmount=120000000')).json();
    expect(codes(upTo)).toEqual(['HN0000102', 'HN0000103', 'HN0000104']);
  });

  it('finds employers by words without diacritics, in the code, tax code or name', async () => {
    expect(codes((await officer.get('/api/worklist?q=det%20may%20dong%20do')).json())).toEqual(['HN0000102']);
    expect(codes((await officer.get(`/api/worklist?q=${encodeURIComponent('NGUYỄN hoang')}`)).json())).toEqual([
      'HN0000001',
    ]);
    expect(codes((await officer.get('/api/worklist?q=0109000103')).json())).toEqual(['HN0000103']);
    expect(codes((await officer.get('/api/worklist?q=banh%20keo%20gom')).json())).toEqual([]);
  });

  it('filters by step and band and sorts by any column either way', async () => {
    expect(codes((await officer.get('/api/worklist?step=urged')).json())).toEqual(['HN0000105']);
    expect(codes((await officer.get('/api/worklist?band=1-2&sort=code&order=asc')).json())).toEqual([
      'HN0000001',
      'HN0000101',
      'HN0000102',
      'HN0000103',
      'HN0000104',
      'HN0000105',
    ]);
    const byAmount = (await officer.get('/api/worklist?sort=lateAmount&order=asc')).json();
    expect(byAmount.items.map((i: Item) => i.lateAmount)).toEqual([
      13_280_000, 60_000_000, 110_000_000, 120_000_000, 150_000_000, 300_000_000,
    ]);
    const byName = (await officer.get('/api/worklist?sort=name&order=desc&pageSize=2&page=1')).json();
    expect(byName.items.map((i: Item) => i.employer.name)).toEqual([
      'Công ty TNHH Thép Hòa Phát Hà Nội',
      'Công ty TNHH Nguyễn Hoàng',
    ]);
    expect(byName.total).toBe(6);
    // The list's own order, reversed: the least pressing first.
    const reversed = (await officer.get('/api/worklist?order=desc')).json();
    expect(codes(reversed)[0]).toBe('HN0000105');
  });

  it("filters an official's list by office within the director's scope, and no further", async () => {
    const whole = (await director.get(`/api/worklist?userId=${t.world.users.hni01Officer}`)).json();
    expect(codes(whole)).toContain('HN0000003');
    const dongAnh = (
      await director.get(`/api/worklist?userId=${t.world.users.hni01Officer}&officeId=${t.world.offices.hni02}`)
    ).json();
    expect(codes(dongAnh)).toEqual(['HN0000003']);
    const outside = await director.get(
      `/api/worklist?userId=${t.world.users.hni01Officer}&officeId=${t.world.offices.hcm}`,
    );
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('not_found');
    // The officer's own scope ends at Ba Đình: Đông Anh's office is not his to filter by.
    expect((await officer.get(`/api/worklist?officeId=${t.world.offices.hni02}`)).statusCode).toBe(404);
  });

  it('refuses a filter it cannot apply, by a code the web words in Vietnamese or English', async () => {
    const reversed = await officer.get('/api/worklist?minAmount=5&maxAmount=1');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toEqual({
      code: 'invalid_amount_range',
      message: 'Số tiền "từ" lớn hơn số tiền "đến" / the lowest amount asked for exceeds the highest',
    });
    expect((await officer.get('/api/worklist?step=asleep')).statusCode).toBe(400);
    expect((await officer.get('/api/worklist?sort=password')).statusCode).toBe(400);
  });

  it('exports exactly what is filtered as .xlsx, amounts as numbers and days as dates', async () => {
    const response = await officer.get('/api/worklist/export?minAmount=100000000&tier=today&sort=lateAmount&order=asc');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('viec-hom-nay-2025-10-15.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(2).value).toBe('Mã đơn vị');
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value)).toEqual(['HN0000103', 'HN0000102', 'HN0000101']);
    const amount = sheet.getRow(2).getCell(7);
    expect(amount.value).toBe(110_000_000);
    expect(amount.numFmt).toBe('#,##0');
    expect(sheet.getRow(2).getCell(6).value).toBe('Cần làm ngay');
    const since = sheet.getRow(2).getCell(12);
    expect(since.value).toEqual(new Date('2025-10-01T00:00:00Z'));
    expect(since.numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getRow(2).getCell(14).value).toEqual(new Date('2025-10-10T00:00:00Z'));

    const english = await officer.request('GET', '/api/worklist/export?q=bat%20trang', undefined, {
      'accept-language': 'en',
    });
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    expect(enBook.worksheets[0]!.getRow(1).getCell(2).value).toBe('Code');
    expect(enBook.worksheets[0]!.rowCount).toBe(2);
    expect(enBook.worksheets[0]!.getRow(2).getCell(11).value).toBe('Urged');
  });

  it('records a letter for each selected employer and gives them as one zip of .docx', async () => {
    const selected = [ids.HN0000101!, ids.HN0000102!, ids.HN0000103!];
    const recorded = await officer.request('POST', '/api/actions', {
      employerIds: selected,
      kind: 'urging_letter',
      date: '2025-10-15',
    });
    expect(recorded.statusCode).toBe(201);
    const documentIds = recorded.json().actions.map((a: { documentId: number }) => a.documentId);
    expect(documentIds).toHaveLength(3);

    const response = await officer.request('POST', '/api/documents/zip', { ids: documentIds });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    const files = unzipSync(new Uint8Array(response.rawPayload));
    const names = Object.keys(files);
    expect(names).toHaveLength(3);
    for (const [n, code] of ['HN0000101', 'HN0000102', 'HN0000103'].entries()) {
      expect(names[n]).toMatch(new RegExp(`${code}.*\\.docx$`));
      const docx = unzipSync(files[names[n]!]!);
      expect(strFromU8(docx['word/document.xml']!)).toContain(
        ['Thép Hòa Phát Hà Nội', 'Dệt may Đông Đô', 'Bánh kẹo Tràng An'][n]!,
      );
    }
  });

  it("refuses a zip holding a document out of the user's scope, an empty one and one too large", async () => {
    const recorded = await officer.request('POST', '/api/actions', {
      employerIds: [ids.HN0000104],
      kind: 'urging_letter',
      date: '2025-10-15',
    });
    const documentId = recorded.json().actions[0].documentId as number;
    const outside = await hcm.request('POST', '/api/documents/zip', { ids: [documentId] });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('not_found');
    expect((await officer.request('POST', '/api/documents/zip', { ids: [documentId, 999_999] })).statusCode).toBe(404);
    expect((await officer.request('POST', '/api/documents/zip', { ids: [] })).statusCode).toBe(400);
    const tooMany = await officer.request('POST', '/api/documents/zip', {
      ids: Array.from({ length: 201 }, (_, i) => i + 1),
    });
    expect(tooMany.statusCode).toBe(400);
    // The director of the province the employer lies in may fetch it.
    expect((await director.request('POST', '/api/documents/zip', { ids: [documentId] })).statusCode).toBe(200);
  });
});
