import { Type, type Static } from '@sinclair/typebox';
import { EMAIL_PATTERN, USERNAME_PATTERN } from '../../domain/accounts.js';
import { ROLE_CODES } from '../../domain/organisation.js';
import { IdParams } from '../../http/schemas.js';
import { OfficeKind } from '../auth/schemas.js';

const Role = Type.Union(ROLE_CODES.map((r) => Type.Literal(r)));
const Email = Type.Union([Type.String({ pattern: EMAIL_PATTERN, maxLength: 200 }), Type.Null()]);
const FullName = Type.String({ minLength: 2, maxLength: 200 });

export const UserInScope = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  role: Type.String(),
  roleName: Type.String(),
  office: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: OfficeKind }),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
});
export type UserInScope = Static<typeof UserInScope>;

export const UserList = Type.Object({ items: Type.Array(UserInScope) });
export type UserList = Static<typeof UserList>;

export const NewUser = Type.Object({
  username: Type.String({ pattern: USERNAME_PATTERN }),
  fullName: FullName,
  role: Role,
  officeId: IdParams.properties.id,
  email: Type.Optional(Email),
});
export type NewUser = Static<typeof NewUser>;

export const UserChanges = Type.Object({
  fullName: Type.Optional(FullName),
  role: Type.Optional(Role),
  officeId: Type.Optional(IdParams.properties.id),
  email: Type.Optional(Email),
});
export type UserChanges = Static<typeof UserChanges>;

export const OneTimePassword = Type.Object({ oneTimePassword: Type.String() });
export type OneTimePassword = Static<typeof OneTimePassword>;

export const CreatedUser = Type.Object({ id: Type.Integer(), oneTimePassword: Type.String() });
export type CreatedUser = Static<typeof CreatedUser>;

export const UserFileQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) });

export const UserImportResult = Type.Object({
  created: Type.Array(
    Type.Object({
      line: Type.Integer(),
      username: Type.String(),
      fullName: Type.String(),
      oneTimePassword: Type.String(),
    }),
  ),
  unchanged: Type.Array(Type.String()),
});
export type UserImportResult = Static<typeof UserImportResult>;
