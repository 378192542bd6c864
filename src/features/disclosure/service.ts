import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { likeEscape } from '../../db/like.js';
import { vietnamDate } from '../../domain/calendar.js';
import { computeArrears } from '../../domain/arrears.js';
import { AWARD_REASONS, awardEligibility, closesToCheck, disclosureKindsOf, qualifies, type DisclosureKind } from '../../domain/disclosure.js';
import type { LadderStep } from '../../domain/ladder.js';
import type { Day, EmployerStatus } from '../../domain/ledger.js';
import { addDays, addMonths, monthsBefore, periodOfDay, yearBefore } from '../../domain/periods.js';
import { deadlineOf, type RuleSet } from '../../domain/rules.js';
import { foldForSearch } from '../../domain/text.js';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/queries.js';
import type { SessionUser } from '../auth/service.js';
import { loadLedgers, ruleSetAt } from '../../ledger/positions.js';
import { findOfficeInScope } from '../offices/queries.js';

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
    if (!office) throw notFound('Không tìm thấy cơ quan BHXH');
    if (office.kind !== 'national' && office.kind !== 'province') {
      throw badRequest('invalid_office', 'Danh sách công khai do BHXH Việt Nam hoặc BHXH tỉnh lập / lists are national or provincial');
    }
    const at = this.clock.now();
    const today = vietnamDate(at);
    const rules = await ruleSetAt(this.db, today);
    const cleanSince = `${addMonths(periodOfDay(today), -rules.disclosure.commendation.cleanMonths)}-01`;
    const inspectedSince = yearBefore(today);
    const candidates = await this.db.selectFrom('employer as e')
      .innerJoin('office as o', 'o.id', 'e.office_id')
      .innerJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
      .leftJoin('ladder_position as lp', 'lp.employer_id', 'e.id')
      .select(['e.id', 'e.name', 'e.tax_code', 'e.address', 'e.status', 'e.headcount', 'ap.late_amount', 'ap.charge', 'ap.overdue_months', 'lp.step',
        sql<string | null>`(SELECT max(a.action_date) FROM enforcement_action a WHERE a.employer_id = e.id
          AND a.cancelled_at IS NULL AND a.kind <> 'c12_notice')`.as('last_action_on'),
        sql<string | null>`(SELECT max(a.action_date) FROM enforcement_action a WHERE a.employer_id = e.id
          AND a.cancelled_at IS NULL AND a.kind = 'surprise_inspection')`.as('last_inspection_on')])
      .where('o.path', 'like', `${likeEscape(office.path)}%`)
      .execute();
    const context = { rules: rules.disclosure, inspectionMonths: rules.escalation.inspectionMonths, cleanSince, inspectedSince };
    const candidate = (c: (typeof candidates)[number], lateWithinLookback: boolean | null) => ({
      status: c.status as EmployerStatus, headcount: c.headcount, lateAmount: c.late_amount, charge: c.charge, overdueMonths: c.overdue_months,
      step: (c.step ?? 'current') as LadderStep, lastActionOn: c.last_action_on, lastSurpriseInspectionOn: c.last_inspection_on,
      lateWithinLookback,
    });
    let chosen = candidates;
    if (kind === 'commendation') {
      // The history is read only for those that meet everything else, as if never late; then they must not have been.
      const clean = candidates.filter((c) => qualifies(kind, candidate(c, false), context));
      const lateBefore = await lateWithinLookback(this.db, clean.map((c) => c.id), today, rules.disclosure.award.lookbackMonths);
      chosen = clean.filter((c) => qualifies(kind, candidate(c, lateBefore.has(c.id)), context));
    } else {
      chosen = candidates.filter((c) => qualifies(kind, candidate(c, null), context));
    }
    const previous = await this.db.selectFrom('disclosure_list').select('id').where('kind', '=', kind)
      .where('office_id', '=', officeId).where('status', '=', 'approved').executeTakeFirst();
    const chosenIds = new Set(chosen.map((c) => c.id));
    const cleared = previous && (kind === 'late' || kind === 'evasion')
      ? await this.db.selectFrom('disclosure_entry as d').innerJoin('employer as e', 'e.id', 'd.employer_id')
        .innerJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
        .select(['e.id', 'e.name', 'e.tax_code', 'e.address'])
        .where('d.list_id', '=', previous.id).where('d.status', '=', 'listed').where('ap.late_amount', '=', 0).execute()
      : [];
    const criteria = {
      late: rules.disclosure.late,
      evasion: { steps: ['evasion', 'referral_candidate', 'referred'] },
      commendation: { ...rules.disclosure.commendation, ...rules.disclosure.award },
      inspection_plan: { minMonths: rules.escalation.inspectionMonths, notInspectedSince: inspectedSince },
    }[kind];
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('disclosure_list').values({
        kind, office_id: officeId, title: `${TITLES[kind]} — ${office.name}`, criteria: JSON.stringify(criteria), as_of: today,
        status: 'draft', updates_id: previous?.id ?? null, created_by: user.id, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      const entries = [
        ...chosen.map((c) => ({ list_id: id, employer_id: c.id, name: c.name, tax_code: c.tax_code, address: c.address,
          search_text: foldForSearch(`${c.name} ${c.tax_code} ${c.address}`), months_late: c.overdue_months, amount: c.late_amount,
          status: 'listed' as const })),
        ...cleared.filter((c) => !chosenIds.has(c.id)).map((c) => ({ list_id: id, employer_id: c.id, name: c.name, tax_code: c.tax_code,
          address: c.address, search_text: foldForSearch(`${c.name} ${c.tax_code} ${c.address}`), months_late: 0, amount: 0,
          status: 'paid' as const })),
      ];
      for (let i = 0; i < entries.length; i += 1000) await trx.insertInto('disclosure_entry').values(entries.slice(i, i + 1000)).execute();
      await recordAudit(trx, {
        at, userId: user.id, action: 'disclosure.assemble', entity: 'disclosure_list', entityId: id, officeId,
        after: { kind, criteria, entries: entries.length, updates: previous?.id ?? null },
      });
      return { id, entries: entries.length };
    });
  }

  private async listInScope(user: SessionUser, id: number) {
    const list = await this.db.selectFrom('disclosure_list as l').innerJoin('office as o', 'o.id', 'l.office_id')
      .selectAll('l').select('o.name as office_name')
      .where('l.id', '=', id).where('o.path', 'like', `${likeEscape(user.scope)}%`).executeTakeFirst();
    if (!list) throw notFound('Không tìm thấy danh sách');
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
    if (list.status !== 'draft') throw new AppError(409, 'not_draft', 'Chỉ phê duyệt được danh sách dự thảo');
    if (list.created_by === user.id) throw new AppError(409, 'same_person', 'Người lập danh sách không tự phê duyệt / the author cannot approve');
    await this.db.transaction().execute(async (trx) => {
      const at = this.clock.now();
      if (list.updates_id !== null) {
        await trx.updateTable('disclosure_list').set({ status: 'superseded' }).where('id', '=', list.updates_id).where('status', '=', 'approved').execute();
      }
      await trx.updateTable('disclosure_list').set({ status: 'approved', approved_by: user.id, approved_at: at }).where('id', '=', id).execute();
      await recordAudit(trx, {
        at, userId: user.id, action: 'disclosure.approve', entity: 'disclosure_list', entityId: id, officeId: list.office_id,
        before: { status: 'draft' }, after: { status: 'approved', supersedes: list.updates_id },
      });
    });
  }

  async withdraw(user: SessionUser, id: number, reason: string) {
    const list = await this.managedList(user, id);
    if (list.status !== 'approved' && list.status !== 'draft') throw new AppError(409, 'not_current', 'Danh sách đã hết hiệu lực');
    await this.db.transaction().execute(async (trx) => {
      const at = this.clock.now();
      await trx.updateTable('disclosure_list').set({ status: 'withdrawn', withdrawn_by: user.id, withdrawn_at: at, withdraw_reason: reason })
        .where('id', '=', id).execute();
      await recordAudit(trx, {
        at, userId: user.id, action: 'disclosure.withdraw', entity: 'disclosure_list', entityId: id, officeId: list.office_id,
        before: { status: list.status }, after: { status: 'withdrawn', reason },
      });
    });
  }

  /** Lists of the user's scope, newest first, with their state. */
  async lists(user: SessionUser) {
    const rows = await this.db.selectFrom('disclosure_list as l').innerJoin('office as o', 'o.id', 'l.office_id')
      .select(['l.id', 'l.kind', 'l.title', 'l.as_of', 'l.status', 'l.created_by', 'l.approved_at', 'o.name as office_name',
        (eb) => eb.selectFrom('disclosure_entry as d').select((x) => x.fn.countAll<number>().as('n')).whereRef('d.list_id', '=', 'l.id').as('entries')])
      .where('o.path', 'like', `${likeEscape(user.scope)}%`).orderBy('l.id', 'desc').execute();
    return rows.map((r) => ({
      id: r.id, kind: r.kind, title: r.title, asOf: r.as_of, status: r.status, officeName: r.office_name,
      entries: Number(r.entries ?? 0), createdByMe: r.created_by === user.id, approvedAt: r.approved_at?.toISOString() ?? null,
    }));
  }

  /** The entries of a list in the scope, draft or not: what a reviewer checks before approving. */
  async entries(user: SessionUser, id: number, params: { q?: string | undefined; page: number; pageSize: number }) {
    await this.listInScope(user, id);
    return entriesOf(this.db, id, params);
  }
}

/** Entries of a list, searched with or without diacritics, largest amounts first. */
export async function entriesOf(db: Kysely<Database>, listId: number, params: { q?: string | undefined; page: number; pageSize: number }) {
  let query = db.selectFrom('disclosure_entry').where('list_id', '=', listId);
  const q = params.q ? foldForSearch(params.q.trim()) : '';
  if (q) query = query.where('search_text', 'like', `%${likeEscape(q)}%`);
  const [rows, count] = await Promise.all([
    query.select(['name', 'tax_code', 'address', 'months_late', 'amount', 'status'])
      .orderBy('status').orderBy('amount', 'desc').orderBy('name')
      .offset((params.page - 1) * params.pageSize).limit(params.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({ name: r.name, taxCode: r.tax_code, address: r.address, monthsLate: r.months_late, amount: r.amount, status: r.status })),
  };
}

/** Only approved lists are public: the latest of each kind for each office. */
export function publicLists(db: Kysely<Database>) {
  return db.selectFrom('disclosure_list as l').innerJoin('office as o', 'o.id', 'l.office_id')
    .select(['l.id', 'l.kind', 'l.title', 'l.as_of', 'o.name as office_name'])
    .where('l.status', '=', 'approved').orderBy('l.as_of', 'desc').orderBy('l.id', 'desc').execute();
}

export async function publicList(db: Kysely<Database>, id: number) {
  const list = await db.selectFrom('disclosure_list as l').innerJoin('office as o', 'o.id', 'l.office_id')
    .select(['l.id', 'l.kind', 'l.title', 'l.as_of', 'o.name as office_name'])
    .where('l.id', '=', id).where('l.status', '=', 'approved').executeTakeFirst();
  // A draft, withdrawn or superseded list answers as if it did not exist.
  if (!list) throw notFound('Không tìm thấy danh sách');
  return list;
}

const BATCH = 2000;

/**
 * The employers among these that were late at some close (a day the positions were closed) within the look-back:
 * the engine runs at the closes where each one's position can have changed (closesToCheck), with the rule set in force
 * at each.
 */
export async function lateWithinLookback(db: Kysely<Database>, employerIds: number[], today: Day, lookbackMonths: number): Promise<Set<number>> {
  const late = new Set<number>();
  if (employerIds.length === 0) return late;
  const since = monthsBefore(today, lookbackMonths);
  const closes = (await db.selectFrom('arrears_snapshot').select('as_of').distinct()
    .where('as_of', '>=', since).where('as_of', '<=', today).execute()).map((r) => r.as_of);
  if (closes.length === 0) return late;
  const rulesOn = new Map<Day, Promise<RuleSet>>();
  const rulesAt = (day: Day) => rulesOn.get(day) ?? rulesOn.set(day, ruleSetAt(db, day)).get(day)!;
  const current = await rulesAt(today);
  for (let i = 0; i < employerIds.length; i += BATCH) {
    const ledgers = await loadLedgers(db, employerIds.slice(i, i + BATCH));
    for (const [id, ledger] of ledgers) {
      const changes = [
        ...ledger.obligations.flatMap((o) => [`${o.period}-01`, addDays(deadlineOf(current, o.period, ledger.paymentCycle), 1)]),
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
  const rows = taxCodes.length === 0 ? [] : await db.selectFrom('employer as e').leftJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
    .select(['e.id', 'e.tax_code', 'e.name', 'ap.late_amount', 'ap.charge', 'ap.as_of']).where('e.tax_code', 'in', taxCodes)
    .orderBy('e.tax_code').orderBy('e.code').execute();
  const rules = await ruleSetAt(db, today);
  const lateBefore = await lateWithinLookback(db, rows.map((r) => r.id), today, rules.disclosure.award.lookbackMonths);
  return taxCodes.map((taxCode) => {
    const employers = rows.filter((r) => r.tax_code === taxCode).map((r) => ({
      name: r.name,
      ...awardEligibility({ lateAmount: r.late_amount ?? 0, charge: r.charge ?? 0, lateWithinLookback: lateBefore.has(r.id) }),
      asOf: r.as_of ?? null,
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
