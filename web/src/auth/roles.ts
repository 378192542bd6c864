// The server's own rules (src/domain/organisation, src/domain/actions), so that the UI offers exactly what it accepts.
import { actionKindsOf, type ActionKind } from '../../../src/domain/actions';
import { disclosureKindsOf, type DisclosureKind } from '../../../src/domain/disclosure';
import { can, ROLE_CODES, type Capability, type RoleCode } from '../../../src/domain/organisation';
import type { User } from '../../../src/features/auth/schemas';
import type { CampaignSummary } from '../../../src/features/campaigns/schemas';

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

/**
 * The capability each page's data needs, as the server's routes require it (requireCapability in src/features/*
 * /routes.ts); a page not listed is open to every signed-in user. The menu and the landing page both read it, so a
 * role is never offered a page whose requests would be refused.
 */
export const PAGE_NEEDS: Readonly<Record<string, Capability>> = {
  '/worklist': 'action.write',
  '/campaigns': 'employer.read',
  '/oversight': 'employer.read',
  '/oversight/emulation': 'employer.read',
  '/oversight/inspection': 'employer.read',
  '/disclosure': 'disclosure.manage',
  '/feedback': 'employer.read',
  // POST /api/imports/:kind needs ledger.import: a grassroots officer would learn it only after uploading.
  '/imports': 'ledger.import',
  '/users': 'user.manage',
  '/offices/documents': 'office.manage',
};

export function mayOpen(user: Pick<User, 'role'>, page: string): boolean {
  const needs = PAGE_NEEDS[page];
  return needs === undefined || userCan(user, needs);
}

/**
 * Where a role's day starts, when it is a fixed page: an officer's worklist, the inspection's coverage and candidates,
 * communication's public lists, the administrator's accounts. A director and the collection board start on the
 * running campaign (landingOnCampaign); undefined for them and for a role the UI does not know.
 */
export function fixedLanding(user: Pick<User, 'role'>): string | undefined {
  switch (roleOf(user.role)) {
    case 'province_officer':
    case 'grassroots_officer':
      return '/worklist';
    case 'inspection':
      return '/oversight/inspection';
    case 'communication':
      return '/disclosure';
    case 'national_admin':
      return '/users';
    default:
      return undefined;
  }
}

/**
 * A director starts on today's report of the campaign running today, else on the province overview; the collection
 * board on today's national board of that campaign, else on the national overview.
 */
export function landingOnCampaign(
  user: Pick<User, 'role'> & { office: { id: number } },
  campaigns: readonly Pick<CampaignSummary, 'id' | 'firstDay' | 'lastDay'>[],
  today: string,
): string {
  const running = campaigns.find((c) => c.firstDay <= today && today <= c.lastDay);
  if (running === undefined) return '/oversight';
  return roleOf(user.role) === 'province_director'
    ? `/campaigns/${running.id}/reports/${user.office.id}/${today}`
    : `/campaigns/${running.id}/board?day=${today}`;
}
