/**
 * Every expected failure the API answers, and the two the web meets on its own (no answer, an answer that is not
 * ours): a stable code, the HTTP status, and the message in Vietnamese and English with the parameters it needs.
 * The server creates its errors from here only and answers `{ code, message, ...parameters }`; the web shows the
 * message of the code in the user's language from the same entry. Pure data and types: the web bundles it.
 */
import type { ActionProblem } from '../domain/actions.js';
import type { ScheduleProblem } from '../domain/campaigns.js';
import { MAX_LENGTH, MIN_LENGTH, MIN_PASSPHRASE_WORDS, type PasswordWeakness } from '../domain/password-policy.js';

export type ErrorLanguage = 'vi' | 'en';

type Texts = Record<ErrorLanguage, string>;

interface Entry<P> {
  status: number;
  vi: (p: P) => string;
  en: (p: P) => string;
}

/** An entry whose message takes the parameters P (written out as the function's argument type). */
const entry = <P = Record<never, never>>(status: number, vi: (p: P) => string, en: (p: P) => string): Entry<P> => ({
  status,
  vi,
  en,
});
const fixed = (status: number, vi: string, en: string) =>
  entry(
    status,
    () => vi,
    () => en,
  );

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** What was not found (or is out of the user's scope, which answers the same). */
export const MISSING_THINGS = {
  record: { vi: 'Không tìm thấy dữ liệu', en: 'Not found' },
  employer: { vi: 'Không tìm thấy đơn vị', en: 'Employer not found' },
  office: { vi: 'Không tìm thấy cơ quan BHXH', en: 'Social insurance office not found' },
  province: { vi: 'Không tìm thấy BHXH tỉnh', en: 'Provincial office not found' },
  campaignProvince: {
    vi: 'Không tìm thấy BHXH tỉnh trong đợt báo cáo',
    en: 'The province does not take part in the campaign',
  },
  assignment: { vi: 'Không tìm thấy phân công', en: 'Assignment not found' },
  action: { vi: 'Không tìm thấy hoạt động', en: 'Action not found' },
  promise: { vi: 'Không tìm thấy cam kết', en: 'Promise not found' },
  attachment: { vi: 'Không tìm thấy tệp', en: 'File not found' },
  document: { vi: 'Không tìm thấy văn bản', en: 'Document not found' },
  feedback: { vi: 'Không tìm thấy phản ánh', en: 'Feedback not found' },
  official: { vi: 'Không tìm thấy cán bộ', en: 'Official not found' },
  notice: { vi: 'Không tìm thấy thông báo', en: 'Notice not found' },
  disclosureList: { vi: 'Không tìm thấy danh sách', en: 'List not found' },
  campaign: { vi: 'Không tìm thấy đợt báo cáo', en: 'Campaign not found' },
  progress: { vi: 'Không có tiến độ của việc này', en: 'No progress of this work' },
} as const satisfies Record<string, Texts>;
export type MissingThing = keyof typeof MISSING_THINGS;

/** What a file or a body must be, for the answer to an upload of another media type. */
const EXPECTED_TYPES = {
  import: {
    vi: (declared: string) => `Tệp nhập phải là CSV hoặc .xlsx, không nhận ${declared}`,
    en: (declared: string) => `an import is a CSV or .xlsx file, not ${declared}`,
  },
  xlsx: { vi: () => 'Tệp không phải bảng tính .xlsx', en: () => 'the file is not an .xlsx workbook' },
  csvText: { vi: () => 'Tệp không phải văn bản CSV', en: () => 'the file is not CSV text' },
  taxCodeList: {
    vi: () => 'Danh sách mã số thuế phải là tệp .csv hoặc .txt',
    en: () => 'the list must be a .csv or .txt file',
  },
  attachment: {
    vi: (declared: string) => `Chỉ nhận PDF, ảnh, tệp Word/Excel, văn bản; tệp này (${declared}) không thuộc loại đó`,
    en: (declared: string) =>
      `only PDF, images, Word/Excel/OpenDocument files and text are kept as attachments, not ${declared}`,
  },
} as const;
export type ExpectedType = keyof typeof EXPECTED_TYPES;

const ACTION_PROBLEMS: Record<ActionProblem | 'follow_up_before_action' | 'action_of_other_employer', Texts> = {
  future_date: { vi: 'Ngày thực hiện không được sau ngày hôm nay', en: 'the action date cannot be in the future' },
  sanction_without_number: {
    vi: 'Quyết định xử phạt phải có số quyết định',
    en: 'a sanction needs its decision number',
  },
  sanction_without_fine: { vi: 'Quyết định xử phạt phải có số tiền phạt', en: 'a sanction needs its fine' },
  fine_without_sanction: { vi: 'Chỉ quyết định xử phạt có số tiền phạt', en: 'only a sanction has a fine' },
  follow_up_before_action: {
    vi: 'Ngày theo dõi tiếp phải từ ngày thực hiện trở đi',
    en: 'the follow-up date cannot precede the action',
  },
  action_of_other_employer: { vi: 'Hoạt động không thuộc đơn vị này', en: 'the action belongs to another employer' },
};

const CAMPAIGN_PROBLEMS: Record<ScheduleProblem | 'baseline_after_first_day' | 'no_province', Texts> = {
  last_before_first: { vi: 'Ngày kết thúc trước ngày bắt đầu', en: 'the last day precedes the first' },
  deadline_time: { vi: 'Giờ hạn nộp không đúng dạng HH:MM', en: 'the deadline time must be HH:MM' },
  deadline_offset: {
    vi: 'Hạn nộp phải trong 0–7 ngày sau ngày báo cáo',
    en: 'a deadline falls 0 to 7 days after its day',
  },
  baseline_after_first_day: { vi: 'Thời điểm mốc phải trước ngày bắt đầu', en: 'the baseline precedes the first day' },
  no_province: { vi: 'Chưa chọn tỉnh tham gia', en: 'no province chosen' },
};

const WEAKNESSES: Record<PasswordWeakness, Texts> = {
  too_short: {
    vi: `Mật khẩu cần ít nhất ${MIN_LENGTH} ký tự, hoặc là một cụm từ gồm ít nhất ${MIN_PASSPHRASE_WORDS} từ.`,
    en: `A password needs at least ${MIN_LENGTH} characters, or a passphrase of at least ${MIN_PASSPHRASE_WORDS} words.`,
  },
  too_long: { vi: `Mật khẩu dài quá ${MAX_LENGTH} ký tự.`, en: `A password has at most ${MAX_LENGTH} characters.` },
  common: {
    vi: 'Mật khẩu này quá phổ biến, kẻ tấn công sẽ thử nó đầu tiên.',
    en: 'This password is too common: attackers try it first.',
  },
  personal: {
    vi: 'Mật khẩu không được dựa trên tên đăng nhập hay họ tên.',
    en: 'A password must not be derived from the username or full name.',
  },
  repetitive: {
    vi: 'Mật khẩu lặp lại quá ít ký tự khác nhau.',
    en: 'A password must not repeat a few characters over and over.',
  },
};

type PromiseProblem =
  | { reason: 'future_date' | 'too_few_instalments' }
  | { reason: 'instalment_before_promise' | 'instalment_out_of_order'; instalment: number };

const promiseText = (p: PromiseProblem, language: ErrorLanguage): string => {
  const vi = language === 'vi';
  switch (p.reason) {
    case 'future_date':
      return vi ? 'Ngày cam kết không được sau hôm nay' : 'the promise date cannot be in the future';
    case 'too_few_instalments':
      return vi ? 'Thỏa thuận trả dần cần ít nhất 2 kỳ' : 'an instalment agreement has at least 2 instalments';
    case 'instalment_before_promise':
      return vi
        ? `Kỳ ${p.instalment}: hạn trả trước ngày cam kết`
        : `instalment ${p.instalment} falls before the promise`;
    case 'instalment_out_of_order':
      return vi
        ? `Kỳ ${p.instalment}: hạn trả phải sau kỳ trước`
        : `instalment ${p.instalment} must come after the previous one`;
  }
};

/** A line of a refused file: where, and what is wrong there (the file readers' own words). */
export interface FileProblem {
  line: number;
  column: number;
  columnName?: string | null;
  message: string;
}

export const ERRORS = {
  // Requests, sessions and the HTTP boundary.
  not_found: entry<{ thing?: MissingThing }>(
    404,
    (p) => MISSING_THINGS[p.thing ?? 'record'].vi,
    (p) => MISSING_THINGS[p.thing ?? 'record'].en,
  ),
  forbidden: fixed(403, 'Bạn không có quyền thực hiện thao tác này', 'You are not allowed to do this'),
  unauthenticated: fixed(401, 'Vui lòng đăng nhập', 'Please log in'),
  password_change_required: fixed(
    403,
    'Vui lòng đổi mật khẩu trước khi tiếp tục.',
    'Please change your password before going on.',
  ),
  csrf: fixed(
    403,
    'Phiên làm việc không hợp lệ (thiếu mã CSRF). Vui lòng tải lại trang.',
    'The session is not valid (no CSRF token). Please reload the page.',
  ),
  cross_origin: fixed(403, 'Yêu cầu từ trang web khác bị từ chối.', 'A request from another site is refused.'),
  invalid_request: entry<{ detail: string }>(
    400,
    (p) => `Dữ liệu không hợp lệ: ${p.detail}`,
    (p) => `Invalid request: ${p.detail}`,
  ),
  bad_request: entry<{ detail: string }>(
    400,
    (p) => `Yêu cầu không hợp lệ: ${p.detail}`,
    (p) => `Bad request: ${p.detail}`,
  ),
  control_character: entry<{ field: string }>(
    400,
    (p) => `${p.field} chứa ký tự điều khiển (như NUL) không được phép`,
    (p) => `${p.field} contains a control character (such as NUL)`,
  ),
  too_many_requests: entry<{ retryAfter: number }>(
    429,
    (p) => `Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau ${p.retryAfter} giây`,
    (p) => `too many requests from this address; try again in ${p.retryAfter} s`,
  ),
  internal: entry<{ requestId: string }>(
    500,
    (p) => `Lỗi hệ thống; đã ghi nhật ký để xử lý (mã yêu cầu ${p.requestId})`,
    (p) => `internal error, logged (request ${p.requestId})`,
  ),
  // Only the web meets these two: no answer at all, or an answer that is not the API's (a proxy's HTML page).
  network: fixed(0, 'Mất kết nối tới máy chủ', 'Cannot reach the server'),
  unavailable: fixed(
    503,
    'Máy chủ tạm thời không phản hồi, vui lòng thử lại',
    'The server is not responding, please try again',
  ),

  // Uploads.
  empty_file: fixed(400, 'Tệp trống', 'The file is empty'),
  upload_aborted: fixed(400, 'Tải tệp lên bị ngắt', 'The upload was cut off'),
  file_too_large: entry<{ limit: number }>(
    413,
    (p) => `Tệp vượt quá giới hạn ${megabytes(p.limit)}`,
    (p) => `the file is larger than ${megabytes(p.limit)}`,
  ),
  unsupported_media_type: entry<{ expected: ExpectedType; declared?: string }>(
    415,
    (p) => EXPECTED_TYPES[p.expected].vi(p.declared ?? ''),
    (p) => EXPECTED_TYPES[p.expected].en(p.declared ?? ''),
  ),
  workbook_too_large: entry<{ detail: string }>(
    413,
    (p) => `Bảng tính quá lớn khi giải nén, không nhập (${p.detail})`,
    (p) => `the workbook ${p.detail}`,
  ),
  import_refused: entry<{ errorCount: number; errors: FileProblem[] }>(
    422,
    (p) => `Tệp bị từ chối: ${p.errorCount.toLocaleString('vi-VN')} lỗi; không dòng nào được nhập`,
    (p) => `File refused: ${p.errorCount.toLocaleString('en')} error(s); no row was imported`,
  ),
  invalid_file: entry<{ errors: FileProblem[] }>(
    422,
    () => 'Tệp có lỗi; chưa tạo người dùng nào',
    () => 'The file has errors; no user was created',
  ),

  // Logins and accounts.
  invalid_credentials: fixed(401, 'Tên đăng nhập hoặc mật khẩu không đúng', 'Wrong username or password'),
  login_throttled: entry<{ retryAfterSeconds: number }>(
    429,
    (p) => `Đăng nhập sai nhiều lần: vui lòng thử lại sau ${p.retryAfterSeconds} giây.`,
    (p) => `Too many failed logins: try again in ${p.retryAfterSeconds} s.`,
  ),
  demo_login_remote: fixed(
    403,
    'Tài khoản dữ liệu mẫu chỉ đăng nhập được từ chính máy chạy dondoc.',
    'Demo accounts log in from this machine only.',
  ),
  wrong_current_password: fixed(400, 'Mật khẩu hiện tại không đúng', 'The current password is wrong'),
  same_password: fixed(
    400,
    'Mật khẩu mới phải khác mật khẩu hiện tại',
    'The new password must differ from the current one',
  ),
  weak_password: entry<{ weakness: PasswordWeakness }>(
    400,
    (p) => WEAKNESSES[p.weakness].vi,
    (p) => WEAKNESSES[p.weakness].en,
  ),
  role_above_own: fixed(
    403,
    'Không được cấp vai trò cao hơn vai trò của mình',
    'You cannot grant a role above your own',
  ),
  role_office_mismatch: fixed(
    400,
    'Vai trò không phù hợp với cấp cơ quan',
    'The role does not belong in an office of this level',
  ),
  username_taken: fixed(409, 'Tên đăng nhập đã có', 'The username is taken'),
  own_role: fixed(400, 'Không tự đổi vai trò hay cơ quan của mình', 'You cannot change your own role or office'),
  own_account: fixed(400, 'Không tự khóa tài khoản của mình', 'You cannot disable your own account'),

  // Employers and their officials.
  duplicate_code: entry<{ employerCode: string }>(
    409,
    (p) => `Mã đơn vị ${p.employerCode} đã tồn tại`,
    (p) => `The employer code ${p.employerCode} is taken`,
  ),
  duplicate_tax_code: entry<{ taxCode: string; employer?: { code: string; name: string } }>(
    409,
    (p) =>
      p.employer
        ? `Mã số thuế ${p.taxCode} đang được dùng cho đơn vị ${p.employer.code} — ${p.employer.name}`
        : `Mã số thuế ${p.taxCode} đang được dùng cho một đơn vị khác đang hoạt động`,
    (p) =>
      p.employer
        ? `tax code used by employer ${p.employer.code} — ${p.employer.name}`
        : 'tax code used by another active employer',
  ),
  invalid_office: entry<{ expected: 'working' | 'disclosing' }>(
    400,
    (p) =>
      p.expected === 'working'
        ? 'Đơn vị phải do BHXH tỉnh hoặc BHXH cơ sở quản lý'
        : 'Danh sách công khai do BHXH Việt Nam hoặc BHXH tỉnh lập',
    (p) =>
      p.expected === 'working'
        ? 'An employer is managed by a provincial or grassroots office'
        : 'lists are national or provincial',
  ),
  invalid_official: fixed(
    400,
    'Cán bộ không thuộc phạm vi quản lý của đơn vị',
    'The official does not serve the employer',
  ),
  already_assigned: entry<{ officialName: string }>(
    409,
    (p) => `${p.officialName} đã được phân công theo dõi đơn vị này`,
    (p) => `${p.officialName} already follows this employer`,
  ),
  assignment_ended: fixed(409, 'Phân công này đã kết thúc', 'This assignment has ended'),
  invalid_date: entry<{ date: string }>(
    400,
    (p) => `Ngày ${p.date} không hợp lệ`,
    (p) => `${p.date} is not a valid date`,
  ),
  invalid_filter: fixed(400, 'Số lao động tối thiểu lớn hơn tối đa', 'minHeadcount exceeds maxHeadcount'),
  invalid_amount_range: fixed(
    400,
    'Số tiền "từ" lớn hơn số tiền "đến"',
    'the lowest amount asked for exceeds the highest',
  ),
  list_too_long: entry<{ rows: number; max: number }>(
    400,
    (p) =>
      `Danh sách có ${p.rows.toLocaleString('vi-VN')} dòng, quá ${p.max.toLocaleString('vi-VN')} dòng một lần xuất; hãy lọc bớt`,
    (p) =>
      `the list has ${p.rows.toLocaleString('en-US')} rows, more than the ${p.max.toLocaleString('en-US')} one export holds; filter it further`,
  ),
  too_many_documents: entry<{ max: number }>(
    400,
    (p) => `Tối đa ${p.max} văn bản mỗi tệp nén`,
    (p) => `at most ${p.max} documents in one zip`,
  ),
  part_out_of_range: entry<{ parts: number; perPart: number }>(
    400,
    (p) => `Cơ quan chỉ có ${p.parts} phần (${p.perPart} đơn vị mỗi phần)`,
    (p) => `The office's notices come in ${p.parts} parts of ${p.perPart} employers`,
  ),

  // Actions, promises and their files.
  invalid_action: entry<{ reason: keyof typeof ACTION_PROBLEMS }>(
    400,
    (p) => ACTION_PROBLEMS[p.reason].vi,
    (p) => ACTION_PROBLEMS[p.reason].en,
  ),
  invalid_promise: entry<PromiseProblem>(
    400,
    (p) => promiseText(p, 'vi'),
    (p) => promiseText(p, 'en'),
  ),
  already_cancelled: entry<{ record: 'action' | 'promise' }>(
    409,
    (p) => (p.record === 'action' ? 'Hoạt động này đã bị hủy trước đó' : 'Cam kết này đã bị hủy trước đó'),
    (p) => (p.record === 'action' ? 'This action was cancelled before' : 'This promise was cancelled before'),
  ),
  action_cancelled: fixed(409, 'Hoạt động đã bị hủy', 'the action was cancelled'),
  attachment_quota: entry<{ whose: 'employer' | 'uploader'; quota: number; used: number }>(
    413,
    (p) =>
      `${p.whose === 'employer' ? 'Tệp đính kèm của đơn vị này' : 'Tệp bạn đã tải lên'} đã gần đủ hạn mức ` +
      `${megabytes(p.quota)} (đã dùng ${megabytes(p.used)})`,
    (p) =>
      `${p.whose === 'employer' ? "this employer's attachments" : 'your uploads'} would pass ` +
      `${p.whose === 'employer' ? 'their' : 'your'} ${megabytes(p.quota)} quota`,
  ),
  file_missing: fixed(404, 'Tệp đính kèm không còn trên máy chủ', 'the attachment file is missing on the server'),
  pdf_unavailable: fixed(
    400,
    'Máy chủ chưa cài LibreOffice (gói libreoffice-writer-nogui) nên không xuất được PDF; hãy tải tệp .docx',
    'The server has no LibreOffice (package libreoffice-writer-nogui), so no PDF can be made; download the .docx',
  ),
  register_number_used: entry<{ year: number; used: number }>(
    409,
    (p) =>
      `Sổ văn bản đi năm ${p.year} đã dùng đến số ${p.used}; số cuối chỉ được đặt từ ${p.used} trở lên để không cấp lại số đã dùng`,
    (p) =>
      `The ${p.year} register has already reached number ${p.used}; its last number can only be set to ${p.used} or higher, so that no number is given twice`,
  ),

  // Feedback and disclosure.
  not_a_locality: fixed(400, 'Phản ánh do BHXH tỉnh, BHXH cơ sở gửi', 'feedback comes from the localities'),
  closed: fixed(409, 'Phản ánh đã đóng', 'The feedback thread is closed'),
  not_draft: fixed(409, 'Chỉ phê duyệt được danh sách dự thảo', 'Only a draft list can be approved'),
  same_person: fixed(409, 'Người lập danh sách không tự phê duyệt', 'the author cannot approve'),
  not_current: fixed(409, 'Danh sách đã hết hiệu lực', 'The list is no longer in force'),
  invalid_tax_code: entry<{ line: number; column: number; value: string }>(
    400,
    (p) => `Dòng ${p.line}: "${p.value}" không phải mã số thuế`,
    (p) => `line ${p.line} is not a tax code`,
  ),
  too_many: entry<{ max: number }>(
    400,
    (p) => `Tối đa ${p.max} mã số thuế mỗi lần`,
    (p) => `at most ${p.max} tax codes at once`,
  ),

  // Campaigns.
  invalid_campaign: entry<{ reason: keyof typeof CAMPAIGN_PROBLEMS }>(
    400,
    (p) => CAMPAIGN_PROBLEMS[p.reason].vi,
    (p) => CAMPAIGN_PROBLEMS[p.reason].en,
  ),
  not_a_reporting_day: entry<{ day: string }>(
    400,
    (p) => `${p.day} không phải ngày báo cáo của đợt`,
    (p) => `${p.day} is not a reporting day of the campaign`,
  ),
  day_not_over: fixed(400, 'Chưa đến ngày báo cáo', 'the reporting day has not come'),
  already_submitted: fixed(
    409,
    'Báo cáo đã được gửi; muốn sửa phải điều chỉnh và nêu lý do',
    'The report was submitted; a change is an amendment with its reason',
  ),
  not_submitted: fixed(
    409,
    'Báo cáo chưa được gửi nên chưa thể điều chỉnh',
    'The report was not submitted, so it cannot be amended',
  ),
  no_breakdown: fixed(400, 'Chỉ tiêu này không có danh sách chi tiết', 'This indicator has no breakdown'),
} as const;

export type ErrorCode = keyof typeof ERRORS;
/** The parameters an error's message needs; they travel in the answer beside `code` and `message`. */
export type ErrorParams<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]['vi']>[0];

/** Codes whose message needs no parameter. */
export type PlainErrorCode = { [C in ErrorCode]: Record<never, never> extends ErrorParams<C> ? C : never }[ErrorCode];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/** The message of a code in a language, from the parameters the answer carried. */
export function errorMessage<C extends ErrorCode>(code: C, params: ErrorParams<C>, language: ErrorLanguage): string {
  const texts = ERRORS[code] as Entry<ErrorParams<C>>;
  return texts[language](params);
}
