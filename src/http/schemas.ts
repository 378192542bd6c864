import { Type, type TSchema } from '@sinclair/typebox';

/** Shapes shared by many routes, named so the OpenAPI document shows them once. */
export const ErrorBody = Type.Object(
  { code: Type.String(), message: Type.String() },
  { $id: 'Error', additionalProperties: true },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const errorResponses = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
} as const;

export const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const Period = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'contribution month YYYY-MM' });

/** A share carried exactly (domain/share): numerator ÷ denominator, shown as a percent rounded once by the client. */
export const ShareSchema = Type.Object(
  { numerator: Type.Integer(), denominator: Type.Integer({ minimum: 1 }) },
  { description: 'exact share numerator ÷ denominator; a percent is 100 × it, rounded where shown' },
);
export const MaybeShare = Type.Union([ShareSchema, Type.Null()]);

/** domain/basis: live figures (from the ledger as it is now) or a day's close, with the Vietnamese wording. */
export const FiguresBasisSchema = Type.Object({
  kind: Type.Union([Type.Literal('live'), Type.Literal('close')]),
  asOf: CalendarDate,
  label: Type.String({ description: '"số liệu trực tiếp" or "chốt ngày dd/mm/yyyy"' }),
}, { description: 'whether the figures are live (computed now from the ledger) or a day\'s close' });
export const MaybeBasis = Type.Union([FiguresBasisSchema, Type.Null()]);
