import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { c12Statement, type C12Line, type C12Statement } from '../../domain/c12.js';
import { formatPeriod } from '../../domain/format.js';
import type { Day, Fund, Period } from '../../domain/ledger.js';
import { addMonths, lastDayOf } from '../../domain/periods.js';
import type { RuleSet } from '../../domain/rules.js';
import { badRequest, notFound } from '../../http/errors.js';
import { loadLedgers, ruleSetAt } from '../../ledger/positions.js';
import { renderC12Notice } from '../documents/docx.js';
import type { C12NoticeRow, LetterParty } from '../documents/model.js';
import { placeOf } from '../documents/service.js';
import { findOfficeInScope } from '../offices/queries.js';
import { countEmployersUnder, statementParties, type StatementPartyRow } from './queries.js';

/** VSS's column order on the C12-TS notice. */
const COLUMNS: { fund: Fund; head: string }[] = [
  { fund: 'BHXH', head: 'BHXH' }, { fund: 'BHYT', head: 'BHYT' }, { fund: 'BHTN', head: 'BHTN' }, { fund: 'BHTNLD', head: 'BHTNLĐ-BNN' },
];

/** Who a notice is about and who issues it, as its heading names them. */
export interface NoticeParty {
  code: string;
  name: string;
  taxCode: string;
  address: string;
  issuer: LetterParty;
  place: string;
}

export interface C12Notice {
  party: NoticeParty;
  statement: C12Statement;
}

export type NoticeFormat = 'docx' | 'xlsx';

/**
 * An office's notices come in parts of this many employers (in the order of their codes), so that one request stays
 * bounded in time and memory whatever the office's size (bench/c12-zip: 3–8 s and under 5 MB of zip a part).
 */
export const EMPLOYERS_PER_PART = 500;
/** Ledgers are read this many employers at a time, so that memory does not grow with the office's size. */
const LEDGER_BATCH = 100;

function partyOf(row: StatementPartyRow): NoticeParty {
  return {
    code: row.code, name: row.name, taxCode: row.tax_code, address: row.address,
    issuer: { parentName: row.parent_name ?? 'Bảo hiểm xã hội Việt Nam', officeName: row.office_name },
    place: placeOf(row.province_name),
  };
}

/** The statements of a batch of employers for a month, from their ledgers and the rule set in force at each day. */
async function noticesOf(db: Kysely<Database>, rows: StatementPartyRow[], month: Period): Promise<C12Notice[]> {
  const ledgers = await loadLedgers(db, rows.map((r) => r.id));
  // The statement reads the books at the end of the month before and at the end of the month.
  const days = [lastDayOf(addMonths(month, -1)), lastDayOf(month)];
  const rules = new Map<Day, RuleSet>();
  for (const day of days) rules.set(day, await ruleSetAt(db, day));
  return rows.map((row) => ({
    party: partyOf(row),
    statement: c12Statement(ledgers.get(row.id)!, (day) => rules.get(day) ?? rules.get(days[1]!)!, month),
  }));
}

/** The C12-TS statement of one employer in scope for a month. */
export async function employerNotice(db: Kysely<Database>, scope: string, employerId: number, month: Period): Promise<C12Notice> {
  const rows = await statementParties(db, scope, { employerId });
  if (rows.length === 0) throw notFound('Không tìm thấy đơn vị');
  return (await noticesOf(db, rows, month))[0]!;
}

/** Whether the month moved or left anything on the employer's account: a notice of zeros is not sent. */
function hasFigures(s: C12Statement): boolean {
  return [s.contributions, s.charges].some((part) =>
    Object.values(part).some((l: C12Line) => COLUMNS.some(({ fund }) => l.byFund[fund] !== 0)));
}

/**
 * The notices of the employers of an office and the offices below it (within the user's scope, else 404) that had
 * any figure in the month, one file each in a zip, in the format asked for: one part of EMPLOYERS_PER_PART employers.
 */
export async function officeNotices(
  db: Kysely<Database>, scope: string, officeId: number, month: Period, format: NoticeFormat, date: Day, part: number,
): Promise<{ zip: Buffer; officeCode: string; count: number; parts: number }> {
  const office = await findOfficeInScope(db, scope, officeId);
  if (!office) throw notFound('Không tìm thấy cơ quan BHXH');
  const parts = Math.max(1, Math.ceil((await countEmployersUnder(db, scope, office.path)) / EMPLOYERS_PER_PART));
  if (part > parts) {
    throw badRequest('part_out_of_range',
      `Cơ quan chỉ có ${parts} phần (${EMPLOYERS_PER_PART} đơn vị mỗi phần) / The office's notices come in ${parts} parts of ${EMPLOYERS_PER_PART} employers`,
      { parts });
  }
  const rows = await statementParties(db, scope,
    { officePath: office.path, offset: (part - 1) * EMPLOYERS_PER_PART, limit: EMPLOYERS_PER_PART });
  const zip = new JSZip();
  let count = 0;
  for (let i = 0; i < rows.length; i += LEDGER_BATCH) {
    for (const notice of await noticesOf(db, rows.slice(i, i + LEDGER_BATCH), month)) {
      if (!hasFigures(notice.statement)) continue;
      const file = await renderNotice(notice, format, date);
      zip.file(file.filename, file.content);
      count++;
    }
  }
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { zip: content, officeCode: office.code, count, parts };
}

/** A file name safe in a header and in a zip: the employer's code is shown as it is when it is plain. */
function noticeFileName(code: string, month: Period, format: NoticeFormat): string {
  return `c12-ts-${code.replace(/[^A-Za-z0-9_-]/g, '_')}-${month}.${format}`;
}

const CONTENT_TYPES: Record<NoticeFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** One computation, either file: both formats render the same rows. */
export async function renderNotice(notice: C12Notice, format: NoticeFormat, date: Day) {
  const content = format === 'docx' ? await c12Document(notice, date) : await c12Workbook(notice);
  return { content, filename: noticeFileName(notice.party.code, notice.statement.month, format), contentType: CONTENT_TYPES[format] };
}

const plus = (a: C12Line, b: C12Line): C12Line => ({
  byFund: Object.fromEntries(COLUMNS.map(({ fund }) => [fund, a.byFund[fund] + b.byFund[fund]])) as C12Line['byFund'],
  total: a.total + b.total,
});

const NOTE = 'Thông báo kết quả đóng hằng tháng không phải công văn đôn đốc.';
const HEADS = [...COLUMNS.map((c) => c.head), 'Cộng'];

/** Rows A brought forward, B arising, C paid in the month, D carried forward, each with the late-payment charge part. */
function noticeRows(s: C12Statement): C12NoticeRow[] {
  const rows: [string, string, keyof C12Statement['contributions']][] = [
    ['A', 'Số phải đóng kỳ trước chuyển sang', 'broughtForward'],
    ['B', 'Số phải đóng phát sinh trong kỳ', 'arising'],
    ['C', 'Số đã đóng trong kỳ', 'paid'],
    ['D', 'Số còn phải đóng chuyển kỳ sau (D = A + B − C)', 'carriedForward'],
  ];
  const values = (l: C12Line) => [...COLUMNS.map(({ fund }) => l.byFund[fund]), l.total];
  return rows.map(([code, label, key]) => ({
    code, label, amounts: values(plus(s.contributions[key], s.charges[key])), charge: values(s.charges[key]),
  }));
}

/** The notice as .docx, in VSS's layout with the managing office's heading. */
function c12Document({ party, statement }: C12Notice, date: Day): Promise<Buffer> {
  return renderC12Notice({
    issuer: party.issuer, place: party.place, date, month: statement.month,
    employer: { code: party.code, name: party.name, taxCode: party.taxCode, address: party.address },
    columns: HEADS, rows: noticeRows(statement), note: NOTE,
  });
}

/**
 * Thông báo kết quả đóng (C12-TS) as a workbook in VSS's layout: columns BHXH, BHYT, BHTN, BHTNLĐ-BNN and total; rows
 * A brought forward, B arising, C paid in the month, D carried forward, each with the late-payment charge part under
 * it. It states the account; it is not an urging letter.
 */
async function c12Workbook({ party, statement: s }: C12Notice): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('C12-TS');
  sheet.columns = [{ width: 6 }, { width: 48 }, ...HEADS.map(() => ({ width: 18 }))];
  const title = sheet.addRow(['THÔNG BÁO KẾT QUẢ ĐÓNG BHXH, BHYT, BHTN, BHTNLĐ-BNN (Mẫu C12-TS)']);
  sheet.mergeCells(title.number, 1, title.number, 7);
  title.font = { bold: true, size: 13 };
  for (const text of [party.issuer.officeName, `Tháng ${formatPeriod(s.month)}`,
    `Đơn vị: ${party.name} (mã đơn vị ${party.code}; mã số thuế ${party.taxCode})`, 'Đơn vị tính: đồng']) {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, 7);
  }
  sheet.addRow([]);
  const head = sheet.addRow(['STT', 'Nội dung', ...HEADS]);
  head.font = { bold: true };
  for (const r of noticeRows(s)) {
    sheet.addRow([r.code, r.label, ...r.amounts]).font = { bold: true };
    sheet.addRow(['', '   Trong đó: tiền chậm đóng', ...r.charge]);
  }
  sheet.eachRow((row, n) => {
    if (n > head.number) for (let c = 3; c <= 7; c++) row.getCell(c).numFmt = '#,##0';
  });
  const note = sheet.addRow([NOTE]);
  sheet.mergeCells(note.number, 1, note.number, 7);
  note.font = { italic: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
