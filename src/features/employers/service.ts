import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database, Db, NewEmployer } from '../../db/schema.js';
import { vietnamDate } from '../../domain/calendar.js';
import type { EmployerStatus, Fund, Ownership, PaymentCycle } from '../../domain/ledger.js';
import type { EmployerListFilter } from '../../db/employer-list.js';
import type { LadderStep } from '../../domain/ladder.js';
import { foldForSearch } from '../../domain/text.js';
import { EXPORT_MAX_ROWS } from '../exports/service.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import type { SessionUser } from '../auth/service.js';
import { findAssignableUser, findOfficeInScope } from '../../db/scope.js';
import { keptPerDatabase, readVersions, versionOf, type VersionName } from '../../db/versions.js';
import * as q from './queries.js';

export interface EmployerFields {
  code: string;
  taxCode: string;
  name: string;
  address: string;
  officeId: number;
  ownership: Ownership;
  headcount: number;
  status: EmployerStatus;
  paymentCycle: PaymentCycle;
}

const employerNotFound = () => notFound('employer');

/**
 * The employers of a scope under a list's filters other than the search words, in the list's order, kept while the
 * tables they were read from keep their versions: a search then looks its words up in them, where PostgreSQL read
 * every employer of the scope to match the words against (and planned the statement) on every request. Null when the
 * filters keep more than SORTED_MAX: such a list (the country's) is searched by PostgreSQL, a page at a time.
 */
const keptSorted = keptPerDatabase<SortedEmployers | null>(60_000);
/** The employers of a list kept at most: the largest provinces' (10,000 at national scale). */
const SORTED_MAX = 15_000;
/**
 * A list's employers in order, with their search texts joined into one, '\n' between them: a word is looked up in
 * one pass over the joined text, not once per employer (thousands of calls per search). No word holds a '\n' (the
 * search is split on white space), so none is found across two employers' texts.
 */
class SortedEmployers {
  private readonly text: string;
  /** Where each employer's text starts in `text`, in the rows' order. */
  private readonly starts: Int32Array;

  constructor(readonly rows: q.EmployerListRow[]) {
    this.starts = new Int32Array(rows.length);
    let at = 0;
    rows.forEach((r, i) => {
      this.starts[i] = at;
      at += r.search_text.length + 1;
    });
    this.text = rows.map((r) => r.search_text).join('\n');
  }

  /** The employers whose search text holds every word, as employerListConditions's LIKE does, in order. */
  matching(words: readonly string[]): q.EmployerListRow[] {
    const [first, ...others] = words;
    if (first === undefined) return this.rows;
    const found: q.EmployerListRow[] = [];
    for (let at = this.text.indexOf(first); at >= 0; ) {
      const i = this.rowAt(at);
      const row = this.rows[i]!;
      if (others.every((w) => row.search_text.includes(w))) found.push(row);
      at = this.text.indexOf(first, this.starts[i]! + row.search_text.length + 1);
    }
    return found;
  }

  /** The row whose text holds the position: the last one starting at or before it. */
  private rowAt(position: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/** The tables a list reads: the employers, their offices, their positions (and the assignments, for an official's). */
const LIST_TABLES: VersionName[] = ['books', 'offices', 'positions'];
const OFFICIAL_LIST_TABLES: VersionName[] = [...LIST_TABLES, 'assignments'];

/** The filters every list of employers offers (http/schemas EmployerListFilters), as a request names them. */
export interface ListFilterRequest {
  q?: string | undefined;
  officeId?: number | undefined;
  band?: string | undefined;
  step?: LadderStep | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
  userId?: number | undefined;
}

/**
 * A list's filters checked against the user's scope: the office and the official must lie in it (a 404 as for any
 * row out of scope), the amounts must make a range; the search is folded into words. Without an office, the scope.
 */
export async function listFilterOf(db: Db, user: SessionUser, params: ListFilterRequest): Promise<EmployerListFilter> {
  if (params.minAmount !== undefined && params.maxAmount !== undefined && params.minAmount > params.maxAmount) {
    throw new AppError('invalid_amount_range');
  }
  let officePath = user.scope;
  if (params.officeId !== undefined) {
    const office = await findOfficeInScope(db, user.scope, params.officeId);
    if (!office) throw notFound('office');
    officePath = office.path;
  }
  if (params.userId !== undefined && !(await findAssignableUser(db, user.scope, params.userId))) {
    throw notFound('official');
  }
  const words = params.q ? foldForSearch(params.q).split(' ').filter(Boolean) : [];
  return {
    officePath,
    words,
    band: params.band,
    step: params.step,
    minAmount: params.minAmount,
    maxAmount: params.maxAmount,
    officialId: params.userId,
  };
}

interface EmployerListRequest extends ListFilterRequest {
  status?: EmployerStatus | undefined;
  ownership?: Ownership | undefined;
  sort: q.EmployerSort;
  order: 'asc' | 'desc';
}

async function employerFilter(db: Db, user: SessionUser, params: EmployerListRequest): Promise<q.EmployerFilter> {
  return { ...(await listFilterOf(db, user, params)), status: params.status, ownership: params.ownership };
}

type ListRow = Awaited<ReturnType<typeof q.listEmployers>>['rows'][number];

function toListItem(row: ListRow) {
  return {
    ...toEmployerSummary(row),
    lateAmount: Number(row.late_amount),
    overdueMonths: row.overdue_months,
    band: row.band,
    step: row.step,
  };
}

export function toEmployerSummary(row: q.EmployerSummaryRow) {
  return {
    id: row.id,
    code: row.code,
    taxCode: row.tax_code,
    name: row.name,
    address: row.address,
    office: { id: row.office_id, code: row.office_code, name: row.office_name },
    province: { id: row.province_id, code: row.province_code, name: row.province_name },
    ownership: row.ownership,
    headcount: row.headcount,
    status: row.status,
    paymentCycle: row.payment_cycle,
  };
}

/** The columns an employer's details are stored in, with the search text derived from them. */
export function employerColumns(fields: EmployerFields, provinceId: number): NewEmployer {
  return {
    code: fields.code,
    tax_code: fields.taxCode,
    name: fields.name,
    address: fields.address,
    office_id: fields.officeId,
    province_id: provinceId,
    ownership: fields.ownership,
    headcount: fields.headcount,
    status: fields.status,
    payment_cycle: fields.paymentCycle,
    search_text: foldForSearch(`${fields.code} ${fields.taxCode} ${fields.name}`),
  };
}

function fieldsOf(row: q.EmployerSummaryRow): EmployerFields {
  return {
    code: row.code,
    taxCode: row.tax_code,
    name: row.name,
    address: row.address,
    officeId: row.office_id,
    ownership: row.ownership,
    headcount: row.headcount,
    status: row.status,
    paymentCycle: row.payment_cycle,
  };
}

const taxCodeTaken = (taxCode: string, other?: { code: string; name: string }) =>
  new AppError(
    'duplicate_tax_code',
    other ? { taxCode, employer: { code: other.code, name: other.name } } : { taxCode },
  );

/**
 * One active employer per tax code (migration 0010). The other employer is named only when it is in the user's
 * scope; otherwise the answer says only that the code is taken, not by whom or where.
 */
async function refuseTakenTaxCode(db: Db, user: SessionUser, fields: EmployerFields, id: number | null) {
  if (fields.status !== 'active' || fields.taxCode === '') return;
  const other = await q.activeEmployerWithTaxCode(db, fields.taxCode, id, user.scope);
  if (other) throw taxCodeTaken(fields.taxCode, other.in_scope ? other : undefined);
}

/** A write that another request's same tax code beat to the index is refused like the check above. */
async function insertOrRefuse<T>(fields: EmployerFields, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, constraint } = error as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === 'employer_active_tax_code_key') throw taxCodeTaken(fields.taxCode);
    throw error;
  }
}

export class EmployerService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** The employers of the scope the filters keep, a page of them, sorted by any column. */
  async list(user: SessionUser, params: EmployerListRequest & { page: number; pageSize: number }) {
    const filter = await employerFilter(this.db, user, params);
    const offset = (params.page - 1) * params.pageSize;
    const sorted = await this.sorted(filter, params);
    if (sorted === null) {
      const { rows, total } = await q.listEmployers(this.db, filter, {
        offset,
        limit: params.pageSize,
        sort: params.sort,
        order: params.order,
      });
      return { items: rows.map(toListItem), total, page: params.page, pageSize: params.pageSize };
    }
    const kept = sorted.matching(filter.words ?? []);
    return {
      items: kept.slice(offset, offset + params.pageSize).map(toListItem),
      total: kept.length,
      page: params.page,
      pageSize: params.pageSize,
    };
  }

  /** The employers the filters but the words keep, sorted, as kept or read afresh; null past SORTED_MAX. */
  private async sorted(filter: q.EmployerFilter, order: Pick<EmployerListRequest, 'sort' | 'order'>) {
    const kept = keptSorted(this.db);
    // The office path stands for the scope: it was checked to lie in the user's, and decides every row the list has.
    const key = JSON.stringify({ ...filter, words: undefined, sort: order.sort, order: order.order });
    const tables = filter.officialId === undefined ? LIST_TABLES : OFFICIAL_LIST_TABLES;
    const version = versionOf(await readVersions(this.db), tables);
    const held = kept.get(key, version);
    if (held !== undefined) return held;
    const rows = await q.sortedEmployers(this.db, { ...filter, words: undefined }, order, SORTED_MAX + 1);
    const sorted = rows.length > SORTED_MAX ? null : new SortedEmployers(rows);
    kept.set(key, version, sorted, sorted === null ? 1 : rows.length + 1);
    return sorted;
  }

  /** Every employer the filters keep, in the list's order, for the export: refused past EXPORT_MAX_ROWS. */
  async listExport(user: SessionUser, params: EmployerListRequest) {
    const filter = await employerFilter(this.db, user, params);
    const { rows, total } = await q.listEmployers(this.db, filter, {
      offset: 0,
      limit: EXPORT_MAX_ROWS,
      sort: params.sort,
      order: params.order,
    });
    if (total > EXPORT_MAX_ROWS) throw new AppError('list_too_long', { rows: total, max: EXPORT_MAX_ROWS });
    return { asOf: vietnamDate(this.clock.now()), items: rows.map(toListItem) };
  }

  async get(user: SessionUser, id: number) {
    const row = await q.findEmployer(this.db, user.scope, id);
    if (!row) throw employerNotFound();
    const assignments = await q.listCurrentAssignments(this.db, id);
    return {
      ...toEmployerSummary(row),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      assignments: assignments.map((a) => ({
        id: a.id,
        user: { id: a.user_id, fullName: a.full_name, username: a.username },
        responsibility: a.responsibility,
        assignedFrom: a.assigned_from,
      })),
    };
  }

  /** Số phải đóng by month and fund, newest month first, and every payment received. */
  async ledger(user: SessionUser, id: number) {
    if (!(await q.findEmployer(this.db, user.scope, id))) throw employerNotFound();
    const [obligations, payments] = await Promise.all([q.listObligations(this.db, id), q.listPayments(this.db, id)]);
    const months = new Map<string, Record<Fund | 'total', number>>();
    for (const o of obligations) {
      let due = months.get(o.period);
      if (!due) {
        due = { BHXH: 0, BHTNLD: 0, BHTN: 0, BHYT: 0, total: 0 };
        months.set(o.period, due);
      }
      due[o.fund] += o.amount;
      due.total += o.amount;
    }
    const totalDue = obligations.reduce((sum, o) => sum + o.amount, 0);
    const totalPaid = payments.reduce((sum, p) => sum + p.amount, 0);
    return {
      months: [...months].map(([period, due]) => ({ period, due })),
      payments: payments.map((p) => ({ id: p.id, date: p.paid_on, amount: p.amount, reference: p.reference })),
      totals: { due: totalDue, paid: totalPaid },
    };
  }

  async create(user: SessionUser, fields: EmployerFields) {
    return this.db.transaction().execute(async (trx) => {
      const provinceId = await this.provinceOfWorkingOffice(trx, user, fields.officeId);
      if (await q.employerCodeTaken(trx, fields.code)) {
        throw new AppError('duplicate_code', { employerCode: fields.code });
      }
      await refuseTakenTaxCode(trx, user, fields, null);
      const now = this.clock.now();
      const id = await insertOrRefuse(fields, () =>
        q.insertEmployer(trx, { ...employerColumns(fields, provinceId), created_at: now, updated_at: now }),
      );
      await recordAudit(trx, {
        at: now,
        userId: user.id,
        action: 'employer.create',
        entity: 'employer',
        entityId: id,
        officeId: fields.officeId,
        after: fields,
      });
      return id;
    });
  }

  async update(user: SessionUser, id: number, changes: Partial<Omit<EmployerFields, 'code'>>) {
    return this.db.transaction().execute(async (trx) => {
      const row = await q.findEmployer(trx, user.scope, id);
      if (!row) throw employerNotFound();
      const before = fieldsOf(row);
      const after = { ...before, ...changes };
      const provinceId =
        after.officeId === before.officeId
          ? row.province_id
          : await this.provinceOfWorkingOffice(trx, user, after.officeId);
      await refuseTakenTaxCode(trx, user, after, id);
      const now = this.clock.now();
      await insertOrRefuse(after, () => q.updateEmployer(trx, id, employerColumns(after, provinceId), now));
      // Another payment cycle moves every deadline: the next close recomputes the position whatever day it expected.
      if (after.paymentCycle !== before.paymentCycle) await q.forgetPositionChangeDay(trx, id);
      await recordAudit(trx, {
        at: now,
        userId: user.id,
        action: 'employer.update',
        entity: 'employer',
        entityId: id,
        officeId: after.officeId,
        before,
        after,
      });
    });
  }

  async assign(user: SessionUser, employerId: number, userId: number, responsibility: 'leader' | 'official') {
    return this.db.transaction().execute(async (trx) => {
      const employer = await q.findEmployer(trx, user.scope, employerId);
      if (!employer) throw employerNotFound();
      // The official must work in the employer's province (or below it), whatever the assigner's own scope.
      const province = await findOfficeInScope(trx, user.scope, employer.province_id);
      const official = province && (await findAssignableUser(trx, province.path, userId));
      if (!official) throw new AppError('invalid_official');
      const now = this.clock.now();
      const row = await q.insertAssignment(trx, { employerId, userId, responsibility, from: vietnamDate(now) });
      if (!row) throw new AppError('already_assigned', { officialName: official.full_name });
      await recordAudit(trx, {
        at: now,
        userId: user.id,
        action: 'assignment.create',
        entity: 'assignment',
        entityId: row.id,
        officeId: employer.office_id,
        after: row,
      });
      return row.id;
    });
  }

  async endAssignment(user: SessionUser, employerId: number, assignmentId: number) {
    await this.db.transaction().execute(async (trx) => {
      const employer = await q.findEmployer(trx, user.scope, employerId);
      if (!employer) throw employerNotFound();
      const before = await q.findAssignment(trx, employerId, assignmentId);
      if (!before) throw notFound('assignment');
      const now = this.clock.now();
      const after = await q.endAssignment(trx, assignmentId, vietnamDate(now));
      if (!after) throw new AppError('assignment_ended');
      await recordAudit(trx, {
        at: now,
        userId: user.id,
        action: 'assignment.end',
        entity: 'assignment',
        entityId: assignmentId,
        officeId: employer.office_id,
        before,
        after,
      });
    });
  }

  /** An employer is managed by a provincial or grassroots office in the user's scope; returns its province. */
  private async provinceOfWorkingOffice(db: Db, user: SessionUser, officeId: number): Promise<number> {
    const office = await findOfficeInScope(db, user.scope, officeId);
    if (!office) throw notFound('office');
    if (office.kind === 'province') return office.id;
    if (office.kind === 'grassroots' && office.parent_id !== null) return office.parent_id;
    throw new AppError('invalid_office', { expected: 'working' });
  }
}
