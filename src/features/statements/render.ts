import ExcelJS from 'exceljs';
import { FILE_TYPES } from '../../http/download.js';
import { MONEY_FORMAT, styleHeadRow } from '../../http/spreadsheet.js';
import JSZip from 'jszip';
import type { C12Line, C12Statement } from '../../domain/c12.js';
import { formatPeriod } from '../../domain/format.js';
import type { Day, Fund, Period } from '../../domain/ledger.js';
import { renderC12Notice } from '../documents/docx.js';
import type { C12NoticeRow, LetterParty } from '../documents/model.js';

/*
 * The C12-TS notice as a file, from figures already computed: plain data in, bytes out, with no database, so that an
 * office's notices can be rendered on a worker thread (render-worker.ts).
 */

/** VSS's column order on the C12-TS notice. */
export const COLUMNS: { fund: Fund; head: string }[] = [
  { fund: 'BHXH', head: 'BHXH' },
  { fund: 'BHYT', head: 'BHYT' },
  { fund: 'BHTN', head: 'BHTN' },
  { fund: 'BHTNLD', head: 'BHTNLĐ-BNN' },
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

/** A file name safe in a header and in a zip: the employer's code is shown as it is when it is plain. */
function noticeFileName(code: string, month: Period, format: NoticeFormat): string {
  return `c12-ts-${code.replace(/[^A-Za-z0-9_-]/g, '_')}-${month}.${format}`;
}

/** One computation, either file: both formats render the same rows. */
export async function renderNotice(notice: C12Notice, format: NoticeFormat, date: Day) {
  const content = format === 'docx' ? await c12Document(notice, date) : await c12Workbook(notice);
  return {
    content,
    filename: noticeFileName(notice.party.code, notice.statement.month, format),
    contentType: FILE_TYPES[format],
  };
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
    code,
    label,
    amounts: values(plus(s.contributions[key], s.charges[key])),
    charge: values(s.charges[key]),
  }));
}

/** The notice as .docx, in VSS's layout with the managing office's heading. */
function c12Document({ party, statement }: C12Notice, date: Day): Promise<Buffer> {
  return renderC12Notice({
    issuer: party.issuer,
    place: party.place,
    date,
    month: statement.month,
    employer: { code: party.code, name: party.name, taxCode: party.taxCode, address: party.address },
    columns: HEADS,
    rows: noticeRows(statement),
    note: NOTE,
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
  for (const text of [
    party.issuer.officeName,
    `Tháng ${formatPeriod(s.month)}`,
    `Đơn vị: ${party.name} (mã đơn vị ${party.code}; mã số thuế ${party.taxCode})`,
    'Đơn vị tính: đồng',
  ]) {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, 7);
  }
  sheet.addRow([]);
  const head = sheet.addRow(['STT', 'Nội dung', ...HEADS]);
  styleHeadRow(sheet, head);
  for (const r of noticeRows(s)) {
    sheet.addRow([r.code, r.label, ...r.amounts]).font = { bold: true };
    sheet.addRow(['', '   Trong đó: tiền chậm đóng', ...r.charge]);
  }
  sheet.eachRow((row, n) => {
    if (n > head.number) for (let c = 3; c <= 7; c++) row.getCell(c).numFmt = MONEY_FORMAT;
  });
  const note = sheet.addRow([NOTE]);
  sheet.mergeCells(note.number, 1, note.number, 7);
  note.font = { italic: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** What the worker thread is given: the notices' figures, as plain data. */
export interface ZipTask {
  notices: C12Notice[];
  format: NoticeFormat;
  date: Day;
}

/**
 * The notices in one zip, a file each: what the worker thread does for an office's notices. `onRendered` hears how
 * many are rendered after each one.
 */
export async function zipNotices(
  notices: C12Notice[],
  format: NoticeFormat,
  date: Day,
  onRendered?: (rendered: number) => void,
): Promise<Buffer> {
  const zip = new JSZip();
  for (const [i, notice] of notices.entries()) {
    const file = await renderNotice(notice, format, date);
    zip.file(file.filename, file.content);
    onRendered?.(i + 1);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
