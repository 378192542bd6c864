import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { withinScope, withinOffice } from '../../db/scope.js';
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
import { notFound } from '../../http/errors.js';
import type { SessionUser } from '../auth/service.js';
import { loadLedgers } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import { lateRatioDenominator } from '../arrears/queries.js';
import { renderProvinceSituation } from '../documents/docx.js';
import { officeSignature } from '../documents/service.js';
import { placeOf } from '../documents/service.js';
import { directlyManagedName } from '../../domain/organisation.js';
import { findOfficeInScope } from '../offices/queries.js';

/** Giám sát toàn quốc: the figures behind the dashboards, the inspection view and the year-end emulation. */
export class OversightService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  private async office(user: SessionUser, officeId: number | undefined) {
    const office =
      officeId === undefined
        ? await this.db
            .selectFrom('office')
            .select(['id', 'code', 'name', 'kind', 'path'])
            .where('path', '=', user.scope)
            .executeTakeFirst()
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
    const rows = await sql<{ as_of: Day; late_employers: number; late_amount: number; employers: number }>`
      SELECT s.as_of, sum(s.late_employers)::int AS late_employers, sum(s.late_amount)::bigint AS late_amount, sum(s.employers)::int AS employers
      FROM arrears_snapshot s JOIN office o ON o.id = s.office_id
      WHERE ${withinScope('o.path', office.path)} AND s.as_of BETWEEN ${params.from} AND ${params.to}
      GROUP BY s.as_of ORDER BY s.as_of`.execute(this.db);
    const denominators = new Map<number, number | null>();
    for (const year of new Set(rows.rows.map((r) => Number(r.as_of.slice(0, 4))))) {
      denominators.set(year, await this.denominator(office, year));
    }
    return {
      office: { id: office.id, code: office.code, name: office.name },
      // Every point is a day's close; the basis names the latest.
      basis: rows.rows.length === 0 ? null : closeFigures(rows.rows.at(-1)!.as_of),
      points: rows.rows.map((r) => ({
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
    const asOf =
      (
        await this.db
          .selectFrom('arrears_snapshot')
          .select((eb) => eb.fn.max('as_of').as('d'))
          .executeTakeFirst()
      )?.d ?? null;
    if (!asOf)
      return {
        office: { id: office.id, code: office.code, name: office.name },
        asOf: null,
        basis: null,
        byBand: [],
        byOwnership: [],
        byOffice: [],
      };
    const base = sql`FROM arrears_snapshot s JOIN office o ON o.id = s.office_id
      WHERE s.as_of = ${asOf} AND ${withinScope('o.path', office.path)}`;
    const group = (key: string) =>
      sql<{ key: string; late_employers: number; late_amount: number }>`
      SELECT ${sql.raw(key)} AS key, sum(s.late_employers)::int AS late_employers, sum(s.late_amount)::bigint AS late_amount
      ${base} GROUP BY 1 ORDER BY 3 DESC`
        .execute(this.db)
        .then((r) => r.rows.map((x) => ({ key: x.key, lateEmployers: x.late_employers, lateAmount: x.late_amount })));
    const byOffice = await sql<{ id: number; code: string; name: string; late_employers: number; late_amount: number }>`
      SELECT c.id, c.code, c.name, coalesce(sum(s.late_employers), 0)::int AS late_employers, coalesce(sum(s.late_amount), 0)::bigint AS late_amount
      FROM office c JOIN office o ON ${withinOffice('o.path', 'c.path')}
      JOIN arrears_snapshot s ON s.office_id = o.id AND s.as_of = ${asOf}
      WHERE c.parent_id = ${office.id} AND c.kind IN ('province', 'grassroots')
      GROUP BY c.id, c.code, c.name`.execute(this.db);
    // The employers the office manages itself (a province's own): a row of their own, or the rows would not add up.
    const own = await sql<{ rows: number; late_employers: number; late_amount: number }>`
      SELECT count(*)::int AS rows, coalesce(sum(late_employers), 0)::int AS late_employers, coalesce(sum(late_amount), 0)::bigint AS late_amount
      FROM arrears_snapshot WHERE as_of = ${asOf} AND office_id = ${office.id}`.execute(this.db);
    const ownRow = own.rows[0]!;
    const rows = [
      ...byOffice.rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        direct: false,
        lateEmployers: r.late_employers,
        lateAmount: Number(r.late_amount),
      })),
      ...(ownRow.rows > 0 && byOffice.rows.length > 0
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
      byBand: (await group('s.band')).filter((b) => b.key !== 'none'),
      byOwnership: await group('s.ownership'),
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
    const rows = await sql<{
      id: number;
      code: string;
      name: string;
      late3m: number;
      inspected: number;
      sanctions: number;
      fines: number;
    }>`
      SELECT p.id, p.code, p.name,
        count(DISTINCT e.id) FILTER (WHERE ap.overdue_months >= ${months} AND ap.late_amount > 0)::int AS late3m,
        count(DISTINCT e.id) FILTER (WHERE ap.overdue_months >= ${months} AND ap.late_amount > 0 AND EXISTS (
          SELECT 1 FROM enforcement_action a WHERE a.employer_id = e.id AND a.kind = 'surprise_inspection'
            AND a.cancelled_at IS NULL AND a.action_date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}))::int AS inspected,
        (SELECT count(*) FROM enforcement_action a JOIN employer x ON x.id = a.employer_id WHERE x.province_id = p.id
          AND a.kind = 'sanction' AND a.cancelled_at IS NULL AND a.action_date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`})::int AS sanctions,
        (SELECT coalesce(sum(a.fine), 0) FROM enforcement_action a JOIN employer x ON x.id = a.employer_id WHERE x.province_id = p.id
          AND a.kind = 'sanction' AND a.cancelled_at IS NULL AND a.action_date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`})::bigint AS fines
      FROM office p
      LEFT JOIN employer e ON e.province_id = p.id
      LEFT JOIN arrears_position ap ON ap.employer_id = e.id
      WHERE p.kind = 'province' AND ${withinScope('p.path', user.scope)}
      GROUP BY p.id, p.code, p.name ORDER BY p.id`.execute(this.db);
    return rows.rows.map((r) => ({
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
   * months.
   */
  async inspectionCandidates(user: SessionUser, officeId: number | undefined, limit: number) {
    const office = await this.office(user, officeId);
    const today = vietnamDate(this.clock.now());
    const since = yearBefore(today);
    const months = (await ruleSetAt(this.db, today)).escalation.inspectionMonths;
    const rows = await this.db
      .selectFrom('arrears_position as ap')
      .innerJoin('employer as e', 'e.id', 'ap.employer_id')
      .innerJoin('office as o', 'o.id', 'e.office_id')
      .select([
        'e.id',
        'e.code',
        'e.name',
        'e.headcount',
        'o.name as office_name',
        'ap.late_amount',
        'ap.overdue_months',
      ])
      .where(withinScope('o.path', office.path))
      .where('ap.overdue_months', '>=', months)
      .where('ap.late_amount', '>', 0)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('enforcement_action as a')
              .select('a.id')
              .whereRef('a.employer_id', '=', 'e.id')
              .where('a.kind', '=', 'surprise_inspection')
              .where('a.cancelled_at', 'is', null)
              .where('a.action_date', '>=', since),
          ),
        ),
      )
      .orderBy('ap.late_amount', 'desc')
      .orderBy('e.code')
      .limit(limit)
      .execute();
    return {
      minMonths: months,
      items: rows.map((r) => ({
        employer: { id: r.id, code: r.code, name: r.name, officeName: r.office_name, headcount: r.headcount },
        lateAmount: r.late_amount,
        overdueMonths: r.overdue_months,
      })),
    };
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
      this.db
        .selectFrom('arrears_snapshot')
        .select((eb) => eb.fn.min('as_of').as('d'))
        .where('as_of', '>=', from)
        .where('as_of', '<=', to)
        .executeTakeFirst(),
      this.db
        .selectFrom('arrears_snapshot')
        .select((eb) => eb.fn.max('as_of').as('d'))
        .where('as_of', '>=', from)
        .where('as_of', '<=', to)
        .executeTakeFirst(),
    ]);
    const lateAt = async (day: Day | null | undefined) => {
      if (!day) return new Map<number, number>();
      const rows = await sql<{ province_id: number; late_amount: number }>`
        SELECT e.province_id, sum(s.late_amount)::bigint AS late_amount FROM arrears_snapshot s
        JOIN (SELECT DISTINCT office_id, province_id FROM employer) e ON e.office_id = s.office_id
        WHERE s.as_of = ${day} GROUP BY e.province_id`.execute(this.db);
      return new Map(rows.rows.map((r) => [r.province_id, r.late_amount]));
    };
    const [start, end, inspection, campaigns] = await Promise.all([
      lateAt(first?.d),
      lateAt(last?.d),
      this.inspection(user, year),
      this.db
        .selectFrom('campaign')
        .select(['id', 'first_day', 'last_day', 'first_day_deadline', 'daily_deadline', 'target_late_ratio'])
        .where('first_day', '<=', to)
        .where('last_day', '>=', from)
        .orderBy('first_day')
        .execute(),
    ]);
    const now = this.clock.now();
    const reports =
      campaigns.length === 0
        ? []
        : await this.db
            .selectFrom('campaign_report')
            .select(['campaign_id', 'office_id', 'report_day', 'submitted_at'])
            .where(
              'campaign_id',
              'in',
              campaigns.map((c) => c.id),
            )
            .where('version', '=', 1)
            .execute();
    const submitted = new Map(reports.map((r) => [`${r.campaign_id}/${r.office_id}/${r.report_day}`, r.submitted_at]));
    const recovery = await this.recoveryAfterInspection(year);
    const target = campaigns.at(-1)?.target_late_ratio ?? null;
    const rules = await ruleSetAt(this.db, to);
    const paths = new Map(
      (await this.db.selectFrom('office').select(['id', 'path']).where('kind', '=', 'province').execute()).map((o) => [
        o.id,
        o.path,
      ]),
    );
    return Promise.all(
      inspection.map(async (p) => {
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
        const denominator = await lateRatioDenominator(
          this.db,
          rules,
          { id: p.province.id, path: paths.get(p.province.id)! },
          year,
        );
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
      }),
    ).then((rows) => rows.sort((a, b) => b.total - a.total || a.province.code.localeCompare(b.province.code)));
  }

  /**
   * For each province: what the employers surprise-inspected in the year owed at their first inspection that year (the
   * engine at that day), and what they paid after it, counted up to that amount.
   */
  private async recoveryAfterInspection(year: number) {
    const inspected = await this.db
      .selectFrom('enforcement_action as a')
      .innerJoin('employer as e', 'e.id', 'a.employer_id')
      .select(['a.employer_id', 'e.province_id', (eb) => eb.fn.min('a.action_date').as('inspected_on')])
      .where('a.kind', '=', 'surprise_inspection')
      .where('a.cancelled_at', 'is', null)
      .where('a.action_date', '>=', `${year}-01-01`)
      .where('a.action_date', '<=', `${year}-12-31`)
      .groupBy(['a.employer_id', 'e.province_id'])
      .execute();
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
      for (const x of batch) {
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

/**
 * Báo cáo UBND tỉnh: the province's payment situation at the latest close, by area (its offices) and sector, with the
 * twenty largest late employers. A draft for the clerk's register: the number is left for the văn thư to fill.
 */
export async function provinceSituationReport(
  db: Kysely<Database>,
  user: SessionUser,
  provinceId: number,
  today: Day,
): Promise<Buffer> {
  const province = await findOfficeInScope(db, user.scope, provinceId);
  if (!province || province.kind !== 'province') throw notFound('province');
  const rules = await ruleSetAt(db, today);
  const months = rules.escalation.inspectionMonths;
  const positions = () =>
    db
      .selectFrom('arrears_position as ap')
      .innerJoin('employer as e', 'e.id', 'ap.employer_id')
      .innerJoin('office as o', 'o.id', 'e.office_id')
      .where(withinScope('o.path', province.path));
  const [totals, byArea, bySector, largest, signer, asOf] = await Promise.all([
    positions()
      .select((eb) => [
        eb.fn.countAll<number>().as('employers'),
        sql<number>`count(*) FILTER (WHERE ap.late_amount > 0)`.as('late_employers'),
        sql<number>`coalesce(sum(ap.late_amount), 0)`.as('late_amount'),
        sql<number>`count(*) FILTER (WHERE ap.late_amount > 0 AND ap.overdue_months >= ${months})`.as(
          'late3m_employers',
        ),
        sql<number>`coalesce(sum(ap.late_amount) FILTER (WHERE ap.overdue_months >= ${months}), 0)`.as('late3m_amount'),
      ])
      .executeTakeFirstOrThrow(),
    positions()
      .select((eb) => [
        'o.id',
        'o.name',
        eb.fn.countAll<number>().as('employers'),
        sql<number>`count(*) FILTER (WHERE ap.late_amount > 0)`.as('late_employers'),
        sql<number>`coalesce(sum(ap.late_amount), 0)`.as('late_amount'),
      ])
      .groupBy(['o.id', 'o.name'])
      .orderBy('o.id')
      .execute(),
    positions()
      .select([
        'e.ownership',
        sql<number>`count(*) FILTER (WHERE ap.late_amount > 0)`.as('late_employers'),
        sql<number>`coalesce(sum(ap.late_amount), 0)`.as('late_amount'),
      ])
      .groupBy('e.ownership')
      .orderBy('late_amount', 'desc')
      .execute(),
    positions()
      .select(['e.name', 'e.tax_code', 'ap.overdue_months', 'ap.late_amount'])
      .where('ap.late_amount', '>', 0)
      .orderBy('ap.late_amount', 'desc')
      .orderBy('e.code')
      .limit(20)
      .execute(),
    officeSignature(db, province.id),
    db
      .selectFrom('arrears_position')
      .select((eb) => eb.fn.max('as_of').as('d'))
      .executeTakeFirst(),
  ]);
  const parent = await db
    .selectFrom('office')
    .select('name')
    .where('id', '=', province.parent_id!)
    .executeTakeFirstOrThrow();
  const denominator = await lateRatioDenominator(db, rules, province, Number(today.slice(0, 4)));
  const place = placeOf(province.name);
  return renderProvinceSituation({
    issuer: { parentName: parent.name, officeName: province.name },
    number: '      /BC-BHXH',
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
}
