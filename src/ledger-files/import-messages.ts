import type { Language } from './columns.js';

/**
 * Every problem an import reports, by code, in Vietnamese and English. The reader and the database checks give a
 * code and its values; the message is written once, in the language of whoever reads it.
 */
type Params = Record<string, string | number>;
type Text = (p: Params) => string;

const SAVE_AS_VI = 'Trong Excel, chọn Tệp → Lưu thành → "CSV UTF-8 (Comma delimited)", hoặc gửi tệp .xlsx';
const SAVE_AS_EN = 'In Excel, choose File → Save As → "CSV UTF-8 (Comma delimited)", or send the .xlsx file';

const MESSAGES = {
  unknown_column: {
    vi: (p) => `cột "${p.name}" không thuộc tệp này; các cột cần có: ${p.expected}`,
    en: (p) => `unknown column "${p.name}"; expected ${p.expected}`,
  },
  duplicate_column: { vi: (p) => `cột "${p.name}" xuất hiện hai lần`, en: (p) => `column "${p.name}" appears twice` },
  missing_column: { vi: (p) => `thiếu cột "${p.name}"`, en: (p) => `missing column "${p.name}"` },
  empty_file: { vi: () => 'tệp trống: thiếu hàng tiêu đề', en: () => 'is empty: the header row is missing' },
  field_count: {
    vi: (p) => `có ${p.count} ô; cần ${p.expected} (${p.columns})`,
    en: (p) => `has ${p.count} fields; expected ${p.expected} (${p.columns})`,
  },
  empty: { vi: () => 'ô trống', en: () => 'is empty' },
  not_whole_number: { vi: (p) => `"${p.value}" không phải số nguyên`, en: (p) => `"${p.value}" is not a whole number` },
  not_amount: {
    vi: (p) => `"${p.value}" không phải số tiền (viết 1000000, 1.000.000 hoặc 1,000,000)`,
    en: (p) => `"${p.value}" is not an amount (write 1000000, 1.000.000 or 1,000,000)`,
  },
  amount_fraction: {
    vi: (p) => `"${p.value}" có phần lẻ dưới một đồng; số tiền là số đồng nguyên`,
    en: (p) => `"${p.value}" is not a whole number of đồng`,
  },
  amount_ambiguous: {
    vi: (p) => `"${p.value}" có thể hiểu theo hai cách; viết 1000000 hoặc 1.000.000`,
    en: (p) => `"${p.value}" can be read two ways; write 1000000 or 1.000.000`,
  },
  amount_too_large: { vi: (p) => `"${p.value}" quá lớn`, en: (p) => `"${p.value}" is too large` },
  below_min: {
    vi: (p) => (p.min === 1 ? `phải lớn hơn 0, nhưng là ${p.value}` : `phải từ ${p.min} trở lên, nhưng là ${p.value}`),
    en: (p) => (p.min === 1 ? `must be greater than 0, got ${p.value}` : `must be at least ${p.min}, got ${p.value}`),
  },
  not_one_of: {
    vi: (p) => `"${p.value}" không thuộc ${p.allowed}`,
    en: (p) => `"${p.value}" is not one of ${p.allowed}`,
  },
  not_period: {
    vi: (p) => `"${p.value}" không phải tháng (viết 07/2026 hoặc 2026-07)`,
    en: (p) => `"${p.value}" is not a month (write 07/2026 or 2026-07)`,
  },
  not_day: {
    vi: (p) => `"${p.value}" không phải ngày (viết dd/mm/yyyy hoặc yyyy-mm-dd)`,
    en: (p) => `"${p.value}" is not a date (write dd/mm/yyyy or yyyy-mm-dd)`,
  },
  month_day_order: {
    vi: (p) => `"${p.value}" không phải ngày dd/mm/yyyy: tệp có vẻ ghi tháng trước ngày; hãy ghi ngày trước tháng`,
    en: (p) => `"${p.value}" is not a dd/mm/yyyy date: the file seems to put the month first; put the day first`,
  },
  not_tax_code: {
    vi: (p) => `"${p.value}" không phải mã số thuế (10 chữ số, hoặc 10-3)`,
    en: (p) => `"${p.value}" is not a tax code (10 digits, or 10-3)`,
  },
  unsafe_characters: {
    vi: () => 'chứa ký tự tab, xuống dòng hoặc dấu \\',
    en: () => 'contains a tab, line break or backslash',
  },
  line_too_long: {
    vi: (p) => `một hàng dài hơn ${p.max} ký tự (thiếu xuống dòng?)`,
    en: (p) => `a line is longer than ${p.max} characters (no line break?)`,
  },
  unclosed_quote: {
    vi: () => 'dấu ngoặc kép mở mà không đóng trước khi hết tệp',
    en: () => 'a quoted field is not closed before the end of the file',
  },
  after_quote: {
    vi: (p) => `ký tự lạ sau ô trong ngoặc kép (cột ${p.column})`,
    en: (p) => `unexpected character after a quoted field (column ${p.column})`,
  },
  encoding: {
    vi: () => `tệp không ở dạng UTF-8, UTF-16 hay Windows-1258 (có thể là TCVN3 hoặc VNI). ${SAVE_AS_VI}`,
    en: () => `the file is not UTF-8, UTF-16 or Windows-1258 text (TCVN3 or VNI?). ${SAVE_AS_EN}`,
  },
  encoding_byte: {
    vi: (p) => `có ký tự không đọc được theo bảng mã ${p.encoding}. ${SAVE_AS_VI}`,
    en: (p) => `holds a character that is not ${p.encoding} text. ${SAVE_AS_EN}`,
  },
  workbook_unreadable: {
    vi: (p) => `không đọc được bảng tính .xlsx (${p.reason})`,
    en: (p) => `is not a readable .xlsx workbook (${p.reason})`,
  },
  workbook_malformed: { vi: (p) => `bảng tính bị từ chối: ${p.reason}`, en: (p) => `the workbook ${p.reason}` },
  duplicate_code: {
    vi: (p) => `mã đơn vị "${p.value}" đã có ở hàng ${p.other}`,
    en: (p) => `employer code "${p.value}" already appears on line ${p.other}`,
  },
  unknown_office: {
    vi: (p) => `không có cơ quan "${p.value}" trong phạm vi của bạn`,
    en: (p) => `unknown office "${p.value}"`,
  },
  office_not_in_province: {
    vi: (p) => `cơ quan "${p.office}" không thuộc tỉnh "${p.value}"`,
    en: (p) => `office "${p.office}" is not under province "${p.value}"`,
  },
  duplicate_tax_code: {
    vi: (p) => `mã số thuế "${p.value}" đã có ở hàng ${p.other}`,
    en: (p) => `tax code "${p.value}" already appears on line ${p.other}`,
  },
  tax_code_held: {
    vi: (p) => `mã số thuế "${p.value}" đang thuộc đơn vị ${p.holder}`,
    en: (p) => `tax code "${p.value}" is used by employer ${p.holder}`,
  },
  tax_code_held_elsewhere: {
    vi: (p) => `mã số thuế "${p.value}" đang thuộc một đơn vị khác đang hoạt động`,
    en: (p) => `tax code "${p.value}" is used by another active employer`,
  },
  tax_code_swap: {
    vi: () => 'hai đơn vị đang hoạt động sẽ trùng mã số thuế; hãy đổi trong hai tệp, hoặc từng đơn vị một',
    en: () => 'two active employers would share a tax code; change them in two files, or one at a time',
  },
  out_of_scope: {
    vi: (p) => `đơn vị "${p.value}" do cơ quan ngoài phạm vi của bạn quản lý`,
    en: (p) => `employer "${p.value}" is managed by an office outside your scope`,
  },
  unknown_employer: { vi: (p) => `không có đơn vị "${p.value}"`, en: (p) => `unknown employer "${p.value}"` },
  duplicate_obligation: {
    vi: (p) => `trùng số phải đóng ${p.value}: đã có ở hàng ${p.other}`,
    en: (p) => `duplicate obligation ${p.value}: already on line ${p.other}`,
  },
  duplicate_reference: {
    vi: (p) => `số chứng từ "${p.value}" lặp lại cho ${p.employer} (hàng ${p.other})`,
    en: (p) => `reference "${p.value}" is repeated for ${p.employer} (line ${p.other})`,
  },
  reference_conflict: {
    vi: (p) => `số chứng từ "${p.value}" đã ghi nhận cho ${p.employer} với ngày ${p.date} và số tiền ${p.amount}`,
    en: (p) =>
      `reference "${p.value}" is already recorded for ${p.employer} with date ${p.date} and amount ${p.amount}`,
  },
} satisfies Record<string, Record<Language, Text>>;

export type ImportProblem = keyof typeof MESSAGES;

export function importMessage(code: ImportProblem, params: Params, language: Language): string {
  return MESSAGES[code][language](params);
}

/** The language of a request from its Accept-Language header: English when asked first, Vietnamese otherwise. */
export function languageOf(acceptLanguage: string | undefined): Language {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}
