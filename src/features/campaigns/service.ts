import type { Kysely } from 'kysely';
import { distinctRuleSets, liveFigures } from '../../domain/basis.js';
import type { Clock } from '../../clock.js';
import type { Database, Db } from '../../db/schema.js';
import { vietnamDate } from '../../domain/calendar.js';
import {
  reportDeadline,
  reportingDays,
  scheduleProblem,
  timeliness,
  timelinessRate,
  type CampaignSchedule,
  type DeadlineRule,
} from '../../domain/campaigns.js';
import { formatDay } from '../../domain/format.js';
import type { Day } from '../../domain/ledger.js';
import {
  DEFAULT_TEMPLATE,
  countsAction,
  indicatorKind,
  rowHead,
  type FigureRow,
  type FigureValue,
  type Indicator,
  type ReportTemplate,
} from '../../domain/report-figures.js';
import { compareShares, shareFromPercent, shareOf, type Share } from '../../domain/share.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import type { SessionUser } from '../auth/service.js';
import { computeReportFigures, latePositions, type ReportFigures } from './figures.js';
import {
  campaignActions,
  campaignPayments,
  findCampaign,
  hasReport,
  insertCampaign,
  insertCampaignProvinces,
  insertNoticesOnce,
  insertReport,
  insertTemplateIfAbsent,
  listActiveDirectors,
  listCampaignProvinces,
  listCampaignsInScope,
  listCampaignsRunning,
  listEmployerNames,
  listProvincesInScope,
  listReportsUpTo,
  listReportVersions,
  lockCampaign,
} from './queries.js';

export interface CampaignInput {
  name: string;
  legalBasis: string;
  firstDay: Day;
  lastDay: Day;
  firstDayDeadline: DeadlineRule;
  dailyDeadline: DeadlineRule;
  baselineDate: Day;
  targetLateRatio?: number | null | undefined;
  /** Participating provinces; all provinces when left out. */
  provinceIds?: number[] | undefined;
}

export interface ReportNotes {
  difficulties: string;
  proposals: string;
  directorNote: string;
}

/** Stores the default template (version 1) if the database has none yet. */
export async function ensureDefaultTemplate(db: Kysely<Database>): Promise<void> {
  await insertTemplateIfAbsent(db, DEFAULT_TEMPLATE);
}

type CampaignRow = Awaited<ReturnType<typeof loadCampaign>>;

async function loadCampaign(db: Db, id: number) {
  const row = await findCampaign(db, id);
  if (!row) return undefined;
  const provinces = await listCampaignProvinces(db, id);
  return { ...row, provinces };
}

const scheduleOf = (c: NonNullable<CampaignRow>): CampaignSchedule => ({
  firstDay: c.first_day,
  lastDay: c.last_day,
  firstDayDeadline: c.first_day_deadline,
  dailyDeadline: c.daily_deadline,
});

interface StoredReport {
  version: number;
  figures: ReportFigures;
  notes: ReportNotes;
  amendmentReason: string | null;
  submittedBy: { id: number; fullName: string };
  submittedAt: string;
}

export class CampaignService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(user: SessionUser, input: CampaignInput): Promise<number> {
    const schedule = {
      firstDay: input.firstDay,
      lastDay: input.lastDay,
      firstDayDeadline: input.firstDayDeadline,
      dailyDeadline: input.dailyDeadline,
    };
    const problem = scheduleProblem(schedule);
    if (problem) throw new AppError('invalid_campaign', { reason: problem });
    if (input.baselineDate > input.firstDay)
      throw new AppError('invalid_campaign', { reason: 'baseline_after_first_day' });
    await ensureDefaultTemplate(this.db);
    return this.db.transaction().execute(async (trx) => {
      if (input.provinceIds?.length === 0) throw new AppError('invalid_campaign', { reason: 'no_province' });
      const rows = await listProvincesInScope(trx, user.scope, input.provinceIds);
      if (input.provinceIds && rows.length !== new Set(input.provinceIds).size) throw notFound('province');
      const at = this.clock.now();
      const id = await insertCampaign(trx, {
        name: input.name,
        legal_basis: input.legalBasis,
        first_day: input.firstDay,
        last_day: input.lastDay,
        first_day_deadline: JSON.stringify(input.firstDayDeadline),
        daily_deadline: JSON.stringify(input.dailyDeadline),
        baseline_date: input.baselineDate,
        target_late_ratio: input.targetLateRatio ?? null,
        template_id: DEFAULT_TEMPLATE.id,
        template_version: DEFAULT_TEMPLATE.version,
        created_by: user.id,
        created_at: at,
      });
      await insertCampaignProvinces(
        trx,
        id,
        rows.map((p) => p.id),
      );
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'campaign.create',
        entity: 'campaign',
        entityId: id,
        officeId: user.office.id,
        after: { ...input, provinceIds: rows.map((p) => p.id) },
      });
      return id;
    });
  }

  /** Campaigns the user takes part in or oversees: a province sees those it reports to. */
  async list(user: SessionUser) {
    const rows = await listCampaignsInScope(this.db, user.scope);
    return rows.map((c) => ({
      id: c.id,
      name: c.name,
      legalBasis: c.legal_basis,
      firstDay: c.first_day,
      lastDay: c.last_day,
      baselineDate: c.baseline_date,
      targetLateRatio: c.target_late_ratio,
    }));
  }

  /** The campaign with the provinces of the user's scope; 404 when none of them takes part. */
  private async campaignInScope(user: SessionUser, id: number) {
    const campaign = await loadCampaign(this.db, id);
    const provinces = campaign?.provinces.filter((p) => p.path.startsWith(user.scope)) ?? [];
    if (!campaign || provinces.length === 0) throw notFound('campaign');
    return { campaign, provinces };
  }

  async get(user: SessionUser, id: number) {
    const { campaign: c, provinces } = await this.campaignInScope(user, id);
    const schedule = scheduleOf(c);
    return {
      id: c.id,
      name: c.name,
      legalBasis: c.legal_basis,
      firstDay: c.first_day,
      lastDay: c.last_day,
      firstDayDeadline: c.first_day_deadline,
      dailyDeadline: c.daily_deadline,
      baselineDate: c.baseline_date,
      targetLateRatio: c.target_late_ratio,
      template: c.template,
      provinces: provinces.map((p) => ({ id: p.id, code: p.code, name: p.name })),
      days: reportingDays(schedule).map((day) => ({ day, deadline: reportDeadline(schedule, day).toISOString() })),
    };
  }

  private async provinceReport(user: SessionUser, id: number, provinceId: number, day: Day) {
    const { campaign, provinces } = await this.campaignInScope(user, id);
    const province = provinces.find((p) => p.id === provinceId);
    if (!province) throw notFound('campaignProvince');
    if (day < campaign.first_day || day > campaign.last_day) throw new AppError('not_a_reporting_day', { day });
    return { campaign, province };
  }

  private async versions(db: Db, campaignId: number, provinceId: number, day: Day): Promise<StoredReport[]> {
    const rows = await listReportVersions(db, campaignId, provinceId, day);
    return rows.map((r) => ({
      version: r.version,
      figures: r.figures as ReportFigures,
      notes: r.notes,
      amendmentReason: r.amendment_reason,
      submittedBy: { id: r.user_id, fullName: r.full_name },
      submittedAt: r.submitted_at.toISOString(),
    }));
  }

  /**
   * A province's report for a day: every frozen version, its timeliness, and a draft pre-filled from the data as it
   * is now (what a submission or amendment would freeze).
   */
  async report(user: SessionUser, id: number, provinceId: number, day: Day) {
    const { campaign, province } = await this.provinceReport(user, id, provinceId, day);
    const now = this.clock.now();
    const versions = await this.versions(this.db, id, provinceId, day);
    const latest = versions.at(-1);
    const notes = latest?.notes ?? { difficulties: '', proposals: '', directorNote: '' };
    const deadline = reportDeadline(scheduleOf(campaign), day);
    const draft =
      day <= vietnamDate(now)
        ? await computeReportFigures(this.db, this.frame(campaign), provinceId, day, notes, now)
        : null;
    return {
      campaign: { id: campaign.id, name: campaign.name, legalBasis: campaign.legal_basis },
      province: { id: province.id, code: province.code, name: province.name },
      day,
      deadline: deadline.toISOString(),
      status: timeliness(deadline, versions[0] ? new Date(versions[0].submittedAt) : null, now),
      versions,
      draft,
      // The draft is computed now from the ledger at the report's day: live figures, which later imports change.
      draftBasis: draft === null ? null : liveFigures(day),
      footnotes: campaign.template.footnotes,
    };
  }

  private frame(campaign: NonNullable<CampaignRow>) {
    return { firstDay: campaign.first_day, baselineDate: campaign.baseline_date, template: campaign.template };
  }

  /**
   * Submits (version 1) or amends (a new version, with a reason) a province's report: the figures are computed from
   * the data at this moment and frozen with the data version they came from.
   */
  async submit(
    user: SessionUser,
    id: number,
    provinceId: number,
    day: Day,
    notes: ReportNotes,
    amendmentReason: string | null,
  ) {
    const { campaign } = await this.provinceReport(user, id, provinceId, day);
    const now = this.clock.now();
    if (day > vietnamDate(now)) throw new AppError('day_not_over');
    return this.db.transaction().execute(async (trx) => {
      // One submission at a time per report: the row lock on the campaign orders concurrent submissions.
      await lockCampaign(trx, id);
      const versions = await this.versions(trx, id, provinceId, day);
      if (amendmentReason === null && versions.length > 0) {
        throw new AppError('already_submitted');
      }
      if (amendmentReason !== null && versions.length === 0) {
        throw new AppError('not_submitted');
      }
      const figures = await computeReportFigures(trx, this.frame(campaign), provinceId, day, notes, now);
      const version = versions.length + 1;
      await insertReport(trx, {
        campaign_id: id,
        office_id: provinceId,
        report_day: day,
        version,
        figures: JSON.stringify(figures),
        notes: JSON.stringify(notes),
        data_version: JSON.stringify(figures.dataVersion),
        amendment_reason: amendmentReason,
        submitted_by: user.id,
        submitted_at: now,
      });
      const deadline = reportDeadline(scheduleOf(campaign), day);
      await recordAudit(trx, {
        at: now,
        userId: user.id,
        action: version === 1 ? 'report.submit' : 'report.amend',
        entity: 'campaign_report',
        entityId: `${id}/${provinceId}/${day}/${version}`,
        officeId: provinceId,
        after: {
          version,
          amendmentReason,
          dataVersion: figures.dataVersion,
          onTime: version === 1 ? now <= deadline : undefined,
        },
      });
      return { version, status: timeliness(deadline, versions[0] ? new Date(versions[0].submittedAt) : now, now) };
    });
  }

  /**
   * Bảng tổng hợp toàn quốc for a day: each province's status and submission time, the national table summed from the
   * latest frozen version of each submitted report, rankings, and each province's timeliness over the campaign so far.
   */
  async board(user: SessionUser, id: number, day: Day) {
    const { campaign, provinces } = await this.campaignInScope(user, id);
    if (day < campaign.first_day || day > campaign.last_day) throw new AppError('not_a_reporting_day', { day });
    const now = this.clock.now();
    const schedule = scheduleOf(campaign);
    const reports = await listReportsUpTo(
      this.db,
      id,
      provinces.map((p) => p.id),
      day,
    );
    const first = new Map<string, Date>();
    const latest = new Map<string, ReportFigures>();
    for (const r of reports) {
      const key = `${r.office_id}/${r.report_day}`;
      if (r.version === 1) first.set(key, r.submitted_at);
      latest.set(key, r.figures as ReportFigures);
    }
    const deadline = reportDeadline(schedule, day);
    const pastDays = reportingDays(schedule).filter((d) => d <= day);
    const rows = provinces.map((p) => {
      const key = `${p.id}/${day}`;
      const figures = latest.get(key) ?? null;
      const value = (indicator: Indicator, column: 'baseline' | 'day' | 'cumulative') =>
        figures?.rows.find((r) => r.indicator === indicator)?.[column] ?? null;
      const lateAmount = amountOf(value('late_amount', 'day'));
      const baselineAmount = amountOf(value('late_amount', 'baseline'));
      return {
        province: { id: p.id, code: p.code, name: p.name },
        status: timeliness(deadline, first.get(key) ?? null, now),
        submittedAt: first.get(key)?.toISOString() ?? null,
        figures,
        lateRatio: shareIn(value('late_ratio', 'day')),
        baselineLateRatio: shareIn(value('late_ratio', 'baseline')),
        // Negative is a decrease: a province whose debt grew shows, and ranks, as an increase.
        change:
          lateAmount !== null && baselineAmount !== null ? shareOf(lateAmount - baselineAmount, baselineAmount) : null,
        recovered: amountOf(value('recovered_amount', 'cumulative')),
        timeliness: timelinessRate(
          pastDays.map((d) => timeliness(reportDeadline(schedule, d), first.get(`${p.id}/${d}`) ?? null, now)),
        ),
      };
    });
    return {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        legalBasis: campaign.legal_basis,
        targetLateRatio: campaign.target_late_ratio,
      },
      day,
      deadline: deadline.toISOString(),
      provinces: rows,
      national: consolidate(
        campaign.template,
        rows.map((r) => r.figures).filter((f): f is ReportFigures => f !== null),
        (await ruleSetAt(this.db, day)).escalation.inspectionMonths,
      ),
      // Số tiền thu được từng ngày: the day column of each day's latest reports, summed over the provinces that sent one.
      recoveryByDay: pastDays.map((d) => {
        const sent = provinces
          .map((p) => latest.get(`${p.id}/${d}`))
          .filter((f): f is ReportFigures => f !== undefined);
        const amount = sent.reduce(
          (sum, f) => sum + (amountOf(f.rows.find((r) => r.indicator === 'recovered_amount')?.day ?? null) ?? 0),
          0,
        );
        return { day: d, amount, reports: sent.length };
      }),
      rankings: {
        byLateRatio: rank(rows, (r) => r.lateRatio, compareShares),
        byChange: rank(rows, (r) => r.change, compareShares),
        byRecovered: rank(
          rows,
          (r) => r.recovered,
          (a, b) => b - a,
        ),
      },
      // The rules under which the consolidated reports were computed: more than one when rules changed mid-campaign.
      ruleSets: distinctRuleSets(rows.map((r) => r.figures?.ruleSets)),
      footnotes: campaign.template.footnotes,
    };
  }

  /** Chi tiết một chỉ tiêu: the employers, actions or payments behind one figure of a province's report. */
  async breakdown(user: SessionUser, id: number, provinceId: number, day: Day, indicator: Indicator) {
    const { campaign } = await this.provinceReport(user, id, provinceId, day);
    const kind = indicatorKind(indicator);
    if (kind === 'text' || indicator === 'late_ratio') throw new AppError('no_breakdown');
    if (kind === 'stock') {
      const positions = await latePositions(this.db, provinceId, { baseline: campaign.baseline_date, day });
      const lateRows = positions.lateAtDay.filter(
        (r) => !indicator.endsWith('_3m') || r.overdueMonths >= positions.longMonths,
      );
      const names = await this.employerNames(lateRows.map((r) => r.employerId));
      return {
        employers: lateRows
          .map((r) => ({
            ...names.get(r.employerId)!,
            lateAmount: r.lateAmount,
            overdueMonths: r.overdueMonths,
            // The band of the months shown beside it, at the day, rather than today's.
            band: positions.bandAtDay(r.overdueMonths),
          }))
          .sort((a, b) => b.lateAmount - a.lateAmount),
        actions: [],
        payments: [],
      };
    }
    if (indicator === 'recovered_amount') {
      const positions = await latePositions(this.db, provinceId, {
        baseline: campaign.baseline_date,
        day: campaign.baseline_date,
      });
      const payments = await campaignPayments(this.db, [...positions.baselineLate.keys()], campaign.first_day, day);
      const names = await this.employerNames(payments.map((p) => p.employer_id));
      return {
        employers: [],
        actions: [],
        payments: payments.map((p) => ({
          ...names.get(p.employer_id)!,
          date: p.paid_on,
          amount: p.amount,
          reference: p.reference,
        })),
      };
    }
    const counted = (await campaignActions(this.db, provinceId, campaign.first_day, day)).filter((a) =>
      countsAction(indicator, a.kind),
    );
    const names = await this.employerNames([...new Set(counted.map((a) => a.employer_id))]);
    return {
      employers: [],
      actions: counted.map((a) => ({
        ...names.get(a.employer_id)!,
        id: a.id,
        kind: a.kind,
        date: a.action_date,
        documentNumber: a.document_number,
      })),
      payments: [],
    };
  }

  /** The employers' code and name, with their band and step now (what the lists filter by). */
  private async employerNames(ids: number[]) {
    type Named = Omit<Awaited<ReturnType<typeof listEmployerNames>>[number], 'id'> & { employerId: number };
    const names = new Map<number, Named>();
    for (let i = 0; i < ids.length; i += 10_000) {
      for (const { id, ...r } of await listEmployerNames(this.db, ids.slice(i, i + 10_000))) {
        names.set(id, { employerId: id, ...r });
      }
    }
    return names;
  }

  /** Reminders an hour before a deadline to the directors of provinces that have not submitted; once per report. */
  async sendReminders(): Promise<number> {
    const now = this.clock.now();
    const today = vietnamDate(now);
    const campaigns = await listCampaignsRunning(
      this.db,
      today,
      vietnamDate(new Date(now.getTime() - 8 * 24 * 3600_000)),
    );
    let sent = 0;
    for (const { id } of campaigns) {
      const campaign = (await loadCampaign(this.db, id))!;
      const schedule = scheduleOf(campaign);
      for (const day of reportingDays(schedule)) {
        const deadline = reportDeadline(schedule, day);
        const left = deadline.getTime() - now.getTime();
        if (left <= 0 || left > 3600_000) continue;
        for (const province of campaign.provinces) {
          if (await hasReport(this.db, id, province.id, day)) continue;
          const directors = await listActiveDirectors(this.db, province.id);
          if (directors.length === 0) continue;
          const time = new Date(deadline.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
          sent += await insertNoticesOnce(
            this.db,
            directors.map((d) => ({
              user_id: d.id,
              key: `campaign-reminder:${id}:${province.id}:${day}`,
              title: `Sắp hết hạn báo cáo ngày ${formatDay(day)}`,
              body: `${campaign.name}: ${province.name} chưa gửi báo cáo; hạn ${time} ngày ${formatDay(vietnamDate(deadline))}.`,
              link: `/campaigns/${id}/reports/${province.id}/${day}`,
              created_at: now,
            })),
          );
        }
      }
    }
    return sent;
  }
}

/** The national table: numeric rows summed over the provinces' reports; the late ratio recomputed from the sums. */
export function consolidate(template: ReportTemplate, reports: ReportFigures[], longMonths: number): FigureRow[] {
  const denominator = (side: 'baseline' | 'day') => {
    const values = reports.map((r) => r.denominators[side]);
    return values.length > 0 && values.every((v) => v !== null) ? values.reduce((s, v) => s! + v!, 0)! : null;
  };
  const sum = (indicator: Indicator, column: 'baseline' | 'day' | 'cumulative') => {
    const values = reports
      .map((r) => amountOf(r.rows.find((x) => x.indicator === indicator)?.[column] ?? null))
      .filter((v): v is number => v !== null);
    return values.length === 0 ? null : values.reduce((s, v) => s + v, 0);
  };
  return template.rows.map((row) => {
    const base = rowHead(row, longMonths);
    if (row.indicator === 'late_ratio') {
      const amount = (side: 'baseline' | 'day') => sum('late_amount', side);
      return {
        ...base,
        baseline: shareOf(amount('baseline') ?? 0, denominator('baseline')),
        day: shareOf(amount('day') ?? 0, denominator('day')),
        cumulative: null,
        text: null,
      };
    }
    if (indicatorKind(row.indicator) === 'text')
      return { ...base, baseline: null, day: null, cumulative: null, text: null };
    return {
      ...base,
      baseline: sum(row.indicator, 'baseline'),
      day: sum(row.indicator, 'day'),
      cumulative: sum(row.indicator, 'cumulative'),
      text: null,
    };
  });
}

/** A count or amount of a report; none for a share. */
function amountOf(value: FigureValue | null): number | null {
  return typeof value === 'number' ? value : null;
}

/** A percent row's share; a report frozen before shares holds its rounded percent, read as the fraction it printed. */
function shareIn(value: FigureValue | null): Share | null {
  return value === null ? null : typeof value === 'number' ? shareFromPercent(value) : value;
}

/** Ranks by a figure, first = best by `order`; provinces without it come last, unranked. */
function rank<T extends { province: { id: number; code: string; name: string } }, V>(
  rows: T[],
  figure: (row: T) => V | null,
  order: (a: V, b: V) => number,
) {
  const ranked = rows
    .filter((r) => figure(r) !== null)
    .sort((a, b) => order(figure(a)!, figure(b)!) || a.province.code.localeCompare(b.province.code));
  return ranked.map((r, i) => ({ rank: i + 1, province: r.province, value: figure(r)! }));
}
