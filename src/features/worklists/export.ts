import ExcelJS from 'exceljs';
import type { DueAction, LadderStep } from '../../domain/ladder.js';
import type { Day } from '../../domain/ledger.js';
import type { WorklistTier } from '../../domain/worklist.js';
import type { ErrorLanguage } from '../../http/error-catalogue.js';
import type { WorklistItem } from './schemas.js';

/**
 * A worklist as a workbook an official keeps working in: one row per employer, amounts as numbers and days as dates
 * (so that Excel sums, sorts and filters them), with the formats of a Vietnamese office set on the cells.
 */

const MONEY = '#,##0';
const DATE = 'dd/mm/yyyy';

type Words = Record<ErrorLanguage, string>;

const TIERS: Record<WorklistTier, Words> = {
  today: { vi: 'Cần làm ngay', en: 'Do now' },
  this_week: { vi: 'Trong tuần', en: 'This week' },
  later: { vi: 'Sau', en: 'Later' },
};

const STEPS: Record<LadderStep, Words> = {
  current: { vi: 'Không chậm đóng', en: 'Not late' },
  late: { vi: 'Chậm đóng', en: 'Late' },
  urged: { vi: 'Đã đôn đốc', en: 'Urged' },
  invited: { vi: 'Đã mời làm việc', en: 'Invited' },
  inspection_candidate: { vi: 'Cần thanh tra đột xuất', en: 'Surprise inspection due' },
  evasion: { vi: 'Trốn đóng', en: 'Evasion' },
  referral_candidate: { vi: 'Đề nghị khởi tố', en: 'Referral candidate' },
  referred: { vi: 'Đã chuyển cơ quan điều tra', en: 'Referred to investigators' },
  instalment: { vi: 'Đang trả dần', en: 'Paying by instalments' },
};

const ACTIONS: Record<DueAction, Words> = {
  urging_letter: { vi: 'Công văn đôn đốc', en: 'Urging letter' },
  invitation: { vi: 'Thư mời làm việc', en: 'Invitation to a meeting' },
  working_session: { vi: 'Làm việc trực tiếp', en: 'Working session' },
  surprise_inspection: { vi: 'Thanh tra chuyên ngành đột xuất', en: 'Surprise specialised inspection' },
  sanction: { vi: 'Quyết định xử phạt vi phạm hành chính', en: 'Administrative sanction' },
  prosecution_referral: { vi: 'Chuyển hồ sơ đề nghị khởi tố', en: 'Referral for prosecution' },
  instalment_check: { vi: 'Kiểm tra kỳ trả dần', en: 'Instalment check' },
};

const BANDS: Record<string, Words> = {
  none: { vi: 'Không chậm', en: 'Not late' },
  '1-2': { vi: '1–2 tháng', en: '1–2 months' },
  '3-5': { vi: '3–5 tháng', en: '3–5 months' },
  '6-11': { vi: '6–11 tháng', en: '6–11 months' },
  '12+': { vi: 'Từ 12 tháng', en: '12 months or more' },
};

interface Column {
  head: Words;
  width: number;
  format?: string;
  value: (item: WorklistItem, language: ErrorLanguage) => string | number | Date | null;
}

/** A day as the date cell Excel shows for it: midnight UTC, which Excel reads as that day whatever its time zone. */
const dateCell = (day: Day | null) => (day === null ? null : new Date(`${day}T00:00:00Z`));

const COLUMNS: Column[] = [
  { head: { vi: 'Mã đơn vị', en: 'Code' }, width: 13, value: (i) => i.employer.code },
  { head: { vi: 'Tên đơn vị', en: 'Employer' }, width: 45, value: (i) => i.employer.name },
  { head: { vi: 'Mã số thuế', en: 'Tax code' }, width: 14, value: (i) => i.employer.taxCode },
  { head: { vi: 'Cơ quan BHXH', en: 'Office' }, width: 30, value: (i) => i.employer.officeName },
  { head: { vi: 'Mức độ', en: 'Priority' }, width: 14, value: (i, l) => TIERS[i.tier][l] },
  {
    head: { vi: 'Số tiền chậm đóng (₫)', en: 'Late amount (₫)' },
    width: 18,
    format: MONEY,
    value: (i) => i.lateAmount,
  },
  { head: { vi: 'Số tháng chậm đóng', en: 'Months overdue' }, width: 11, format: '0', value: (i) => i.overdueMonths },
  { head: { vi: 'Nhóm', en: 'Band' }, width: 14, value: (i, l) => BANDS[i.band]?.[l] ?? i.band },
  { head: { vi: 'Lãi chậm đóng (₫)', en: 'Late charge (₫)' }, width: 16, format: MONEY, value: (i) => i.charge },
  { head: { vi: 'Bước đôn đốc', en: 'Ladder step' }, width: 22, value: (i, l) => STEPS[i.step][l] },
  { head: { vi: 'Từ ngày', en: 'Since' }, width: 12, format: DATE, value: (i) => dateCell(i.since) },
  {
    head: { vi: 'Việc đến hạn', en: 'Tasks due' },
    width: 30,
    value: (i, l) => [...new Set(i.due.map((d) => ACTIONS[d.action][l]))].join('; '),
  },
  {
    head: { vi: 'Hạn gần nhất', en: 'Next due' },
    width: 12,
    format: DATE,
    value: (i) => dateCell(i.due.reduce<Day | null>((min, d) => (min === null || d.by < min ? d.by : min), null)),
  },
  {
    head: { vi: 'Ngày hẹn theo dõi', en: 'Follow up on' },
    width: 12,
    format: DATE,
    value: (i) => dateCell(i.followUpOn),
  },
  {
    head: { vi: 'Vi phạm cam kết', en: 'Broken promise' },
    width: 10,
    value: (i, l) => (i.brokenPromise ? (l === 'vi' ? 'Có' : 'Yes') : ''),
  },
];

export interface WorklistSheet {
  officialName: string;
  asOf: Day;
  items: WorklistItem[];
  language: ErrorLanguage;
}

export async function worklistWorkbook(sheet: WorklistSheet): Promise<Buffer> {
  const { language } = sheet;
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(language === 'vi' ? 'Việc hôm nay' : 'Worklist', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = [
    { width: 6, header: language === 'vi' ? 'STT' : 'No.' },
    ...COLUMNS.map((c) => ({ width: c.width, header: c.head[language], style: c.format ? { numFmt: c.format } : {} })),
  ];
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: true };
  sheet.items.forEach((item, n) => {
    ws.addRow([n + 1, ...COLUMNS.map((c) => c.value(item, language))]);
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length + 1 } };
  book.creator = sheet.officialName;
  book.created = new Date(`${sheet.asOf}T00:00:00Z`);
  return Buffer.from(await book.xlsx.writeBuffer());
}
