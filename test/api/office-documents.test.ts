import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { recomputePositions } from '../../src/ledger/positions.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { documentXml, textOf } from '../support/docx-text.js';

/**
 * Nguyễn Hoàng and Đức Thành are managed by BHXH cơ sở Ba Đình, under BHXH thành phố Hà Nội: their letters are issued
 * and signed by Ba Đình, numbered in Ba Đình's register.
 */
describe.each(DATABASE_KINDS)('who signs and how documents are numbered, on %s', (kind) => {
  let t: TestContext;
  let officer: Agent;
  let director: Agent;
  let hcm: Agent;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await recomputePositions(t.database.handle.db, t.clock);
    officer = await login(t.app, 'cb.hni01');
    director = await login(t.app, 'gd.hni');
    hcm = await login(t.app, 'gd.hcm');
  });
  afterAll(() => t.close());
  afterEach(() => vi.unstubAllEnvs());

  const letter = async (employerId: number) => {
    const response = await officer.request('POST', '/api/actions', {
      employerIds: [employerId],
      kind: 'urging_letter',
      date: '2025-10-15',
      followUpOn: '2025-10-25',
    });
    expect(response.statusCode).toBe(201);
    const [action] = response.json().actions;
    const text = textOf(documentXml((await officer.get(`/api/documents/${action.documentId}`)).rawPayload));
    return { number: action.documentNumber as string, documentId: action.documentId as number, text };
  };

  it("signs a grassroots office's letter for that office, never with the province director's name", async () => {
    const { text } = await letter(t.world.employers.nguyenHoang);
    expect(text).toContain('BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI\nBẢO HIỂM XÃ HỘI CƠ SỞ BA ĐÌNH\n');
    expect(text).toContain('GIÁM ĐỐC\n');
    expect(text).not.toContain('Đỗ Văn Giám');
  });

  it('prints the head, or the deputy "KT." by delegation, as the director sets it for the office', async () => {
    const office = t.world.offices.hni01;
    const set = await director.request('PUT', `/api/offices/${office}/signer`, {
      headName: 'Lê Thị Hà',
      deputyName: 'Trần Văn Bình',
      byDeputy: true,
    });
    expect(set.statusCode).toBe(204);
    expect((await director.get(`/api/offices/${office}/documents`)).json()).toMatchObject({
      signer: { headName: 'Lê Thị Hà', deputyName: 'Trần Văn Bình', byDeputy: true },
      signature: { title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', name: 'Trần Văn Bình' },
    });
    const delegated = await letter(t.world.employers.ducThanh);
    expect(delegated.text).toMatch(/KT\. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(\n)*Trần Văn Bình\n/);

    await director.request('PUT', `/api/offices/${office}/signer`, {
      headName: 'Lê Thị Hà',
      deputyName: null,
      byDeputy: false,
    });
    const own = await letter(t.world.employers.ducThanh);
    expect(own.text).toMatch(/GIÁM ĐỐC\n(\n)*Lê Thị Hà\n/);
    expect(own.text).not.toContain('KT. GIÁM ĐỐC');
    const audit = await t.database.handle.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'office.signer')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses a deputy signature without a deputy, and the setting to an officer or another province', async () => {
    const office = t.world.offices.hni01;
    const body = { headName: 'Lê Thị Hà', deputyName: null, byDeputy: true };
    expect((await director.request('PUT', `/api/offices/${office}/signer`, body)).statusCode).toBe(400);
    const allowed = { ...body, byDeputy: false };
    expect((await officer.request('PUT', `/api/offices/${office}/signer`, allowed)).statusCode).toBe(403);
    expect((await hcm.request('PUT', `/api/offices/${office}/signer`, allowed)).statusCode).toBe(404);
    expect((await hcm.get(`/api/offices/${office}/documents`)).statusCode).toBe(404);
  });

  it("continues from the register's last number as set, and never sets it below a number given", async () => {
    const office = t.world.offices.hni01;
    const registers = async () => (await director.get(`/api/offices/${office}/documents`)).json().registers;
    expect(await registers()).toEqual([{ year: 2025, lastNumber: 3 }]);

    expect(
      (await director.request('PUT', `/api/offices/${office}/registers/2025`, { lastNumber: 10_372 })).statusCode,
    ).toBe(204);
    expect((await letter(t.world.employers.nguyenHoang)).number).toBe('10373/BHXH-QLT');

    const lower = await director.request('PUT', `/api/offices/${office}/registers/2025`, { lastNumber: 10_000 });
    expect(lower.statusCode).toBe(409);
    expect(lower.json()).toMatchObject({ code: 'register_number_used', year: 2025, used: 10_373 });
    expect(lower.json().message).toContain('10373');
    expect(await registers()).toEqual([{ year: 2025, lastNumber: 10_373 }]);

    // A register for a year not begun yet, as the clerk carries it over.
    expect(
      (await director.request('PUT', `/api/offices/${office}/registers/2026`, { lastNumber: 12 })).statusCode,
    ).toBe(204);
    expect(await registers()).toEqual([
      { year: 2026, lastNumber: 12 },
      { year: 2025, lastNumber: 10_373 },
    ]);
    expect(
      (await officer.request('PUT', `/api/offices/${office}/registers/2025`, { lastNumber: 20_000 })).statusCode,
    ).toBe(403);
  });

  it('offers PDF only where LibreOffice is on PATH, and refuses it otherwise with a message saying what to install', async () => {
    const { documentId } = await letter(t.world.employers.nguyenHoang);
    const empty = await mkdtemp(join(tmpdir(), 'dondoc-no-soffice-'));
    try {
      vi.stubEnv('PATH', empty);
      expect((await officer.get('/api/documents/formats')).json()).toEqual({ pdf: false });
      const refused = await officer.get(`/api/documents/${documentId}?format=pdf`);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'pdf_unavailable' });
      expect(refused.json().message).toContain('libreoffice-writer-nogui');

      // A stand-in for LibreOffice that writes the PDF where LibreOffice would.
      const soffice = join(empty, 'soffice');
      await writeFile(
        soffice,
        `#!${process.execPath}\nconst fs = require('node:fs'); const path = require('node:path');\n` +
          `const args = process.argv.slice(2); const out = args[args.indexOf('--outdir') + 1];\n` +
          `fs.writeFileSync(path.join(out, path.basename(args.at(-1), '.docx') + '.pdf'), '%PDF-1.4 stand-in');\n`,
      );
      await chmod(soffice, 0o755);
      expect((await officer.get('/api/documents/formats')).json()).toEqual({ pdf: true });
      const pdf = await officer.get(`/api/documents/${documentId}?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(pdf.body).toBe('%PDF-1.4 stand-in');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("numbers the People's Committee report from the province's register, each report its own number", async () => {
    const province = t.world.offices.hni;
    expect(
      (await director.request('PUT', `/api/offices/${province}/registers/2025`, { lastNumber: 10_372 })).statusCode,
    ).toBe(204);
    const issue = () => director.request('POST', '/api/oversight/people-committee-report', { provinceId: province });
    // Issued at once, as two clerks might: the register gives each its own number.
    const reports = await Promise.all([issue(), issue(), issue()]);
    const numbers = reports.map((r) => {
      expect(r.statusCode).toBe(200);
      const number = r.headers['x-document-number'] as string;
      expect(textOf(documentXml(r.rawPayload))).toContain(`Số: ${number}\n`);
      return number;
    });
    expect(numbers.sort()).toEqual(['10373/BC-BHXH', '10374/BC-BHXH', '10375/BC-BHXH']);
    const registers = (await director.get(`/api/offices/${province}/documents`)).json().registers;
    expect(registers).toEqual([{ year: 2025, lastNumber: 10_375 }]);
    // A number given is never given again: the register cannot be set back below it.
    const lower = await director.request('PUT', `/api/offices/${province}/registers/2025`, { lastNumber: 10_374 });
    expect(lower.json().code).toBe('register_number_used');
    const next = await issue();
    expect(next.headers['x-document-number']).toBe('10376/BC-BHXH');
  });

  it("writes the People's Committee report with the office's name in its case and the amount in words once bracketed", async () => {
    const report = await director.request('POST', '/api/oversight/people-committee-report', {
      provinceId: t.world.offices.hni,
    });
    expect(report.statusCode).toBe(200);
    const text = textOf(documentXml(report.rawPayload));
    expect(text).toContain('Kính gửi: Ủy ban nhân dân thành phố Hà Nội');
    expect(text).toContain('Bảo hiểm xã hội thành phố Hà Nội báo cáo tình hình đóng');
    expect(text).not.toContain('((');
    expect(text).toMatch(/số tiền chậm đóng [\d.]+ đồng \(Bằng chữ: [^()]+\)/);
    expect(text).toContain('GIÁM ĐỐC\n');
    expect(text).toContain('Đỗ Văn Giám');
  });
});
