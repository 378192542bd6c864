import type { ActionKind } from './actions.js';
import type { DueAction, LadderStep } from './ladder.js';
import type { EmployerStatus, Ownership } from './ledger.js';
import type { WorklistTier } from './worklist.js';

/**
 * The words of the lists of employers, in both languages, in one table: the column heads and the values the web shows
 * are those the .xlsx exports write, so that a list on screen and its export read alike.
 */
export type ListLanguage = 'vi' | 'en';
export type Words = Readonly<Record<ListLanguage, string>>;

/** The heads of the columns of the lists (worklist, employers, arrears, campaign drill-downs, inspection candidates). */
export const LIST_COLUMNS = {
  number: { vi: 'STT', en: 'No.' },
  code: { vi: 'Mã đơn vị', en: 'Code' },
  name: { vi: 'Tên đơn vị', en: 'Employer' },
  taxCode: { vi: 'Mã số thuế', en: 'Tax code' },
  office: { vi: 'Cơ quan BHXH', en: 'Office' },
  ownership: { vi: 'Loại hình', en: 'Ownership' },
  headcount: { vi: 'Số lao động', en: 'Workers' },
  status: { vi: 'Trạng thái', en: 'Status' },
  paymentCycle: { vi: 'Phương thức đóng', en: 'Payment cycle' },
  tier: { vi: 'Mức độ', en: 'Priority' },
  lateAmount: { vi: 'Số tiền chậm đóng (₫)', en: 'Late amount (₫)' },
  overdueMonths: { vi: 'Số tháng chậm đóng', en: 'Months overdue' },
  band: { vi: 'Nhóm', en: 'Band' },
  oldestUnpaid: { vi: 'Từ kỳ', en: 'Since period' },
  charge: { vi: 'Lãi chậm đóng (₫)', en: 'Late charge (₫)' },
  step: { vi: 'Bước đôn đốc', en: 'Ladder step' },
  since: { vi: 'Từ ngày', en: 'Since' },
  dueTasks: { vi: 'Việc đến hạn', en: 'Tasks due' },
  nextDue: { vi: 'Hạn gần nhất', en: 'Next due' },
  followUpOn: { vi: 'Ngày hẹn theo dõi', en: 'Follow up on' },
  brokenPromise: { vi: 'Vi phạm cam kết', en: 'Broken promise' },
  actionDate: { vi: 'Ngày thực hiện', en: 'Date' },
  actionKind: { vi: 'Hoạt động', en: 'Action' },
  documentNumber: { vi: 'Số văn bản', en: 'Document number' },
  paidOn: { vi: 'Ngày nộp', en: 'Paid on' },
  amount: { vi: 'Số tiền (₫)', en: 'Amount (₫)' },
  reference: { vi: 'Số chứng từ', en: 'Reference' },
} as const satisfies Record<string, Words>;
export type ListColumnKey = keyof typeof LIST_COLUMNS;

export const TIER_LABELS: Record<WorklistTier, Words> = {
  today: { vi: 'Cần làm ngay', en: 'Do now' },
  this_week: { vi: 'Trong tuần', en: 'This week' },
  later: { vi: 'Sau', en: 'Later' },
};

export const STEP_LABELS: Record<LadderStep, Words> = {
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

/** Every kind of action an official records, and the ladder's check of an instalment plan. */
export const ACTION_LABELS: Record<ActionKind | DueAction, Words> = {
  c12_notice: { vi: 'Thông báo kết quả đóng (C12-TS)', en: 'Payment statement (C12-TS)' },
  urging_letter: { vi: 'Công văn đôn đốc', en: 'Urging letter' },
  invitation: { vi: 'Thư mời làm việc', en: 'Invitation to a meeting' },
  working_session: { vi: 'Làm việc trực tiếp', en: 'Working session' },
  customer_conference: { vi: 'Hội nghị khách hàng', en: 'Customer conference' },
  phone_call: { vi: 'Gọi điện đôn đốc', en: 'Phone call' },
  inspection: { vi: 'Kiểm tra', en: 'Inspection' },
  surprise_inspection: { vi: 'Thanh tra chuyên ngành đột xuất', en: 'Surprise specialised inspection' },
  sanction: { vi: 'Quyết định xử phạt vi phạm hành chính', en: 'Administrative sanction' },
  media_publication: { vi: 'Công khai trên phương tiện thông tin đại chúng', en: 'Published in the media' },
  prosecution_referral: { vi: 'Chuyển hồ sơ đề nghị khởi tố', en: 'Referral for prosecution' },
  debt_team_handover: { vi: 'Chuyển tổ thu nợ liên ngành', en: 'Handed to the inter-agency debt team' },
  no_reward_proposal: { vi: 'Đề nghị không khen thưởng', en: 'Proposal to withhold awards' },
  instalment_check: { vi: 'Kiểm tra kỳ trả dần', en: 'Check the instalment' },
};

/** The bands of the default rule set; a rule set's own band code shows as it is. */
export const BAND_LABELS = {
  none: { vi: 'Không chậm', en: 'Not late' },
  '1-2': { vi: '1–2 tháng', en: '1–2 months' },
  '3-5': { vi: '3–5 tháng', en: '3–5 months' },
  '6-11': { vi: '6–11 tháng', en: '6–11 months' },
  '12+': { vi: 'Từ 12 tháng', en: '12 months or more' },
} as const satisfies Record<string, Words>;

export const OWNERSHIP_LABELS: Record<Ownership, Words> = {
  state: { vi: 'Doanh nghiệp nhà nước', en: 'State-owned' },
  fdi: { vi: 'Doanh nghiệp có vốn đầu tư nước ngoài', en: 'Foreign-invested' },
  private: { vi: 'Doanh nghiệp ngoài quốc doanh', en: 'Private' },
  public: { vi: 'Hành chính sự nghiệp, Đảng, đoàn thể', en: 'Public administration' },
  cooperative: { vi: 'Hợp tác xã', en: 'Cooperative' },
  household: { vi: 'Hộ kinh doanh, tổ hợp tác', en: 'Household business' },
  other: { vi: 'Tổ chức khác', en: 'Other' },
};

export const STATUS_LABELS: Record<EmployerStatus, Words> = {
  active: { vi: 'Đang hoạt động', en: 'Active' },
  suspended: { vi: 'Tạm dừng', en: 'Suspended' },
  dissolved: { vi: 'Giải thể', en: 'Dissolved' },
  bankrupt: { vi: 'Phá sản', en: 'Bankrupt' },
  absconded: { vi: 'Chủ bỏ trốn', en: 'Owner absconded' },
};

export const CYCLE_LABELS: Record<1 | 3 | 6, Words> = {
  1: { vi: 'Hằng tháng', en: 'Monthly' },
  3: { vi: '3 tháng', en: 'Quarterly' },
  6: { vi: '6 tháng', en: 'Six-monthly' },
};

export const bandLabel = (band: string, language: ListLanguage) =>
  (BAND_LABELS as Record<string, Words>)[band]?.[language] ?? band;

/**
 * A table of words as messages of one language under a prefix ('step_' + 'urged' → 'step_urged'), for the web's
 * message lists: the keys keep their literal types, so a missing one is still a compile error there.
 */
export function prefixedWords<P extends string, K extends string | number>(
  prefix: P,
  table: Record<K, Words>,
  language: ListLanguage,
): Record<`${P}${K}`, string> {
  return Object.fromEntries(
    Object.entries<Words>(table).map(([key, words]) => [`${prefix}${key}`, words[language]]),
  ) as Record<`${P}${K}`, string>;
}
