import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Fund, EmployerStatus, Ownership, PaymentCycle } from '../domain/ledger.js';
import type { OfficeKind, RoleCode } from '../domain/organisation.js';
import type { ActionKind } from '../domain/actions.js';
import type { DeadlineRule } from '../domain/campaigns.js';
import type { DisclosureKind } from '../domain/disclosure.js';
import type { Due, LadderStep } from '../domain/ladder.js';
import type { ReportTemplate } from '../domain/report-figures.js';

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
  must_change_password: Generated<boolean>;
  email: string | null;
  password_changed_at: Timestamp | null;
  created_at: DefaultedTimestamp;
}

export interface UserSessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  address: Generated<string>;
  user_agent: Generated<string>;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

export interface RateLimitWindowTable {
  key: string;
  window_start: Timestamp;
  hits: number;
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
  address: string | null;
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
  /** Charges outstanding (accrued − paid); the charge_* columns likewise per fund. */
  charge: number;
  charge_accrued: Generated<number>;
  charge_paid: Generated<number>;
  /** Days since the deadline of the oldest unpaid overdue period. */
  days_late: Generated<number>;
  credit: number;
  late_bhxh: number;
  late_bhtnld: number;
  late_bhtn: number;
  late_bhyt: number;
  charge_bhxh: number;
  charge_bhtnld: number;
  charge_bhtn: number;
  charge_bhyt: number;
  charge_accrued_bhxh: Generated<number>;
  charge_accrued_bhtnld: Generated<number>;
  charge_accrued_bhtn: Generated<number>;
  charge_accrued_bhyt: Generated<number>;
  charge_paid_bhxh: Generated<number>;
  charge_paid_bhtnld: Generated<number>;
  charge_paid_bhtn: Generated<number>;
  charge_paid_bhyt: Generated<number>;
  /** Deadlines of the overdue periods, oldest first ('YYYY-MM-DD'). */
  overdue_deadlines: ColumnType<string[], string | undefined, string>;
  computed_at: Timestamp;
  /** ENGINE_VERSION of the computation that wrote the row. */
  engine_version: Generated<number>;
  /** The first day the position could change with the same ledger; 'infinity' for none; null when not known. */
  changes_on: string | null;
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

export interface EnforcementActionTable {
  id: Generated<number>;
  employer_id: number;
  kind: ActionKind;
  action_date: CalendarDate;
  official_id: number;
  document_number: string | null;
  outcome: string;
  follow_up_on: CalendarDate | null;
  fine: number | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  batch_id: number;
  recorded_by: number;
  recorded_at: Timestamp;
  cancelled_at: Timestamp | null;
  cancelled_by: number | null;
  cancel_reason: string | null;
}

export interface ActionAttachmentTable {
  id: Generated<number>;
  action_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  /** The bytes of an attachment stored before the files folder (0011); null for the others. */
  content: Uint8Array | null;
  /** Where the file lies, relative to the files folder; null for an attachment stored in `content`. */
  stored_path: string | null;
  uploaded_by: number;
  uploaded_at: Timestamp;
}

export interface DocumentCounterTable {
  office_id: number;
  year: number;
  last_number: number;
}

/** Người ký: how an office's documents are signed (migration 0017). */
export interface OfficeSignerTable {
  office_id: number;
  head_name: string;
  deputy_name: string | null;
  by_deputy: Generated<boolean>;
  updated_at: Date;
  updated_by: number;
}

export type DocumentKind = 'urging_letter' | 'invitation' | 'meeting_minutes' | 'referral_cover' | 'evidence_file';

export interface GeneratedDocumentTable {
  id: Generated<number>;
  kind: DocumentKind;
  employer_id: number;
  action_id: number | null;
  office_id: number;
  year: number;
  number: number | null;
  full_number: string | null;
  file_name: string;
  figures: ColumnType<unknown, string, string>;
  docx: Uint8Array;
  created_by: number;
  created_at: Timestamp;
}

export interface PaymentPromiseTable {
  id: Generated<number>;
  employer_id: number;
  kind: 'promise' | 'instalment';
  made_on: CalendarDate;
  action_id: number | null;
  note: string;
  recorded_by: number;
  recorded_at: Timestamp;
  cancelled_at: Timestamp | null;
  cancelled_by: number | null;
  cancel_reason: string | null;
}

export interface PromiseInstalmentTable {
  promise_id: number;
  seq: number;
  due_on: CalendarDate;
  amount: number;
}

export interface LadderPositionTable {
  employer_id: number;
  step: LadderStep;
  since: CalendarDate;
  due: ColumnType<Due[], string, string>;
  next_due_on: CalendarDate | null;
  broken_promise: boolean;
  referral_clause: number | null;
  evaluated_on: CalendarDate;
}

export interface LadderMoveTable {
  id: Generated<number>;
  employer_id: number;
  step: LadderStep;
  entered_on: CalendarDate;
  left_on: CalendarDate | null;
}

export interface ReportTemplateTable {
  id: string;
  version: number;
  body: ColumnType<ReportTemplate, string, string>;
  created_at: DefaultedTimestamp;
}

export interface CampaignTable {
  id: Generated<number>;
  name: string;
  legal_basis: string;
  first_day: CalendarDate;
  last_day: CalendarDate;
  first_day_deadline: ColumnType<DeadlineRule, string, string>;
  daily_deadline: ColumnType<DeadlineRule, string, string>;
  baseline_date: CalendarDate;
  target_late_ratio: number | null;
  template_id: string;
  template_version: number;
  created_by: number;
  created_at: Timestamp;
}

export interface CampaignProvinceTable {
  campaign_id: number;
  office_id: number;
}

export interface CampaignReportTable {
  id: Generated<number>;
  campaign_id: number;
  office_id: number;
  report_day: CalendarDate;
  version: number;
  figures: ColumnType<unknown, string, never>;
  notes: ColumnType<{ difficulties: string; proposals: string; directorNote: string }, string, never>;
  data_version: ColumnType<unknown, string, never>;
  amendment_reason: string | null;
  submitted_by: number;
  submitted_at: Timestamp;
}

export interface NoticeTable {
  id: Generated<number>;
  user_id: number;
  key: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface DisclosureListTable {
  id: Generated<number>;
  kind: DisclosureKind;
  office_id: number;
  title: string;
  criteria: ColumnType<unknown, string, never>;
  as_of: CalendarDate;
  status: 'draft' | 'approved' | 'superseded' | 'withdrawn';
  updates_id: number | null;
  created_by: number;
  created_at: Timestamp;
  approved_by: number | null;
  approved_at: Timestamp | null;
  withdrawn_by: number | null;
  withdrawn_at: Timestamp | null;
  withdraw_reason: string | null;
}

export interface DisclosureEntryTable {
  list_id: number;
  employer_id: number;
  name: string;
  tax_code: string;
  address: string;
  search_text: string;
  months_late: number;
  amount: number;
  status: 'listed' | 'paid';
}

export interface FeedbackThreadTable {
  id: Generated<number>;
  office_id: number;
  category: 'difficulty' | 'proposal';
  title: string;
  status: 'open' | 'answered' | 'closed';
  created_by: number;
  created_at: Timestamp;
}

export interface FeedbackMessageTable {
  id: Generated<number>;
  thread_id: number;
  author_id: number;
  body: string;
  created_at: Timestamp;
}

export interface ArrearsSnapshotTable {
  as_of: CalendarDate;
  office_id: number;
  ownership: string;
  band: string;
  employers: number;
  late_employers: number;
  late_amount: number;
  charge: number;
}

export interface InstallationTable {
  id: Generated<boolean>;
  purpose: 'demo' | 'production';
  state: 'loading' | 'ready';
  created_at: Timestamp;
  ready_at: Timestamp | null;
}

/** A named background job: its lease across app servers and its last run (migration 0013). */
export interface JobLeaseTable {
  name: string;
  holder: string | null;
  expires_at: Timestamp | null;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  last_outcome: 'ok' | 'failed' | 'stopped' | null;
  last_summary: string | null;
  done_for: string | null;
}

/** A large import being applied in steps on the embedded database (migration 0014). */
export interface ImportPendingTable {
  stage: string;
  kind: 'obligations' | 'payments';
  applied_through: Generated<number>;
  started_at: Generated<Timestamp>;
}

export interface Database {
  office: OfficeTable;
  employer: EmployerTable;
  obligation: ObligationTable;
  payment: PaymentTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  login_throttle: LoginThrottleTable;
  rate_limit_window: RateLimitWindowTable;
  assignment: AssignmentTable;
  audit_log: AuditLogTable;
  schema_migration: SchemaMigrationTable;
  rule_set: RuleSetTable;
  arrears_position: ArrearsPositionTable;
  import_batch: ImportBatchTable;
  collection_plan: CollectionPlanTable;
  enforcement_action: EnforcementActionTable;
  action_attachment: ActionAttachmentTable;
  document_counter: DocumentCounterTable;
  office_signer: OfficeSignerTable;
  generated_document: GeneratedDocumentTable;
  payment_promise: PaymentPromiseTable;
  promise_instalment: PromiseInstalmentTable;
  ladder_position: LadderPositionTable;
  ladder_move: LadderMoveTable;
  report_template: ReportTemplateTable;
  campaign: CampaignTable;
  campaign_province: CampaignProvinceTable;
  campaign_report: CampaignReportTable;
  notice: NoticeTable;
  disclosure_list: DisclosureListTable;
  disclosure_entry: DisclosureEntryTable;
  feedback_thread: FeedbackThreadTable;
  feedback_message: FeedbackMessageTable;
  arrears_snapshot: ArrearsSnapshotTable;
  installation: InstallationTable;
  job_lease: JobLeaseTable;
  import_pending: ImportPendingTable;
}

/** What a query runs on: the database, or a transaction open on it. */
export type Db = Kysely<Database> | Transaction<Database>;

export type OfficeRow = Selectable<OfficeTable>;
export type EmployerRow = Selectable<EmployerTable>;
export type NewEmployer = Insertable<EmployerTable>;
export type AppUserRow = Selectable<AppUserTable>;
