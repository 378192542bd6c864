import { Type, type Static } from '@sinclair/typebox';
import { EMPLOYER_STATUSES, OWNERSHIPS, TAX_CODE_PATTERN } from '../../domain/ledger.js';
import { LADDER_STEPS } from '../../domain/ladder.js';
import {
  CalendarDate,
  EmployerListFilters,
  IdParams,
  ListPaging,
  literals,
  Money,
  OfficeRef,
  Page,
  Period,
  sortOrder,
  StringEnum,
} from '../../http/schemas.js';
import { EMPLOYER_SORTS, type EmployerSort } from '../../domain/list-sorts.js';

export { EMPLOYER_SORTS, type EmployerSort };

const Ownership = literals(OWNERSHIPS);
const Status = literals(EMPLOYER_STATUSES);
const PaymentCycle = Type.Union([Type.Literal(1), Type.Literal(3), Type.Literal(6)]);
export const Responsibility = Type.Union([Type.Literal('leader'), Type.Literal('official')]);

/** What the employer list is narrowed to and sorted by: the same for a page of it and for its export. */
const EmployerFilters = {
  ...EmployerListFilters,
  status: Type.Optional(Status),
  ownership: Type.Optional(Ownership),
  sort: literals(EMPLOYER_SORTS, { default: 'code' }),
  order: sortOrder('asc'),
};
export const EmployerExportQuery = Type.Object(EmployerFilters);
/** As the web sends it: the fields with a default may be left out. */
export type EmployerExportQuery = Partial<Static<typeof EmployerExportQuery>>;

export const EmployerQuery = Type.Object({ ...EmployerFilters, ...ListPaging });
/** As the web sends it: the fields with a default may be left out. */
export type EmployerQuery = Partial<Static<typeof EmployerQuery>> &
  Pick<Static<typeof EmployerQuery>, 'page' | 'pageSize'>;

export const EmployerSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  taxCode: Type.String(),
  name: Type.String(),
  address: Type.String(),
  office: OfficeRef,
  province: OfficeRef,
  ownership: Ownership,
  headcount: Type.Integer(),
  status: Status,
  paymentCycle: PaymentCycle,
});
export type EmployerSummary = Static<typeof EmployerSummary>;

/** A row of the employer list: the employer with where it stands, from the stored positions. */
export const EmployerListItem = Type.Composite([
  EmployerSummary,
  Type.Object({
    lateAmount: Money,
    overdueMonths: Type.Integer(),
    band: Type.String(),
    step: StringEnum(LADDER_STEPS),
  }),
]);
export type EmployerListItem = Static<typeof EmployerListItem>;

export const EmployerPage = Page(EmployerListItem);
export type EmployerPage = Static<typeof EmployerPage>;

export const EmployerDetail = Type.Composite([
  EmployerSummary,
  Type.Object({
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    assignments: Type.Array(
      Type.Object({
        id: Type.Integer(),
        user: Type.Object({ id: Type.Integer(), fullName: Type.String(), username: Type.String() }),
        responsibility: Responsibility,
        assignedFrom: CalendarDate,
      }),
    ),
  }),
]);
export type EmployerDetail = Static<typeof EmployerDetail>;

const FundAmounts = Type.Object({ BHXH: Money, BHTNLD: Money, BHTN: Money, BHYT: Money, total: Money });
export const Ledger = Type.Object({
  months: Type.Array(Type.Object({ period: Period, due: FundAmounts })),
  payments: Type.Array(
    Type.Object({ id: Type.Integer(), date: CalendarDate, amount: Money, reference: Type.String() }),
  ),
  totals: Type.Object({ due: Money, paid: Money }),
});
export type Ledger = Static<typeof Ledger>;

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const EditableFields = {
  taxCode: Type.String({
    pattern: TAX_CODE_PATTERN.source,
    description: 'mã số thuế: 10 digits, or 10-3 for a branch',
  }),
  name: text(300),
  address: Type.String({ maxLength: 500 }),
  officeId: Type.Integer({ minimum: 1 }),
  ownership: Ownership,
  headcount: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  status: Status,
  paymentCycle: PaymentCycle,
};
export const NewEmployer = Type.Object(
  { code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,19}$', description: 'mã đơn vị' }), ...EditableFields },
  { additionalProperties: false },
);
export type NewEmployer = Static<typeof NewEmployer>;
export const EmployerChanges = Type.Partial(Type.Object(EditableFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type EmployerChanges = Static<typeof EmployerChanges>;

export const NewAssignment = Type.Object(
  { userId: Type.Integer({ minimum: 1 }), responsibility: Responsibility },
  { additionalProperties: false },
);
export type NewAssignment = Static<typeof NewAssignment>;

export const AssignmentParams = Type.Composite([IdParams, Type.Object({ assignmentId: Type.Integer({ minimum: 1 }) })]);
