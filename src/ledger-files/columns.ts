import { EMPLOYER_STATUSES, FUNDS, OWNERSHIPS } from '../domain/ledger.js';

/**
 * The columns of the interchange files (arrears.md "Inputs"), with the Vietnamese and English headings a
 * spreadsheet may use instead of the column codes, what each column holds, and the example row of the template.
 * Pure: the server's readers and the import page both read it, so the page lists exactly what the reader accepts.
 */
export const FILE_COLUMNS = {
  employers: ['code', 'tax_code', 'name', 'province', 'office', 'ownership', 'headcount', 'status', 'payment_cycle'],
  obligations: ['employer', 'period', 'fund', 'amount'],
  payments: ['employer', 'date', 'amount', 'reference'],
} as const;
export type LedgerFile = keyof typeof FILE_COLUMNS;

export type Language = 'vi' | 'en';

export interface ColumnSpec {
  /** The heading in each language; the code itself (e.g. `amount`) is accepted too. */
  label: Record<Language, string>;
  /** What the column holds and in which forms. */
  hint: Record<Language, string>;
  required: boolean;
}

const AMOUNT: ColumnSpec = {
  label: { vi: 'Số tiền', en: 'Amount' },
  hint: {
    vi: 'Số đồng, không có phần lẻ: 1000000, 1.000.000 hoặc 1,000,000',
    en: 'Whole đồng: 1000000, 1.000.000 or 1,000,000',
  },
  required: true,
};

const EMPLOYER: ColumnSpec = {
  label: { vi: 'Mã đơn vị', en: 'Employer code' },
  hint: { vi: 'Mã đơn vị đã có trong hệ thống', en: 'An employer code already known' },
  required: true,
};

export const COLUMN_SPECS: Record<LedgerFile, Record<string, ColumnSpec>> = {
  employers: {
    code: {
      label: { vi: 'Mã đơn vị', en: 'Employer code' },
      hint: { vi: 'Mã đơn vị, duy nhất', en: 'Unique employer code' },
      required: true,
    },
    tax_code: {
      label: { vi: 'Mã số thuế', en: 'Tax code' },
      hint: { vi: '10 chữ số, hoặc 10-3; có thể để trống', en: '10 digits, or 10-3; may be empty' },
      required: false,
    },
    name: { label: { vi: 'Tên đơn vị', en: 'Name' }, hint: { vi: 'Tên đầy đủ', en: 'Full name' }, required: true },
    province: {
      label: { vi: 'Tỉnh', en: 'Province' },
      hint: { vi: 'Mã BHXH tỉnh, ví dụ HNI', en: 'Province office code, e.g. HNI' },
      required: false,
    },
    office: {
      label: { vi: 'Cơ quan quản lý', en: 'Managing office' },
      hint: {
        vi: 'Mã BHXH cơ sở, ví dụ HNI-01; trống: tỉnh quản lý',
        en: 'Grassroots office code, e.g. HNI-01; empty: the province',
      },
      required: false,
    },
    ownership: {
      label: { vi: 'Loại hình', en: 'Ownership' },
      hint: { vi: OWNERSHIPS.join(', '), en: OWNERSHIPS.join(', ') },
      required: false,
    },
    headcount: {
      label: { vi: 'Số lao động', en: 'Headcount' },
      hint: { vi: 'Số nguyên', en: 'Whole number' },
      required: true,
    },
    status: {
      label: { vi: 'Trạng thái', en: 'Status' },
      hint: { vi: EMPLOYER_STATUSES.join(', '), en: EMPLOYER_STATUSES.join(', ') },
      required: true,
    },
    payment_cycle: {
      label: { vi: 'Phương thức đóng (tháng)', en: 'Payment cycle (months)' },
      hint: { vi: '1, 3 hoặc 6', en: '1, 3 or 6' },
      required: true,
    },
  },
  obligations: {
    employer: EMPLOYER,
    period: {
      label: { vi: 'Tháng', en: 'Month' },
      hint: {
        vi: 'Tháng phải đóng: 07/2026 hoặc 2026-07, hoặc ô ngày',
        en: 'Contribution month: 07/2026 or 2026-07, or a date cell',
      },
      required: true,
    },
    fund: { label: { vi: 'Quỹ', en: 'Fund' }, hint: { vi: FUNDS.join(', '), en: FUNDS.join(', ') }, required: true },
    amount: { ...AMOUNT, hint: { vi: `Số phải đóng. ${AMOUNT.hint.vi}`, en: `Amount due. ${AMOUNT.hint.en}` } },
  },
  payments: {
    employer: EMPLOYER,
    date: {
      label: { vi: 'Ngày nộp', en: 'Date paid' },
      hint: { vi: 'dd/mm/yyyy hoặc yyyy-mm-dd, hoặc ô ngày', en: 'dd/mm/yyyy or yyyy-mm-dd, or a date cell' },
      required: true,
    },
    amount: {
      ...AMOUNT,
      hint: { vi: `Số đã nộp, lớn hơn 0. ${AMOUNT.hint.vi}`, en: `Amount paid, above 0. ${AMOUNT.hint.en}` },
    },
    reference: {
      label: { vi: 'Số chứng từ', en: 'Reference' },
      hint: {
        vi: 'Số ủy nhiệm chi hoặc chứng từ; có thể để trống',
        en: 'Payment order or voucher number; may be empty',
      },
      required: false,
    },
  },
};

/** The template's example row, as cell values (dates as days, amounts as numbers). */
export const TEMPLATE_EXAMPLE: Record<LedgerFile, (string | number | { day: string })[]> = {
  employers: ['HN0000100', '0107000100', 'Công ty TNHH Sao Mai', 'HNI', 'HNI-01', 'private', 40, 'active', 1],
  obligations: ['HN0000100', '07/2026', 'BHXH', 10_000_000],
  payments: ['HN0000100', { day: '2026-08-25' }, 1_800_000, 'UNC-0001'],
};

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
