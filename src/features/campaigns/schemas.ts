import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ACTION_KINDS } from '../../domain/actions.js';
import { LADDER_STEPS } from '../../domain/ladder.js';
import { INDICATORS } from '../../domain/report-figures.js';
import {
  CalendarDate,
  IdParams,
  literals,
  MaybeBasis,
  MaybeShare,
  Nullable,
  OfficeRef,
  RuleSetBasisSchema,
  ShareSchema,
  StringEnum,
} from '../../http/schemas.js';

/** When a day's report is due: days after the reporting day, at a time of day in Việt Nam. */
export const DeadlineRule = Type.Object(
  {
    dayOffset: Type.Integer({ minimum: 0, maximum: 7, description: 'days after the reporting day' }),
    time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, Asia/Ho_Chi_Minh' }),
  },
  { additionalProperties: false },
);
export type DeadlineRule = Static<typeof DeadlineRule>;

const text = (maxLength: number) => Type.String({ maxLength });
export const ReportNotes = Type.Object(
  {
    difficulties: text(4000),
    proposals: text(4000),
    directorNote: text(4000),
  },
  { additionalProperties: false },
);
export type ReportNotes = Static<typeof ReportNotes>;

export const ReportParams = Type.Composite([
  IdParams,
  Type.Object({ officeId: Type.Integer({ minimum: 1 }), day: CalendarDate }),
]);

/** A count, whole đồng, or for a percent row an exact share (a number in reports frozen before shares). */
const ReportRuleSetsSchema = Type.Object({ baseline: RuleSetBasisSchema, day: RuleSetBasisSchema });

const FigureValue = Type.Union([Type.Number(), ShareSchema, Type.Null()]);
export const FigureRow = Type.Object({
  code: Type.String(),
  label: Type.String(),
  labelEn: Type.String(),
  unit: StringEnum(['employers', 'vnd', 'percent', 'text'] as const),
  indicator: StringEnum(INDICATORS),
  baseline: FigureValue,
  day: FigureValue,
  cumulative: FigureValue,
  text: Nullable(Type.String()),
});
export type FigureRow = Static<typeof FigureRow>;

export const ReportFigures = Type.Object({
  rows: Type.Array(FigureRow),
  denominators: Type.Object({ baseline: Nullable(Type.Integer()), day: Nullable(Type.Integer()) }),
  /** The rule sets the baseline and day columns were computed under; absent from versions frozen before it was kept. */
  ruleSets: Type.Optional(ReportRuleSetsSchema),
  dataVersion: Type.Object({
    importBatch: Type.Integer(),
    action: Type.Integer(),
    payment: Type.Integer(),
    computedAt: Type.String(),
  }),
});
export type ReportFigures = Static<typeof ReportFigures>;

/** Đúng hạn / trễ hạn / không báo cáo, or open while the deadline has not passed. */
export const ReportStatus = Type.Union([
  Type.Literal('on_time'),
  Type.Literal('late'),
  Type.Literal('missing'),
  Type.Literal('open'),
]);
export type ReportStatus = Static<typeof ReportStatus>;

const Ranking = <T extends TSchema>(value: T) =>
  Type.Array(Type.Object({ rank: Type.Integer(), province: OfficeRef, value }));

export const CampaignSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  legalBasis: Type.String(),
  firstDay: CalendarDate,
  lastDay: CalendarDate,
  baselineDate: CalendarDate,
  /** Percent, e.g. 2.5. */
  targetLateRatio: Nullable(Type.Number()),
});
export type CampaignSummary = Static<typeof CampaignSummary>;

export const CampaignList = Type.Object({ items: Type.Array(CampaignSummary) });
export type CampaignList = Static<typeof CampaignList>;

export const NewCampaign = Type.Object(
  {
    name: Type.String({ minLength: 3, maxLength: 300 }),
    legalBasis: Type.String({ minLength: 3, maxLength: 500 }),
    firstDay: CalendarDate,
    lastDay: CalendarDate,
    firstDayDeadline: DeadlineRule,
    dailyDeadline: DeadlineRule,
    baselineDate: CalendarDate,
    targetLateRatio: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()])),
    /** All provinces when left out. */
    provinceIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type NewCampaign = Static<typeof NewCampaign>;

export const Campaign = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  legalBasis: Type.String(),
  firstDay: CalendarDate,
  lastDay: CalendarDate,
  firstDayDeadline: DeadlineRule,
  dailyDeadline: DeadlineRule,
  baselineDate: CalendarDate,
  targetLateRatio: Nullable(Type.Number()),
  template: Type.Unknown(),
  /** The participating provinces within the user's scope. */
  provinces: Type.Array(OfficeRef),
  days: Type.Array(Type.Object({ day: CalendarDate, deadline: Type.String({ format: 'date-time' }) })),
});
export type Campaign = Static<typeof Campaign>;

export const ReportVersion = Type.Object({
  version: Type.Integer(),
  figures: ReportFigures,
  notes: ReportNotes,
  amendmentReason: Nullable(Type.String()),
  submittedBy: Type.Object({ id: Type.Integer(), fullName: Type.String() }),
  submittedAt: Type.String(),
});
export type ReportVersion = Static<typeof ReportVersion>;

export const ProvinceReport = Type.Object({
  campaign: Type.Object({ id: Type.Integer(), name: Type.String(), legalBasis: Type.String() }),
  province: OfficeRef,
  day: CalendarDate,
  deadline: Type.String({ format: 'date-time' }),
  status: ReportStatus,
  /** Oldest first. */
  versions: Type.Array(ReportVersion),
  /** What a submission would freeze, from the data now; null for a day not yet come. */
  draft: Nullable(ReportFigures),
  draftBasis: MaybeBasis,
  footnotes: Type.Array(Type.String()),
});
export type ProvinceReport = Static<typeof ProvinceReport>;

export const Submission = Type.Object({ notes: ReportNotes }, { additionalProperties: false });
export type Submission = Static<typeof Submission>;
export const Amendment = Type.Object(
  { notes: ReportNotes, reason: Type.String({ minLength: 3, maxLength: 2000, pattern: '\\S' }) },
  { additionalProperties: false },
);
export type Amendment = Static<typeof Amendment>;
export const Submitted = Type.Object({ version: Type.Integer(), status: ReportStatus });
export type Submitted = Static<typeof Submitted>;

export const BreakdownQuery = Type.Object({ indicator: literals(INDICATORS) });

/**
 * Who a row of a breakdown is about, with the band and step the lists filter by: the employer's now, but for a late
 * employer its band at the report's day, beside the months overdue then.
 */
const BreakdownEmployer = {
  employerId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  band: Type.String(),
  step: StringEnum(LADDER_STEPS),
};

export const Breakdown = Type.Object({
  employers: Type.Array(
    Type.Object({ ...BreakdownEmployer, lateAmount: Type.Integer(), overdueMonths: Type.Integer() }),
  ),
  actions: Type.Array(
    Type.Object({
      ...BreakdownEmployer,
      id: Type.Integer(),
      kind: StringEnum(ACTION_KINDS),
      date: CalendarDate,
      documentNumber: Nullable(Type.String()),
    }),
  ),
  payments: Type.Array(
    Type.Object({
      ...BreakdownEmployer,
      date: CalendarDate,
      amount: Type.Integer(),
      reference: Type.String(),
    }),
  ),
});
export type Breakdown = Static<typeof Breakdown>;

export const BoardQuery = Type.Object({ day: CalendarDate });

export const BoardProvince = Type.Object({
  province: OfficeRef,
  status: ReportStatus,
  /** The first submission's time, which decides timeliness. */
  submittedAt: Nullable(Type.String()),
  figures: Nullable(ReportFigures),
  lateRatio: MaybeShare,
  baselineLateRatio: MaybeShare,
  change: Type.Union([ShareSchema, Type.Null()], {
    description: 'late amount change from the baseline ÷ baseline: negative is a decrease',
  }),
  recovered: Nullable(Type.Number()),
  timeliness: Type.Object({ onTime: Type.Integer(), late: Type.Integer(), missing: Type.Integer(), rate: MaybeShare }),
});
export type BoardProvince = Static<typeof BoardProvince>;

export const Board = Type.Object({
  campaign: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    legalBasis: Type.String(),
    targetLateRatio: Nullable(Type.Number()),
  }),
  day: CalendarDate,
  deadline: Type.String({ format: 'date-time' }),
  provinces: Type.Array(BoardProvince),
  national: Type.Array(FigureRow),
  /** Recovered each day of the campaign so far, from each day's latest reports. */
  recoveryByDay: Type.Array(Type.Object({ day: CalendarDate, amount: Type.Integer(), reports: Type.Integer() })),
  rankings: Type.Object({
    byLateRatio: Ranking(ShareSchema),
    // The largest decrease of the late amount from the baseline first, increases last.
    byChange: Ranking(ShareSchema),
    byRecovered: Ranking(Type.Number()),
  }),
  ruleSets: Type.Array(ReportRuleSetsSchema, {
    description: 'the distinct rule sets of the consolidated reports, in province order; none before any report',
  }),
  footnotes: Type.Array(Type.String()),
});
export type Board = Static<typeof Board>;
export type RankingEntry = Board['rankings']['byLateRatio'][number];
