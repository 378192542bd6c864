import { Type, type Static } from '@sinclair/typebox';
import { LADDER_STEPS } from '../../domain/ladder.js';
import { EMPLOYER_STATUSES, OWNERSHIPS } from '../../domain/ledger.js';
import { WORKLIST_SORTS } from '../../domain/worklist.js';
import { CalendarDate, literals, MaybeBasis, Money, Nullable, StringEnum } from '../../http/schemas.js';
import { DueTask, LadderStep } from '../ladder/schemas.js';
import { Responsibility } from '../employers/schemas.js';

export const WorklistTier = literals(['today', 'this_week', 'later'] as const);
export type WorklistTier = Static<typeof WorklistTier>;

/** What a worklist is narrowed to and sorted by: the same for a page of it and for its export. */
const WorklistFilters = {
  userId: Type.Optional(Type.Integer({ minimum: 1, description: 'another official of the scope; oneself by default' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'code, tax code or name words, diacritics optional' })),
  tier: Type.Optional(WorklistTier),
  step: Type.Optional(literals(LADDER_STEPS)),
  band: Type.Optional(Type.String({ maxLength: 20 })),
  minAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: 9e15 })),
  maxAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: 9e15 })),
  officeId: Type.Optional(Type.Integer({ minimum: 1, description: 'an office of the scope, with those below it' })),
  sort: literals(WORKLIST_SORTS, { default: 'priority' }),
  order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' }),
};

export const WorklistExportQuery = Type.Object(WorklistFilters);
/** As the web sends it: the fields with a default may be left out. */
export type WorklistExportQuery = Partial<Static<typeof WorklistExportQuery>>;

export const WorklistQuery = Type.Object({
  ...WorklistFilters,
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
export type WorklistQuery = Partial<Static<typeof WorklistQuery>>;

export const WorklistItem = Type.Object({
  employer: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    taxCode: Type.String(),
    status: StringEnum(EMPLOYER_STATUSES),
    officeName: Type.String(),
  }),
  responsibility: StringEnum(['leader', 'official'] as const),
  tier: WorklistTier,
  lateAmount: Money,
  overdueMonths: Type.Integer(),
  band: Type.String(),
  charge: Money,
  step: LadderStep,
  since: Nullable(CalendarDate),
  due: Type.Array(DueTask),
  brokenPromise: Type.Boolean(),
  followUpOn: Nullable(CalendarDate),
});
export type WorklistItem = Static<typeof WorklistItem>;

export const Worklist = Type.Object({
  /** The server's today in Việt Nam: tasks due before it are overdue, and new actions are dated on it. */
  asOf: CalendarDate,
  /** Whose figures the late amounts and charges are: the stored positions, live. */
  basis: MaybeBasis,
  official: Type.Object({ id: Type.Integer(), fullName: Type.String() }),
  /** By tier, of the employers the other filters keep: what each card would show when clicked. */
  counts: Type.Object({ today: Type.Integer(), this_week: Type.Integer(), later: Type.Integer() }),
  /** The employers the filters keep, across all pages, and what they owe. */
  total: Type.Integer(),
  totalLateAmount: Money,
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(WorklistItem),
});
export type Worklist = Static<typeof Worklist>;

export const BulkAssignment = Type.Object(
  {
    userId: Type.Integer({ minimum: 1 }),
    responsibility: Responsibility,
    officeId: Type.Integer({ minimum: 1 }),
    ownership: Type.Optional(literals(OWNERSHIPS)),
    minHeadcount: Type.Optional(Type.Integer({ minimum: 0 })),
    maxHeadcount: Type.Optional(Type.Integer({ minimum: 0 })),
    onlyLate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type BulkAssignment = Static<typeof BulkAssignment>;

export const BulkAssigned = Type.Object({ assigned: Type.Integer() });
export type BulkAssigned = Static<typeof BulkAssigned>;
