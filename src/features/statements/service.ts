import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { c12Statement, type C12Line, type C12Statement } from '../../domain/c12.js';
import { formatPeriod } from '../../domain/format.js';
import type { Day, Fund, Period } from '../../domain/ledger.js';
import { addMonths, lastDayOf } from '../../domain/periods.js';
import type { RuleSet } from '../../domain/rules.js';
import { notFound } from '../../http/errors.js';
import { loadLedgers, ruleSetAt } from '../arrears/positions.js';
import { findEmployer } from '../employers/queries.js';

/** VSS's column order on the C12-TS notice. */
const COLUMNS: { fund: Fund; head: string }[] = [
  { fund: 'BHXH', head: 'BHXH' }, { fund: 'BHYT', head: 'BHYT' }, { fund: 'BHTN', head: 'BHTN' }, { fund: 'BHTNLD', head: 'BHTNLĐ-BNN' },
];

/** The C12-TS statement of one employer in scope for a month, from its ledger and the rule set in force at each day. */
export async function employerStatement(db: Kysely<Database>, scope: string, employerId: number, month: Period) {
  const employer = await findEmployer(db, scope, employerId);
  if (!employer) throw notFound('Không tìm thấy đơn vị');
  const ledger = (await loadLedgers(db, [employerId])).get(employerId)!;
  // The statement reads the books at the end of the month before and at the end of the month.
  const days = [lastDayOf(addMonths(month, -1)), lastDayOf(month)];
  const rules = new Map<Day, RuleSet>();
  for (const day of days) rules.set(day, await ruleSetAt(db, day));
  const statement = c12Statement(ledger, (day) => rules.get(day) ?? rules.get(days[1]!)!, month);
  return { employer: { code: employer.code, name: employer.name }, statement };
}

const plus = (a: C12Line, b: C12Line): C12Line => ({
  byFund: Object.fromEntries(COLUMNS.map(({ fund }) => [fund, a.byFund[fund] + b.byFund[fund]])) as C12Line['byFund'],
  total: a.total + b.total,
});

/**
 * Thông báo kết quả đóng (C12-TS) as a workbook in VSS's layout: columns BHXH, BHYT, BHTN, BHTNLĐ-BNN and total; rows
 * A brought forward, B arising, C paid in the month, D carried forward, each with the late-payment charge part under
 * it. It states the account; it is not an urging letter.
 */
export async function c12Workbook(employer: { code: string; name: string }, s: C12Statement): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('C12-TS');
  sheet.columns = [{ width: 6 }, { width: 48 }, ...COLUMNS.map(() => ({ width: 18 })), { width: 18 }];
  const title = sheet.addRow(['THÔNG BÁO KẾT QUẢ ĐÓNG BHXH, BHYT, BHTN, BHTNLĐ-BNN (Mẫu C12-TS)']);
  sheet.mergeCells(title.number, 1, title.number, 7);
  title.font = { bold: true, size: 13 };
  for (const text of [`Tháng ${formatPeriod(s.month)}`, `Đơn vị: ${employer.name} (mã đơn vị ${employer.code})`, 'Đơn vị tính: đồng']) {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, 7);
  }
  sheet.addRow([]);
  const head = sheet.addRow(['STT', 'Nội dung', ...COLUMNS.map((c) => c.head), 'Cộng']);
  head.font = { bold: true };
  const rows: [string, string, keyof C12Statement['contributions']][] = [
    ['A', 'Số phải đóng kỳ trước chuyển sang', 'broughtForward'],
    ['B', 'Số phải đóng phát sinh trong kỳ', 'arising'],
    ['C', 'Số đã đóng trong kỳ', 'paid'],
    ['D', 'Số còn phải đóng chuyển kỳ sau (D = A + B − C)', 'carriedForward'],
  ];
  for (const [code, label, key] of rows) {
    const whole = plus(s.contributions[key], s.charges[key]);
    const main = sheet.addRow([code, label, ...COLUMNS.map(({ fund }) => whole.byFund[fund]), whole.total]);
    main.font = { bold: true };
    const charge = s.charges[key];
    sheet.addRow(['', '   Trong đó: tiền chậm đóng', ...COLUMNS.map(({ fund }) => charge.byFund[fund]), charge.total]);
  }
  sheet.eachRow((row, n) => {
    if (n > head.number) for (let c = 3; c <= 7; c++) row.getCell(c).numFmt = '#,##0';
  });
  const note = sheet.addRow(['Thông báo kết quả đóng hằng tháng không phải công văn đôn đốc.']);
  sheet.mergeCells(note.number, 1, note.number, 7);
  note.font = { italic: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
