import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { FUNDS, type Day, type Fund } from '../../domain/ledger.js';
import { lastDayOf, periodOfDay } from '../../domain/periods.js';
import { formatDay, formatNumber, formatPeriod } from '../../domain/format.js';
import { amountInWords } from '../../domain/words.js';
import { formatShare } from '../../domain/share.js';
import type {
  C12NoticeInput,
  EvidenceFileInput,
  LetterFigures,
  LetterInput,
  LetterKind,
  LetterLaw,
  LetterParty,
  ProvinceSituationInput,
} from './model.js';

/**
 * Renders the documents of the urging ladder as .docx in the layout of Decree 30/2020/NĐ-CP (Phụ lục I): issuer and
 * national motto side by side, number and "V/v" summary under the issuer, place and date under the motto, addressee,
 * body, then "Nơi nhận" bottom left and the signature bottom right. Sizes are the decree's, in points.
 */

// ——— Formats used in the documents ———

/**
 * "Ninh Bình, ngày 05 tháng 01 năm 2026". Decree 30 writes a 0 before days under 10 and before months 1 and 2 only,
 * so that "tháng 1" cannot be read as the start of "tháng 10–12" (a later hand could add a digit); March to
 * December are written as they are.
 */
export function dateLine(place: string, day: Day): string {
  return `${place}, ${dateWords(day)}`;
}

function dateWords(day: Day): string {
  const d = Number(day.slice(8, 10));
  const m = Number(day.slice(5, 7));
  const dd = String(d).padStart(2, '0');
  const mm = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${dd} tháng ${mm} năm ${day.slice(0, 4)}`;
}

function money(amount: number): string {
  return `${formatNumber(amount)} đồng`;
}

function inWords(amount: number): string {
  return `(Bằng chữ: ${amountInWords(amount)})`;
}

// ——— Page and text ———

const mm = convertMillimetersToTwip;
const FONT = 'Times New Roman';
/** Decree 30 margins are ranges (top and bottom 20–25 mm, left 30–35, right 15–20): the lower ends give tables room. */
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
const TEXT_WIDTH = mm(210 - 30 - 15);
const HEADER_LEFT = mm(70);
const HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT;
/** 6 pt, the least space Decree 30 allows between paragraphs. */
const PARAGRAPH_GAP = 120;
const FIRST_LINE = mm(10);

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
type Block = Paragraph | Table;

interface Style {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  /** Points; 14 when absent. */
  size?: number;
}

interface LineStyle extends Style {
  align?: Align;
  before?: number;
  after?: number;
  indent?: boolean;
}

function run(text: string, style: Style = {}): TextRun {
  return new TextRun({
    text,
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? {} : undefined,
    size: style.size === undefined ? undefined : style.size * 2,
  });
}

function line(text: string, style: LineStyle = {}): Paragraph {
  return new Paragraph({
    alignment: style.align ?? AlignmentType.LEFT,
    spacing: { before: style.before ?? 0, after: style.after ?? 0 },
    indent: style.indent ? { firstLine: FIRST_LINE } : undefined,
    children: [run(text, style)],
  });
}

const centred = (text: string, style: LineStyle = {}) => line(text, { align: AlignmentType.CENTER, ...style });

/** A paragraph of the body: justified, first line indented, 6 pt after. */
function prose(text: string, style: Style = {}): Paragraph {
  return line(text, { ...style, align: AlignmentType.JUSTIFIED, indent: true, after: PARAGRAPH_GAP });
}

function item(text: string): Paragraph {
  return prose(`- ${text}`);
}

function heading(text: string): Paragraph {
  return line(text, {
    bold: true,
    align: AlignmentType.JUSTIFIED,
    indent: true,
    before: PARAGRAPH_GAP,
    after: PARAGRAPH_GAP,
  });
}

function paragraphsOf(text: string): Paragraph[] {
  return text
    .split(/\r?\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => prose(part));
}

const blank = () => new Paragraph({});

/** Space after a table, which has none of its own. */
const gap = () => line('', { after: PARAGRAPH_GAP });

/** The short solid rule under the issuing office, a third of its column, centred (Decree 30, ô số 2). */
function rule(width: number): Paragraph {
  return new Paragraph({
    indent: { left: Math.round(width / 3), right: Math.round(width / 3) },
    spacing: { after: PARAGRAPH_GAP },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 4 },
  });
}

function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

// ——— Tables ———

/** A table without borders, used for layout: the header, the signature blocks. */
function layoutTable(widths: number[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: TableBorders.NONE,
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map(
            (children, i) =>
              new TableCell({
                width: { size: widths[i] ?? 0, type: WidthType.DXA },
                children: children.length > 0 ? children : [blank()],
              }),
          ),
        }),
    ),
  });
}

interface Column {
  title: string;
  /** Relative width. */
  share: number;
  align: Align;
}

const TABLE_SIZE = 12;

/**
 * A row under a table's figures whose label spans the first `span` columns (a totals or reconciling line), its
 * figures in the columns after.
 */
interface FooterRow {
  label: string;
  figures: string[];
  bold: boolean;
}

/**
 * A table of figures with a bold header row repeated on each page and an optional bold totals row, or footer rows
 * whose label spans the first `footer.span` columns.
 */
function dataTable(
  columns: Column[],
  rows: string[][],
  totals?: string[],
  footer?: { span: number; rows: FooterRow[] },
): Table {
  const shares = columns.reduce((sum, c) => sum + c.share, 0);
  const widths = columns.map((c) => Math.floor((TEXT_WIDTH * c.share) / shares));
  const cellOf = (text: string, i: number, bold: boolean, align: Align, span = 1) =>
    new TableCell({
      width: { size: widths.slice(i, i + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnSpan: span > 1 ? span : undefined,
      verticalAlign: VerticalAlignTable.CENTER,
      children: [line(text, { align, bold, size: TABLE_SIZE })],
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cellOf(c.title, i, true, AlignmentType.CENTER)),
  });
  const body = [
    ...rows.map((r) => ({ cells: r, bold: false })),
    ...(totals ? [{ cells: totals, bold: true }] : []),
  ].map(
    ({ cells, bold }) =>
      new TableRow({
        cantSplit: true,
        children: columns.map((c, i) => cellOf(cells[i] ?? '', i, bold, c.align)),
      }),
  );
  const foot = (footer?.rows ?? []).map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: [
          cellOf(r.label, 0, r.bold, AlignmentType.LEFT, footer!.span),
          ...columns.slice(footer!.span).map((c, k) => cellOf(r.figures[k] ?? '', footer!.span + k, r.bold, c.align)),
        ],
      }),
  );
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    rows: [header, ...body, ...foot],
  });
}

const FUND_LABELS: Record<Fund, string> = {
  BHXH: 'BHXH (hưu trí - tử tuất, ốm đau - thai sản)',
  BHTNLD: 'BHTNLĐ-BNN',
  BHTN: 'BHTN',
  BHYT: 'BHYT',
};

const LEFT = AlignmentType.LEFT;
const RIGHT = AlignmentType.RIGHT;
const CENTER = AlignmentType.CENTER;

function fundTable(f: LetterFigures): Table {
  return dataTable(
    [
      { title: 'Quỹ', share: 5, align: LEFT },
      { title: 'Số tiền chậm đóng (đồng)', share: 3, align: RIGHT },
      { title: 'Tiền chậm đóng (đồng)', share: 3, align: RIGHT },
    ],
    FUNDS.map((fund) => [FUND_LABELS[fund], formatNumber(f.lateByFund[fund]), formatNumber(f.chargeByFund[fund])]),
    ['Tổng cộng', formatNumber(f.lateAmount), formatNumber(f.charge)],
  );
}

/**
 * The engine's unpaid months table, as on the arrears card: each overdue month with what is unpaid of it, its days
 * and its charge; then the charge on principal already paid late, so that the charge column adds up to the charge
 * accrued; less what the employer has paid of its charges, the charge outstanding that the text and the fund table
 * state.
 */
function monthsTable(f: LetterFigures): Table {
  return dataTable(
    [
      { title: 'Tháng', share: 2, align: CENTER },
      { title: 'Hạn nộp', share: 2.5, align: CENTER },
      { title: 'Số tiền chưa đóng (đồng)', share: 3, align: RIGHT },
      { title: 'Số ngày chậm', share: 1.8, align: RIGHT },
      { title: 'Số ngày tính tiền chậm đóng', share: 2, align: RIGHT },
      { title: 'Tiền chậm đóng (đồng)', share: 3, align: RIGHT },
    ],
    f.unpaidMonths.map((m) => [
      formatPeriod(m.period),
      formatDay(m.deadline),
      formatNumber(m.unpaid),
      formatNumber(m.daysLate),
      formatNumber(m.chargeDays),
      formatNumber(m.charge),
    ]),
    undefined,
    {
      span: 2,
      rows: [
        {
          label: 'Tiền chậm đóng trên số tiền đã nộp muộn',
          figures: ['', '', '', formatNumber(f.chargeOnPaidPrincipal)],
          bold: false,
        },
        {
          label: 'Tổng cộng: tiền chậm đóng phát sinh',
          figures: [formatNumber(f.lateAmount), '', '', formatNumber(f.chargeAccrued)],
          bold: true,
        },
        { label: 'Trừ: tiền chậm đóng đơn vị đã nộp', figures: ['', '', '', formatNumber(f.chargePaid)], bold: false },
        { label: 'Tiền chậm đóng còn phải nộp', figures: ['', '', '', formatNumber(f.charge)], bold: true },
      ],
    },
  );
}

// ——— Parts of the layout ———

/**
 * Issuer over "Số" and the summary on the left; national motto over the place and date on the right. Two rows, so
 * that "Số" and the date line up as in the decree's models.
 */
function header(issuer: LetterParty, place: string, date: Day, number: string | null, summary: string | null): Table {
  const left: Paragraph[] = [];
  if (number !== null) left.push(centred(`Số: ${number}`, { size: 13 }));
  if (summary !== null) left.push(centred(summary, { size: 12, before: 60 }));
  return layoutTable(
    [HEADER_LEFT, HEADER_RIGHT],
    [
      [
        [
          centred(upper(issuer.parentName), { size: 12 }),
          centred(upper(issuer.officeName), { size: 12, bold: true }),
          rule(HEADER_LEFT),
        ],
        [
          centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
          // Underlined rather than ruled: the decree's line under the motto is as long as the motto itself.
          centred('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true, underline: true, after: PARAGRAPH_GAP }),
        ],
      ],
      [left, [centred(dateLine(place, date), { size: 13, italics: true })]],
    ],
  );
}

function title(name: string, summary: string): Paragraph[] {
  return [centred(name, { bold: true, before: 240 }), centred(summary, { bold: true, after: PARAGRAPH_GAP })];
}

function addressee(name: string): Paragraph {
  return centred(`Kính gửi: ${name}`, { before: 240, after: 240 });
}

/**
 * VSS writes công văn numbers as "15/BHXH-QLT", the part after "BHXH-" being the drafting unit that keeps a copy;
 * other symbols ("05/GM-BHXH") do not name it, and only the clerical office (VT) is written.
 */
function archiveLine(number: string): string {
  const unit = /\/BHXH-([^/\s]+)$/.exec(number)?.[1];
  return unit ? `- Lưu: VT, ${unit}.` : '- Lưu: VT.';
}

/** "Nơi nhận:" in bold italics, each recipient "- …;", the archive copy last. A given "Lưu: …" line is kept as it is. */
function recipientsBlock(recipients: string[], number: string): Paragraph[] {
  const last = recipients.at(-1);
  const archived = last !== undefined && /^lưu\s*:/iu.test(last.trim());
  const others = archived ? recipients.slice(0, -1) : recipients;
  const archive = archived ? `- ${last.trim().replace(/\.?$/, '.')}` : archiveLine(number);
  return [
    line('Nơi nhận:', { bold: true, italics: true, size: 12, before: PARAGRAPH_GAP }),
    ...others.map((r) => line(`- ${r};`, { size: 11 })),
    line(archive, { size: 11 }),
  ];
}

function signatureLines(signer: LetterInput['signer']): Paragraph[] {
  return [
    ...signer.title
      .split(/\r?\n/)
      .map((t, i) => centred(upper(t), { bold: true, before: i === 0 ? PARAGRAPH_GAP : 0 })),
    ...Array.from({ length: 4 }, blank),
    centred(signer.name, { bold: true }),
  ];
}

/** Nơi nhận bottom left, signature bottom right, side by side. */
function closing(input: Pick<LetterInput, 'recipients' | 'number' | 'signer'>): Table {
  return layoutTable(
    [TEXT_WIDTH - mm(85), mm(85)],
    [[recipientsBlock(input.recipients, input.number), signatureLines(input.signer)]],
  );
}

function pack(title: string, children: Block[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'dondoc',
    title,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: MARGIN } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function required<T>(value: T | undefined, kind: LetterKind, field: string): T {
  if (value === undefined) throw new TypeError(`a ${kind} document needs ${field}`);
  return value;
}

// ——— What each document says ———

const FUNDS_SHORT = 'BHXH, BHYT, BHTN';
const SOCIAL_INSURANCE_LAW = 'Luật Bảo hiểm xã hội số 41/2024/QH15';
const OLD_SOCIAL_INSURANCE_LAW = 'Luật Bảo hiểm xã hội số 58/2014/QH13';
const CRIME = 'tội trốn đóng bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp cho người lao động';

function employerIdentity(e: LetterInput['employer']): string {
  return `mã đơn vị: ${e.code}; mã số thuế: ${e.taxCode}; địa chỉ: ${e.address}`;
}

function overdueSpan(f: LetterFigures): string {
  const months = f.overdueMonths >= 1 ? `${formatNumber(f.overdueMonths)} tháng` : 'chưa đến 01 tháng';
  return f.oldestUnpaidPeriod === null ? months : `${months}, kể từ tháng ${formatPeriod(f.oldestUnpaidPeriod)}`;
}

/** "… còn chậm đóng BHXH, BHYT, BHTN số tiền 1.234 đồng (Bằng chữ: …), thời gian chậm đóng 3 tháng, kể từ …" */
function lateClause(f: LetterFigures): string {
  return (
    `tính đến ngày ${formatDay(f.asOf)} còn chậm đóng ${FUNDS_SHORT} số tiền ${money(f.lateAmount)} ` +
    `${inWords(f.lateAmount)}, thời gian chậm đóng ${overdueSpan(f)}`
  );
}

const RATE_FUNDS: Record<Fund, string> = { BHXH: 'BHXH', BHTNLD: 'BHTNLĐ-BNN', BHTN: 'BHTN', BHYT: 'BHYT' };

/**
 * The old-regime rates that gave this debt interest, as the rule set has them, a year and a rate at a time:
 * "năm 2016: 1,065%/tháng (BHXH, BHTNLĐ-BNN, BHTN)".
 */
function interestRatesText(f: LetterFigures, law: LetterLaw): string {
  const groups = new Map<string, Fund[]>();
  for (const { fund, year } of f.interestRates) {
    const rate = law.interestRates.find((r) => r.fund === fund && r.year === year)!.rate;
    const key = `năm ${year}: ${rate}/tháng`;
    groups.set(key, [...(groups.get(key) ?? []), fund]);
  }
  return [...groups].map(([key, funds]) => `${key} (${funds.map((fund) => RATE_FUNDS[fund]).join(', ')})`).join('; ');
}

/**
 * The charge outstanding, with what accrued and what was paid of it when the employer has paid some charges. When the
 * debt bore old-regime interest (Decision 595, before the daily charge), the sentence says so, with its rates and dates.
 */
function chargeSentence(f: LetterFigures, law: LetterLaw): string {
  const paid =
    f.chargePaid > 0
      ? `phát sinh ${money(f.chargeAccrued)}, đơn vị đã nộp ${money(f.chargePaid)}, còn phải nộp`
      : 'còn phải nộp';
  const daily = `số tiền bằng ${law.dailyChargeRate}/ngày tính trên số tiền chậm đóng và số ngày chậm đóng`;
  if (f.interestRates.length === 0) {
    return (
      `Tiền chậm đóng tính đến ngày ${formatDay(f.asOf)} (${daily}, theo Điều 40 ${SOCIAL_INSURANCE_LAW}) ${paid} là ` +
      `${money(f.charge)} ${inWords(f.charge)}.`
    );
  }
  return (
    `Tiền chậm đóng tính đến ngày ${formatDay(f.asOf)} gồm lãi chậm đóng theo Điều 122 ${OLD_SOCIAL_INSURANCE_LAW} và ` +
    `Quyết định số 595/QĐ-BHXH, tính vào ngày 01 hằng tháng đến ngày ${formatDay(law.interestUntil)} trên số tiền chậm ` +
    `đóng từ 01 tháng trở lên (lãi suất ${interestRatesText(f, law)}), và tiền chậm đóng từ ngày ` +
    `${formatDay(law.dailyChargeFrom)} (${daily}, theo Điều 40 ${SOCIAL_INSURANCE_LAW}); ${paid} là ` +
    `${money(f.charge)} ${inWords(f.charge)}.`
  );
}

function urgingBody(input: LetterInput): Block[] {
  const { employer: e, figures: f, date } = input;
  const month = periodOfDay(date);
  return [
    prose(
      `Thực hiện ${SOCIAL_INSURANCE_LAW} và Nghị định số 274/2025/NĐ-CP của Chính phủ, cơ quan bảo hiểm xã hội ` +
        'thông báo và đôn đốc đơn vị như sau:',
    ),
    prose(
      `Theo số liệu của cơ quan bảo hiểm xã hội, ${e.name} (${employerIdentity(e)}) ${lateClause(f)}. ` +
        'Chi tiết số tiền chậm đóng theo từng quỹ như sau:',
    ),
    fundTable(f),
    prose('Chi tiết các tháng chưa đóng:'),
    monthsTable(f),
    gap(),
    prose(chargeSentence(f, input.law)),
    prose(
      `Cơ quan bảo hiểm xã hội đề nghị đơn vị nộp đủ số tiền chậm đóng và tiền chậm đóng nêu trên vào quỹ ` +
        `${FUNDS_SHORT} trong tháng ${formatPeriod(month)}, chậm nhất đến ngày ${formatDay(lastDayOf(month))}.`,
    ),
    prose('Quá thời hạn trên, nếu đơn vị không nộp đủ, cơ quan bảo hiểm xã hội sẽ áp dụng các biện pháp sau:'),
    item(
      'Lập biên bản vi phạm hành chính, đề nghị xử phạt vi phạm hành chính theo Nghị định số 12/2022/NĐ-CP của Chính ' +
        'phủ về xử phạt vi phạm hành chính trong lĩnh vực lao động, bảo hiểm xã hội;',
    ),
    item(`Thanh tra chuyên ngành đột xuất việc chấp hành pháp luật về đóng ${FUNDS_SHORT};`),
    item('Công khai tên đơn vị chậm đóng trên các phương tiện thông tin đại chúng;'),
    item('Đề nghị cơ quan có thẩm quyền không xem xét trao tặng danh hiệu thi đua, hình thức khen thưởng cho đơn vị.'),
    prose(
      `Số tiền chưa đóng quá ${input.law.evasionDays} ngày kể từ ngày đến hạn đóng, sau khi đã được cơ quan bảo hiểm xã hội đôn đốc, là hành ` +
        `vi trốn đóng theo Điều 39 ${SOCIAL_INSURANCE_LAW}; người sử dụng lao động trốn đóng có thể bị truy cứu trách ` +
        `nhiệm hình sự về ${CRIME} theo Điều 216 Bộ luật Hình sự.`,
    ),
    prose('Cơ quan bảo hiểm xã hội thông báo để đơn vị biết và thực hiện./.'),
  ];
}

function invitationBody(input: LetterInput): Block[] {
  const { employer: e, figures: f } = input;
  const meeting = required(input.meeting, input.kind, 'meeting');
  return [
    prose(
      `Theo số liệu của cơ quan bảo hiểm xã hội, ${e.name} (${employerIdentity(e)}) ${lateClause(f)}; ` +
        `tiền chậm đóng là ${money(f.charge)} ${inWords(f.charge)}.`,
    ),
    prose(
      'Để làm rõ nguyên nhân chậm đóng và thống nhất kế hoạch nộp số tiền chậm đóng, cơ quan bảo hiểm xã hội trân trọng ' +
        'kính mời đại diện lãnh đạo đơn vị và cán bộ phụ trách lao động, tiền lương, kế toán đến làm việc:',
    ),
    item(`Thời gian: ${meeting.when};`),
    item(`Địa điểm: ${meeting.place};`),
    item(`Liên hệ: ${meeting.contact}.`),
    prose('Khi đến làm việc, đề nghị đơn vị mang theo:'),
    item('Danh sách lao động và bảng thanh toán tiền lương các tháng chậm đóng;'),
    item(`Chứng từ nộp tiền ${FUNDS_SHORT} (nếu có);`),
    item('Kế hoạch, lộ trình nộp số tiền chậm đóng và tiền chậm đóng.'),
    prose('Rất mong đơn vị bố trí thời gian đến làm việc đúng thành phần, thời gian nêu trên./.'),
  ];
}

function minutesBody(input: LetterInput): Block[] {
  const { employer: e, figures: f } = input;
  const minutes = required(input.minutes, input.kind, 'minutes');
  return [
    prose(`Hôm nay, ${dateWords(input.date)}, tại ${input.meeting?.place ?? input.place}, chúng tôi gồm:`),
    ...minutes.participants.map((p) => item(`${p};`)),
    prose(`Cùng làm việc về tình hình đóng ${FUNDS_SHORT} của ${e.name} (${employerIdentity(e)}).`),
    heading('I. Số liệu chậm đóng'),
    prose(`Theo số liệu của cơ quan bảo hiểm xã hội, đơn vị ${lateClause(f)}. Chi tiết theo từng quỹ:`),
    fundTable(f),
    gap(),
    prose(chargeSentence(f, input.law)),
    heading('II. Nội dung làm việc'),
    ...paragraphsOf(minutes.content),
    heading('III. Kết luận'),
    ...paragraphsOf(minutes.conclusion),
    prose(
      'Biên bản được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản; đã được đọc lại cho các bên cùng nghe, ' +
        'thống nhất và ký tên dưới đây./.',
    ),
  ];
}

function referralBody(input: LetterInput, referral: NonNullable<LetterInput['referral']>): Block[] {
  const { employer: e, figures: f } = input;
  return [
    prose(`Căn cứ Điều 216 Bộ luật Hình sự; Điều 39, Điều 40 ${SOCIAL_INSURANCE_LAW};`),
    prose(
      `Qua theo dõi, đôn đốc, cơ quan bảo hiểm xã hội xác định ${e.name} (${employerIdentity(e)}), đang sử dụng ` +
        `${formatNumber(e.headcount)} lao động, ${lateClause(f)}. Chi tiết theo từng quỹ:`,
    ),
    fundTable(f),
    gap(),
    prose(chargeSentence(f, input.law)),
    prose(
      'Đơn vị đã được cơ quan bảo hiểm xã hội đôn đốc và đã bị xử phạt vi phạm hành chính về hành vi không đóng, chậm ' +
        `đóng ${FUNDS_SHORT} nhưng vẫn tiếp tục không đóng cho người lao động. Hành vi của đơn vị có dấu hiệu của ` +
        `${CRIME} quy định tại Điều 216 Bộ luật Hình sự.`,
    ),
    prose(
      `Cơ quan bảo hiểm xã hội chuyển hồ sơ đến ${referral.agency} đề nghị xem xét, khởi tố vụ án hình sự theo quy ` +
        'định của pháp luật. Hồ sơ kèm theo gồm:',
    ),
    ...referral.enclosures.map((enclosure, i, all) =>
      prose(`${i + 1}. ${enclosure}${i === all.length - 1 ? '.' : ';'}`),
    ),
    prose(
      `Đề nghị ${referral.agency} xem xét, giải quyết và thông báo kết quả cho cơ quan bảo hiểm xã hội để phối hợp./.`,
    ),
  ];
}

/** Both sides sign the minutes; the BHXH side is the signer of the document. */
function bothSidesSign(input: LetterInput): Table {
  const half = TEXT_WIDTH / 2;
  return layoutTable(
    [Math.floor(half), Math.ceil(half)],
    [
      [
        [
          centred('ĐẠI DIỆN ĐƠN VỊ', { bold: true, before: PARAGRAPH_GAP }),
          centred('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true, size: 13 }),
        ],
        [centred('ĐẠI DIỆN CƠ QUAN BHXH', { bold: true, before: PARAGRAPH_GAP }), ...signatureLines(input.signer)],
      ],
    ],
  );
}

const DOCUMENT_NAMES: Record<LetterKind, string> = {
  urging_letter: 'Công văn đôn đốc',
  invitation: 'Thư mời làm việc',
  meeting_minutes: 'Biên bản làm việc',
  referral_cover: 'Công văn chuyển hồ sơ đề nghị khởi tố',
};

const SUBJECTS: Record<LetterKind, string> = {
  urging_letter: `V/v đôn đốc đóng ${FUNDS_SHORT} chậm đóng`,
  invitation: `Về việc đôn đốc đóng ${FUNDS_SHORT} chậm đóng`,
  meeting_minutes: `Về việc đóng ${FUNDS_SHORT} chậm đóng`,
  referral_cover: `V/v chuyển hồ sơ đề nghị khởi tố vụ án hình sự về ${CRIME} (Điều 216 Bộ luật Hình sự)`,
};

/** One document for one employer; an urging letter covers all its overdue months. */
export async function renderLetter(input: LetterInput): Promise<Buffer> {
  const subject = SUBJECTS[input.kind];
  const isLetter = input.kind === 'urging_letter' || input.kind === 'referral_cover';
  const top: Block[] = [header(input.issuer, input.place, input.date, input.number, isLetter ? subject : null)];
  if (!isLetter) top.push(...title(upper(DOCUMENT_NAMES[input.kind]), subject));

  let children: Block[];
  switch (input.kind) {
    case 'urging_letter':
      children = [...top, addressee(input.employer.name), ...urgingBody(input), closing(input)];
      break;
    case 'invitation':
      children = [...top, addressee(input.employer.name), ...invitationBody(input), closing(input)];
      break;
    case 'meeting_minutes':
      children = [
        ...top,
        ...minutesBody(input),
        bothSidesSign(input),
        ...recipientsBlock(input.recipients, input.number),
      ];
      break;
    case 'referral_cover': {
      const referral = required(input.referral, input.kind, 'referral');
      children = [...top, addressee(referral.agency), ...referralBody(input, referral), closing(input)];
      break;
    }
  }
  return pack(`${DOCUMENT_NAMES[input.kind]} - ${input.employer.name}`, children);
}

/**
 * Thông báo kết quả đóng (C12-TS) in VSS's layout: the managing office and the national motto as in every
 * document it issues, the title and month, the employer's identity, then the table A–D by fund with the
 * late-payment charge part under each row. Figures are written 1.234.567, in đồng.
 */
export async function renderC12Notice(input: C12NoticeInput): Promise<Buffer> {
  const { employer: e } = input;
  const columns: Column[] = [
    { title: 'STT', share: 1, align: CENTER },
    { title: 'Nội dung', share: 4.2, align: LEFT },
    ...input.columns.map((title) => ({ title, share: 2.4, align: RIGHT })),
  ];
  const rows = input.rows.flatMap((r) => [
    [r.code, r.label, ...r.amounts.map(formatNumber)],
    ['', 'Trong đó: tiền chậm đóng', ...r.charge.map(formatNumber)],
  ]);
  return pack(`Thông báo kết quả đóng ${formatPeriod(input.month)} - ${e.name}`, [
    header(input.issuer, input.place, input.date, null, null),
    ...title('THÔNG BÁO', `Kết quả đóng BHXH, BHYT, BHTN, BHTNLĐ-BNN tháng ${formatPeriod(input.month)}`),
    centred('(Mẫu C12-TS)', { italics: true, size: 12, after: PARAGRAPH_GAP }),
    line(`Kính gửi: ${e.name}`, { bold: true, after: 60 }),
    line(`Mã đơn vị: ${e.code}; mã số thuế: ${e.taxCode}`, { after: 60 }),
    line(`Địa chỉ: ${e.address}`, { after: 60 }),
    line('Đơn vị tính: đồng', { italics: true, size: 12, align: RIGHT, after: 60 }),
    dataTable(columns, rows),
    gap(),
    line(input.note, { italics: true, size: 12 }),
  ]);
}

/** Hồ sơ đề nghị khởi tố: everything the investigation agency needs about one employer, in one document. */
export async function renderEvidenceFile(input: EvidenceFileInput): Promise<Buffer> {
  const { employer: e, figures: f } = input;
  const none = (what: string) => prose(`Không có ${what}.`, { italics: true });
  const totalFines = input.sanctions.reduce((sum, s) => sum + s.fine, 0);
  const children: Block[] = [
    header(input.issuer, input.place, input.date, null, null),
    centred('HỒ SƠ ĐỀ NGHỊ KHỞI TỐ', { bold: true, before: 240 }),
    centred(`Về ${CRIME} (Điều 216 Bộ luật Hình sự)`, { bold: true }),
    centred(`Đơn vị: ${e.name}`, { bold: true, after: 240 }),

    heading('I. Thông tin đơn vị'),
    item(`Tên đơn vị: ${e.name};`),
    item(`Mã đơn vị: ${e.code};`),
    item(`Mã số thuế: ${e.taxCode};`),
    item(`Địa chỉ: ${e.address};`),
    item(`Số lao động: ${formatNumber(e.headcount)} người.`),

    heading(`II. Số tiền chậm đóng tại ngày ${formatDay(f.asOf)}`),
    prose(`Đơn vị ${lateClause(f)}.`),
    fundTable(f),
    gap(),
    prose(chargeSentence(f, input.law)),
    prose('Các tháng chưa đóng:'),
    monthsTable(f),

    heading('III. Diễn biến số tiền chậm đóng qua các tháng'),
    input.arrearsHistory.length === 0
      ? none('số liệu')
      : dataTable(
          [
            { title: 'Tháng', share: 2, align: CENTER },
            { title: 'Số tiền chậm đóng cuối tháng (đồng)', share: 4, align: RIGHT },
            { title: 'Số tháng chậm đóng', share: 2.5, align: RIGHT },
          ],
          input.arrearsHistory.map((h) => [
            formatPeriod(h.month),
            formatNumber(h.lateAmount),
            formatNumber(h.overdueMonths),
          ]),
        ),

    heading('IV. Quá trình đôn đốc, xử lý'),
    input.timeline.length === 0
      ? none('hoạt động đôn đốc')
      : dataTable(
          [
            { title: 'STT', share: 0.8, align: CENTER },
            { title: 'Ngày', share: 1.8, align: CENTER },
            { title: 'Nội dung', share: 3.5, align: LEFT },
            { title: 'Chi tiết', share: 5, align: LEFT },
          ],
          input.timeline.map((t, i) => [String(i + 1), formatDay(t.date), t.title, t.detail]),
        ),

    heading('V. Xử phạt vi phạm hành chính'),
    input.sanctions.length === 0
      ? none('quyết định xử phạt vi phạm hành chính')
      : dataTable(
          [
            { title: 'STT', share: 0.8, align: CENTER },
            { title: 'Ngày', share: 1.8, align: CENTER },
            { title: 'Số quyết định', share: 4, align: LEFT },
            { title: 'Số tiền phạt (đồng)', share: 3, align: RIGHT },
          ],
          input.sanctions.map((s, i) => [String(i + 1), formatDay(s.date), s.number, formatNumber(s.fine)]),
          ['', '', 'Tổng cộng', formatNumber(totalFines)],
        ),

    heading('VI. Người lao động bị ảnh hưởng'),
    prose(
      `Số người lao động bị ảnh hưởng quyền lợi do đơn vị không đóng ${FUNDS_SHORT}: ` +
        `${formatNumber(input.workersAffected)} người (đơn vị đang sử dụng ${formatNumber(e.headcount)} lao động).`,
    ),

    heading('VII. Đối chiếu dấu hiệu tội phạm theo Điều 216 Bộ luật Hình sự'),
    dataTable(
      [
        { title: 'STT', share: 0.8, align: CENTER },
        { title: 'Tiêu chí', share: 4, align: LEFT },
        { title: 'Kết quả', share: 1.6, align: CENTER },
        { title: 'Chi tiết', share: 4.5, align: LEFT },
      ],
      input.criteria.map((c, i) => [String(i + 1), c.label, c.met ? 'Đạt' : 'Chưa đạt', c.detail]),
    ),
  ];
  return pack(`Hồ sơ đề nghị khởi tố - ${e.name}`, children);
}

// ——— PDF ———

const exec = promisify(execFile);
const CONVERTERS = ['soffice', 'libreoffice'] as const;
const CONVERSION_TIMEOUT_MS = 120_000;

/**
 * The LibreOffice command on PATH (Debian: the libreoffice-writer-nogui package), or null. Looked up on every call,
 * a few stat calls, so that installing LibreOffice on a running server makes PDF available without a restart.
 */
export function pdfConverter(path = process.env.PATH ?? ''): string | null {
  for (const command of CONVERTERS) {
    for (const dir of path.split(delimiter)) {
      if (dir === '') continue;
      const file = join(dir, command);
      try {
        accessSync(file, constants.X_OK);
        if (statSync(file).isFile()) return file;
      } catch {
        // Not in this directory: the next one.
      }
    }
  }
  return null;
}

/**
 * The PDF of a .docx, made by LibreOffice; null when LibreOffice is not installed (pdfConverter), so that callers can
 * offer the .docx alone. A conversion that fails throws.
 */
export async function pdfFromDocx(docx: Buffer): Promise<Buffer | null> {
  const command = pdfConverter();
  if (command === null) return null;
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-pdf-'));
  try {
    const source = join(dir, 'document.docx');
    await writeFile(source, docx);
    // A LibreOffice already running with the same profile takes over the job and the second command returns
    // without converting; a profile per conversion lets conversions run side by side.
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`;
    let output: { stdout: string; stderr: string };
    try {
      output = await exec(command, ['--headless', profile, '--convert-to', 'pdf', '--outdir', dir, source], {
        timeout: CONVERSION_TIMEOUT_MS,
      });
    } catch (error) {
      throw new Error(`${command} could not convert the document to PDF`, { cause: error });
    }
    try {
      return await readFile(join(dir, 'document.pdf'));
    } catch (error) {
      // LibreOffice exits with 0 when it cannot load the file; its output says why.
      throw new Error(`${command} wrote no PDF: ${(output.stderr || output.stdout).trim()}`, { cause: error });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The periodic report to the provincial People's Committee (dispatch 4208: "báo cáo UBND tỉnh tình hình đóng"):
 * the province's figures, then by area (grassroots office) and by sector (ownership), the largest late employers, and
 * what the office asks of the committee.
 */
export async function renderProvinceSituation(input: ProvinceSituationInput): Promise<Buffer> {
  const t = input.totals;
  const ratio = t.lateRatio === null ? '' : `, bằng ${formatShare(t.lateRatio)} số phải thu`;
  const children: Block[] = [
    header(input.issuer, input.place, input.date, input.number, `V/v tình hình đóng ${FUNDS_SHORT} trên địa bàn`),
    addressee(input.addressee),
    prose(
      `${input.issuer.officeName} báo cáo tình hình đóng ` +
        `${FUNDS_SHORT} của các đơn vị sử dụng lao động trên địa bàn đến ngày ${formatDay(input.asOf)} (số liệu trực tiếp) như sau:`,
    ),
    heading('1. Tình hình chung'),
    item(`Số đơn vị tham gia: ${formatNumber(t.employers)} đơn vị;`),
    item(
      `Số đơn vị chậm đóng: ${formatNumber(t.lateEmployers)} đơn vị, số tiền chậm đóng ${money(t.lateAmount)} ${inWords(t.lateAmount)}${ratio};`,
    ),
    item(
      `Trong đó chậm đóng từ ${String(t.longMonths).padStart(2, '0')} tháng trở lên: ${formatNumber(t.lateThreeMonthsEmployers)} đơn vị, ${money(t.lateThreeMonthsAmount)}.`,
    ),
    heading('2. Theo địa bàn'),
    dataTable(
      [
        { title: 'STT', share: 0.8, align: CENTER },
        { title: 'Địa bàn', share: 5, align: LEFT },
        { title: 'Số đơn vị', share: 1.8, align: RIGHT },
        { title: 'Đơn vị chậm đóng', share: 2, align: RIGHT },
        { title: 'Số tiền chậm đóng (đồng)', share: 3, align: RIGHT },
      ],
      input.byArea.map((a, i) => [
        String(i + 1),
        a.name,
        formatNumber(a.employers),
        formatNumber(a.lateEmployers),
        formatNumber(a.lateAmount),
      ]),
      ['', 'Tổng cộng', formatNumber(t.employers), formatNumber(t.lateEmployers), formatNumber(t.lateAmount)],
    ),
    gap(),
    heading('3. Theo loại hình đơn vị'),
    dataTable(
      [
        { title: 'STT', share: 0.8, align: CENTER },
        { title: 'Loại hình', share: 5, align: LEFT },
        { title: 'Đơn vị chậm đóng', share: 2.5, align: RIGHT },
        { title: 'Số tiền chậm đóng (đồng)', share: 3, align: RIGHT },
      ],
      input.bySector.map((s, i) => [String(i + 1), s.name, formatNumber(s.lateEmployers), formatNumber(s.lateAmount)]),
    ),
    gap(),
    heading(`4. Các đơn vị chậm đóng số tiền lớn`),
    input.largest.length === 0
      ? prose('Không có đơn vị chậm đóng.', { italics: true })
      : dataTable(
          [
            { title: 'STT', share: 0.8, align: CENTER },
            { title: 'Tên đơn vị', share: 5, align: LEFT },
            { title: 'Mã số thuế', share: 2.2, align: CENTER },
            { title: 'Số tháng', share: 1.3, align: RIGHT },
            { title: 'Số tiền (đồng)', share: 2.7, align: RIGHT },
          ],
          input.largest.map((l, i) => [
            String(i + 1),
            l.name,
            l.taxCode,
            formatNumber(l.overdueMonths),
            formatNumber(l.lateAmount),
          ]),
        ),
    gap(),
    heading('5. Đề xuất, kiến nghị'),
    ...input.proposals.map((p) => item(p)),
    closing(input),
  ];
  return pack(`Báo cáo tình hình đóng ${FUNDS_SHORT}`, children);
}
