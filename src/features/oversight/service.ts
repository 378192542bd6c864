import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { computeArrears } from '../../domain/arrears.js';
import { vietnamDate } from '../../domain/calendar.js';
import {
  reportDeadline,
  reportingDays,
  timeliness,
  timelinessRate,
  type DeadlineRule,
} from '../../domain/campaigns.js';
import { emulationScore } from '../../domain/emulation.js';
import type { Day } from '../../domain/ledger.js';
import { yearBefore } from '../../domain/periods.js';
import type { RuleSet } from '../../domain/rules.js';
import { shareOf } from '../../domain/share.js';
import { closeFigures } from '../../domain/basis.js';
import { AppError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../auth/service.js';
import { loadLedgers, nextTurn, TURN } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import { lateRatioDenominator, lateRatioDenominators } from '../../ledger/late-ratio.js';
import { renderProvinceSituation } from '../documents/docx.js';
import { officeSignature, placeOf, takeDocumentNumber } from '../documents/service.js';
import { recordAudit } from '../../db/audit.js';
import { directlyManagedName } from '../../domain/organisation.js';
import { findOfficeInScope } from '../../db/scope.js';
import { listFilterOf } from '../employers/service.js';
import { EXPORT_MAX_ROWS } from '../exports/service.js';
import type { CandidatesExportQuery } from './schemas.js';
import {
  findOfficeAtPath,
  findOfficeName,
  inspectionByProvince,
  lateAmountByProvince,
  latestPositionDay,
  latestSnapshotDay,
  listCampaignsBetween,
  listFirstInspections,
  listFirstSubmissions,
  listInspectionCandidates,
  listLargestLate,
  listProvincePaths,
  positionTotals,
  positionTotalsByOffice,
  positionTotalsByOwnership,
  snapshotDayBetween,
  snapshotTotalsBy,
  snapshotTotalsOfChildren,
  snapshotTotalsOwn,
  snapshotTrend,
} from './queries.js';

/** Giám sát toàn quốc: the figures behind the dashboards, the inspection view and the year-end emulation. */
type CandidatesRequest = CandidatesExportQuery & Required<Pick<CandidatesExportQuery, 'sort' | 'order'>>;

function candidateItem(r: Awaited<ReturnType<typeof listInspectionCandidates>>['rows'][number]) {
  return {
    employer: { id: r.id, code: r.code, name: r.name, officeName: r.office_name, headcount: r.headcount },
    lateAmount: r.late_amount,
    overdueMonths: r.overdue_months,
    band: r.band,
    step: r.step,
  };
}

export class OversightService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  private async office(user: SessionUser, officeId: number | undefined) {
    const office =
      officeId === undefined
        ? await findOfficeAtPath(this.db, user.scope)
        : await findOfficeInScope(this.db, user.scope, officeId);
    if (!office) throw notFound('office');
    return office;
  }

  /**
   * Late amount and late ratio over time for an office's subtree, from the snapshots of each close; the ratio divides by
   * the year's receivable (or plan, per the rule set), so a series crossing a new year changes denominator with it.
   */
  async trend(user: SessionUser, params: { officeId?: number | undefined; from: Day; to: Day }) {
    const office = await this.office(user, params.officeId);
    const points = await snapshotTrend(this.db, office.path, params.from, params.to);
    const denominators = new Map<number, number | null>();
    for (const year of new Set(points.map((r) => Number(r.as_of.slice(0, 4))))) {
      denominators.set(year, await this.denominator(office, year));
    }
    return {
      office: { id: office.id, code: office.code, name: office.name },
      // Every point is a day's close; the basis names the latest.
      basis: points.length === 0 ? null : closeFigures(points.at(-1)!.as_of),
      points: points.map((r) => ({
        asOf: r.as_of,
        employers: r.employers,
        lateEmployers: r.late_employers,
        lateAmount: r.late_amount,
        lateRatio: shareOf(Number(r.late_amount), denominators.get(Number(r.as_of.slice(0, 4))) ?? null),
      })),
    };
  }

  /** The denominator by the rule set in force at the year's end. */
  private async denominator(office: { id: number; path: string }, year: number): Promise<number | null> {
    return lateRatioDenominator(this.db, await ruleSetAt(this.db, `${year}-12-31`), office, year);
  }

  /** The latest close of an office's subtree by band, by ownership type and by the offices just below it. */
  async breakdown(user: SessionUser, officeId: number | undefined) {
    const office = await this.office(user, officeId);
    const asOf = await latestSnapshotDay(this.db);
    if (!asOf)
      return {
        office: { id: office.id, code: office.code, name: office.name },
        asOf: null,
        basis: null,
        byBand: [],
        byOwnership: [],
        byOffice: [],
      };
    const group = async (column: 'band' | 'ownership') =>
      (await snapshotTotalsBy(this.db, office.path, asOf, column)).map((x) => ({
        key: x.key,
        lateEmployers: x.late_employers,
        lateAmount: x.late_amount,
      }));
    const byOffice = await snapshotTotalsOfChildren(this.db, office.id, asOf);
    // The employers the office manages itself (a province's own): a row of their own, or the rows would not add up.
    const ownRow = await snapshotTotalsOwn(this.db, office.id, asOf);
    const rows = [
      ...byOffice.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        direct: false,
        lateEmployers: r.late_employers,
        lateAmount: Number(r.late_amount),
      })),
      ...(ownRow.rows > 0 && byOffice.length > 0
        ? [
            {
              id: office.id,
              code: office.code,
              name: directlyManagedName(office.name),
              direct: true,
              lateEmployers: ownRow.late_employers,
              lateAmount: Number(ownRow.late_amount),
            },
          ]
        : []),
    ].sort((a, b) => b.lateAmount - a.lateAmount || a.code.localeCompare(b.code));
    return {
      office: { id: office.id, code: office.code, name: office.name },
      asOf,
      basis: closeFigures(asOf),
      byBand: (await group('band')).filter((b) => b.key !== 'none'),
      byOwnership: await group('ownership'),
      byOffice: rows,
    };
  }

  /**
   * Vụ Thanh tra - Kiểm tra: per province, the employers late 3 months or more against the surprise inspections and
   * sanctions of the year; the coverage ratio is the share of those employers inspected this year.
   */
  async inspection(user: SessionUser, year: number) {
    // Late long enough for a surprise inspection: the rule set's months (3 under Law 41/2024's ladder).
    const months = (await ruleSetAt(this.db, vietnamDate(this.clock.now()))).escalation.inspectionMonths;
    const rows = await inspectionByProvince(this.db, user.scope, months, year);
    return rows.map((r) => ({
      province: { id: r.id, code: r.code, name: r.name },
      minMonths: months,
      lateThreeMonths: r.late3m,
      surpriseInspected: r.inspected,
      coverage: shareOf(r.inspected, r.late3m),
      sanctions: r.sanctions,
      fines: r.fines,
    }));
  }

  /**
   * Candidates for the next inspections: late the rule set's months or more, not surprise-inspected in the last 12
   * months, narrowed by the lists' filters, a page of them sorted by any column.
   */
  async inspectionCandidates(user: SessionUser, params: CandidatesRequest & { page: number; pageSize: number }) {
    const { months, list } = await this.candidates(user, params, {
      offset: (params.page - 1) * params.pageSize,
      limit: params.pageSize,
    });
    return {
      minMonths: months,
      items: list.rows.map(candidateItem),
      total: list.total,
      page: params.page,
      pageSize: params.pageSize,
      totalLateAmount: list.lateAmount,
    };
  }

  /** Every candidate the filters keep, in the list's order, for the export: refused past EXPORT_MAX_ROWS. */
  async inspectionCandidatesExport(user: SessionUser, params: CandidatesRequest) {
    const { today, list } = await this.candidates(user, params, { offset: 0, limit: EXPORT_MAX_ROWS });
    if (list.total > EXPORT_MAX_ROWS) throw new AppError('list_too_long', { rows: list.total, max: EXPORT_MAX_ROWS });
    return { asOf: today, items: list.rows.map(candidateItem) };
  }

  private async candidates(user: SessionUser, params: CandidatesRequest, page: { offset: number; limit: number }) {
    const filter = await listFilterOf(this.db, user, params);
    const today = vietnamDate(this.clock.now());
    const months = (await ruleSetAt(this.db, today)).escalation.inspectionMonths;
    const list = await listInspectionCandidates(
      this.db,
      filter,
      { months, since: yearBefore(today) },
      { ...page, sort: params.sort, order: params.order },
    );
    return { today, months, list };
  }

  /**
   * Điểm thi đua of each province for a year (domain/emulation): debt reduction from the first to the last close of the
   * year, the late ratio against the year's campaign target, report timeliness in the year's campaigns, surprise
   * inspection coverage, and the payments of inspected employers after their inspection.
   */
  async emulation(user: SessionUser, year: number) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [first, last] = await Promise.all([
      snapshotDayBetween(this.db, from, to, 'first'),
      snapshotDayBetween(this.db, from, to, 'last'),
    ]);
    const lateAt = async (day: Day | null | undefined) => {
      if (!day) return new Map<number, number>();
      const rows = await lateAmountByProvince(this.db, day);
      return new Map(rows.map((r) => [r.province_id, r.late_amount]));
    };
    const [start, end, inspection, campaigns] = await Promise.all([
      lateAt(first?.d),
      lateAt(last?.d),
      this.inspection(user, year),
      listCampaignsBetween(this.db, from, to),
    ]);
    const now = this.clock.now();
    const reports =
      campaigns.length === 0
        ? []
        : await listFirstSubmissions(
            this.db,
            campaigns.map((c) => c.id),
          );
    const submitted = new Map(reports.map((r) => [`${r.campaign_id}/${r.office_id}/${r.report_day}`, r.submitted_at]));
    const recovery = await this.recoveryAfterInspection(year);
    const target = campaigns.at(-1)?.target_late_ratio ?? null;
    const rules = await ruleSetAt(this.db, to);
    const denominators = await lateRatioDenominators(this.db, rules, await listProvincePaths(this.db), year);
    return inspection
      .map((p) => {
        const statuses = campaigns.flatMap((c) => {
          const schedule = {
            firstDay: c.first_day,
            lastDay: c.last_day,
            firstDayDeadline: c.first_day_deadline as DeadlineRule,
            dailyDeadline: c.daily_deadline as DeadlineRule,
          };
          return reportingDays(schedule).map((day) =>
            timeliness(reportDeadline(schedule, day), submitted.get(`${c.id}/${p.province.id}/${day}`) ?? null, now),
          );
        });
        const denominator = denominators.get(p.province.id) ?? null;
        const lateEnd = end.get(p.province.id) ?? 0;
        const r = recovery.get(p.province.id) ?? { owed: 0, recovered: 0 };
        const score = emulationScore(
          {
            lateAmountStart: start.get(p.province.id) ?? 0,
            lateAmountEnd: lateEnd,
            lateRatioEnd: shareOf(Number(lateEnd), denominator),
            targetLateRatio: target,
            timelinessRate: campaigns.length === 0 ? null : timelinessRate(statuses).rate,
            employersLate3m: p.lateThreeMonths,
            surpriseInspected: p.surpriseInspected,
            owedWhenInspected: r.owed,
            recoveredAfterInspection: r.recovered,
          },
          rules.emulation,
        );
        return { province: p.province, from: first?.d ?? null, to: last?.d ?? null, ...score };
      })
      .sort((a, b) => b.total - a.total || a.province.code.localeCompare(b.province.code));
  }

  /**
   * For each province: what the employers surprise-inspected in the year owed at their first inspection that year (the
   * engine at that day), and what they paid after it, counted up to that amount.
   */
  private async recoveryAfterInspection(year: number) {
    const inspected = await listFirstInspections(this.db, year);
    const byProvince = new Map<number, { owed: number; recovered: number }>();
    // Inspections fall on few distinct days: the rule set of each is read once.
    const rulesOn = new Map<Day, Promise<RuleSet>>();
    const rulesAt = (day: Day) => rulesOn.get(day) ?? rulesOn.set(day, ruleSetAt(this.db, day)).get(day)!;
    for (let i = 0; i < inspected.length; i += 2000) {
      const batch = inspected.slice(i, i + 2000);
      const ledgers = await loadLedgers(
        this.db,
        batch.map((x) => x.employer_id),
      );
      for (const [k, x] of batch.entries()) {
        if (k > 0 && k % TURN === 0) await nextTurn();
        const day = x.inspected_on as Day;
        const ledger = ledgers.get(x.employer_id)!;
        const owed = computeArrears(ledger, await rulesAt(day), day).lateAmount;
        const paid = ledger.payments.filter((p) => p.date > day).reduce((sum, p) => sum + p.amount, 0);
        const total = byProvince.get(x.province_id) ?? { owed: 0, recovered: 0 };
        total.owed += owed;
        total.recovered += Math.min(owed, paid);
        byProvince.set(x.province_id, total);
      }
    }
    return byProvince;
  }
}

/** Loại hình đơn vị as reports to the People's Committee name them. */
const SECTOR_NAMES: Record<string, string> = {
  state: 'Doanh nghiệp nhà nước',
  fdi: 'Doanh nghiệp có vốn đầu tư nước ngoài',
  private: 'Doanh nghiệp ngoài quốc doanh',
  public: 'Hành chính sự nghiệp, Đảng, đoàn thể',
  cooperative: 'Hợp tác xã',
  household: 'Hộ kinh doanh, tổ hợp tác',
  other: 'Tổ chức khác',
};

/** Ký hiệu of the report: a báo cáo (BC) of the provincial office. */
const REPORT_SYMBOL = 'BC-BHXH';

/**
 * Báo cáo UBND tỉnh: the province's payment situation at the latest close, by area (its offices) and sector, with the
 * twenty largest late employers. Each one issued takes the next number of the province office's register, as its
 * letters do, with an audit row naming it; the number and the audit row are written only with the document made.
 */
export async function provinceSituationReport(
  db: Kysely<Database>,
  user: SessionUser,
  provinceId: number,
  at: Date,
): Promise<{ docx: Buffer; number: string }> {
  const today = vietnamDate(at);
  const province = await findOfficeInScope(db, user.scope, provinceId);
  if (province?.kind !== 'province') throw notFound('province');
  const rules = await ruleSetAt(db, today);
  const months = rules.escalation.inspectionMonths;
  const [totals, byArea, bySector, largest, signer, asOf] = await Promise.all([
    positionTotals(db, province.path, months),
    positionTotalsByOffice(db, province.path),
    positionTotalsByOwnership(db, province.path),
    listLargestLate(db, province.path, 20),
    officeSignature(db, province.id),
    latestPositionDay(db),
  ]);
  const parent = await findOfficeName(db, province.parent_id!);
  const denominator = await lateRatioDenominator(db, rules, province, Number(today.slice(0, 4)));
  const place = placeOf(province.name);
  const year = Number(today.slice(0, 4));
  return db.transaction().execute(async (trx) => {
    const number = `${await takeDocumentNumber(trx, province.id, year)}/${REPORT_SYMBOL}`;
    await recordAudit(trx, {
      at,
      userId: user.id,
      action: 'document.people_committee_report',
      entity: 'document_counter',
      entityId: `${province.id}/${year}`,
      officeId: province.id,
      after: { number },
    });
    const docx = await renderProvinceSituation({
      issuer: { parentName: parent.name, officeName: province.name },
      number,
      place,
      date: today,
      addressee: `Ủy ban nhân dân ${province.name.replace(/^Bảo hiểm xã hội\s+/i, '')}`,
      asOf: asOf?.d ?? today,
      totals: {
        employers: Number(totals.employers),
        lateEmployers: Number(totals.late_employers),
        lateAmount: Number(totals.late_amount),
        lateRatio: shareOf(Number(totals.late_amount), denominator),
        longMonths: months,
        lateThreeMonthsEmployers: Number(totals.late3m_employers),
        lateThreeMonthsAmount: Number(totals.late3m_amount),
      },
      byArea: byArea.map((a) => ({
        name: a.id === province.id ? directlyManagedName(a.name) : a.name,
        employers: Number(a.employers),
        lateEmployers: Number(a.late_employers),
        lateAmount: Number(a.late_amount),
      })),
      bySector: bySector.map((s) => ({
        name: SECTOR_NAMES[s.ownership] ?? s.ownership,
        lateEmployers: Number(s.late_employers),
        lateAmount: Number(s.late_amount),
      })),
      largest: largest.map((l) => ({
        name: l.name,
        taxCode: l.tax_code,
        overdueMonths: l.overdue_months,
        lateAmount: l.late_amount,
      })),
      proposals: [
        'Chỉ đạo các sở, ngành, Ủy ban nhân dân cấp xã phối hợp đôn đốc, xử lý các đơn vị chậm đóng, trốn đóng kéo dài;',
        'Không xét khen thưởng, tôn vinh các đơn vị đang chậm đóng, trốn đóng BHXH, BHYT, BHTN;',
        'Chỉ đạo cơ quan Công an tiếp nhận, xử lý kịp thời hồ sơ đề nghị khởi tố theo Điều 216 Bộ luật Hình sự.',
      ],
      signer,
      recipients: ['Như trên', 'BHXH Việt Nam (để b/c)'],
    });
    return { docx, number };
  });
}
