import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ERRORS,
  MISSING_THINGS,
  errorMessage,
  isErrorCode,
  type ErrorCode,
  type ErrorParams,
} from './error-catalogue.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every error code the code base writes down: in an AppError (server) or an ApiError it makes itself (web). */
function codesInSource(): { code: string; file: string }[] {
  const found: { code: string; file: string }[] = [];
  for (const file of [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'web/src'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new (?:AppError|ApiError)\(\s*(?:\d+,\s*)?'([a-z_]+)'/g)) {
      found.push({ code: m[1]!, file: relative(root, file) });
    }
  }
  return found;
}

/** Parameters for every message, the awkward ones included (both branches of a conditional message). */
const SAMPLES: { [C in ErrorCode]: ErrorParams<C>[] } = {
  not_found: [{}, ...Object.keys(MISSING_THINGS).map((thing) => ({ thing: thing as keyof typeof MISSING_THINGS }))],
  forbidden: [{}],
  unauthenticated: [{}],
  password_change_required: [{}],
  csrf: [{}],
  cross_origin: [{}],
  invalid_request: [{ detail: 'body/taxCode must match pattern' }],
  bad_request: [{ detail: 'Body cannot be empty' }],
  control_character: [{ field: 'body.name' }],
  too_many_requests: [{ retryAfter: 30 }],
  internal: [{ requestId: 'req-1' }],
  network: [{}],
  unavailable: [{}],
  empty_file: [{}],
  upload_aborted: [{}],
  file_too_large: [{ limit: 10 * 1024 * 1024 }],
  unsupported_media_type: [
    { expected: 'import', declared: 'image/png' },
    { expected: 'xlsx' },
    { expected: 'csvText' },
    { expected: 'taxCodeList' },
    { expected: 'attachment', declared: 'text/html' },
  ],
  workbook_too_large: [{ detail: 'unpacks to more than 2000000 bytes' }],
  import_refused: [{ errorCount: 2, errors: [] }],
  invalid_file: [{ errors: [] }],
  invalid_credentials: [{}],
  login_throttled: [{ retryAfterSeconds: 60 }],
  demo_login_remote: [{}],
  wrong_current_password: [{}],
  same_password: [{}],
  weak_password: [
    { weakness: 'too_short' },
    { weakness: 'too_long' },
    { weakness: 'common' },
    { weakness: 'personal' },
    { weakness: 'repetitive' },
  ],
  role_above_own: [{}],
  role_office_mismatch: [{}],
  username_taken: [{}],
  own_role: [{}],
  own_account: [{}],
  duplicate_code: [{ employerCode: 'HN0000001' }],
  duplicate_tax_code: [
    { taxCode: '0101234567' },
    { taxCode: '0101234567', employer: { code: 'HN0000001', name: 'Công ty A' } },
  ],
  invalid_office: [{ expected: 'working' }, { expected: 'disclosing' }],
  invalid_official: [{}],
  already_assigned: [{ officialName: 'Trần Thị Thu' }],
  assignment_ended: [{}],
  invalid_date: [{ date: '2024-02-30' }],
  invalid_filter: [{}],
  invalid_amount_range: [{}],
  list_too_long: [{ rows: 25_000, max: 20_000 }],
  too_many_documents: [{ max: 200 }],
  part_out_of_range: [{ parts: 3, perPart: 500 }],
  invalid_action: [
    { reason: 'future_date' },
    { reason: 'sanction_without_number' },
    { reason: 'sanction_without_fine' },
    { reason: 'fine_without_sanction' },
    { reason: 'follow_up_before_action' },
    { reason: 'action_of_other_employer' },
  ],
  invalid_promise: [
    { reason: 'future_date' },
    { reason: 'too_few_instalments' },
    { reason: 'instalment_before_promise', instalment: 2 },
    { reason: 'instalment_out_of_order', instalment: 3 },
  ],
  already_cancelled: [{ record: 'action' }, { record: 'promise' }],
  action_cancelled: [{}],
  attachment_quota: [
    { whose: 'employer', quota: 50 * 1024 * 1024, used: 49 * 1024 * 1024 },
    { whose: 'uploader', quota: 1, used: 0 },
  ],
  file_missing: [{}],
  pdf_unavailable: [{}],
  register_number_used: [{ year: 2026, used: 10_372 }],
  not_a_locality: [{}],
  closed: [{}],
  not_draft: [{}],
  same_person: [{}],
  not_current: [{}],
  invalid_tax_code: [{ line: 3, column: 1, value: '01ABC' }],
  too_many: [{ max: 1000 }],
  invalid_campaign: [
    { reason: 'last_before_first' },
    { reason: 'deadline_time' },
    { reason: 'deadline_offset' },
    { reason: 'baseline_after_first_day' },
    { reason: 'no_province' },
  ],
  not_a_reporting_day: [{ day: '2024-12-31' }],
  day_not_over: [{}],
  already_submitted: [{}],
  not_submitted: [{}],
  no_breakdown: [{}],
};

describe('the error catalogue', () => {
  it('holds every code the server and the web write down', () => {
    const found = codesInSource();
    // The scan must see the errors it is meant to check, or it proves nothing.
    expect(found.length).toBeGreaterThan(50);
    expect(found.map((f) => f.code)).toEqual(expect.arrayContaining(['empty_file', 'invalid_action', 'network']));
    expect(found.filter((f) => !isErrorCode(f.code))).toEqual([]);
  });

  it('writes no error answer by hand: the API answers a code only through AppError', () => {
    const byHand = sourceFiles(join(root, 'src')).filter((file) =>
      /\.send\(\s*\{\s*code:\s*'/.test(readFileSync(file, 'utf8')),
    );
    expect(byHand.map((file) => relative(root, file))).toEqual([]);
  });

  it('has a Vietnamese and an English message for every code, whatever its parameters', () => {
    for (const code of Object.keys(ERRORS) as ErrorCode[]) {
      const samples = SAMPLES[code] as ErrorParams<ErrorCode>[];
      expect(samples.length, code).toBeGreaterThan(0);
      for (const params of samples) {
        const vi = errorMessage(code, params, 'vi');
        const en = errorMessage(code, params, 'en');
        expect(vi.trim(), code).not.toBe('');
        expect(en.trim(), code).not.toBe('');
        expect(`${vi} ${en}`, code).not.toMatch(/undefined|NaN|\[object/);
        expect(vi, code).not.toBe(en);
      }
    }
  });

  it('puts each parameter into the message that needs it', () => {
    expect(errorMessage('login_throttled', { retryAfterSeconds: 42 }, 'vi')).toContain('42 giây');
    expect(errorMessage('login_throttled', { retryAfterSeconds: 42 }, 'en')).toContain('42 s');
    expect(errorMessage('invalid_promise', { reason: 'instalment_out_of_order', instalment: 3 }, 'en')).toBe(
      'instalment 3 must come after the previous one',
    );
    expect(errorMessage('not_found', { thing: 'employer' }, 'vi')).toBe('Không tìm thấy đơn vị');
    expect(errorMessage('not_found', {}, 'en')).toBe('Not found');
    expect(errorMessage('file_too_large', { limit: 10 * 1024 * 1024 }, 'vi')).toBe('Tệp vượt quá giới hạn 10 MB');
  });
});
