import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { LADDER_STEPS } from '../domain/ladder.js';
import { ALLOCATIONS } from '../domain/rules.js';

/**
 * Shapes shared by many routes, named so the OpenAPI document shows them once. This module and the features'
 * schemas.ts files are the contract the web imports its types from (type-only), so they import nothing but TypeBox
 * and src/domain.
 */
export const ErrorBody = Type.Object(
  { code: Type.String(), message: Type.String() },
  { $id: 'Error', additionalProperties: true },
);
/** An error answer: a stable code, a message in the user's language, and whatever the code adds (rows, limits…). */
export type ErrorAnswer = Static<typeof ErrorBody> & Record<string, unknown>;
/** The shared error answer by reference, typed, so a route's answers are checked against its success shapes. */
export const ErrorRef = Type.Unsafe<ErrorAnswer>(Type.Ref('Error'));

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const errorResponses = {
  400: ErrorRef,
  401: ErrorRef,
  403: ErrorRef,
  404: ErrorRef,
} as const;

/** A file answered as it is (a workbook, a document, an archive): no JSON, so nothing to serialise. */
export const FileAnswer = (description: string) =>
  Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description });

export const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const Period = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'contribution month YYYY-MM' });
export const Money = Type.Integer({ description: 'whole VND' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * One of a fixed list of strings, checked as a union of literals. Typed as a tuple of literals, not an array of them:
 * the type provider reads the static type with its own TypeBox, which makes an array of literals `never`.
 */
export const literals = <const T extends readonly string[]>(values: T, options?: { default: T[number] }) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
/** One of a fixed list of strings in an answer: an enum in the document, serialised as the plain string it is. */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

export const OfficeRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });
export type OfficeRef = Static<typeof OfficeRef>;

/** A share carried exactly (domain/share): numerator ÷ denominator, shown as a percent rounded once by the client. */
export const ShareSchema = Type.Object(
  { numerator: Type.Integer(), denominator: Type.Integer({ minimum: 1 }) },
  { description: 'exact share numerator ÷ denominator; a percent is 100 × it, rounded where shown' },
);
export const MaybeShare = Type.Union([ShareSchema, Type.Null()]);
export type Share = Static<typeof ShareSchema>;

/** domain/basis: live figures (from the ledger as it is now) or a day's close, with the Vietnamese wording. */
export const FiguresBasisSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('live'), Type.Literal('close')]),
    asOf: CalendarDate,
    label: Type.String({ description: '"số liệu trực tiếp" or "chốt ngày dd/mm/yyyy"' }),
  },
  { description: "whether the figures are live (computed now from the ledger) or a day's close" },
);
export const MaybeBasis = Type.Union([FiguresBasisSchema, Type.Null()]);
export type FiguresBasis = Static<typeof FiguresBasisSchema>;
/** domain/basis: the rule set figures were computed under and how it allocates payments. */
export const RuleSetBasisSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    allocation: StringEnum(ALLOCATIONS, {
      description: '"by-fund" (rule set v2: fund by fund, charges after principal) or "by-period" (v1)',
    }),
  },
  { description: 'the rule set the figures were computed under' },
);
/** A reason given for cancelling or withdrawing something recorded (it is kept, with the reason). */
export const Reason = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 1000, pattern: '\\S' }) },
  { additionalProperties: false },
);
export const Created = Type.Object({ id: Type.Integer() });
export type Created = Static<typeof Created>;
export const NoContent = Type.Null();

/**
 * The filters every list of employers offers, for its page and its export alike (db/employer-list): words of the
 * code, tax code or name without diacritics, an office of the scope with those below it, a band, a step of the
 * ladder, a range of late amounts and the official assigned.
 */
export const EmployerListFilters = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'code, tax code or name words, diacritics optional' })),
  officeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  band: Type.Optional(Type.String({ pattern: '^(none|\\d{1,3}(-\\d{1,3}|\\+))$', description: "e.g. '3-5', '12+'" })),
  step: Type.Optional(literals(LADDER_STEPS)),
  minAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: 9e15 })),
  maxAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: 9e15 })),
  userId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'the official assigned' })),
};
/**
 * Per band, the employers a list keeps under its filters other than the band, and what they owe: the figures above a
 * list that are also its quickest filter.
 */
export const BandTotals = Type.Array(
  Type.Object({ band: Type.String(), employers: Type.Integer(), lateAmount: Money }),
);
/** The way a list is sorted, with the list's own default. */
export const sortOrder = (order: 'asc' | 'desc') =>
  Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: order });
/** A page of a list: the fields the list query adds to its filters. */
export const ListPaging = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};
