import type { Kysely, Transaction } from 'kysely';
import type { Database, DocumentKind } from '../../db/schema.js';
import { computeArrears, unpaidMonthTable } from '../../domain/arrears.js';
import { FUNDS, type Day } from '../../domain/ledger.js';
import type { RuleSet } from '../../domain/rules.js';
import { recordAudit } from '../audit/queries.js';
import type { SessionUser } from '../auth/service.js';
import { loadLedgers } from '../../ledger/positions.js';
import { renderEvidenceFile, renderLetter } from './docx.js';
import { formatRate } from '../../domain/share.js';
import type { EvidenceFileInput, LetterEmployer, LetterFigures, LetterInput, LetterKind, LetterLaw, LetterParty } from './model.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Ký hiệu văn bản by kind: the issuing body and the drafting unit (Phòng Quản lý thu, Thanh tra - Kiểm tra). */
const SYMBOL: Record<LetterKind, string> = {
  urging_letter: 'BHXH-QLT',
  invitation: 'TM-BHXH',
  meeting_minutes: 'BB-BHXH',
  referral_cover: 'BHXH-TTKT',
};

const FILE_TITLE: Record<DocumentKind, string> = {
  urging_letter: 'cong-van-don-doc',
  invitation: 'thu-moi-lam-viec',
  meeting_minutes: 'bien-ban-lam-viec',
  referral_cover: 'cong-van-chuyen-ho-so',
  evidence_file: 'ho-so-de-nghi-khoi-to',
};

/**
 * The employer's figures from the engine at a day, as a letter states them; one letter covers every overdue month.
 * The month table is the engine's (unpaidMonthTable, as on the arrears card), so that its lines add up to the totals
 * of the text and the fund table.
 */
export async function figuresAt(db: Db, employerId: number, rules: RuleSet, day: Day): Promise<LetterFigures> {
  const ledger = (await loadLedgers(db, [employerId])).get(employerId)!;
  const position = computeArrears(ledger, rules, day, { explain: true });
  const table = unpaidMonthTable(position);
  const lateByFund = Object.fromEntries(FUNDS.map((f) => [f, position.byFund[f].late])) as LetterFigures['lateByFund'];
  const chargeByFund = Object.fromEntries(FUNDS.map((f) => [f, position.byFund[f].charge])) as LetterFigures['chargeByFund'];
  return {
    asOf: day,
    lateAmount: table.lateAmount,
    lateByFund,
    charge: table.charge,
    chargeByFund,
    chargeAccrued: table.chargeAccrued,
    chargePaid: table.chargePaid,
    overdueMonths: position.overdueMonths,
    oldestUnpaidPeriod: position.oldestUnpaidPeriod,
    unpaidMonths: table.months,
    chargeOnPaidPrincipal: table.chargeOnPaidPrincipal,
  };
}

/** The rule set's numbers a letter quotes, so that a letter never states a rate or a period the law has changed. */
export function letterLaw(rules: RuleSet): LetterLaw {
  return { dailyChargeRate: formatRate(rules.dailyCharge.rate), evasionDays: rules.escalation.evasionDays };
}

/** "Bảo hiểm xã hội tỉnh Ninh Bình" → "Ninh Bình": the place name on the date line. */
export function placeOf(provinceName: string): string {
  return provinceName.replace(/^Bảo hiểm xã hội\s+(tỉnh|thành phố)?\s*/i, '');
}

interface IssuingContext {
  issuer: LetterParty;
  place: string;
  officeId: number;
  employer: LetterEmployer;
  signer: { title: string; name: string };
}

/** Who issues a document about an employer: the office that manages it, under its parent office, signed by a leader. */
export async function issuingContext(db: Db, employerId: number, user: SessionUser): Promise<IssuingContext> {
  const row = await db.selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .innerJoin('office as parent', 'parent.id', 'o.parent_id')
    .innerJoin('office as p', 'p.id', 'e.province_id')
    .select(['e.code', 'e.name', 'e.tax_code', 'e.address', 'e.headcount', 'o.id as office_id', 'o.name as office_name',
      'parent.name as parent_name', 'p.id as province_id', 'p.name as province_name'])
    .where('e.id', '=', employerId)
    .executeTakeFirstOrThrow();
  // The leader assigned to the employer signs; otherwise the province's director; otherwise the official on behalf.
  const leader = await db.selectFrom('assignment as a').innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['u.full_name', 'u.role']).where('a.employer_id', '=', employerId).where('a.responsibility', '=', 'leader')
    .where('a.assigned_to', 'is', null).orderBy('a.id').executeTakeFirst() ??
    await db.selectFrom('app_user').select(['full_name', 'role']).where('office_id', '=', row.province_id)
      .where('role', '=', 'province_director').where('active', '=', true).orderBy('id').executeTakeFirst();
  const signer = leader
    ? { title: leader.role === 'province_director' ? 'Giám đốc' : 'TL. Giám đốc', name: leader.full_name }
    : { title: 'TL. Giám đốc', name: user.fullName };
  return {
    issuer: { parentName: row.parent_name.toUpperCase(), officeName: row.office_name.toUpperCase() },
    place: placeOf(row.province_name),
    officeId: row.office_id,
    employer: { code: row.code, name: row.name, taxCode: row.tax_code, address: row.address, headcount: row.headcount },
    signer,
  };
}

/** The next number in the office's register of outgoing documents for the year (Decree 30: from 1 each year). */
async function nextNumber(trx: Transaction<Database>, officeId: number, year: number): Promise<number> {
  const row = await trx.insertInto('document_counter').values({ office_id: officeId, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['office_id', 'year']).doUpdateSet((eb) => ({ last_number: eb('document_counter.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export interface ActionDocumentRequest {
  kind: LetterKind;
  actionId: number;
  employerId: number;
  date: Day;
  details: Record<string, unknown>;
  outcome: string;
  officialName: string;
}

/**
 * Generates, numbers and stores the document of a recorded action, in the caller's transaction, and writes its audit
 * row. The stored bytes are what every later download returns, whatever the data becomes.
 */
export async function issueActionDocument(
  trx: Transaction<Database>, user: SessionUser, at: Date, rules: RuleSet, request: ActionDocumentRequest,
): Promise<{ id: number; fullNumber: string }> {
  const context = await issuingContext(trx, request.employerId, user);
  const figures = await figuresAt(trx, request.employerId, rules, request.date);
  const year = Number(request.date.slice(0, 4));
  const number = await nextNumber(trx, context.officeId, year);
  const fullNumber = `${number}/${SYMBOL[request.kind]}`;
  const text = (key: string, fallback: string) => {
    const value = request.details[key];
    return typeof value === 'string' && value.trim() !== '' ? value : fallback;
  };
  const list = (key: string, fallback: string[]) => {
    const value = request.details[key];
    return Array.isArray(value) && value.length > 0 ? value.map(String) : fallback;
  };
  const input: LetterInput = {
    law: letterLaw(rules),
    kind: request.kind,
    issuer: context.issuer,
    number: fullNumber,
    place: context.place,
    date: request.date,
    employer: context.employer,
    figures,
    signer: context.signer,
    recipients: ['Như trên', 'Giám đốc (để b/c)'],
  };
  if (request.kind === 'invitation') {
    input.meeting = {
      when: text('meetingWhen', '08 giờ 00 phút, trong thời hạn 05 ngày làm việc kể từ ngày nhận thư mời'),
      place: text('meetingPlace', `Trụ sở ${context.issuer.officeName.toLowerCase().replace(/^./, (c) => c.toUpperCase())}`),
      contact: text('contact', request.officialName),
    };
  } else if (request.kind === 'meeting_minutes') {
    input.minutes = {
      participants: list('participants', [request.officialName]),
      content: text('content', request.outcome || 'Làm việc về số tiền chậm đóng BHXH, BHYT, BHTN của đơn vị.'),
      conclusion: text('conclusion', request.outcome || ''),
    };
  } else if (request.kind === 'referral_cover') {
    input.referral = {
      agency: text('agency', `Cơ quan Cảnh sát điều tra Công an ${context.place}`),
      enclosures: list('enclosures', ['Hồ sơ đề nghị khởi tố (kèm theo)']),
    };
  }
  const docx = await renderLetter(input);
  const row = await trx.insertInto('generated_document').values({
    kind: request.kind, employer_id: request.employerId, action_id: request.actionId, office_id: context.officeId, year,
    number, full_number: fullNumber, file_name: `${FILE_TITLE[request.kind]}-${context.employer.code}-${number}.docx`,
    figures: JSON.stringify(figures), docx, created_by: user.id, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(trx, {
    at, userId: user.id, action: 'document.generate', entity: 'generated_document', entityId: row.id,
    officeId: context.officeId, after: { kind: request.kind, actionId: request.actionId, number: fullNumber, lateAmount: figures.lateAmount },
  });
  return { id: row.id, fullNumber };
}

/** Stores an evidence file built by the caller, unnumbered, with its audit row. */
export async function storeEvidenceFile(
  trx: Transaction<Database>, user: SessionUser, at: Date, employerId: number, officeId: number, input: EvidenceFileInput,
): Promise<number> {
  const docx = await renderEvidenceFile(input);
  const row = await trx.insertInto('generated_document').values({
    kind: 'evidence_file', employer_id: employerId, action_id: null, office_id: officeId, year: Number(input.date.slice(0, 4)),
    number: null, full_number: null, file_name: `${FILE_TITLE.evidence_file}-${input.employer.code}-${input.date}.docx`,
    figures: JSON.stringify(input.figures), docx, created_by: user.id, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(trx, {
    at, userId: user.id, action: 'document.generate', entity: 'generated_document', entityId: row.id, officeId,
    after: { kind: 'evidence_file', employerId, criteria: input.criteria.map((c) => ({ label: c.label, met: c.met })) },
  });
  return row.id;
}
