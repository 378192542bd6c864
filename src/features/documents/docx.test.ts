import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ESCALATION } from '../../domain/ladder.js';
import { DEFAULT_RULES, parseRuleSet } from '../../domain/rules.js';
import { amountInWords } from '../../domain/words.js';
import { letterLaw } from './service.js';
import { dateLine, pdfFromDocx, renderEvidenceFile, renderLetter } from './docx.js';
import type { EvidenceFileInput, LetterFigures, LetterInput } from './model.js';
import { documentXml, tablesOf, textOf } from '../../../test/support/docx-text.js';

/**
 * Hand-checked figures: a monthly payer with a payroll of 150.000.000 đồng owes 32% = 48.000.000 a month
 * (BHXH 25% 37.500.000, BHTNLĐ-BNN 0,5% 750.000, BHTN 2% 3.000.000, BHYT 4,5% 6.750.000) and has not paid
 * 09, 10 and 11/2025, due on the last day of the following month. At 31/01/2026 they are 92, 62 and 31 days late;
 * 0,03% a day of 48.000.000 is 14.400, so the charges are 1.324.800, 892.800 and 446.400 (2.664.000), and per fund
 * the daily charge × 185 days: 2.081.250, 41.625, 166.500 and 374.625.
 */
const figures: LetterFigures = {
  asOf: '2026-01-31',
  lateAmount: 144_000_000,
  lateByFund: { BHXH: 112_500_000, BHTNLD: 2_250_000, BHTN: 9_000_000, BHYT: 20_250_000 },
  charge: 2_664_000,
  chargeByFund: { BHXH: 2_081_250, BHTNLD: 41_625, BHTN: 166_500, BHYT: 374_625 },
  chargeAccrued: 2_664_000,
  chargePaid: 0,
  overdueMonths: 3,
  oldestUnpaidPeriod: '2025-09',
  unpaidMonths: [
    { period: '2025-09', deadline: '2025-10-31', unpaid: 48_000_000, daysLate: 92, chargeDays: 92, charge: 1_324_800 },
    { period: '2025-10', deadline: '2025-11-30', unpaid: 48_000_000, daysLate: 62, chargeDays: 62, charge: 892_800 },
    { period: '2025-11', deadline: '2025-12-31', unpaid: 48_000_000, daysLate: 31, chargeDays: 31, charge: 446_400 },
  ],
  chargeOnPaidPrincipal: 0,
  interestRates: [],
};

const employer = {
  code: 'NB0123A',
  name: 'Công ty TNHH May Hoa Lư',
  taxCode: '2700123456',
  address: 'Số 12 đường Trần Hưng Đạo, phường Hoa Lư, tỉnh Ninh Bình',
  headcount: 85,
};

function letter(overrides: Partial<LetterInput>): LetterInput {
  return {
    kind: 'urging_letter',
    issuer: { parentName: 'Bảo hiểm xã hội Việt Nam', officeName: 'Bảo hiểm xã hội tỉnh Ninh Bình' },
    number: '15/BHXH-QLT',
    place: 'Ninh Bình',
    date: '2026-02-03',
    employer,
    figures,
    law: letterLaw(parseRuleSet(DEFAULT_RULES)),
    signer: { title: 'KT. Giám đốc\nPhó Giám đốc', name: 'Trần Văn Bình' },
    recipients: ['Như trên', 'Giám đốc (để b/c)'],
    ...overrides,
  };
}

function tableWithHeader(xml: string, title: string): string[][] {
  const table = tablesOf(xml).find((rows) => rows[0]?.includes(title));
  if (!table) throw new Error(`no table headed "${title}"`);
  return table;
}

const LATE_WORDS = 'Một trăm bốn mươi tư triệu đồng';
const CHARGE_WORDS = 'Hai triệu sáu trăm sáu mươi tư nghìn đồng';

function expectFigures(text: string, xml: string) {
  expect(text).toContain('144.000.000 đồng');
  expect(text).toContain(`(Bằng chữ: ${LATE_WORDS})`);
  expect(text).toContain(`(Bằng chữ: ${CHARGE_WORDS})`);
  expect(tableWithHeader(xml, 'Quỹ')).toEqual([
    ['Quỹ', 'Số tiền chậm đóng (đồng)', 'Tiền chậm đóng (đồng)'],
    ['BHXH (hưu trí - tử tuất, ốm đau - thai sản)', '112.500.000', '2.081.250'],
    ['BHTNLĐ-BNN', '2.250.000', '41.625'],
    ['BHTN', '9.000.000', '166.500'],
    ['BHYT', '20.250.000', '374.625'],
    ['Tổng cộng', '144.000.000', '2.664.000'],
  ]);
}

function expectHeader(text: string, number: string) {
  expect(text).toContain('BẢO HIỂM XÃ HỘI VIỆT NAM\nBẢO HIỂM XÃ HỘI TỈNH NINH BÌNH\n');
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n');
  expect(text).toContain(`Số: ${number}\n`);
  expect(text).toContain('Ninh Bình, ngày 03 tháng 02 năm 2026\n');
}

describe('formats', () => {
  it('writes a 0 before days under 10 and months 1 and 2 only, as Decree 30 asks', () => {
    expect(dateLine('Ninh Bình', '2026-01-05')).toBe('Ninh Bình, ngày 05 tháng 01 năm 2026');
    expect(dateLine('Hà Nội', '2026-02-28')).toBe('Hà Nội, ngày 28 tháng 02 năm 2026');
    expect(dateLine('Hà Nội', '2026-03-15')).toBe('Hà Nội, ngày 15 tháng 3 năm 2026');
    expect(dateLine('Hà Nội', '2026-10-09')).toBe('Hà Nội, ngày 09 tháng 10 năm 2026');
  });
});

describe('urging letter (công văn đôn đốc)', () => {
  it('has the Decree 30 header, subject, addressee, the figures with words and the recipients', async () => {
    const xml = documentXml(await renderLetter(letter({})));
    const text = textOf(xml);
    expectHeader(text, '15/BHXH-QLT');
    expect(text).toContain('V/v đôn đốc đóng BHXH, BHYT, BHTN chậm đóng\n');
    expect(text).toContain('Kính gửi: Công ty TNHH May Hoa Lư\n');
    expect(text).toContain('mã đơn vị: NB0123A; mã số thuế: 2700123456; địa chỉ: Số 12 đường Trần Hưng Đạo');
    expect(text).toContain('tính đến ngày 31/01/2026 còn chậm đóng BHXH, BHYT, BHTN số tiền 144.000.000 đồng');
    expect(text).toContain('thời gian chậm đóng 3 tháng, kể từ tháng 09/2025');
    expectFigures(text, xml);
    expect(text).toContain('là 2.664.000 đồng');
    expect(text).toContain('0,03%/ngày');
    expect(text).toContain('Số tiền chưa đóng quá 60 ngày kể từ ngày đến hạn đóng');
    expect(text).toContain('trong tháng 02/2026, chậm nhất đến ngày 28/02/2026');
    expect(text).toContain('Nghị định số 12/2022/NĐ-CP');
    expect(text).toContain('Điều 39 Luật Bảo hiểm xã hội số 41/2024/QH15');
    expect(text).toContain('Điều 216 Bộ luật Hình sự');
    expect(text).toContain('Nơi nhận:\n- Như trên;\n- Giám đốc (để b/c);\n- Lưu: VT, QLT.\n');
    expect(text).toContain('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n');
    expect(text).toContain('Trần Văn Bình\n');
  });
  it('quotes the charge rate and the days to evasion of the rule set in force, not fixed numbers', async () => {
    const rules = parseRuleSet({
      ...DEFAULT_RULES,
      dailyCharge: { from: '2025-07-01', rate: '0.05%' },
      escalation: { ...DEFAULT_ESCALATION, evasionDays: 90 },
    });
    const text = textOf(documentXml(await renderLetter(letter({ law: letterLaw(rules) }))));
    expect(text).toContain('số tiền bằng 0,05%/ngày');
    expect(text).toContain('Số tiền chưa đóng quá 90 ngày kể từ ngày đến hạn đóng');
    expect(text).not.toContain('0,03%');
    expect(text).not.toContain('60 ngày');
  });

  it("names old-regime interest with the rule set's rates and dates when the debt bore it, and only then", async () => {
    const rules = parseRuleSet({
      ...DEFAULT_RULES,
      monthlyInterest: {
        until: '2025-07-01',
        rates: [
          { fund: 'BHXH', year: 2016, rate: '1.065%' },
          { fund: 'BHTN', year: 2016, rate: '1.065%' },
          { fund: 'BHXH', year: 2017, rate: '0.9%' },
          { fund: 'BHYT', year: 2017, rate: '0.72%' },
        ],
      },
    });
    const interest = {
      ...figures,
      interestRates: [
        { fund: 'BHXH', year: 2016 },
        { fund: 'BHTN', year: 2016 },
        { fund: 'BHXH', year: 2017 },
      ],
    } satisfies LetterFigures;
    const text = textOf(documentXml(await renderLetter(letter({ figures: interest, law: letterLaw(rules) }))));
    expect(text).toContain(
      'Tiền chậm đóng tính đến ngày 31/01/2026 gồm lãi chậm đóng theo Điều 122 Luật Bảo hiểm xã hội số 58/2014/QH13 và ' +
        'Quyết định số 595/QĐ-BHXH, tính vào ngày 01 hằng tháng đến ngày 01/07/2025 trên số tiền chậm đóng từ 01 tháng trở ' +
        'lên (lãi suất năm 2016: 1,065%/tháng (BHXH, BHTN); năm 2017: 0,9%/tháng (BHXH)), và tiền chậm đóng từ ngày ' +
        '01/07/2025 (số tiền bằng 0,03%/ngày tính trên số tiền chậm đóng và số ngày chậm đóng, theo Điều 40 Luật Bảo ' +
        'hiểm xã hội số 41/2024/QH15); còn phải nộp là 2.664.000 đồng',
    );
    // A rate the debt did not bear is not quoted.
    expect(text).not.toContain('0,72%');
    const daily = textOf(documentXml(await renderLetter(letter({ law: letterLaw(rules) }))));
    expect(daily).not.toContain('595');
    expect(daily).not.toContain('/tháng');
  });

  it('is one document listing all 3 overdue months, with the lines that add up to the charge of the text', async () => {
    const xml = documentXml(await renderLetter(letter({})));
    expect(textOf(xml).match(/Kính gửi:/g)).toHaveLength(1);
    expect(tableWithHeader(xml, 'Hạn nộp')).toEqual([
      [
        'Tháng',
        'Hạn nộp',
        'Số tiền chưa đóng (đồng)',
        'Số ngày chậm',
        'Số ngày tính tiền chậm đóng',
        'Tiền chậm đóng (đồng)',
      ],
      ['09/2025', '31/10/2025', '48.000.000', '92', '92', '1.324.800'],
      ['10/2025', '30/11/2025', '48.000.000', '62', '62', '892.800'],
      ['11/2025', '31/12/2025', '48.000.000', '31', '31', '446.400'],
      ['Tiền chậm đóng trên số tiền đã nộp muộn', '', '', '', '0'],
      ['Tổng cộng: tiền chậm đóng phát sinh', '144.000.000', '', '', '2.664.000'],
      ['Trừ: tiền chậm đóng đơn vị đã nộp', '', '', '', '0'],
      ['Tiền chậm đóng còn phải nộp', '', '', '', '2.664.000'],
    ]);
  });

  it('shows the charge on principal paid late and the charge paid as lines of their own, and says what was paid', async () => {
    // As above, and 08/2025's 48.000.000 (due 30/09/2025) was paid on 20/10/2025, 20 days late: 20 × 14.400 =
    // 288.000 accrued on it, of which the employer has paid 100.000. Accrued 2.664.000 + 288.000 = 2.952.000;
    // outstanding 2.852.000.
    const paidLate: LetterFigures = {
      ...figures,
      chargeOnPaidPrincipal: 288_000,
      chargeAccrued: 2_952_000,
      chargePaid: 100_000,
      charge: 2_852_000,
      chargeByFund: { ...figures.chargeByFund, BHXH: 2_081_250 + 188_000 },
    };
    const xml = documentXml(await renderLetter(letter({ figures: paidLate })));
    expect(tableWithHeader(xml, 'Hạn nộp').slice(4)).toEqual([
      ['Tiền chậm đóng trên số tiền đã nộp muộn', '', '', '', '288.000'],
      ['Tổng cộng: tiền chậm đóng phát sinh', '144.000.000', '', '', '2.952.000'],
      ['Trừ: tiền chậm đóng đơn vị đã nộp', '', '', '', '100.000'],
      ['Tiền chậm đóng còn phải nộp', '', '', '', '2.852.000'],
    ]);
    expect(textOf(xml)).toContain(
      'phát sinh 2.952.000 đồng, đơn vị đã nộp 100.000 đồng, còn phải nộp là 2.852.000 đồng',
    );
  });

  it('reads its words from amountInWords', async () => {
    const text = textOf(documentXml(await renderLetter(letter({}))));
    expect(amountInWords(figures.lateAmount)).toBe(LATE_WORDS);
    expect(text).toContain(`Bằng chữ: ${amountInWords(figures.lateAmount)}`);
  });

  it('keeps a "Lưu" line given as the last recipient instead of adding one', async () => {
    const text = textOf(documentXml(await renderLetter(letter({ recipients: ['Như trên', 'Lưu: VT, QLT, TTKT'] }))));
    expect(text).toContain('Nơi nhận:\n- Như trên;\n- Lưu: VT, QLT, TTKT.\n');
    expect(text.match(/Lưu:/g)).toHaveLength(1);
  });
});

describe('invitation (thư mời làm việc)', () => {
  it('gives the reason with the figures, when, where, whom to ask and what to bring', async () => {
    const xml = documentXml(
      await renderLetter(
        letter({
          kind: 'invitation',
          number: '07/GM-BHXH',
          meeting: {
            when: '08 giờ 30 phút, ngày 10/02/2026',
            place: 'Phòng họp tầng 3, Bảo hiểm xã hội tỉnh Ninh Bình',
            contact: 'bà Lê Thị Thu, Phòng Quản lý thu, điện thoại 0229 3871 234',
          },
        }),
      ),
    );
    const text = textOf(xml);
    expect(text).toContain('BẢO HIỂM XÃ HỘI TỈNH NINH BÌNH\n');
    expect(text).toContain('Số: 07/GM-BHXH\n');
    expect(text).toContain('Ninh Bình, ngày 03 tháng 02 năm 2026\n');
    expect(text).toContain('THƯ MỜI LÀM VIỆC\n');
    expect(text).toContain('Kính gửi: Công ty TNHH May Hoa Lư\n');
    expect(text).toContain('144.000.000 đồng');
    expect(text).toContain(`(Bằng chữ: ${LATE_WORDS})`);
    expect(text).toContain('thời gian chậm đóng 3 tháng, kể từ tháng 09/2025');
    expect(text).toContain('- Thời gian: 08 giờ 30 phút, ngày 10/02/2026;\n');
    expect(text).toContain('- Địa điểm: Phòng họp tầng 3, Bảo hiểm xã hội tỉnh Ninh Bình;\n');
    expect(text).toContain('- Liên hệ: bà Lê Thị Thu, Phòng Quản lý thu, điện thoại 0229 3871 234.\n');
    expect(text).toContain('bảng thanh toán tiền lương');
    expect(text).toContain('Chứng từ nộp tiền');
    expect(text).toContain('Kế hoạch, lộ trình nộp');
    // The symbol does not name a drafting unit.
    expect(text).toContain('- Lưu: VT.\n');
  });

  it('cannot be rendered without the meeting', async () => {
    await expect(renderLetter(letter({ kind: 'invitation' }))).rejects.toThrow(/meeting/);
  });
});

describe('meeting minutes (biên bản làm việc)', () => {
  it('has the date and place, participants, figures, content, conclusion and both sides signing', async () => {
    const xml = documentXml(
      await renderLetter(
        letter({
          kind: 'meeting_minutes',
          number: '03/BB-BHXH',
          meeting: { when: '08 giờ 30 phút, ngày 03/02/2026', place: 'trụ sở Công ty TNHH May Hoa Lư', contact: '' },
          minutes: {
            participants: [
              'Ông Trần Văn Bình - Phó Giám đốc Bảo hiểm xã hội tỉnh',
              'Bà Phạm Thị Hoa - Giám đốc Công ty',
            ],
            content: 'Đơn vị trình bày khó khăn do thiếu đơn hàng.\nĐơn vị thừa nhận số liệu chậm đóng nêu trên.',
            conclusion: 'Đơn vị cam kết nộp 48.000.000 đồng trước ngày 28/02/2026 và phần còn lại trong tháng 3/2026.',
          },
        }),
      ),
    );
    const text = textOf(xml);
    expectHeader(text, '03/BB-BHXH');
    expect(text).toContain('BIÊN BẢN LÀM VIỆC\n');
    expect(text).toContain('Hôm nay, ngày 03 tháng 02 năm 2026, tại trụ sở Công ty TNHH May Hoa Lư, chúng tôi gồm:');
    expect(text).toContain(
      '- Ông Trần Văn Bình - Phó Giám đốc Bảo hiểm xã hội tỉnh;\n- Bà Phạm Thị Hoa - Giám đốc Công ty;\n',
    );
    expectFigures(text, xml);
    expect(text).toContain(
      'Đơn vị trình bày khó khăn do thiếu đơn hàng.\nĐơn vị thừa nhận số liệu chậm đóng nêu trên.\n',
    );
    expect(text).toContain('Đơn vị cam kết nộp 48.000.000 đồng trước ngày 28/02/2026');
    const signatures = tablesOf(xml).find((rows) => rows[0]?.[0]?.startsWith('ĐẠI DIỆN ĐƠN VỊ'));
    expect(signatures?.[0]?.[1]).toMatch(/^ĐẠI DIỆN CƠ QUAN BHXH\nKT\. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n[\s\S]*Trần Văn Bình$/);
    expect(text).not.toContain('Kính gửi');
  });
});

describe('referral cover letter (chuyển hồ sơ đề nghị khởi tố)', () => {
  it('is addressed to the agency, states the figures and the prior sanction, and lists the enclosures', async () => {
    const xml = documentXml(
      await renderLetter(
        letter({
          kind: 'referral_cover',
          number: '120/BHXH-TTKT',
          referral: {
            agency: 'Cơ quan Cảnh sát điều tra Công an tỉnh Ninh Bình',
            enclosures: [
              'Hồ sơ đề nghị khởi tố',
              'Quyết định xử phạt vi phạm hành chính số 45/QĐ-XPHC',
              'Các công văn đôn đốc',
            ],
          },
        }),
      ),
    );
    const text = textOf(xml);
    expect(text).toContain('Số: 120/BHXH-TTKT\n');
    expect(text).toContain('V/v chuyển hồ sơ đề nghị khởi tố vụ án hình sự');
    expect(text).toContain('Kính gửi: Cơ quan Cảnh sát điều tra Công an tỉnh Ninh Bình\n');
    expect(text).toContain('Công ty TNHH May Hoa Lư (mã đơn vị: NB0123A');
    expect(text).toContain('đang sử dụng 85 lao động');
    expectFigures(text, xml);
    expect(text).toContain('đã bị xử phạt vi phạm hành chính');
    expect(text).toContain('Điều 216 Bộ luật Hình sự');
    expect(text).toContain(
      '1. Hồ sơ đề nghị khởi tố;\n2. Quyết định xử phạt vi phạm hành chính số 45/QĐ-XPHC;\n3. Các công văn đôn đốc.\n',
    );
    expect(text).toContain('- Lưu: VT, TTKT.\n');
  });
});

describe('evidence file (hồ sơ đề nghị khởi tố)', () => {
  const input: EvidenceFileInput = {
    issuer: { parentName: 'Bảo hiểm xã hội Việt Nam', officeName: 'Bảo hiểm xã hội tỉnh Ninh Bình' },
    place: 'Ninh Bình',
    date: '2026-02-03',
    employer,
    figures,
    law: letterLaw(parseRuleSet(DEFAULT_RULES)),
    timeline: [
      { date: '2025-12-05', title: 'Công văn đôn đốc', detail: 'Số 1203/BHXH-QLT' },
      { date: '2026-01-06', title: 'Thư mời làm việc (đã hủy)', detail: 'Đơn vị xin lùi lịch' },
      { date: '2026-01-20', title: 'Quyết định xử phạt', detail: 'Số 45/QĐ-XPHC, phạt 30.000.000 đồng' },
    ],
    arrearsHistory: [
      { month: '2025-11', lateAmount: 48_000_000, overdueMonths: 1 },
      { month: '2025-12', lateAmount: 96_000_000, overdueMonths: 2 },
      { month: '2026-01', lateAmount: 144_000_000, overdueMonths: 3 },
    ],
    sanctions: [{ date: '2026-01-20', number: '45/QĐ-XPHC', fine: 30_000_000 }],
    workersAffected: 80,
    criteria: [
      { label: 'Trốn đóng từ 6 tháng trở lên', met: false, detail: '3 tháng' },
      { label: 'Đã bị xử phạt vi phạm hành chính', met: true, detail: 'Quyết định 45/QĐ-XPHC ngày 20/01/2026' },
      { label: 'Số tiền trốn đóng từ 50.000.000 đồng', met: true, detail: '144.000.000 đồng' },
    ],
  };

  it('has every section, the figures, the arrears history, the timeline, the sanctions and the Art. 216 checklist', async () => {
    const xml = documentXml(await renderEvidenceFile(input));
    const text = textOf(xml);
    expect(text).toContain('BẢO HIỂM XÃ HỘI TỈNH NINH BÌNH\n');
    expect(text).toContain('Ninh Bình, ngày 03 tháng 02 năm 2026\n');
    expect(text).toContain('HỒ SƠ ĐỀ NGHỊ KHỞI TỐ\n');
    for (const section of [
      'I. Thông tin đơn vị',
      'II. Số tiền chậm đóng tại ngày 31/01/2026',
      'III. Diễn biến số tiền chậm đóng qua các tháng',
      'IV. Quá trình đôn đốc, xử lý',
      'V. Xử phạt vi phạm hành chính',
      'VI. Người lao động bị ảnh hưởng',
      'VII. Đối chiếu dấu hiệu tội phạm theo Điều 216 Bộ luật Hình sự',
    ]) {
      expect(text).toContain(`${section}\n`);
    }
    expect(text).toContain('- Mã số thuế: 2700123456;\n');
    expectFigures(text, xml);
    // The letter's month table: header, 3 months, the charge on paid principal, accrued, paid, outstanding.
    expect(tableWithHeader(xml, 'Hạn nộp')).toHaveLength(8);
    expect(tableWithHeader(xml, 'Hạn nộp').at(-1)).toEqual(['Tiền chậm đóng còn phải nộp', '', '', '', '2.664.000']);
    expect(tableWithHeader(xml, 'Số tiền chậm đóng cuối tháng (đồng)').slice(1)).toEqual([
      ['11/2025', '48.000.000', '1'],
      ['12/2025', '96.000.000', '2'],
      ['01/2026', '144.000.000', '3'],
    ]);
    expect(tableWithHeader(xml, 'Nội dung').slice(1)).toEqual([
      ['1', '05/12/2025', 'Công văn đôn đốc', 'Số 1203/BHXH-QLT'],
      ['2', '06/01/2026', 'Thư mời làm việc (đã hủy)', 'Đơn vị xin lùi lịch'],
      ['3', '20/01/2026', 'Quyết định xử phạt', 'Số 45/QĐ-XPHC, phạt 30.000.000 đồng'],
    ]);
    expect(tableWithHeader(xml, 'Số quyết định').slice(1)).toEqual([
      ['1', '20/01/2026', '45/QĐ-XPHC', '30.000.000'],
      ['', '', 'Tổng cộng', '30.000.000'],
    ]);
    expect(text).toContain('80 người (đơn vị đang sử dụng 85 lao động)');
    expect(tableWithHeader(xml, 'Tiêu chí')).toEqual([
      ['STT', 'Tiêu chí', 'Kết quả', 'Chi tiết'],
      ['1', 'Trốn đóng từ 6 tháng trở lên', 'Chưa đạt', '3 tháng'],
      ['2', 'Đã bị xử phạt vi phạm hành chính', 'Đạt', 'Quyết định 45/QĐ-XPHC ngày 20/01/2026'],
      ['3', 'Số tiền trốn đóng từ 50.000.000 đồng', 'Đạt', '144.000.000 đồng'],
    ]);
  });

  it('says so when there is no sanction', async () => {
    const text = textOf(documentXml(await renderEvidenceFile({ ...input, sanctions: [] })));
    expect(text).toContain('Không có quyết định xử phạt vi phạm hành chính.');
  });
});

describe('PDF from .docx', () => {
  const folders: string[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
  });

  /** A folder holding only a stand-in for LibreOffice, written in Node so that it needs nothing else on PATH. */
  async function fakeConverter(name: string, script: string): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'dondoc-fake-soffice-'));
    folders.push(folder);
    const file = join(folder, name);
    await writeFile(file, `#!${process.execPath}\n${script}\n`);
    await chmod(file, 0o755);
    return folder;
  }

  it('is null when neither soffice nor libreoffice is on PATH', async () => {
    vi.stubEnv('PATH', await fakeConverter('unrelated', ''));
    expect(await pdfFromDocx(Buffer.from('docx'))).toBeNull();
  });

  it('runs LibreOffice headless into a temporary folder, returns the PDF and removes the folder', async () => {
    const folder = await fakeConverter(
      'libreoffice',
      `const fs = require('node:fs');
       const path = require('node:path');
       const args = process.argv.slice(2);
       const out = args[args.indexOf('--outdir') + 1];
       const source = args.at(-1);
       fs.writeFileSync(path.join(__dirname, 'args.json'), JSON.stringify(args));
       const pdf = Buffer.concat([Buffer.from('%PDF '), fs.readFileSync(source)]);
       fs.writeFileSync(path.join(out, path.basename(source, '.docx') + '.pdf'), pdf);`,
    );
    vi.stubEnv('PATH', folder);
    const pdf = await pdfFromDocx(Buffer.from('the docx'));
    expect(pdf?.toString()).toBe('%PDF the docx');
    const args = JSON.parse(await readFile(join(folder, 'args.json'), 'utf8')) as string[];
    expect(args[0]).toBe('--headless');
    expect(args.slice(-5, -2)).toEqual(['--convert-to', 'pdf', '--outdir']);
    await expect(stat(args.at(-2) ?? '')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('throws when the conversion fails', async () => {
    const failing = `process.stderr.write('Error: source file could not be loaded'); process.exit(1);`;
    vi.stubEnv('PATH', await fakeConverter('soffice', failing));
    await expect(pdfFromDocx(Buffer.from('docx'))).rejects.toThrow(/soffice could not convert/);
  });

  it('throws when LibreOffice exits without writing the PDF', async () => {
    vi.stubEnv(
      'PATH',
      await fakeConverter('soffice', `process.stderr.write('Error: source file could not be loaded');`),
    );
    await expect(pdfFromDocx(Buffer.from('docx'))).rejects.toThrow(
      /wrote no PDF: Error: source file could not be loaded/,
    );
  });
});
