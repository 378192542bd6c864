// The server's own rules (src/domain/organisation, src/domain/actions), so that the UI offers exactly what it accepts.
import { actionKindsOf, type ActionKind } from '../../../src/domain/actions';
import { disclosureKindsOf, type DisclosureKind } from '../../../src/domain/disclosure';
import { can, ROLE_CODES, type Capability, type RoleCode } from '../../../src/domain/organisation';
import type { User } from '../../../src/features/auth/schemas';

const roleOf = (role: string): RoleCode | undefined => ROLE_CODES.find((r) => r === role);

export function userCan(user: Pick<User, 'role'>, capability: Capability): boolean {
  const role = roleOf(user.role);
  return role !== undefined && can(role, capability);
}

/** The kinds of action the user may record; none for a role the UI does not know. */
export function actionKindsFor(user: Pick<User, 'role'>): readonly ActionKind[] {
  const role = roleOf(user.role);
  return role === undefined ? [] : actionKindsOf(role);
}

/** The public lists the user may assemble. */
export function disclosureKindsFor(user: Pick<User, 'role'>): readonly DisclosureKind[] {
  const role = roleOf(user.role);
  return role === undefined ? [] : disclosureKindsOf(role);
}
