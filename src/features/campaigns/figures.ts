import type { Db } from '../../db/schema.js';
import { ruleSetBasis, type ReportRuleSets } from '../../domain/basis.js';
import { recoveredFromLate } from '../../domain/campaigns.js';
import type { Day } from '../../domain/ledger.js';
import { bandOf } from '../../domain/rules.js';
import { reportFigures, type FigureRow, type LatePosition, type ReportTemplate } from '../../domain/report-figures.js';
import { provinceArrearsAt, type LateAt } from '../../ledger/arrears-at.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import { lateRatioDenominator } from '../../ledger/late-ratio.js';
import { campaignActions, campaignPayments, findProvince, latestDataIds } from './queries.js';

/** What a campaign report states: its rows, the late-ratio denominators, and which data they came from. */
export interface ReportFigures {
  rows: FigureRow[];
  denominators: { baseline: number | null; day: number | null };
  /**
   * The rule sets the baseline and day columns were computed under (each side's own, in force at its date). Stored
   * with the frozen figures, so a version keeps the rules it was computed under when the rule set changes; versions
   * frozen before it was stored have none.
   */
  ruleSets?: ReportRuleSets;
  dataVersion: { importBatch: number; action: number; payment: number; computedAt: string };
}

export interface CampaignFrame {
  firstDay: Day;
  baselineDate: Day;
  template: ReportTemplate;
}

/**
 * Late-ratio denominators already computed, by rule set, office and year: a caller making many reports over data that
 * does not change meanwhile (the demo's campaign) sums each office's receivable once instead of once per report.
 */
export type DenominatorCache = Map<string, Promise<number | null>>;

/**
 * Where a report's arrears of the province's employers come from: by default the ledger through the engine
 * (provinceArrearsAt); a caller making many reports over data that does not change meanwhile (the demo's campaign)
 * computes every day of a province in one reading of its ledgers and answers from that.
 */
export type ProvinceArrears = typeof provinceArrearsAt;

/** What a caller making many reports has already computed (see DenominatorCache and ProvinceArrears). */
export interface KnownFigures {
  denominators?: DenominatorCache | undefined;
  arrears?: ProvinceArrears | undefined;
}

/**
 * The arrears of every employer of the province at the end of `day` and at the baseline, from the ledger through the
 * engine (the stored positions are only the latest close, and a report may be for any day); the books of an employer
 * are read and computed again only once they changed (ledger/arrears-at).
 */
export async function latePositions(
  db: Db,
  provinceId: number,
  days: { baseline: Day; day: Day },
  { denominators, arrears = provinceArrearsAt }: KnownFigures = {},
) {
  const [baselineRules, dayRules] = await Promise.all([ruleSetAt(db, days.baseline), ruleSetAt(db, days.day)]);
  const empty = (): LatePosition => ({ employers: 0, amount: 0, employers3m: 0, amount3m: 0, denominator: null });
  const atBaseline = empty();
  const atDay = empty();
  const baselineLate = new Map<number, number>();
  const lateAtDay: { employerId: number; lateAmount: number; overdueMonths: number }[] = [];
  // "Late N months or more": the months of the rule set in force at each side.
  const add = (into: LatePosition, lateAmount: number, overdueMonths: number, longMonths: number) => {
    if (lateAmount <= 0) return;
    into.employers++;
    into.amount += lateAmount;
    if (overdueMonths >= longMonths) {
      into.employers3m++;
      into.amount3m += lateAmount;
    }
  };
  const { employers } = await arrears(db, provinceId, [
    { day: days.baseline, rules: baselineRules },
    { day: days.day, rules: dayRules },
  ]);
  for (const { employerId: id, at } of employers) {
    const [then, now] = at as [LateAt, LateAt];
    add(atBaseline, then.lateAmount, then.overdueMonths, baselineRules.escalation.inspectionMonths);
    add(atDay, now.lateAmount, now.overdueMonths, dayRules.escalation.inspectionMonths);
    if (then.lateAmount > 0) baselineLate.set(id, then.lateAmount);
    if (now.lateAmount > 0)
      lateAtDay.push({ employerId: id, lateAmount: now.lateAmount, overdueMonths: now.overdueMonths });
  }
  const province = await findProvince(db, provinceId);
  // The baseline and the day mostly fall in one year under one rule set: one sum of the receivable serves both.
  const known: DenominatorCache = denominators ?? new Map();
  const denominator = (rules: typeof dayRules, year: number) => {
    const key = `${rules.id}:${province.id}:${year}`;
    const computing = known.get(key) ?? lateRatioDenominator(db, rules, province, year);
    known.set(key, computing);
    return computing;
  };
  atBaseline.denominator = await denominator(baselineRules, Number(days.baseline.slice(0, 4)));
  atDay.denominator = await denominator(dayRules, Number(days.day.slice(0, 4)));
  return {
    atBaseline,
    atDay,
    baselineLate,
    lateAtDay,
    longMonths: dayRules.escalation.inspectionMonths,
    /** The band of months overdue at the day, by the rules in force then. */
    bandAtDay: (overdueMonths: number) => bandOf(dayRules, overdueMonths),
    ruleSets: { baseline: ruleSetBasis(baselineRules), day: ruleSetBasis(dayRules) },
  };
}

/** Pre-fills a province's report for a day from the ledger, the engine and the action log. */
export async function computeReportFigures(
  db: Db,
  campaign: CampaignFrame,
  provinceId: number,
  day: Day,
  notes: { difficulties: string; proposals: string },
  now: Date,
  known: KnownFigures = {},
): Promise<ReportFigures> {
  const v = await latestDataIds(db);
  const positions = await latePositions(db, provinceId, { baseline: campaign.baselineDate, day }, known);
  const actions = await campaignActions(db, provinceId, campaign.firstDay, day);
  const payments = await campaignPayments(db, [...positions.baselineLate.keys()], campaign.firstDay, day);
  const rows = reportFigures(campaign.template, {
    day,
    longMonths: positions.longMonths,
    firstDay: campaign.firstDay,
    atDay: positions.atDay,
    atBaseline: positions.atBaseline,
    actions: actions.map((a) => ({ employerId: a.employer_id, kind: a.kind, date: a.action_date })),
    recovered: recoveredFromLate(
      positions.baselineLate,
      payments.map((p) => ({ employerId: p.employer_id, date: p.paid_on, amount: p.amount })),
      campaign.firstDay,
      day,
    ),
    notes,
  });
  return {
    rows,
    denominators: { baseline: positions.atBaseline.denominator, day: positions.atDay.denominator },
    ruleSets: positions.ruleSets,
    dataVersion: {
      importBatch: v.import_batch ?? 0,
      action: v.action ?? 0,
      payment: v.payment ?? 0,
      computedAt: now.toISOString(),
    },
  };
}
