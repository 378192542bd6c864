import type { Kysely } from 'kysely';
import { liveFigures } from '../../domain/basis.js';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { vietnamDate } from '../../domain/calendar.js';
import { computeArrears } from '../../domain/arrears.js';
import {
  AWARD_REASONS,
  awardEligibility,
  closesToCheck,
  disclosureKindsOf,
  qualifies,
  type DisclosureKind,
} from '../../domain/disclosure.js';
import type { LadderStep } from '../../domain/ladder.js';
import { TAX_CODE_PATTERN, type Day, type EmployerStatus } from '../../domain/ledger.js';
import { addDays, addMonths, monthsBefore, periodOfDay, yearBefore } from '../../domain/periods.js';
import { deadlineOf, type RuleSet } from '../../domain/rules.js';
import { foldForSearch } from '../../domain/text.js';
import { AppError, forbidden, notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import type { SessionUser } from '../auth/service.js';
import { loadLedgers, nextTurn, TURN } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import { findOfficeInScope } from '../../db/scope.js';
import * as q from './queries.js';

const TITLES: Record<DisclosureKind, string> = {
  late: 'Danh sách đơn vị chậm đóng BHXH, BHYT, BHTN',
  evasion: 'Danh sách đơn vị trốn đóng BHXH, BHYT, BHTN',
  commendation: 'Danh sách đơn vị chấp hành tốt việc đóng BHXH, BHYT, BHTN',
  inspection_plan: 'Kế hoạch thanh tra chuyên ngành đột xuất về đóng BHXH, BHYT, BHTN',
};

export class DisclosureService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /**
   * Lập danh sách: a draft list of the office's employers that meet the rule set's criteria at the latest close. When
   * it updates an approved list, the employers of that list that have since cleared their debt stay on it once,
   * marked paid, so the public sees them leave.
   */
  async assemble(user: SessionUser, kind: DisclosureKind, officeId: number) {
    if (!disclosureKindsOf(user.role).includes(kind)) throw forbidden();
    const office = await findOfficeInScope(this.db, user.scope, officeId);
    if (!office) throw notFound('office');
    if (office.kind !== 'national' && office.kind !== 'province') {
      throw new AppError('invalid_office', { expected: 'disclosing' });
    }
    const at = this.clock.now();
    const today = vietnamDate(at);
    const rules = await ruleSetAt(this.db, today);
    const cleanSince = `${addMonths(periodOfDay(today), -rules.disclosure.commendation.cleanMonths)}-01`;
    const inspectedSince = yearBefore(today);
    const candidates = await q.candidates(this.db, office.path);
    const context = {
      rules: rules.disclosure,
      inspectionMonths: rules.escalation.inspectionMonths,
      cleanSince,
      inspectedSince,
    };
    const candidate = (c: (typeof candidates)[number], lateWithinLookback: boolean | null) => ({
      status: c.status as EmployerStatus,
      headcount: c.headcount,
      lateAmount: c.late_amount,
      charge: c.charge,
      overdueMonths: c.overdue_months,
      step: (c.step ?? 'current') as LadderStep,
      lastActionOn: c.last_action_on,
      lastSurpriseInspectionOn: c.last_inspection_on,
      lateWithinLookback,
    });
    let chosen = candidates;
    if (kind === 'commendation') {
      // The history is read only for those that meet everything else, as if never late; then they must not have been.
      const clean = candidates.filter((c) => qualifies(kind, candidate(c, false), context));
      const lateBefore = await lateWithinLookback(
        this.db,
        clean.map((c) => c.id),
        today,
        rules.disclosure.award.lookbackMonths,
      );
      chosen = clean.filter((c) => qualifies(kind, candidate(c, lateBefore.has(c.id)), context));
    } else {
      chosen = candidates.filter((c) => qualifies(kind, candidate(c, null), context));
    }
    const previous = await q.approvedList(this.db, kind, officeId);
    const chosenIds = new Set(chosen.map((c) => c.id));
    const cleared =
      previous && (kind === 'late' || kind === 'evasion') ? await q.listedSincePaid(this.db, previous.id) : [];
    const criteria = {
      late: rules.disclosure.late,
      evasion: { steps: ['evasion', 'referral_candidate', 'referred'] },
      commendation: { ...rules.disclosure.commendation, ...rules.disclosure.award },
      inspection_plan: { minMonths: rules.escalation.inspectionMonths, notInspectedSince: inspectedSince },
    }[kind];
    return this.db.transaction().execute(async (trx) => {
      const id = await q.insertList(trx, {
        kind,
        office_id: officeId,
        title: `${TITLES[kind]} — ${office.name}`,
        criteria: JSON.stringify(criteria),
        as_of: today,
        status: 'draft',
        updates_id: previous?.id ?? null,
        created_by: user.id,
        created_at: at,
      });
      const entries = [
        ...chosen.map((c) => ({
          list_id: id,
          employer_id: c.id,
          name: c.name,
          tax_code: c.tax_code,
          address: c.address,
          search_text: foldForSearch(`${c.name} ${c.tax_code} ${c.address}`),
          months_late: c.overdue_months,
          amount: c.late_amount,
          status: 'listed' as const,
        })),
        ...cleared
          .filter((c) => !chosenIds.has(c.id))
          .map((c) => ({
            list_id: id,
            employer_id: c.id,
            name: c.name,
            tax_code: c.tax_code,
            address: c.address,
            search_text: foldForSearch(`${c.name} ${c.tax_code} ${c.address}`),
            months_late: 0,
            amount: 0,
            status: 'paid' as const,
          })),
      ];
      await q.insertEntries(trx, entries);
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'disclosure.assemble',
        entity: 'disclosure_list',
        entityId: id,
        officeId,
        after: { kind, criteria, entries: entries.length, updates: previous?.id ?? null },
      });
      return { id, entries: entries.length };
    });
  }

  private async listInScope(user: SessionUser, id: number) {
    const list = await q.findListInScope(this.db, user.scope, id);
    if (!list) throw notFound('disclosureList');
    return list;
  }

  /** A list the user may approve or withdraw: in scope (else 404) and of a kind the user's role manages (else 403). */
  private async managedList(user: SessionUser, id: number) {
    const list = await this.listInScope(user, id);
    if (!disclosureKindsOf(user.role).includes(list.kind)) throw forbidden();
    return list;
  }

  /** Phê duyệt: by someone other than the author; the list it updates leaves the public page at the same moment. */
  async approve(user: SessionUser, id: number) {
    const list = await this.managedList(user, id);
    if (list.status !== 'draft') throw new AppError('not_draft');
    if (list.created_by === user.id) throw new AppError('same_person');
    await this.db.transaction().execute(async (trx) => {
      const at = this.clock.now();
      if (list.updates_id !== null) await q.supersede(trx, list.updates_id);
      await q.approveList(trx, id, user.id, at);
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'disclosure.approve',
        entity: 'disclosure_list',
        entityId: id,
        officeId: list.office_id,
        before: { status: 'draft' },
        after: { status: 'approved', supersedes: list.updates_id },
      });
    });
  }

  async withdraw(user: SessionUser, id: number, reason: string) {
    const list = await this.managedList(user, id);
    if (list.status !== 'approved' && list.status !== 'draft') throw new AppError('not_current');
    await this.db.transaction().execute(async (trx) => {
      const at = this.clock.now();
      await q.withdrawList(trx, id, { withdrawn_by: user.id, withdrawn_at: at, withdraw_reason: reason });
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'disclosure.withdraw',
        entity: 'disclosure_list',
        entityId: id,
        officeId: list.office_id,
        before: { status: list.status },
        after: { status: 'withdrawn', reason },
      });
    });
  }

  /** Lists of the user's scope, newest first, with their state. */
  async lists(user: SessionUser) {
    const rows = await q.listsInScope(this.db, user.scope);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      asOf: r.as_of,
      status: r.status,
      officeName: r.office_name,
      entries: Number(r.entries ?? 0),
      createdByMe: r.created_by === user.id,
      approvedAt: r.approved_at?.toISOString() ?? null,
    }));
  }

  /** The entries of a list in the scope, draft or not: what a reviewer checks before approving. */
  async entries(user: SessionUser, id: number, params: { q?: string | undefined; page: number; pageSize: number }) {
    await this.listInScope(user, id);
    return entriesOf(this.db, id, params);
  }
}

/** Entries of a list, searched with or without diacritics, largest amounts first. */
export async function entriesOf(
  db: Kysely<Database>,
  listId: number,
  params: { q?: string | undefined; page: number; pageSize: number },
) {
  const { rows, count } = await q.entriesPage(db, listId, params.q ? foldForSearch(params.q.trim()) : '', params);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      name: r.name,
      taxCode: r.tax_code,
      address: r.address,
      monthsLate: r.months_late,
      amount: r.amount,
      status: r.status,
    })),
  };
}

/** Only approved lists are public: the latest of each kind for each office. */
export function publicLists(db: Kysely<Database>) {
  return q.approvedLists(db);
}

export async function publicList(db: Kysely<Database>, id: number) {
  const list = await q.findApprovedList(db, id);
  // A draft, withdrawn or superseded list answers as if it did not exist.
  if (!list) throw notFound('disclosureList');
  return list;
}

const BATCH = 2000;

/**
 * The employers among these that were late at some close (a day the positions were closed) within the look-back:
 * the engine runs at the closes where each one's position can have changed (closesToCheck), with the rule set in force
 * at each.
 */
export async function lateWithinLookback(
  db: Kysely<Database>,
  employerIds: number[],
  today: Day,
  lookbackMonths: number,
): Promise<Set<number>> {
  const late = new Set<number>();
  if (employerIds.length === 0) return late;
  const since = monthsBefore(today, lookbackMonths);
  const closes = await q.closesBetween(db, since, today);
  if (closes.length === 0) return late;
  const rulesOn = new Map<Day, Promise<RuleSet>>();
  const rulesAt = (day: Day) => rulesOn.get(day) ?? rulesOn.set(day, ruleSetAt(db, day)).get(day)!;
  const current = await rulesAt(today);
  for (let i = 0; i < employerIds.length; i += BATCH) {
    const ledgers = await loadLedgers(db, employerIds.slice(i, i + BATCH));
    for (const [k, [id, ledger]] of [...ledgers].entries()) {
      if (k > 0 && k % TURN === 0) await nextTurn();
      const changes = [
        ...ledger.obligations.flatMap((o) => [
          `${o.period}-01`,
          addDays(deadlineOf(current, o.period, ledger.paymentCycle), 1),
        ]),
        ...ledger.payments.map((p) => p.date),
      ].filter((d) => d >= since);
      for (const day of closesToCheck(closes, changes)) {
        if (computeArrears(ledger, await rulesAt(day), day).lateAmount > 0) {
          late.add(id);
          break;
        }
      }
    }
  }
  return late;
}

/**
 * Tra cứu khen thưởng: whether employers with these tax codes may be honoured, for the rule that employers late in
 * paying get no reward: not while principal or charges are outstanding, nor when late at a close within the rule
 * set's look-back. Only yes/no, the reason codes and the name are answered; amounts are public only on an approved
 * list.
 */
export async function awardCheck(db: Kysely<Database>, taxCodes: string[], today: Day) {
  const rows = taxCodes.length === 0 ? [] : await q.positionsByTaxCode(db, taxCodes);
  const rules = await ruleSetAt(db, today);
  const lateBefore = await lateWithinLookback(
    db,
    rows.map((r) => r.id),
    today,
    rules.disclosure.award.lookbackMonths,
  );
  return taxCodes.map((taxCode) => {
    const employers = rows
      .filter((r) => r.tax_code === taxCode)
      .map((r) => ({
        name: r.name,
        ...awardEligibility({
          lateAmount: r.late_amount ?? 0,
          charge: r.charge ?? 0,
          lateWithinLookback: lateBefore.has(r.id),
        }),
        asOf: r.as_of ?? null,
        // The outstanding amounts come from the stored positions (live); the look-back reads the closes.
        basis: r.as_of ? liveFigures(r.as_of) : null,
      }));
    return {
      taxCode,
      found: employers.length > 0,
      eligible: employers.length > 0 && employers.every((e) => e.eligible),
      reasons: AWARD_REASONS.filter((reason) => employers.some((e) => e.reasons.includes(reason))),
      employers,
    };
  });
}

/**
 * The tax codes of an uploaded list, a code per line (a CSV's first column, quotes and a byte-order mark dropped, a
 * heading line allowed), each once; a line that is not a tax code is refused with its number.
 */
export function taxCodesOfList(text: string, max: number): string[] {
  const lines = text.split(/\r?\n/).map((l) =>
    l
      .split(',')[0]!
      .replace(/^\uFEFF/, '')
      .trim()
      .replace(/^"|"$/g, ''),
  );
  const codes: string[] = [];
  lines.forEach((code, i) => {
    if (code === '' || (i === 0 && /^(mst|ma_so_thue|tax_code|mã số thuế)$/i.test(code))) return;
    if (!TAX_CODE_PATTERN.test(code)) throw new AppError('invalid_tax_code', { line: i + 1, column: 1, value: code });
    codes.push(code);
  });
  if (codes.length > max) throw new AppError('too_many', { max });
  return [...new Set(codes)];
}
