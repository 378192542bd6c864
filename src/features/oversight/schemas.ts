import { Type, type Static } from '@sinclair/typebox';
import { LADDER_STEPS } from '../../domain/ladder.js';
import {
  CalendarDate,
  EmployerListFilters,
  ListPaging,
  literals,
  MaybeBasis,
  MaybeShare,
  Money,
  Nullable,
  OfficeRef,
  sortOrder,
  StringEnum,
} from '../../http/schemas.js';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
export const YearQuery = Type.Object({ year: Year });
const Criterion = Type.Object({ value: MaybeShare, points: Type.Number(), max: Type.Number() });

export const TrendQuery = Type.Object({
  officeId: Type.Optional(Type.Integer({ minimum: 1 })),
  from: CalendarDate,
  to: CalendarDate,
});
export type TrendQuery = Static<typeof TrendQuery>;

export const TrendPoint = Type.Object({
  asOf: CalendarDate,
  employers: Type.Integer(),
  lateEmployers: Type.Integer(),
  lateAmount: Money,
  lateRatio: MaybeShare,
});
export type TrendPoint = Static<typeof TrendPoint>;

export const Trend = Type.Object({
  office: OfficeRef,
  basis: MaybeBasis,
  /** Oldest first: one per close (daily lately, month ends before). */
  points: Type.Array(TrendPoint),
});
export type Trend = Static<typeof Trend>;

export const BreakdownQuery = Type.Object({ officeId: Type.Optional(Type.Integer({ minimum: 1 })) });

export const LateGroup = Type.Object({ key: Type.String(), lateEmployers: Type.Integer(), lateAmount: Money });
export type LateGroup = Static<typeof LateGroup>;

export const OfficeLate = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  direct: Type.Boolean({ description: 'the employers the office manages itself, not an office below it' }),
  lateEmployers: Type.Integer(),
  lateAmount: Money,
});
export type OfficeLate = Static<typeof OfficeLate>;

/** The latest close of an office's subtree, by band, by ownership type and by the offices just below it. */
export const LateBreakdown = Type.Object({
  office: OfficeRef,
  asOf: Nullable(CalendarDate),
  basis: MaybeBasis,
  byBand: Type.Array(LateGroup),
  byOwnership: Type.Array(LateGroup),
  byOffice: Type.Array(OfficeLate),
});
export type LateBreakdown = Static<typeof LateBreakdown>;

export const InspectionCoverage = Type.Object({
  province: OfficeRef,
  minMonths: Type.Integer({
    description: "late this many months or more: the rule set's months for a surprise inspection",
  }),
  lateThreeMonths: Type.Integer(),
  surpriseInspected: Type.Integer(),
  /** Share of the employers late 3 months or more inspected this year; null when there are none. */
  coverage: MaybeShare,
  sanctions: Type.Integer(),
  fines: Money,
});
export type InspectionCoverage = Static<typeof InspectionCoverage>;

export const InspectionCoverages = Type.Object({ basis: MaybeBasis, items: Type.Array(InspectionCoverage) });
export type InspectionCoverages = Static<typeof InspectionCoverages>;

/** The columns the inspection candidates sort by. */
export const CANDIDATE_SORTS = ['lateAmount', 'overdueMonths', 'code', 'name', 'office', 'headcount', 'step'] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];

/** What the inspection candidates are narrowed to and sorted by: the same for a page of them and for their export. */
const CandidateFilters = {
  ...EmployerListFilters,
  sort: literals(CANDIDATE_SORTS, { default: 'lateAmount' }),
  order: sortOrder('desc'),
};
export const CandidatesExportQuery = Type.Object(CandidateFilters);
/** As the web sends it: the fields with a default may be left out. */
export type CandidatesExportQuery = Partial<Static<typeof CandidatesExportQuery>>;
export const CandidatesQuery = Type.Object({ ...CandidateFilters, ...ListPaging });
export type CandidatesQuery = Partial<Static<typeof CandidatesQuery>> &
  Pick<Static<typeof CandidatesQuery>, 'page' | 'pageSize'>;

export const InspectionCandidate = Type.Object({
  employer: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    officeName: Type.String(),
    headcount: Type.Integer(),
  }),
  lateAmount: Money,
  overdueMonths: Type.Integer(),
  band: Type.String(),
  step: StringEnum(LADDER_STEPS),
});
export type InspectionCandidate = Static<typeof InspectionCandidate>;

export const InspectionCandidates = Type.Object({
  basis: MaybeBasis,
  minMonths: Type.Integer({
    description: "late this many months or more: the rule set's months for a surprise inspection",
  }),
  items: Type.Array(InspectionCandidate),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totalLateAmount: Money,
});
export type InspectionCandidates = Static<typeof InspectionCandidates>;

/** A province's year-end emulation score; from and to are the first and last closes of the year. */
export const EmulationRow = Type.Object({
  province: OfficeRef,
  from: Nullable(CalendarDate),
  to: Nullable(CalendarDate),
  reduction: Criterion,
  target: Criterion,
  timeliness: Criterion,
  inspectionCoverage: Criterion,
  recoveryAfterInspection: Criterion,
  total: Type.Number(),
  max: Type.Number(),
  proposal: Type.Union([Type.Literal('commend'), Type.Literal('criticise'), Type.Null()]),
});
export type EmulationRow = Static<typeof EmulationRow>;

export const EmulationRows = Type.Object({ items: Type.Array(EmulationRow) });
export type EmulationRows = Static<typeof EmulationRows>;

export const ProvinceReportRequest = Type.Object(
  { provinceId: Type.Integer({ minimum: 1, maximum: 2147483647 }) },
  { additionalProperties: false },
);
