import { Type, type Static } from '@sinclair/typebox';
import { OFFICE_KINDS } from '../../domain/organisation.js';
import { MAX_LENGTH } from '../../domain/password-policy.js';
import { StringEnum } from '../../http/schemas.js';

export const OfficeKind = StringEnum(OFFICE_KINDS);

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  role: Type.String(),
  roleName: Type.String(),
  office: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: OfficeKind }),
  /** Signed in with a one-time password: nothing but changing it is allowed. */
  mustChangePassword: Type.Boolean(),
});
export type User = Static<typeof User>;

export const Session = Type.Object({ user: User, csrfToken: Type.String() });
export type Session = Static<typeof Session>;

const Password = Type.String({ minLength: 1, maxLength: MAX_LENGTH * 4 });

export const Login = Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Password });
export type Login = Static<typeof Login>;

export const PasswordChange = Type.Object({ currentPassword: Password, newPassword: Password });
export type PasswordChange = Static<typeof PasswordChange>;

/** An open session, as its owner or an account manager sees it. */
export const OpenSession = Type.Object({
  id: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  address: Type.String(),
  userAgent: Type.String(),
  current: Type.Boolean(),
});
export type OpenSession = Static<typeof OpenSession>;

export const OpenSessions = Type.Object({ items: Type.Array(OpenSession) });
export type OpenSessions = Static<typeof OpenSessions>;
