import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../clock.js';
import type { UploadLimits } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { DOCUMENT_OF_ACTION, actionKindsOf, actionProblem, isUrging, type ActionKind } from '../../domain/actions.js';
import { computeArrears } from '../../domain/arrears.js';
import { vietnamDate } from '../../domain/calendar.js';
import { formatDay, formatNumber, formatPeriod } from '../../domain/format.js';
import { evaluateLadder } from '../../domain/ladder.js';
import type { Day } from '../../domain/ledger.js';
import { addMonths, lastDayOf, periodOfDay } from '../../domain/periods.js';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/queries.js';
import type { SessionUser } from '../auth/service.js';
import { loadLedgers, ruleSetAt } from '../../ledger/positions.js';
import { figuresAt, issueActionDocument, issuingContext, letterLaw, storeEvidenceFile } from '../documents/service.js';
import { ladderFacts, promisesOf, refreshLadder } from '../../ledger/ladder.js';
import type { AttachmentFiles } from './files.js';
import * as q from './queries.js';

export interface ActionInput {
  employerIds: number[];
  kind: ActionKind;
  date: Day;
  officialId?: number | undefined;
  documentNumber?: string | null | undefined;
  outcome?: string | undefined;
  followUpOn?: Day | null | undefined;
  fine?: number | null | undefined;
  details?: Record<string, unknown> | undefined;
  /** For kinds that produce a letter, minutes or cover letter: generate and number it (default yes). */
  generateDocument?: boolean | undefined;
}

export interface PromiseInput {
  kind: 'promise' | 'instalment';
  madeOn: Day;
  instalments: { dueOn: Day; amount: number }[];
  note?: string | undefined;
  actionId?: number | null | undefined;
}

/** An upload received into the files folder (see AttachmentFiles), not yet kept. */
export interface ReceivedAttachment {
  path: string;
  fileName: string;
  /** The type its content showed (file-types.ts), the one it is served with. */
  contentType: string;
  size: number;
  sha256: string;
}

type AttachmentQuotas = Pick<UploadLimits, 'attachmentQuotaPerEmployer' | 'attachmentQuotaPerUser'>;

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

const employerNotFound = () => notFound('Không tìm thấy đơn vị');

export class ActionService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly files: AttachmentFiles,
    private readonly quotas: AttachmentQuotas,
  ) {}

  /**
   * Records one action on each of the employers, in one transaction with its audit rows and generated documents
   * (one per employer, covering all its overdue months); then re-evaluates their ladder.
   */
  async record(user: SessionUser, input: ActionInput) {
    if (!actionKindsOf(user.role).includes(input.kind)) throw forbidden();
    const employerIds = [...new Set(input.employerIds)];
    const today = vietnamDate(this.clock.now());
    const problem = actionProblem(
      { kind: input.kind, date: input.date, documentNumber: input.documentNumber ?? null, fine: input.fine ?? null }, today,
    );
    if (problem) throw badRequest('invalid_action', problem);
    if (input.followUpOn && input.followUpOn < input.date) {
      throw badRequest('invalid_action', 'Ngày theo dõi tiếp phải từ ngày thực hiện trở đi / the follow-up date cannot precede the action');
    }
    const documentKind = input.generateDocument === false ? undefined : DOCUMENT_OF_ACTION[input.kind];
    const result = await this.db.transaction().execute(async (trx) => {
      const employers = await q.employersInScope(trx, user.scope, employerIds);
      if (employers.length !== employerIds.length) throw employerNotFound();
      const official = input.officialId === undefined || input.officialId === user.id
        ? { id: user.id, full_name: user.fullName }
        : await q.findOfficialInScope(trx, user.scope, input.officialId);
      if (!official) throw badRequest('invalid_official', 'Cán bộ thực hiện không thuộc phạm vi quản lý / unknown official');
      const at = this.clock.now();
      const rules = await ruleSetAt(trx, input.date);
      const batchId = await q.nextBatchId(trx);
      const recorded: { id: number; employerId: number; documentId: number | null; documentNumber: string | null }[] = [];
      for (const employer of employers.sort((a, b) => (a.code < b.code ? -1 : 1))) {
        const values = {
          employer_id: employer.id, kind: input.kind, action_date: input.date, official_id: official.id,
          document_number: input.documentNumber ?? null, outcome: input.outcome ?? '', follow_up_on: input.followUpOn ?? null,
          fine: input.fine ?? null, details: JSON.stringify(input.details ?? {}), batch_id: batchId, recorded_by: user.id,
          recorded_at: at,
        };
        const { id } = await trx.insertInto('enforcement_action').values(values).returning('id').executeTakeFirstOrThrow();
        let document: { id: number; fullNumber: string } | null = null;
        if (documentKind) {
          document = await issueActionDocument(trx, user, at, rules, {
            kind: documentKind, actionId: id, employerId: employer.id, date: input.date, details: input.details ?? {},
            outcome: input.outcome ?? '', officialName: official.full_name,
          });
          await trx.updateTable('enforcement_action').set({ document_number: document.fullNumber }).where('id', '=', id).execute();
        }
        const documentNumber = document?.fullNumber ?? values.document_number;
        await recordAudit(trx, {
          at, userId: user.id, action: 'action.record', entity: 'enforcement_action', entityId: id, officeId: employer.office_id,
          after: { ...values, details: input.details ?? {}, document_number: documentNumber },
        });
        recorded.push({ id, employerId: employer.id, documentId: document?.id ?? null, documentNumber });
      }
      return { batchId, actions: recorded };
    });
    await refreshLadder(this.db, this.clock, employerIds);
    return result;
  }

  /** Nothing is deleted: a mistaken action is cancelled with a reason and stops counting anywhere. */
  async cancel(user: SessionUser, id: number, reason: string) {
    await this.cancelRecord(user, id, reason, {
      table: 'enforcement_action',
      find: (trx) => q.findActionInScope(trx, user.scope, id),
      allowed: (action) => actionKindsOf(user.role).includes(action.kind),
      notFound: 'Không tìm thấy hoạt động',
      already: 'Hoạt động này đã bị hủy trước đó',
      audit: 'action.cancel',
    });
  }

  /**
   * Marks an action or a promise cancelled, with its audit row, and re-evaluates the employer's ladder without it.
   * Promises are cancelled by the officers who take them (see createPromise).
   */
  private async cancelRecord<T extends { employer_id: number; office_id: number; cancelled_at: Date | null }>(
    user: SessionUser, id: number, reason: string,
    spec: {
      table: 'enforcement_action' | 'payment_promise';
      find: (trx: Transaction<Database>) => Promise<T | undefined>;
      allowed: (row: T) => boolean;
      notFound: string;
      already: string;
      audit: string;
    },
  ) {
    const employerId = await this.db.transaction().execute(async (trx) => {
      const row = await spec.find(trx);
      if (!row) throw notFound(spec.notFound);
      if (!spec.allowed(row)) throw forbidden();
      if (row.cancelled_at) throw new AppError(409, 'already_cancelled', spec.already);
      const at = this.clock.now();
      await trx.updateTable(spec.table).set({ cancelled_at: at, cancelled_by: user.id, cancel_reason: reason }).where('id', '=', id).execute();
      await recordAudit(trx, {
        at, userId: user.id, action: spec.audit, entity: spec.table, entityId: id, officeId: row.office_id,
        before: { cancelled_at: null }, after: { cancelled_at: at, cancel_reason: reason },
      });
      return row.employer_id;
    });
    await refreshLadder(this.db, this.clock, [employerId]);
  }

  async listForEmployer(user: SessionUser, employerId: number) {
    if ((await q.employersInScope(this.db, user.scope, [employerId])).length === 0) throw employerNotFound();
    const actions = await q.listActions(this.db, employerId);
    const ids = actions.map((a) => a.id);
    const [documents, attachments] = await Promise.all([
      q.listDocumentsOfActions(this.db, ids), q.listAttachmentsOfActions(this.db, ids),
    ]);
    return actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      date: a.action_date,
      official: { id: a.official_id, fullName: a.official_name },
      documentNumber: a.document_number,
      outcome: a.outcome,
      followUpOn: a.follow_up_on,
      fine: a.fine,
      details: a.details,
      batchId: a.batch_id,
      countsAsUrging: isUrging(a.kind),
      recordedAt: a.recorded_at.toISOString(),
      cancelled: a.cancelled_at ? { at: a.cancelled_at.toISOString(), reason: a.cancel_reason ?? '' } : null,
      documents: documents.filter((d) => d.action_id === a.id)
        .map((d) => ({ id: d.id, kind: d.kind, number: d.full_number, fileName: d.file_name })),
      attachments: attachments.filter((t) => t.action_id === a.id)
        .map((t) => ({ id: t.id, fileName: t.file_name, contentType: t.content_type, size: t.size })),
    }));
  }

  /**
   * What an upload is checked against before its body is read: the action exists in the user's scope and stands,
   * and the size it declares fits the quotas.
   */
  async checkAttachmentTarget(user: SessionUser, actionId: number, declaredSize: number) {
    const action = await this.attachableAction(this.db, user, actionId);
    this.checkQuotas(await q.attachmentUsage(this.db, action.employer_id, user.id), declaredSize);
  }

  /**
   * Keeps a received file as an attachment of the action: moved into the attachments folder and recorded (row and
   * audit) in one transaction, under the quotas of the employer and of the uploader. Nothing of it is kept on failure.
   */
  async addAttachment(user: SessionUser, actionId: number, file: ReceivedAttachment) {
    let stored: string | null = null;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const action = await this.attachableAction(trx, user, actionId);
        await q.lockAttachmentQuotas(trx, action.employer_id, user.id);
        this.checkQuotas(await q.attachmentUsage(trx, action.employer_id, user.id), file.size);
        const at = this.clock.now();
        stored = await this.files.keep(file.path, at);
        const { fileName, contentType, size, sha256 } = file;
        const { id } = await trx.insertInto('action_attachment').values({
          action_id: actionId, file_name: fileName, content_type: contentType, size, sha256, content: null,
          stored_path: stored, uploaded_by: user.id, uploaded_at: at,
        }).returning('id').executeTakeFirstOrThrow();
        await recordAudit(trx, {
          at, userId: user.id, action: 'attachment.add', entity: 'action_attachment', entityId: id, officeId: action.office_id,
          after: { actionId, fileName, contentType, size, sha256 },
        });
        return id;
      });
    } catch (error) {
      if (stored) await this.files.discard(stored);
      throw error;
    }
  }

  private async attachableAction(db: Kysely<Database>, user: SessionUser, actionId: number) {
    const action = await q.findActionInScope(db, user.scope, actionId);
    if (!action) throw notFound('Không tìm thấy hoạt động');
    if (action.cancelled_at) throw new AppError(409, 'action_cancelled', 'Hoạt động đã bị hủy / the action was cancelled');
    return action;
  }

  private checkQuotas(used: { employer: number; uploader: number }, size: number) {
    const { attachmentQuotaPerEmployer: employer, attachmentQuotaPerUser: uploader } = this.quotas;
    if (used.employer + size > employer) {
      throw new AppError(413, 'attachment_quota', `Tệp đính kèm của đơn vị này đã gần đủ hạn mức ${megabytes(employer)} ` +
        `(đã dùng ${megabytes(used.employer)}) / this employer's attachments would pass their ${megabytes(employer)} quota`,
      { quota: employer, used: used.employer });
    }
    if (used.uploader + size > uploader) {
      throw new AppError(413, 'attachment_quota', `Tệp bạn đã tải lên đã gần đủ hạn mức ${megabytes(uploader)} ` +
        `(đã dùng ${megabytes(used.uploader)}) / your uploads would pass your ${megabytes(uploader)} quota`,
      { quota: uploader, used: used.uploader });
    }
  }

  /** An attachment in the user's scope: its bytes from the files folder, or from the row for one stored before it. */
  async attachment(user: SessionUser, id: number) {
    const row = await q.findAttachmentInScope(this.db, user.scope, id);
    if (!row) throw notFound('Không tìm thấy tệp');
    const base = { fileName: row.file_name, contentType: row.content_type, size: row.size };
    if (row.stored_path === null) return { ...base, content: Buffer.from(row.content!) };
    const file = await this.files.open(row.stored_path);
    if (!file) {
      throw new AppError(404, 'file_missing', 'Tệp đính kèm không còn trên máy chủ / the attachment file is missing on the server');
    }
    return { ...base, file };
  }

  async document(user: SessionUser, id: number) {
    const row = await q.findDocumentInScope(this.db, user.scope, id);
    if (!row) throw notFound('Không tìm thấy văn bản');
    return { fileName: row.file_name, content: Buffer.from(row.docx) };
  }

  async createPromise(user: SessionUser, employerId: number, input: PromiseInput) {
    // Promises are taken by the officers who meet employers, not by the departments that only inspect or publish.
    if (!actionKindsOf(user.role).includes('working_session')) throw forbidden();
    const today = vietnamDate(this.clock.now());
    if (input.madeOn > today) throw badRequest('invalid_promise', 'Ngày cam kết không được sau hôm nay / the promise date cannot be in the future');
    input.instalments.forEach((i, n) => {
      if (i.dueOn < input.madeOn) throw badRequest('invalid_promise', `Kỳ ${n + 1}: hạn trả trước ngày cam kết / instalment ${n + 1} falls before the promise`);
      if (n > 0 && i.dueOn <= input.instalments[n - 1]!.dueOn) {
        throw badRequest('invalid_promise', `Kỳ ${n + 1}: hạn trả phải sau kỳ trước / instalment ${n + 1} must come after the previous one`);
      }
    });
    if (input.kind === 'instalment' && input.instalments.length < 2) {
      throw badRequest('invalid_promise', 'Thỏa thuận trả dần cần ít nhất 2 kỳ / an instalment agreement has at least 2 instalments');
    }
    const id = await this.db.transaction().execute(async (trx) => {
      const [employer] = await q.employersInScope(trx, user.scope, [employerId]);
      if (!employer) throw employerNotFound();
      if (input.actionId) {
        const action = await q.findActionInScope(trx, user.scope, input.actionId);
        if (!action || action.employer_id !== employerId) throw badRequest('invalid_action', 'Hoạt động không thuộc đơn vị này');
      }
      const at = this.clock.now();
      const { id } = await trx.insertInto('payment_promise').values({
        employer_id: employerId, kind: input.kind, made_on: input.madeOn, action_id: input.actionId ?? null,
        note: input.note ?? '', recorded_by: user.id, recorded_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('promise_instalment')
        .values(input.instalments.map((i, n) => ({ promise_id: id, seq: n + 1, due_on: i.dueOn, amount: i.amount }))).execute();
      await recordAudit(trx, {
        at, userId: user.id, action: 'promise.create', entity: 'payment_promise', entityId: id, officeId: employer.office_id,
        after: input,
      });
      return id;
    });
    await refreshLadder(this.db, this.clock, [employerId]);
    return id;
  }

  async cancelPromise(user: SessionUser, id: number, reason: string) {
    await this.cancelRecord(user, id, reason, {
      table: 'payment_promise',
      find: (trx) => q.findPromiseInScope(trx, user.scope, id),
      allowed: () => actionKindsOf(user.role).includes('working_session'),
      notFound: 'Không tìm thấy cam kết',
      already: 'Cam kết này đã bị hủy trước đó',
      audit: 'promise.cancel',
    });
  }

  async promises(user: SessionUser, employerId: number) {
    if ((await q.employersInScope(this.db, user.scope, [employerId])).length === 0) throw employerNotFound();
    const today = vietnamDate(this.clock.now());
    const list = (await promisesOf(this.db, [employerId], today)).get(employerId) ?? [];
    return list.map((p) => ({
      id: p.id, kind: p.kind, madeOn: p.madeOn, actionId: p.actionId, note: p.note, instalments: p.instalments,
      state: p.state, cancelled: p.cancelled ? { at: p.cancelled.at.toISOString(), reason: p.cancelled.reason } : null,
    })).reverse();
  }

  /** The employer's step on the ladder, what is due next, and every move between steps. */
  async ladder(user: SessionUser, employerId: number) {
    if ((await q.employersInScope(this.db, user.scope, [employerId])).length === 0) throw employerNotFound();
    const [position, moves] = await Promise.all([
      this.db.selectFrom('ladder_position').selectAll().where('employer_id', '=', employerId).executeTakeFirst(),
      this.db.selectFrom('ladder_move').select(['step', 'entered_on', 'left_on']).where('employer_id', '=', employerId)
        .orderBy('entered_on', 'desc').orderBy('id', 'desc').execute(),
    ]);
    return {
      step: position?.step ?? 'current',
      since: position?.since ?? null,
      due: position?.due ?? [],
      brokenPromise: position?.broken_promise ?? false,
      referralClause: position?.referral_clause ?? null,
      evaluatedOn: position?.evaluated_on ?? null,
      moves: moves.map((m) => ({ step: m.step, enteredOn: m.entered_on, leftOn: m.left_on })),
    };
  }

  /**
   * Hồ sơ chuyển cơ quan điều tra: the employer's arrears month by month, every action and promise, its sanctions,
   * and the Penal Code Art. 216 checklist, as one stored document.
   */
  async evidenceFile(user: SessionUser, employerId: number) {
    if (!actionKindsOf(user.role).includes('prosecution_referral')) throw forbidden();
    return this.db.transaction().execute(async (trx) => {
      const [employer] = await q.employersInScope(trx, user.scope, [employerId]);
      if (!employer) throw employerNotFound();
      const at = this.clock.now();
      const today = vietnamDate(at);
      const rules = await ruleSetAt(trx, today);
      const context = await issuingContext(trx, employerId, user);
      const figures = await figuresAt(trx, employerId, rules, today);
      const ledger = (await loadLedgers(trx, [employerId])).get(employerId)!;
      const arrearsHistory = [];
      for (let back = 23; back >= 0; back--) {
        const month = addMonths(periodOfDay(today), -back);
        const day = back === 0 ? today : lastDayOf(month);
        const p = computeArrears(ledger, rules, day);
        arrearsHistory.push({ month, lateAmount: p.lateAmount, overdueMonths: p.overdueMonths });
      }
      const actions = (await q.listActions(trx, employerId)).reverse();
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
          detail: `${p.instalments.map((i) => `${formatNumber(i.amount)} đồng trước ngày ${formatDay(i.dueOn)}`).join('; ')}` +
            ` (${PROMISE_STATES[p.state.status]}${p.cancelled ? `; đã hủy: ${p.cancelled.reason}` : ''})`,
        })),
      ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const sanctions = actions.filter((a) => a.kind === 'sanction' && !a.cancelled_at)
        .map((a) => ({ date: a.action_date, number: a.document_number ?? '', fine: a.fine ?? 0 }));

      const facts = (await ladderFacts(trx, [employerId], today)).get(employerId)!;
      const ladder = evaluateLadder(facts, rules.escalation);
      const referral = rules.escalation.referral;
      const clause = referral.clauses.find((c) => figures.lateAmount >= c.minAmount || facts.workers >= c.minWorkers);
      const urged = facts.actions.some((a) => isUrging(a.kind) && facts.overdueDeadlines[0] !== undefined && a.date > facts.overdueDeadlines[0]);
      const evading = ['evasion', 'referral_candidate', 'referred'].includes(ladder.step);
      const criteria = [
        { label: `Chậm đóng từ ${referral.minMonths} tháng trở lên`, met: figures.overdueMonths >= referral.minMonths,
          detail: `${figures.overdueMonths} tháng${figures.oldestUnpaidPeriod ? `, từ tháng ${formatPeriod(figures.oldestUnpaidPeriod)}` : ''}` },
        { label: 'Đã được đôn đốc bằng văn bản (không tính thông báo C12)', met: urged,
          detail: `${facts.actions.filter((a) => isUrging(a.kind)).length} công văn đôn đốc, thư mời` },
        { label: `Số tiền chưa đóng quá ${rules.escalation.evasionDays} ngày sau hạn nộp sau khi đã đôn đốc (trốn đóng, Điều 39 Luật BHXH)`,
          met: evading, detail: evading ? `từ ngày ${formatDay(ladder.since)}` : 'chưa đến mức trốn đóng' },
        { label: 'Đã bị xử phạt vi phạm hành chính', met: sanctions.length > 0,
          detail: sanctions.map((s) => `QĐ ${s.number} ngày ${formatDay(s.date)}`).join('; ') || 'chưa có quyết định' },
        { label: 'Đạt ngưỡng của Điều 216 Bộ luật Hình sự (số tiền hoặc số người lao động)', met: clause !== undefined,
          detail: clause ? `khoản ${clause.clause}: từ ${formatNumber(clause.minAmount)} đồng hoặc từ ${clause.minWorkers} người lao động` : 'dưới ngưỡng khoản 1' },
        { label: 'Hành vi từ ngày 01/01/2018', met: figures.oldestUnpaidPeriod !== null && figures.oldestUnpaidPeriod >= '2018-01',
          detail: figures.oldestUnpaidPeriod ? `nợ từ tháng ${formatPeriod(figures.oldestUnpaidPeriod)}` : 'không có nợ' },
      ];
      const id = await storeEvidenceFile(trx, user, at, employerId, context.officeId, {
        issuer: context.issuer, place: context.place, date: today, employer: context.employer, figures, law: letterLaw(rules), timeline,
        arrearsHistory, sanctions, workersAffected: facts.workers, criteria,
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
