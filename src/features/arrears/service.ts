import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { liveFigures } from '../../domain/basis.js';
import { AppError } from '../../http/errors.js';
import { latestClose } from '../../ledger/positions.js';
import type { SessionUser } from '../auth/service.js';
import { listFilterOf } from '../employers/service.js';
import { EXPORT_MAX_ROWS } from '../exports/workbook.js';
import { listLateEmployers, type LateFilter } from './queries.js';
import type { LateExportQuery } from './schemas.js';

type LateRequest = LateExportQuery & Required<Pick<LateExportQuery, 'sort' | 'order'>>;
type LateRow = Awaited<ReturnType<typeof listLateEmployers>>['rows'][number];

function lateItem(r: LateRow) {
  return {
    id: r.id,
    code: r.code,
    taxCode: r.tax_code,
    name: r.name,
    ownership: r.ownership,
    status: r.status,
    headcount: r.headcount,
    officeName: r.office_name,
    lateAmount: r.late_amount,
    overdueMonths: r.overdue_months,
    band: r.band,
    oldestUnpaidPeriod: r.oldest_unpaid_period,
    monthsEquivalent: r.months_equivalent === null ? null : Number(r.months_equivalent),
    charge: r.charge,
    daysLate: r.days_late,
    chargeAccrued: r.charge_accrued,
    chargePaid: r.charge_paid,
    step: r.step,
  };
}

/** Danh sách đơn vị chậm đóng: the late employers of the scope at the latest close, as a list to work through. */
export class ArrearsService {
  constructor(private readonly db: Kysely<Database>) {}

  private async filter(user: SessionUser, params: LateRequest): Promise<LateFilter> {
    return { ...(await listFilterOf(this.db, user, params)), ownership: params.ownership, status: params.status };
  }

  async late(user: SessionUser, params: LateRequest & { page: number; pageSize: number }) {
    const { rows, totals } = await listLateEmployers(this.db, await this.filter(user, params), {
      offset: (params.page - 1) * params.pageSize,
      limit: params.pageSize,
      sort: params.sort,
      order: params.order,
    });
    const asOf = await latestClose(this.db);
    return {
      asOf,
      basis: asOf === null ? null : liveFigures(asOf),
      items: rows.map(lateItem),
      total: totals.employers,
      page: params.page,
      pageSize: params.pageSize,
      totals: { lateAmount: totals.lateAmount, charge: totals.charge },
    };
  }

  /** Every late employer the filters keep, in the list's order, for the export: refused past EXPORT_MAX_ROWS. */
  async lateExport(user: SessionUser, params: LateRequest) {
    const { rows, totals } = await listLateEmployers(this.db, await this.filter(user, params), {
      offset: 0,
      limit: EXPORT_MAX_ROWS,
      sort: params.sort,
      order: params.order,
    });
    if (totals.employers > EXPORT_MAX_ROWS) {
      throw new AppError('list_too_long', { rows: totals.employers, max: EXPORT_MAX_ROWS });
    }
    return { asOf: await latestClose(this.db), items: rows.map(lateItem) };
  }
}
