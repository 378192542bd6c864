import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { employerColumns } from '../../src/features/employers/service.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { documentXml, tablesOf, textOf } from '../support/docx-text.js';
import { readC12 } from '../support/c12.js';

const FUNDS = ['BHXH', 'BHYT', 'BHTN', 'BHTNLD'] as const;

/** Reads the C12-TS .docx back the same way: the figures of rows A–D and their charge rows, 1.234.567 read as numbers. */
function readC12Docx(payload: Buffer) {
  const table = tablesOf(documentXml(payload)).find((rows) => rows[0]?.[0] === 'STT')!;
  const rows = new Map<string, { whole: number[]; charge: number[] }>();
  const numbers = (cells: string[]) => cells.slice(2).map((c) => Number(c.replace(/\./g, '')));
  table.forEach((cells, i) => {
    if (/^[ABCD]$/.test(cells[0]!)) rows.set(cells[0]!, { whole: numbers(cells), charge: numbers(table[i + 1]!) });
  });
  return rows;
}

/**
 * Nguyễn Hoàng's 07/2025 (33.280.000, due 31/08) was paid 20.000.000 on 20/08: 13.280.000 is late through September.
 */
describe.each(DATABASE_KINDS)('C12-TS notice on %s', (kind) => {
  let t: TestContext;
  let officer: Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await login(t.app, 'cb.hni');
  });
  afterAll(() => t.close());

  it('adds up, A + B − C = D per fund, and carries forward what the arrears API says at the month end', async () => {
    const response = await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/c12-ts?month=2025-09`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('c12-ts-HN0000001-2025-09.xlsx');
    const rows = await readC12(response.rawPayload);
    for (const part of ['whole', 'charge'] as const) {
      for (let k = 0; k < 5; k++) {
        expect(rows.get('A')![part][k]! + rows.get('B')![part][k]! - rows.get('C')![part][k]!).toBe(
          rows.get('D')![part][k]!,
        );
      }
    }
    const arrears = (
      await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/arrears?asOf=2025-09-30`)
    ).json();
    expect(arrears.lateAmount).toBe(13_280_000);
    // Nothing of 09/2025 or later is owed: what is carried forward is the late amount and its outstanding charge.
    expect(rows.get('D')!.whole[4]).toBe(arrears.lateAmount + arrears.charge);
    expect(rows.get('D')!.charge[4]).toBe(arrears.charge);
    FUNDS.forEach((fund, k) => expect(rows.get('D')!.charge[k]).toBe(arrears.byFund[fund].charge));
    const before = (
      await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/arrears?asOf=2025-08-31`)
    ).json();
    expect(rows.get('A')!.charge[4]).toBe(before.charge);
  });

  it('writes the same A–D figures in the .docx as in the .xlsx, under the managing office and the employer', async () => {
    const url = `/api/employers/${t.world.employers.nguyenHoang}/c12-ts?month=2025-09`;
    const xlsx = await readC12((await officer.get(url)).rawPayload);
    const response = await officer.get(`${url}&format=docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.headers['content-disposition']).toContain('c12-ts-HN0000001-2025-09.docx');
    const docx = readC12Docx(response.rawPayload);
    expect([...docx.keys()]).toEqual(['A', 'B', 'C', 'D']);
    for (const code of ['A', 'B', 'C', 'D']) expect(docx.get(code)).toEqual(xlsx.get(code));
    // D carries the 13.280.000 late and its charge: written with dots, as VSS prints figures.
    expect(docx.get('D')!.whole[4]).toBeGreaterThan(13_280_000);
    const text = textOf(documentXml(response.rawPayload));
    expect(text).toContain('BẢO HIỂM XÃ HỘI CƠ SỞ BA ĐÌNH');
    expect(text).toContain('Kính gửi: Công ty TNHH Nguyễn Hoàng');
    expect(text).toContain('0101234567');
    expect(text).toMatch(/\b\d{1,3}(\.\d{3}){2,}\b/);
  });

  it('refuses a format other than .docx and .xlsx', async () => {
    const r = await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/c12-ts?month=2025-09&format=pdf`);
    expect(r.statusCode).toBe(400);
  });

  it('refuses a malformed month', async () => {
    expect((await officer.get(`/api/employers/${t.world.employers.nguyenHoang}/c12-ts?month=2025-13`)).statusCode).toBe(
      400,
    );
  });
});

/** The zip of an office's notices: one file per employer of its subtree with any figure in the month. */
describe.each(DATABASE_KINDS)('C12-TS notices of an office on %s', (kind) => {
  let t: TestContext;
  let officer: Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await login(t.app, 'cb.hni');
    // Đông Anh (HNI-02) owes September; Đức Thành has nothing on its books and gets no notice.
    await t.database.handle.db
      .insertInto('obligation')
      .values({ employer_id: t.world.employers.dongAnh, period: '2025-09', fund: 'BHXH', amount: 1_234_567 })
      .execute();
  });
  afterAll(() => t.close());

  const entries = (payload: Buffer) => unzipSync(new Uint8Array(payload));

  it('holds one file per employer with figures in the province, each the same as the single notice', async () => {
    const response = await officer.get(`/api/offices/${t.world.offices.hni}/c12-ts?month=2025-09&format=docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const files = entries(response.rawPayload);
    expect(Object.keys(files).sort()).toEqual(['c12-ts-HN0000001-2025-09.docx', 'c12-ts-HN0000003-2025-09.docx']);
    const single = await officer.get(
      `/api/employers/${t.world.employers.nguyenHoang}/c12-ts?month=2025-09&format=docx`,
    );
    expect(readC12Docx(Buffer.from(files['c12-ts-HN0000001-2025-09.docx']!))).toEqual(readC12Docx(single.rawPayload));
    const dongAnh = readC12Docx(Buffer.from(files['c12-ts-HN0000003-2025-09.docx']!));
    expect(dongAnh.get('B')!.whole).toEqual([1_234_567, 0, 0, 0, 1_234_567]);
    expect(textOf(documentXml(Buffer.from(files['c12-ts-HN0000003-2025-09.docx']!)))).toContain(
      'BẢO HIỂM XÃ HỘI CƠ SỞ ĐÔNG ANH',
    );
  });

  it('keeps to the office asked for, and gives .xlsx by default', async () => {
    const response = await officer.get(`/api/offices/${t.world.offices.hni02}/c12-ts?month=2025-09`);
    expect(response.statusCode).toBe(200);
    expect(Object.keys(entries(response.rawPayload))).toEqual(['c12-ts-HN0000003-2025-09.xlsx']);
  });

  it('holds nothing of another province, whose office answers 404', async () => {
    const hcm = await login(t.app, 'cb.hcm');
    const own = entries((await hcm.get(`/api/offices/${t.world.offices.hcm}/c12-ts?month=2025-08`)).rawPayload);
    expect(Object.keys(own)).toEqual(['c12-ts-HC0000001-2025-08.xlsx']);
    const theirs = await officer.get(`/api/offices/${t.world.offices.hcm}/c12-ts?month=2025-08`);
    expect(theirs.statusCode).toBe(404);
    const national = await login(t.app, 'admin');
    const all = entries((await national.get(`/api/offices/${t.world.offices.hni}/c12-ts?month=2025-08`)).rawPayload);
    expect(Object.keys(all).every((name) => name.startsWith('c12-ts-HN'))).toBe(true);
    // A grassroots officer cannot reach the province above nor the sibling office.
    const grassroots = await login(t.app, 'cb.hni01');
    expect((await grassroots.get(`/api/offices/${t.world.offices.hni}/c12-ts?month=2025-09`)).statusCode).toBe(404);
    expect((await grassroots.get(`/api/offices/${t.world.offices.hni02}/c12-ts?month=2025-09`)).statusCode).toBe(404);
  });
  it('comes in parts of 500 employers by code, the part asked for and no other', async () => {
    const hni = await t.database.handle.db
      .selectFrom('office')
      .select('id')
      .where('code', '=', 'HNI')
      .executeTakeFirstOrThrow();
    // 498 more in Đông Anh make 501 in the province: HN0000001–3 and HN9000000–496 in part 1, HN9000497 in part 2.
    const ids = (
      await t.database.handle.db
        .insertInto('employer')
        .values(
          Array.from({ length: 498 }, (_, i) =>
            employerColumns(
              {
                code: `HN9${String(i).padStart(6, '0')}`,
                taxCode: `0199${String(i).padStart(6, '0')}`,
                name: `Đơn vị thử ${i}`,
                address: '',
                ownership: 'private',
                headcount: 1,
                status: 'active',
                paymentCycle: 1,
                officeId: t.world.offices.hni02,
              },
              hni.id,
            ),
          ),
        )
        .returning('id')
        .execute()
    ).map((r) => r.id);
    await t.database.handle.db
      .insertInto('obligation')
      .values({ employer_id: ids.at(-1)!, period: '2025-09', fund: 'BHYT', amount: 300_000 })
      .execute();
    const url = `/api/offices/${t.world.offices.hni}/c12-ts?month=2025-09`;
    const first = await officer.get(url);
    expect(first.headers['x-notice-parts']).toBe('2');
    expect(first.headers['content-disposition']).toContain('c12-ts-HNI-2025-09-xlsx-1-of-2.zip');
    expect(Object.keys(entries(first.rawPayload)).sort()).toEqual([
      'c12-ts-HN0000001-2025-09.xlsx',
      'c12-ts-HN0000003-2025-09.xlsx',
    ]);
    const second = await officer.get(`${url}&part=2`);
    expect(Object.keys(entries(second.rawPayload))).toEqual(['c12-ts-HN9000497-2025-09.xlsx']);
    const beyond = await officer.get(`${url}&part=3`);
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().code).toBe('part_out_of_range');
    expect((await officer.get(`${url}&part=0`)).statusCode).toBe(400);
  });

  it('answers other requests while the notices are rendered, not only between one notice and the next', async () => {
    const db = t.database.handle.db;
    const more = await db
      .selectFrom('employer')
      .select('id')
      .where('code', 'like', 'HN9%')
      .orderBy('code')
      .limit(40)
      .execute();
    await db
      .insertInto('obligation')
      .values(more.map((e) => ({ employer_id: e.id, period: '2025-08', fund: 'BHXH' as const, amount: 2_000_000 })))
      .execute();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    let done = false;
    const zip = officer
      .get(`/api/offices/${t.world.offices.hni02}/c12-ts?month=2025-09&format=docx`)
      .then((response) => {
        done = true;
        return response;
      });
    // Requests one after another over the network for as long as the zip is being made. Rendered on the event loop,
    // a request waits for the notice being rendered and at most one is answered per notice.
    let answered = 0;
    while (!done) {
      const health = await fetch(`${address}/healthz`);
      expect(health.status).toBe(200);
      if (!done) answered++;
    }
    const response = await zip;
    expect(response.statusCode).toBe(200);
    const notices = Number(response.headers['x-notice-count']);
    expect(notices).toBeGreaterThanOrEqual(41);
    expect(answered).toBeGreaterThan(3 * notices);
  });
});
