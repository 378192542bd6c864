import { Type, type Static } from '@sinclair/typebox';
import { CalendarDate, Money, Nullable } from '../../http/schemas.js';
import { Cancellation } from '../actions/schemas.js';

export const PromiseState = Type.Union([
  Type.Object({ status: Type.Literal('pending'), next: Type.Object({ dueOn: CalendarDate, outstanding: Money }) }),
  Type.Object({ status: Type.Literal('kept'), keptOn: CalendarDate }),
  Type.Object({ status: Type.Literal('broken'), brokenOn: CalendarDate, shortfall: Money, missedDueOn: CalendarDate }),
]);
export type PromiseState = Static<typeof PromiseState>;
export const Instalment = Type.Object(
  { dueOn: CalendarDate, amount: Type.Integer({ minimum: 1, maximum: 9e15 }) },
  { additionalProperties: false },
);
export type Instalment = Static<typeof Instalment>;
export const PromiseKind = Type.Union([Type.Literal('promise'), Type.Literal('instalment')]);
export type PromiseKind = Static<typeof PromiseKind>;

export const PaymentPromise = Type.Object({
  id: Type.Integer(),
  kind: PromiseKind,
  madeOn: CalendarDate,
  actionId: Nullable(Type.Integer()),
  note: Type.String(),
  instalments: Type.Array(Instalment),
  state: PromiseState,
  cancelled: Nullable(Cancellation),
});
export type PaymentPromise = Static<typeof PaymentPromise>;

export const PaymentPromises = Type.Object({ items: Type.Array(PaymentPromise) });
export type PaymentPromises = Static<typeof PaymentPromises>;

export const NewPromise = Type.Object(
  {
    kind: PromiseKind,
    madeOn: CalendarDate,
    instalments: Type.Array(Instalment, { minItems: 1, maxItems: 36 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    actionId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewPromise = Static<typeof NewPromise>;
