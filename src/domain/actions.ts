import type { RoleCode } from './organisation.js';

/** The actions taken on a late employer (đôn đốc, cưỡng chế), and what each of them counts as. */

export const ACTION_KINDS = [
  /** Thông báo kết quả đóng (mẫu C12-TS), sent to every employer monthly: information, not urging. */
  'c12_notice',
  /** Công văn đôn đốc. */
  'urging_letter',
  /** Thư mời làm việc. */
  'invitation',
  /** Làm việc trực tiếp, with minutes (biên bản làm việc). */
  'working_session',
  /** Hội nghị khách hàng: one conference, many employers. */
  'customer_conference',
  /** Gọi điện. */
  'phone_call',
  /** Kiểm tra. */
  'inspection',
  /** Thanh tra chuyên ngành đột xuất. */
  'surprise_inspection',
  /** Quyết định xử phạt vi phạm hành chính: number and fine. */
  'sanction',
  /** Công khai trên phương tiện thông tin đại chúng. */
  'media_publication',
  /** Chuyển hồ sơ đề nghị khởi tố đến cơ quan điều tra (Penal Code Art. 216). */
  'prosecution_referral',
  /** Chuyển tổ thu nợ liên ngành. */
  'debt_team_handover',
  /** Đề nghị không khen thưởng: asks the competent body not to reward or honour the employer. */
  'no_reward_proposal',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * Counts as "sent an urging letter or invitation" in every figure and rule. The C12 notice never does: the campaign
 * template's footnote excludes it, and the ladder would otherwise see every employer as urged each month.
 */
export function isUrging(kind: ActionKind): boolean {
  return kind === 'urging_letter' || kind === 'invitation';
}

/** Actions where the officer met the employer: a working session or a customer conference. */
export function isMeeting(kind: ActionKind): boolean {
  return kind === 'working_session' || kind === 'customer_conference';
}

export interface ActionFields {
  kind: ActionKind;
  date: string;
  documentNumber: string | null;
  fine: number | null;
}

export type ActionProblem =
  | 'future_date'
  | 'sanction_without_number'
  | 'sanction_without_fine'
  | 'fine_without_sanction';

/** Why an action as entered cannot be recorded, or null; each reason names a field (the messages are the API's). */
export function actionProblem(action: ActionFields, today: string): ActionProblem | null {
  if (action.date > today) return 'future_date';
  if (action.kind === 'sanction') {
    if (!action.documentNumber) return 'sanction_without_number';
    if (action.fine === null || action.fine <= 0) return 'sanction_without_fine';
  } else if (action.fine !== null) {
    return 'fine_without_sanction';
  }
  return null;
}

/**
 * Which actions a role records. National departments act within their remit: the inspection department inspects and
 * sanctions, the communication centre publishes; the collection board follows the provinces and records nothing.
 */
export function actionKindsOf(role: RoleCode): readonly ActionKind[] {
  switch (role) {
    case 'national_admin':
    case 'province_director':
    case 'province_officer':
    case 'grassroots_officer':
      return ACTION_KINDS;
    case 'inspection':
      return ['inspection', 'surprise_inspection', 'sanction', 'prosecution_referral'];
    case 'communication':
      return ['media_publication'];
    case 'collection_board':
      return [];
  }
}

/** The document a recorded action produces, one per employer: the letter, invitation, minutes or referral cover. */
export const DOCUMENT_OF_ACTION: Partial<
  Record<ActionKind, 'urging_letter' | 'invitation' | 'meeting_minutes' | 'referral_cover'>
> = {
  urging_letter: 'urging_letter',
  invitation: 'invitation',
  working_session: 'meeting_minutes',
  prosecution_referral: 'referral_cover',
};
