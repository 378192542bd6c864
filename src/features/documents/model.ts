import type { UnpaidMonth } from '../../domain/arrears.js';
import type { Day, Fund, Period } from '../../domain/ledger.js';
import type { Share } from '../../domain/share.js';

/**
 * What a generated document says, gathered by the documents service from the employer, the arrears engine and the
 * action being recorded; the renderers turn it into a .docx in the Decree 30/2020/NĐ-CP layout.
 */
export type LetterKind =
  /** Công văn đôn đốc: one letter per employer covering all its overdue months (Decree 274 monthly reminder). */
  | 'urging_letter'
  /** Thư mời làm việc. */
  | 'invitation'
  /** Biên bản làm việc: minutes of a direct working session. */
  | 'meeting_minutes'
  /** Công văn chuyển hồ sơ đề nghị khởi tố: cover letter of a referral to the investigation agency. */
  | 'referral_cover';

export type FundAmounts = Record<Fund, number>;

/**
 * The employer's figures from the engine at `asOf`, whole VND, taken from one position so that the text, the fund
 * table and the month table state the same figures: Σ unpaidMonths.charge + chargeOnPaidPrincipal = chargeAccrued,
 * chargeAccrued − chargePaid = charge, Σ unpaidMonths.unpaid = lateAmount.
 */
export interface LetterFigures {
  asOf: Day;
  lateAmount: number;
  lateByFund: FundAmounts;
  /** Charges outstanding: what the letter asks the employer to pay besides the late amount. */
  charge: number;
  chargeByFund: FundAmounts;
  chargeAccrued: number;
  chargePaid: number;
  overdueMonths: number;
  oldestUnpaidPeriod: Period | null;
  /** The engine's unpaid months table: each overdue month with what is unpaid of it, its days and its charge. */
  unpaidMonths: UnpaidMonth[];
  /** The charge accrued on principal already paid, late: the line that brings the months up to chargeAccrued. */
  chargeOnPaidPrincipal: number;
  /** The old-regime rates (fund, year) that gave interest on this debt: none when the charge is the daily one only. */
  interestRates: { fund: Fund; year: number }[];
}

export interface LetterParty {
  /** Cơ quan chủ quản, e.g. "BẢO HIỂM XÃ HỘI VIỆT NAM". */
  parentName: string;
  /** Cơ quan ban hành, e.g. "BẢO HIỂM XÃ HỘI TỈNH NINH BÌNH". */
  officeName: string;
}

export interface LetterEmployer {
  code: string;
  name: string;
  taxCode: string;
  address: string;
  headcount: number;
}

/**
 * What a letter quotes of the rule set: the daily charge rate as printed ("0,03%") and its first day, the days to
 * evasion, and the old regime's monthly rates as printed ("1,065%") with the last day interest was added.
 */
export interface LetterLaw {
  dailyChargeRate: string;
  dailyChargeFrom: Day;
  evasionDays: number;
  interestUntil: Day;
  interestRates: { fund: Fund; year: number; rate: string }[];
}

export interface LetterInput {
  kind: LetterKind;
  issuer: LetterParty;
  /** Số và ký hiệu, e.g. "15/BHXH-QLT", numbered per office and year. */
  number: string;
  /** Địa danh, e.g. "Ninh Bình". */
  place: string;
  date: Day;
  employer: LetterEmployer;
  figures: LetterFigures;
  /** The numbers of law the letter quotes, from the rule set in force at its date. */
  law: LetterLaw;
  /** Invitation: when and where, in words as printed ("08 giờ 30 phút, ngày 02/12/2026"), and who to ask for. */
  meeting?: { when: string; place: string; contact: string };
  /** Minutes: who attended, what was found and agreed. */
  minutes?: { participants: string[]; content: string; conclusion: string };
  /** Referral: the receiving agency and what the dossier holds. */
  referral?: { agency: string; enclosures: string[] };
  signer: { title: string; name: string };
  /** Nơi nhận. */
  recipients: string[];
}

/** Hồ sơ chuyển cơ quan điều tra: the employer's whole history, with the Penal Code Art. 216 checklist. */
export interface EvidenceFileInput {
  issuer: LetterParty;
  place: string;
  date: Day;
  employer: LetterEmployer;
  figures: LetterFigures;
  law: LetterLaw;
  /** Every action, oldest first; cancelled ones say so. */
  timeline: { date: Day; title: string; detail: string }[];
  /** Arrears month by month (the late amount at each month's end), oldest first. */
  arrearsHistory: { month: Period; lateAmount: number; overdueMonths: number }[];
  sanctions: { date: Day; number: string; fine: number }[];
  workersAffected: number;
  criteria: { label: string; met: boolean; detail: string }[];
}

/** Báo cáo Ủy ban nhân dân tỉnh: the payment situation in the province, by area and sector, with the largest late. */
export interface ProvinceSituationInput {
  issuer: LetterParty;
  number: string;
  place: string;
  date: Day;
  /** Kính gửi, e.g. "Ủy ban nhân dân tỉnh Ninh Bình". */
  addressee: string;
  asOf: Day;
  totals: {
    employers: number;
    lateEmployers: number;
    lateAmount: number;
    lateRatio: Share | null;
    /** "Chậm đóng từ N tháng trở lên": the rule set's months for a surprise inspection. */
    longMonths: number;
    lateThreeMonthsEmployers: number;
    lateThreeMonthsAmount: number;
  };
  byArea: { name: string; employers: number; lateEmployers: number; lateAmount: number }[];
  bySector: { name: string; lateEmployers: number; lateAmount: number }[];
  largest: { name: string; taxCode: string; overdueMonths: number; lateAmount: number }[];
  proposals: string[];
  signer: { title: string; name: string };
  recipients: string[];
}

/** One row of the C12-TS table: its code (A–D), its label, the amounts per column, and the charge part under it. */
export interface C12NoticeRow {
  code: string;
  label: string;
  amounts: number[];
  charge: number[];
}

/** Thông báo kết quả đóng (mẫu C12-TS): the monthly statement of account, from the office managing the employer. */
export interface C12NoticeInput {
  issuer: LetterParty;
  place: string;
  date: Day;
  month: Period;
  employer: Pick<LetterEmployer, 'code' | 'name' | 'taxCode' | 'address'>;
  /** Column heads after STT and Nội dung: the funds in VSS's order, then the total. */
  columns: string[];
  rows: C12NoticeRow[];
  note: string;
}
