import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { UploadLimits } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { DOCUMENT_OF_ACTION, actionKindsOf, actionProblem, isUrging, type ActionKind } from '../../domain/actions.js';
import { vietnamDate } from '../../domain/calendar.js';
import type { Day } from '../../domain/ledger.js';
import { AppError, forbidden, notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import type { SessionUser } from '../auth/service.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import { issueActionDocument } from '../documents/service.js';
import { refreshLadder } from '../../ledger/ladder.js';
import { oweRefresh, refreshDone } from '../../ledger/refresh.js';
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

const employerNotFound = () => notFound('employer');

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
      { kind: input.kind, date: input.date, documentNumber: input.documentNumber ?? null, fine: input.fine ?? null },
      today,
    );
    if (problem) throw new AppError('invalid_action', { reason: problem });
    if (input.followUpOn && input.followUpOn < input.date) {
      throw new AppError('invalid_action', { reason: 'follow_up_before_action' });
    }
    const documentKind = input.generateDocument === false ? undefined : DOCUMENT_OF_ACTION[input.kind];
    const result = await this.db.transaction().execute(async (trx) => {
      const employers = await q.employersInScope(trx, user.scope, employerIds);
      if (employers.length !== employerIds.length) throw employerNotFound();
      const official =
        input.officialId === undefined || input.officialId === user.id
          ? { id: user.id, full_name: user.fullName }
          : await q.findOfficialInScope(trx, user.scope, input.officialId);
      if (!official) throw new AppError('invalid_official');
      const at = this.clock.now();
      const rules = await ruleSetAt(trx, input.date);
      const batchId = await q.nextBatchId(trx);
      const recorded: { id: number; employerId: number; documentId: number | null; documentNumber: string | null }[] =
        [];
      for (const employer of employers.sort((a, b) => (a.code < b.code ? -1 : 1))) {
        const values = {
          employer_id: employer.id,
          kind: input.kind,
          action_date: input.date,
          official_id: official.id,
          document_number: input.documentNumber ?? null,
          outcome: input.outcome ?? '',
          follow_up_on: input.followUpOn ?? null,
          fine: input.fine ?? null,
          details: JSON.stringify(input.details ?? {}),
          batch_id: batchId,
          recorded_by: user.id,
          recorded_at: at,
        };
        const id = await q.insertAction(trx, values);
        let document: { id: number; fullNumber: string } | null = null;
        if (documentKind) {
          document = await issueActionDocument(trx, user, at, rules, {
            kind: documentKind,
            actionId: id,
            employerId: employer.id,
            date: input.date,
            details: input.details ?? {},
            outcome: input.outcome ?? '',
            officialName: official.full_name,
          });
          await q.setActionDocumentNumber(trx, id, document.fullNumber);
        }
        const documentNumber = document?.fullNumber ?? values.document_number;
        await recordAudit(trx, {
          at,
          userId: user.id,
          action: 'action.record',
          entity: 'enforcement_action',
          entityId: id,
          officeId: employer.office_id,
          after: { ...values, details: input.details ?? {}, document_number: documentNumber },
        });
        recorded.push({ id, employerId: employer.id, documentId: document?.id ?? null, documentNumber });
      }
      return { batchId, actions: recorded, owed: await oweRefresh(trx) };
    });
    await refreshLadder(this.db, this.clock, employerIds);
    await refreshDone(this.db, result.owed);
    return { batchId: result.batchId, actions: result.actions };
  }

  /**
   * Nothing is deleted: a mistaken action is marked cancelled with a reason, with its audit row, and stops counting
   * anywhere; the employer's ladder is re-evaluated without it.
   */
  async cancel(user: SessionUser, id: number, reason: string) {
    const { employerId, owed } = await this.db.transaction().execute(async (trx) => {
      const action = await q.findActionInScope(trx, user.scope, id);
      if (!action) throw notFound('action');
      if (!actionKindsOf(user.role).includes(action.kind)) throw forbidden();
      if (action.cancelled_at) throw new AppError('already_cancelled', { record: 'action' });
      const at = this.clock.now();
      await q.cancelAction(trx, id, { cancelled_at: at, cancelled_by: user.id, cancel_reason: reason });
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'action.cancel',
        entity: 'enforcement_action',
        entityId: id,
        officeId: action.office_id,
        before: { cancelled_at: null },
        after: { cancelled_at: at, cancel_reason: reason },
      });
      return { employerId: action.employer_id, owed: await oweRefresh(trx) };
    });
    await refreshLadder(this.db, this.clock, [employerId]);
    await refreshDone(this.db, owed);
  }

  async listForEmployer(user: SessionUser, employerId: number) {
    if ((await q.employersInScope(this.db, user.scope, [employerId])).length === 0) throw employerNotFound();
    const actions = await q.listActions(this.db, employerId);
    const ids = actions.map((a) => a.id);
    const [documents, attachments] = await Promise.all([
      q.listDocumentsOfActions(this.db, ids),
      q.listAttachmentsOfActions(this.db, ids),
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
      documents: documents
        .filter((d) => d.action_id === a.id)
        .map((d) => ({ id: d.id, kind: d.kind, number: d.full_number, fileName: d.file_name })),
      attachments: attachments
        .filter((t) => t.action_id === a.id)
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
        const id = await q.insertAttachment(trx, {
          action_id: actionId,
          file_name: fileName,
          content_type: contentType,
          size,
          sha256,
          content: null,
          stored_path: stored,
          uploaded_by: user.id,
          uploaded_at: at,
        });
        await recordAudit(trx, {
          at,
          userId: user.id,
          action: 'attachment.add',
          entity: 'action_attachment',
          entityId: id,
          officeId: action.office_id,
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
    if (!action) throw notFound('action');
    if (action.cancelled_at) throw new AppError('action_cancelled');
    return action;
  }

  private checkQuotas(used: { employer: number; uploader: number }, size: number) {
    const { attachmentQuotaPerEmployer: employer, attachmentQuotaPerUser: uploader } = this.quotas;
    if (used.employer + size > employer) {
      throw new AppError('attachment_quota', { whose: 'employer', quota: employer, used: used.employer });
    }
    if (used.uploader + size > uploader) {
      throw new AppError('attachment_quota', { whose: 'uploader', quota: uploader, used: used.uploader });
    }
  }

  /** An attachment in the user's scope: its bytes from the files folder, or from the row for one stored before it. */
  async attachment(user: SessionUser, id: number) {
    const row = await q.findAttachmentInScope(this.db, user.scope, id);
    if (!row) throw notFound('attachment');
    const base = { fileName: row.file_name, contentType: row.content_type, size: row.size };
    if (row.stored_path === null) return { ...base, content: Buffer.from(row.content!) };
    const file = await this.files.open(row.stored_path);
    if (!file) {
      throw new AppError('file_missing');
    }
    return { ...base, file };
  }
}
