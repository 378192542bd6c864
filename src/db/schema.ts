import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Fund, EmployerStatus, Ownership, PaymentCycle } from '../domain/ledger.js';
import type { OfficeKind, RoleCode } from '../domain/organisation.js';

/** Hand-written table types for migrations/*.sql; a column added there is added here in the same change. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar date as 'YYYY-MM-DD' (the drivers are set to return date columns as text). */
type CalendarDate = string;

export interface OfficeTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: OfficeKind;
  parent_id: number | null;
  path: string;
}

export interface EmployerTable {
  id: Generated<number>;
  code: string;
  tax_code: string;
  name: string;
  address: string;
  office_id: number;
  province_id: number;
  ownership: Ownership;
  headcount: number;
  status: EmployerStatus;
  payment_cycle: PaymentCycle;
  search_text: string;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface ObligationTable {
  employer_id: number;
  period: string;
  fund: Fund;
  amount: number;
}

export interface PaymentTable {
  id: Generated<number>;
  employer_id: number;
  paid_on: CalendarDate;
  amount: number;
  reference: string;
}

export interface RoleTable {
  code: RoleCode;
  name_vi: string;
  name_en: string;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  password_hash: string;
  role: RoleCode;
  office_id: number;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: DefaultedTimestamp;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AssignmentTable {
  id: Generated<number>;
  employer_id: number;
  user_id: number;
  responsibility: 'leader' | 'official';
  assigned_from: CalendarDate;
  assigned_to: CalendarDate | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  office_id: number | null;
  before: unknown;
  after: unknown;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: DefaultedTimestamp;
}

export interface RuleSetTable {
  id: string;
  name: string;
  effective_from: CalendarDate;
  body: ColumnType<unknown, string, string>;
  created_at: DefaultedTimestamp;
}

export interface ArrearsPositionTable {
  employer_id: number;
  as_of: CalendarDate;
  rule_set_id: string;
  late_amount: number;
  overdue_months: number;
  band: string;
  oldest_unpaid_period: string | null;
  months_equivalent: number | null;
  charge: number;
  credit: number;
  late_bhxh: number;
  late_bhtnld: number;
  late_bhtn: number;
  late_bhyt: number;
  charge_bhxh: number;
  charge_bhtnld: number;
  charge_bhtn: number;
  charge_bhyt: number;
  computed_at: Timestamp;
}

export interface ImportBatchTable {
  id: Generated<number>;
  kind: 'employers' | 'obligations' | 'payments';
  file_name: string;
  sha256: string;
  rows: number;
  inserted: number;
  updated: number;
  user_id: number | null;
  imported_at: Timestamp;
}

export interface CollectionPlanTable {
  office_id: number;
  year: number;
  amount: number;
  updated_at: Date;
}

export interface Database {
  office: OfficeTable;
  employer: EmployerTable;
  obligation: ObligationTable;
  payment: PaymentTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  assignment: AssignmentTable;
  audit_log: AuditLogTable;
  schema_migration: SchemaMigrationTable;
  rule_set: RuleSetTable;
  arrears_position: ArrearsPositionTable;
  import_batch: ImportBatchTable;
  collection_plan: CollectionPlanTable;
}

export type OfficeRow = Selectable<OfficeTable>;
export type EmployerRow = Selectable<EmployerTable>;
export type NewEmployer = Insertable<EmployerTable>;
export type AppUserRow = Selectable<AppUserTable>;
