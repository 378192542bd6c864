import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas.js';
import { OfficeKind } from '../auth/schemas.js';

export const Office = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: OfficeKind,
  parentId: Nullable(Type.Integer()),
});
export type Office = Static<typeof Office>;

export const Offices = Type.Object({ items: Type.Array(Office) });
export type Offices = Static<typeof Offices>;

export const PlanParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
});
export const Plan = Type.Object(
  { amount: Type.Integer({ minimum: 1, maximum: 9e15 }) },
  { additionalProperties: false },
);
export type Plan = Static<typeof Plan>;
