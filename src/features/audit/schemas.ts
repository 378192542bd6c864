import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas.js';

export const AuditQuery = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 50 })),
  entityId: Type.Optional(Type.String({ maxLength: 50 })),
  beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
});

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  user: Nullable(Type.Object({ username: Type.String(), fullName: Type.String() })),
  officeCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditLog = Type.Object({ items: Type.Array(AuditEntry) });
export type AuditLog = Static<typeof AuditLog>;
