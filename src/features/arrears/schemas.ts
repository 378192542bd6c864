import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { EMPLOYER_STATUSES, FUNDS, OWNERSHIPS, type Fund } from '../../domain/ledger.js';
import { OFFICE_KINDS } from '../../domain/organisation.js';
import { LADDER_STEPS } from '../../domain/ladder.js';
import {
  BandTotals,
  CalendarDate,
  EmployerListFilters,
  ListPaging,
  sortOrder,
  FiguresBasisSchema,
  RuleSetBasisSchema,
  literals,
  MaybeBasis,
  MaybeShare,
  Money,
  Nullable,
  Period,
  StringEnum,
} from '../../http/schemas.js';
import { LATE_SORTS, type LateSort } from '../../domain/list-sorts.js';

export { LATE_SORTS, type LateSort };

const FundSchema = StringEnum(FUNDS);
const byFund = <T extends TSchema>(value: T) =>
  Type.Object(Object.fromEntries(FUNDS.map((f) => [f, value])) as Record<Fund, T>);

/** Per fund: principal late, charges outstanding (charge), accrued and paid; charge = chargeAccrued − chargePaid. */
export const FundPosition = Type.Object({ late: Money, charge: Money, chargeAccrued: Money, chargePaid: Money });
export type FundPosition = Static<typeof FundPosition>;

/** A row of the unpaid months table: a contribution month across funds. */
export const UnpaidMonth = Type.Object({
  period: Period,
  deadline: CalendarDate,
  unpaid: Money,
  daysLate: Type.Integer(),
  chargeDays: Type.Integer(),
  charge: Money,
});
export type UnpaidMonth = Static<typeof UnpaidMonth>;

export const ArrearsQuery = Type.Object({ asOf: Type.Optional(CalendarDate) });

export const ArrearsPosition = Type.Object({
  asOf: CalendarDate,
  basis: FiguresBasisSchema,
  ruleSet: RuleSetBasisSchema,
  lateAmount: Money,
  overdueMonths: Type.Integer(),
  band: Type.String(),
  daysLate: Type.Integer(),
  oldestUnpaidPeriod: Nullable(Period),
  monthsEquivalent: Nullable(Type.Number()),
  charge: Money,
  chargeAccrued: Money,
  chargePaid: Money,
  credit: Money,
  byFund: byFund(FundPosition),
  /** Old-regime rates missing where they would change this employer's figures (the page words them). */
  missingRates: Type.Array(Type.Object({ fund: FundSchema, year: Type.Integer() })),
  warnings: Type.Array(Type.String()),
  /** The unpaid months and the charge on principal already paid, adding up to the totals above. */
  monthTable: Type.Object({
    months: Type.Array(UnpaidMonth),
    chargeOnPaidPrincipal: Money,
    chargeAccrued: Money,
    chargePaid: Money,
    charge: Money,
    lateAmount: Money,
  }),
  explanation: Type.Object({
    allocations: Type.Array(
      Type.Object({
        source: StringEnum(['payment', 'correction', 'credit'] as const),
        reference: Type.String(),
        date: CalendarDate,
        period: Period,
        fund: FundSchema,
        amount: Money,
        deadline: CalendarDate,
        chargeDays: Type.Integer(),
      }),
    ),
    chargePayments: Type.Array(
      Type.Object({
        source: StringEnum(['payment', 'credit'] as const),
        reference: Type.String(),
        date: CalendarDate,
        fund: FundSchema,
        amount: Money,
      }),
    ),
    outstanding: Type.Array(
      Type.Object({
        period: Period,
        fund: FundSchema,
        deadline: CalendarDate,
        due: Money,
        unpaid: Money,
        overdue: Type.Boolean(),
        daysLate: Type.Integer(),
        chargeDays: Type.Integer(),
        charge: Money,
      }),
    ),
    charges: byFund(
      Type.Object({
        daily: Type.String(),
        monthly: Type.String(),
        exact: Type.String(),
        rounded: Money,
        onPaidPrincipal: Money,
      }),
    ),
  }),
});
export type ArrearsPosition = Static<typeof ArrearsPosition>;

/** What the list of late employers is narrowed to and sorted by: the same for a page of it and for its export. */
const LateFilters = {
  ...EmployerListFilters,
  ownership: Type.Optional(literals(OWNERSHIPS)),
  status: Type.Optional(literals(EMPLOYER_STATUSES)),
  sort: literals(LATE_SORTS, { default: 'lateAmount' }),
  order: sortOrder('desc'),
};
export const LateExportQuery = Type.Object(LateFilters);
/** As the web sends it: the fields with a default may be left out. */
export type LateExportQuery = Partial<Static<typeof LateExportQuery>>;

export const LateQuery = Type.Object({ ...LateFilters, ...ListPaging });
/** As the web sends it: the fields with a default may be left out. */
export type LateQuery = Partial<Static<typeof LateQuery>> & Pick<Static<typeof LateQuery>, 'page' | 'pageSize'>;

export const LateEmployer = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  taxCode: Type.String(),
  name: Type.String(),
  ownership: StringEnum(OWNERSHIPS),
  status: StringEnum(EMPLOYER_STATUSES),
  headcount: Type.Integer(),
  officeName: Type.String(),
  lateAmount: Money,
  overdueMonths: Type.Integer(),
  band: Type.String(),
  daysLate: Type.Integer(),
  oldestUnpaidPeriod: Nullable(Period),
  monthsEquivalent: Nullable(Type.Number()),
  charge: Money,
  chargeAccrued: Money,
  chargePaid: Money,
  step: StringEnum(LADDER_STEPS),
});
export type LateEmployer = Static<typeof LateEmployer>;

export const LatePage = Type.Object({
  asOf: Nullable(CalendarDate),
  basis: MaybeBasis,
  items: Type.Array(LateEmployer),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totals: Type.Object({ lateAmount: Money, charge: Money }),
  bands: BandTotals,
});
export type LatePage = Static<typeof LatePage>;

export const SummaryQuery = Type.Object({ officeId: Type.Optional(Type.Integer({ minimum: 1 })) });

export const OfficeArrears = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(OFFICE_KINDS),
  employers: Type.Integer(),
  lateEmployers: Type.Integer(),
  lateAmount: Money,
  charge: Money,
  receivable: Money,
  /** Kế hoạch thu assigned for the year, if any. */
  plan: Nullable(Money),
  /** Late amount over the denominator, exact: rounded once where it is shown. */
  lateRatio: MaybeShare,
});
export type OfficeArrears = Static<typeof OfficeArrears>;

export const ArrearsSummary = Type.Object({
  asOf: Nullable(CalendarDate),
  basis: MaybeBasis,
  year: Type.Integer(),
  denominator: StringEnum(['receivable', 'plan'] as const),
  offices: Type.Array(OfficeArrears),
});
export type ArrearsSummary = Static<typeof ArrearsSummary>;
