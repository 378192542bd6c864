import type { Kysely, Transaction } from 'kysely';
import { findEmployerInScope, findOfficeInScope } from '../../db/scope.js';
import type { Clock } from '../../clock.js';
import type { Database, Db, DocumentKind } from '../../db/schema.js';
import { actionKindsOf, isUrging, type ActionKind } from '../../domain/actions.js';
import { computeArrears, unpaidMonthTable } from '../../domain/arrears.js';
import { vietnamDate } from '../../domain/calendar.js';
import { formatDay, formatNumber, formatPeriod } from '../../domain/format.js';
import { evaluateLadder } from '../../domain/ladder.js';
import { FUNDS, type Day } from '../../domain/ledger.js';
import { addMonths, lastDayOf, periodOfDay } from '../../domain/periods.js';
import type { RuleSet } from '../../domain/rules.js';
import { signatureOf, type Signature } from '../../domain/signing.js';
import { AppError, forbidden, notFound } from '../../http/errors.js';
import type { OfficeDocuments, OfficeSigner } from './schemas.js';
import { recordAudit } from '../../db/audit.js';
import type { SessionUser } from '../auth/service.js';
import { loadLedgers } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import { ladderFacts, promisesOf } from '../../ledger/ladder.js';
import { renderEvidenceFile, renderLetter } from './docx.js';
import { formatRate } from '../../domain/share.js';
import * as q from './queries.js';
import type {
  EvidenceFileInput,
  LetterEmployer,
  LetterFigures,
  LetterInput,
  LetterKind,
  LetterLaw,
  LetterParty,
} from './model.js';

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
  const chargeByFund = Object.fromEntries(
    FUNDS.map((f) => [f, position.byFund[f].charge]),
  ) as LetterFigures['chargeByFund'];
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
    interestRates: position.explanation.interestRates,
  };
}

/** The rule set's numbers a letter quotes, so that a letter never states a rate or a period the law has changed. */
export function letterLaw(rules: RuleSet): LetterLaw {
  return {
    dailyChargeRate: formatRate(rules.dailyCharge.rate),
    dailyChargeFrom: rules.dailyCharge.from,
    evasionDays: rules.escalation.evasionDays,
    interestUntil: rules.monthlyInterest.until,
    interestRates: rules.json.monthlyInterest.rates.map((r) => ({
      fund: r.fund,
      year: r.year,
      rate: formatRate(rules.monthlyInterest.rates.get(`${r.fund}:${r.year}`)!),
    })),
  };
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

/** How the office signs (signatureOf): as set for it, else its director account, else the head's title alone. */
export async function officeSignature(db: Db, officeId: number): Promise<Signature> {
  const [setting, director] = await Promise.all([q.officeSigner(db, officeId), q.officeDirector(db, officeId)]);
  return signatureOf(
    setting && { headName: setting.head_name, deputyName: setting.deputy_name, byDeputy: setting.by_deputy },
    director?.full_name,
  );
}

/**
 * Who issues a document about an employer: the office that manages it, under its parent office, signed for that
 * office. Names keep their case ("Bảo hiểm xã hội thành phố Hà Nội"): the heading prints them in capitals.
 */
export async function issuingContext(db: Db, employerId: number): Promise<IssuingContext> {
  const row = await q.issuingOffices(db, employerId);
  return {
    issuer: { parentName: row.parent_name, officeName: row.office_name },
    place: placeOf(row.province_name),
    officeId: row.office_id,
    employer: { code: row.code, name: row.name, taxCode: row.tax_code, address: row.address, headcount: row.headcount },
    signer: await officeSignature(db, row.office_id),
  };
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
  trx: Transaction<Database>,
  user: SessionUser,
  at: Date,
  rules: RuleSet,
  request: ActionDocumentRequest,
): Promise<{ id: number; fullNumber: string }> {
  const context = await issuingContext(trx, request.employerId);
  const figures = await figuresAt(trx, request.employerId, rules, request.date);
  const year = Number(request.date.slice(0, 4));
  const number = await q.nextDocumentNumber(trx, context.officeId, year);
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
      place: text('meetingPlace', `Trụ sở ${context.issuer.officeName}`),
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
  const id = await q.insertDocument(trx, {
    kind: request.kind,
    employer_id: request.employerId,
    action_id: request.actionId,
    office_id: context.officeId,
    year,
    number,
    full_number: fullNumber,
    file_name: `${FILE_TITLE[request.kind]}-${context.employer.code}-${number}.docx`,
    figures: JSON.stringify(figures),
    docx,
    created_by: user.id,
    created_at: at,
  });
  await recordAudit(trx, {
    at,
    userId: user.id,
    action: 'document.generate',
    entity: 'generated_document',
    entityId: id,
    officeId: context.officeId,
    after: { kind: request.kind, actionId: request.actionId, number: fullNumber, lateAmount: figures.lateAmount },
  });
  return { id, fullNumber };
}

/**
 * The next number of the office's register of outgoing documents for the year, in the caller's transaction: it
 * continues from the register's last number (as the office set it, or as its documents left it) and is never given
 * twice, whatever document takes it.
 */
export function takeDocumentNumber(trx: Transaction<Database>, officeId: number, year: number): Promise<number> {
  return q.nextDocumentNumber(trx, officeId, year);
}

/** Stores an evidence file built by the caller, unnumbered, with its audit row. */
export async function storeEvidenceFile(
  trx: Transaction<Database>,
  user: SessionUser,
  at: Date,
  employerId: number,
  officeId: number,
  input: EvidenceFileInput,
): Promise<number> {
  const docx = await renderEvidenceFile(input);
  const id = await q.insertDocument(trx, {
    kind: 'evidence_file',
    employer_id: employerId,
    action_id: null,
    office_id: officeId,
    year: Number(input.date.slice(0, 4)),
    number: null,
    full_number: null,
    file_name: `${FILE_TITLE.evidence_file}-${input.employer.code}-${input.date}.docx`,
    figures: JSON.stringify(input.figures),
    docx,
    created_by: user.id,
    created_at: at,
  });
  await recordAudit(trx, {
    at,
    userId: user.id,
    action: 'document.generate',
    entity: 'generated_document',
    entityId: id,
    officeId,
    after: { kind: 'evidence_file', employerId, criteria: input.criteria.map((c) => ({ label: c.label, met: c.met })) },
  });
  return id;
}

/** The documents the app issued: downloaded as stored, and the evidence file of a referral built from the records. */
export class DocumentService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async file(user: SessionUser, id: number) {
    const row = await q.findDocumentInScope(this.db, user.scope, id);
    if (!row) throw notFound('document');
    return { fileName: row.file_name, content: Buffer.from(row.docx) };
  }

  /**
   * Hồ sơ chuyển cơ quan điều tra: the employer's arrears month by month, every action and promise, its sanctions,
   * and the Penal Code Art. 216 checklist, as one stored document.
   */
  async evidenceFile(user: SessionUser, employerId: number) {
    if (!actionKindsOf(user.role).includes('prosecution_referral')) throw forbidden();
    return this.db.transaction().execute(async (trx) => {
      const employer = await findEmployerInScope(trx, user.scope, employerId);
      if (!employer) throw notFound('employer');
      const at = this.clock.now();
      const today = vietnamDate(at);
      const rules = await ruleSetAt(trx, today);
      const context = await issuingContext(trx, employerId);
      const figures = await figuresAt(trx, employerId, rules, today);
      const ledger = (await loadLedgers(trx, [employerId])).get(employerId)!;
      const arrearsHistory = [];
      for (let back = 23; back >= 0; back--) {
        const month = addMonths(periodOfDay(today), -back);
        const day = back === 0 ? today : lastDayOf(month);
        const p = computeArrears(ledger, rules, day);
        arrearsHistory.push({ month, lateAmount: p.lateAmount, overdueMonths: p.overdueMonths });
      }
      const actions = await q.actionsOfEmployer(trx, employerId);
      const promises = (await promisesOf(trx, [employerId], today)).get(employerId) ?? [];
      const timeline = [
        ...actions.map((a) => ({
          date: a.action_date,
          title: ACTION_TITLES[a.kind] + (a.document_number ? ` số ${a.document_number}` : ''),
          detail: [a.outcome, a.cancelled_at ? `Đã hủy: ${a.cancel_reason}` : ''].filter(Boolean).join('. '),
        })),
        ...promises.map((p) => ({
          date: p.madeOn,
          title: p.kind === 'instalment' ? 'Thỏa thuận trả dần' : 'Cam kết trả nợ',
          detail:
            `${p.instalments.map((i) => `${formatNumber(i.amount)} đồng trước ngày ${formatDay(i.dueOn)}`).join('; ')}` +
            ` (${PROMISE_STATES[p.state.status]}${p.cancelled ? `; đã hủy: ${p.cancelled.reason}` : ''})`,
        })),
      ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const sanctions = actions
        .filter((a) => a.kind === 'sanction' && !a.cancelled_at)
        .map((a) => ({ date: a.action_date, number: a.document_number ?? '', fine: a.fine ?? 0 }));

      const facts = (await ladderFacts(trx, [employerId], today)).get(employerId)!;
      const ladder = evaluateLadder(facts, rules.escalation);
      const referral = rules.escalation.referral;
      const clause = referral.clauses.find((c) => figures.lateAmount >= c.minAmount || facts.workers >= c.minWorkers);
      const urged = facts.actions.some(
        (a) => isUrging(a.kind) && facts.overdueDeadlines[0] !== undefined && a.date > facts.overdueDeadlines[0],
      );
      const evading = ['evasion', 'referral_candidate', 'referred'].includes(ladder.step);
      const criteria = [
        {
          label: `Chậm đóng từ ${referral.minMonths} tháng trở lên`,
          met: figures.overdueMonths >= referral.minMonths,
          detail: `${figures.overdueMonths} tháng${figures.oldestUnpaidPeriod ? `, từ tháng ${formatPeriod(figures.oldestUnpaidPeriod)}` : ''}`,
        },
        {
          label: 'Đã được đôn đốc bằng văn bản (không tính thông báo C12)',
          met: urged,
          detail: `${facts.actions.filter((a) => isUrging(a.kind)).length} công văn đôn đốc, thư mời`,
        },
        {
          label: `Số tiền chưa đóng quá ${rules.escalation.evasionDays} ngày sau hạn nộp sau khi đã đôn đốc (trốn đóng, Điều 39 Luật BHXH)`,
          met: evading,
          detail: evading ? `từ ngày ${formatDay(ladder.since)}` : 'chưa đến mức trốn đóng',
        },
        {
          label: 'Đã bị xử phạt vi phạm hành chính',
          met: sanctions.length > 0,
          detail: sanctions.map((s) => `QĐ ${s.number} ngày ${formatDay(s.date)}`).join('; ') || 'chưa có quyết định',
        },
        {
          label: 'Đạt ngưỡng của Điều 216 Bộ luật Hình sự (số tiền hoặc số người lao động)',
          met: clause !== undefined,
          detail: clause
            ? `khoản ${clause.clause}: từ ${formatNumber(clause.minAmount)} đồng hoặc từ ${clause.minWorkers} người lao động`
            : 'dưới ngưỡng khoản 1',
        },
        {
          label: 'Hành vi từ ngày 01/01/2018',
          met: figures.oldestUnpaidPeriod !== null && figures.oldestUnpaidPeriod >= '2018-01',
          detail: figures.oldestUnpaidPeriod
            ? `nợ từ tháng ${formatPeriod(figures.oldestUnpaidPeriod)}`
            : 'không có nợ',
        },
      ];
      const id = await storeEvidenceFile(trx, user, at, employerId, context.officeId, {
        issuer: context.issuer,
        place: context.place,
        date: today,
        employer: context.employer,
        figures,
        law: letterLaw(rules),
        timeline,
        arrearsHistory,
        sanctions,
        workersAffected: facts.workers,
        criteria,
      });
      return { id, criteria };
    });
  }
}

/** Vietnamese names of the action kinds, as documents print them. */
export const ACTION_TITLES: Record<ActionKind, string> = {
  c12_notice: 'Thông báo kết quả đóng (C12-TS)',
  urging_letter: 'Công văn đôn đốc',
  invitation: 'Thư mời làm việc',
  working_session: 'Làm việc trực tiếp',
  customer_conference: 'Hội nghị khách hàng',
  phone_call: 'Gọi điện đôn đốc',
  inspection: 'Kiểm tra',
  surprise_inspection: 'Thanh tra chuyên ngành đột xuất',
  sanction: 'Quyết định xử phạt vi phạm hành chính',
  media_publication: 'Công khai trên phương tiện thông tin đại chúng',
  prosecution_referral: 'Chuyển hồ sơ đề nghị khởi tố',
  debt_team_handover: 'Chuyển tổ thu nợ liên ngành',
  no_reward_proposal: 'Đề nghị không khen thưởng',
};

const PROMISE_STATES = { pending: 'đang theo dõi', kept: 'đã thực hiện', broken: 'không thực hiện' } as const;

/** An office's signer and registers of outgoing documents, set by its director or the national administrator. */
export class OfficeDocumentService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  private async office(db: Db, user: SessionUser, officeId: number) {
    const office = await findOfficeInScope(db, user.scope, officeId);
    if (!office) throw notFound('office');
    return office;
  }

  async settings(user: SessionUser, officeId: number): Promise<OfficeDocuments> {
    await this.office(this.db, user, officeId);
    const [setting, signature, registers] = await Promise.all([
      q.officeSigner(this.db, officeId),
      officeSignature(this.db, officeId),
      q.registersOf(this.db, officeId),
    ]);
    return {
      officeId,
      signer: setting
        ? { headName: setting.head_name, deputyName: setting.deputy_name, byDeputy: setting.by_deputy }
        : null,
      signature,
      registers: registers.map((r) => ({ year: r.year, lastNumber: r.last_number })),
    };
  }

  async setSigner(user: SessionUser, officeId: number, signer: OfficeSigner): Promise<void> {
    if (signer.byDeputy && signer.deputyName === null)
      throw new AppError('invalid_request', { detail: 'byDeputy needs deputyName' });
    const trimmed = {
      headName: signer.headName.trim(),
      deputyName: signer.deputyName?.trim() ?? null,
      byDeputy: signer.byDeputy,
    };
    await this.db.transaction().execute(async (trx) => {
      await this.office(trx, user, officeId);
      const before = await q.officeSigner(trx, officeId);
      const at = this.clock.now();
      await q.saveOfficeSigner(trx, officeId, trimmed, at, user.id);
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'office.signer',
        entity: 'office',
        entityId: officeId,
        officeId,
        before: before ?? null,
        after: trimmed,
      });
    });
  }

  /** Sets where the year's register stands; never lower than a number already given, so that none is given twice. */
  async setRegister(user: SessionUser, officeId: number, year: number, lastNumber: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.office(trx, user, officeId);
      const { before, set } = await q.raiseRegister(trx, officeId, year, lastNumber);
      if (!set) {
        const used = (await q.registersOf(trx, officeId)).find((r) => r.year === year)?.last_number ?? lastNumber;
        throw new AppError('register_number_used', { year, used });
      }
      await recordAudit(trx, {
        at: this.clock.now(),
        userId: user.id,
        action: 'document.register',
        entity: 'document_counter',
        entityId: `${officeId}/${year}`,
        officeId,
        before: before === null ? null : { lastNumber: before },
        after: { lastNumber },
      });
    });
  }
}
