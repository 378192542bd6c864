/** Offices, roles and what each role may do: the rules behind every scope check. */

export const OFFICE_KINDS = ['national', 'department', 'province', 'grassroots'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const ROLE_CODES = [
  'national_admin',
  'collection_board',
  'inspection',
  'communication',
  'province_director',
  'province_officer',
  'grassroots_officer',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export type Capability =
  | 'employer.read'
  | 'employer.write'
  | 'assignment.write'
  | 'audit.read'
  | 'user.read'
  | 'ledger.import'
  /** Giao kế hoạch thu: set the collection plan of the offices below one's own. */
  | 'plan.assign'
  /** Record actions and promises on employers (which kinds: actionKindsOf). */
  | 'action.write'
  /** Create campaigns (đợt cao điểm) and their report templates. */
  | 'campaign.manage'
  /** Submit and amend the province's daily campaign report. */
  | 'report.submit'
  /** Assemble, approve and withdraw public lists of late employers and good payers. */
  | 'disclosure.manage'
  /** Quản lý người dùng: create, edit, disable and reset the accounts of one's scope. */
  | 'user.manage'
  /** Who signs an office's documents and where its register of outgoing documents stands. */
  | 'office.manage';

const CAPABILITIES: Record<RoleCode, readonly Capability[]> = {
  national_admin: [
    'employer.read',
    'employer.write',
    'assignment.write',
    'audit.read',
    'user.read',
    'ledger.import',
    'plan.assign',
    'action.write',
    'campaign.manage',
    'disclosure.manage',
    'user.manage',
    'office.manage',
  ],
  collection_board: ['employer.read', 'audit.read', 'user.read', 'plan.assign', 'campaign.manage'],
  inspection: ['employer.read', 'action.write', 'disclosure.manage'],
  communication: ['employer.read', 'action.write', 'disclosure.manage'],
  province_director: [
    'employer.read',
    'employer.write',
    'assignment.write',
    'audit.read',
    'user.read',
    'ledger.import',
    'plan.assign',
    'action.write',
    'report.submit',
    'disclosure.manage',
    'user.manage',
    'office.manage',
  ],
  province_officer: ['employer.read', 'employer.write', 'ledger.import', 'action.write'],
  grassroots_officer: ['employer.read', 'employer.write', 'action.write'],
};

export function can(role: RoleCode, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

/**
 * How far a role reaches: an account manager may give a role up to their own, never above it. The national
 * departments rank above a province since they act on every province.
 */
const ROLE_LEVEL: Record<RoleCode, number> = {
  national_admin: 4,
  collection_board: 3,
  inspection: 3,
  communication: 3,
  province_director: 2,
  province_officer: 1,
  grassroots_officer: 1,
};

export function mayGrantRole(granter: RoleCode, role: RoleCode): boolean {
  return ROLE_LEVEL[role] <= ROLE_LEVEL[granter];
}

/** Which offices a role may sit in: national roles work at the national office or a department. */
export function roleFitsOffice(role: RoleCode, kind: OfficeKind): boolean {
  switch (role) {
    case 'national_admin':
    case 'collection_board':
    case 'inspection':
    case 'communication':
      return kind === 'national' || kind === 'department';
    case 'province_director':
    case 'province_officer':
      return kind === 'province';
    case 'grassroots_officer':
      return kind === 'grassroots';
  }
}

/**
 * The subtree of offices a user sees, as a path prefix. National offices and departments oversee the whole country,
 * so their scope is the root; a provincial or grassroots user sees their own office and what lies below it.
 */
export function scopePath(office: { kind: OfficeKind; path: string }): string {
  if (office.kind === 'national' || office.kind === 'department') {
    const rootId = office.path.split('/')[1];
    return `/${rootId}/`;
  }
  return office.path;
}

export function isInScope(scope: string, officePath: string): boolean {
  return officePath.startsWith(scope);
}

/**
 * The row of an office's own employers beside the offices below it (BHXH tỉnh manages some employers itself, as
 * "văn phòng BHXH tỉnh"), so that the rows of a breakdown by office add up to the office's figure. The same name on
 * the dashboard and in the report to the People's Committee.
 */
export function directlyManagedName(officeName: string): string {
  return `${officeName} (trực tiếp quản lý)`;
}
