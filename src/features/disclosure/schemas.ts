import { Type, type Static } from '@sinclair/typebox';
import { AWARD_REASONS, DISCLOSURE_KINDS } from '../../domain/disclosure.js';
import { TAX_CODE_PATTERN } from '../../domain/ledger.js';
import { literals, MaybeBasis, Nullable, StringEnum } from '../../http/schemas.js';

export const DisclosureKind = literals(DISCLOSURE_KINDS);
export type DisclosureKind = Static<typeof DisclosureKind>;

export const ListStatus = StringEnum(['draft', 'approved', 'superseded', 'withdrawn'] as const);
export type ListStatus = Static<typeof ListStatus>;

export const ListEntry = Type.Object({
  name: Type.String(),
  taxCode: Type.String(),
  address: Type.String(),
  monthsLate: Type.Integer(),
  amount: Type.Integer(),
  /** Paid: on the list it updates, and has since cleared its debt. */
  status: Type.Union([Type.Literal('listed'), Type.Literal('paid')]),
});
export type ListEntry = Static<typeof ListEntry>;

export const EntryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
export type EntryQuery = Static<typeof EntryQuery>;

export const EntryPage = Type.Object({ total: Type.Integer(), items: Type.Array(ListEntry) });
export type EntryPage = Static<typeof EntryPage>;

export const NewList = Type.Object(
  { kind: DisclosureKind, officeId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type NewList = Static<typeof NewList>;
export const AssembledList = Type.Object({ id: Type.Integer(), entries: Type.Integer() });
export type AssembledList = Static<typeof AssembledList>;

export const DisclosureList = Type.Object({
  id: Type.Integer(),
  kind: DisclosureKind,
  title: Type.String(),
  asOf: Type.String(),
  status: ListStatus,
  officeName: Type.String(),
  entries: Type.Integer(),
  createdByMe: Type.Boolean(),
  approvedAt: Nullable(Type.String()),
});
export type DisclosureList = Static<typeof DisclosureList>;

export const DisclosureLists = Type.Object({ items: Type.Array(DisclosureList) });
export type DisclosureLists = Static<typeof DisclosureLists>;

export const PublicList = Type.Object({
  id: Type.Integer(),
  kind: DisclosureKind,
  title: Type.String(),
  asOf: Type.String(),
  officeName: Type.String(),
});
export type PublicList = Static<typeof PublicList>;

export const PublicLists = Type.Object({ items: Type.Array(PublicList) });
export type PublicLists = Static<typeof PublicLists>;

export const PublicListPage = Type.Object({ list: PublicList, total: Type.Integer(), items: Type.Array(ListEntry) });
export type PublicListPage = Static<typeof PublicListPage>;

const AwardReasons = Type.Array(Type.Union(AWARD_REASONS.map((r) => Type.Literal(r))), {
  description:
    "principal_outstanding, charge_outstanding, late_within_lookback (late at a close within the rule set's look-back)",
});
/** Xét khen thưởng: yes or no and why, never an amount. */
export const AwardCheck = Type.Object({
  taxCode: Type.String(),
  found: Type.Boolean(),
  eligible: Type.Boolean(),
  reasons: AwardReasons,
  employers: Type.Array(
    Type.Object({
      name: Type.String(),
      eligible: Type.Boolean(),
      reasons: AwardReasons,
      asOf: Nullable(Type.String()),
      basis: MaybeBasis,
    }),
  ),
});
export type AwardCheck = Static<typeof AwardCheck>;

export const AwardChecks = Type.Object({ items: Type.Array(AwardCheck) });
export type AwardChecks = Static<typeof AwardChecks>;

export const AwardQuery = Type.Object({ taxCode: Type.String({ pattern: TAX_CODE_PATTERN.source }) });
