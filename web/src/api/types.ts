/** The shapes the server's API returns (see the OpenAPI document at /docs). */
import type { ActionKind } from '../../../src/domain/actions';
import type { DeadlineRule, Timeliness } from '../../../src/domain/campaigns';
import type { AwardReason, DisclosureKind } from '../../../src/domain/disclosure';
import type { EmulationScore } from '../../../src/domain/emulation';
import type { LadderStep } from '../../../src/domain/ladder';
import type { FigureRow, FigureValue, Indicator } from '../../../src/domain/report-figures';
import type { Share } from '../../../src/domain/share';

export type { ActionKind, AwardReason, DeadlineRule, DisclosureKind, FigureRow, FigureValue, Indicator, LadderStep, Share };

export type OfficeKind = 'national' | 'department' | 'province' | 'grassroots';
export type Ownership = 'state' | 'fdi' | 'private' | 'public' | 'cooperative' | 'household' | 'other';
export type EmployerStatus = 'active' | 'suspended' | 'dissolved' | 'bankrupt' | 'absconded';
export type Fund = 'BHXH' | 'BHTNLD' | 'BHTN' | 'BHYT';

export const OWNERSHIPS: Ownership[] = ['private', 'fdi', 'state', 'public', 'cooperative', 'household', 'other'];
export const STATUSES: EmployerStatus[] = ['active', 'suspended', 'dissolved', 'bankrupt', 'absconded'];
export const FUNDS: Fund[] = ['BHXH', 'BHTNLD', 'BHTN', 'BHYT'];

export interface User {
  id: number;
  username: string;
  fullName: string;
  role: string;
  roleName: string;
  office: { id: number; code: string; name: string; kind: OfficeKind };
  /** Signed in with a one-time password: nothing but changing it is allowed. */
  mustChangePassword: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Office {
  id: number;
  code: string;
  name: string;
  kind: OfficeKind;
  parentId: number | null;
}

export interface OfficeRef {
  id: number;
  code: string;
  name: string;
}

export interface EmployerSummary {
  id: number;
  code: string;
  taxCode: string;
  name: string;
  address: string;
  office: OfficeRef;
  province: OfficeRef | null;
  ownership: Ownership;
  headcount: number;
  status: EmployerStatus;
  paymentCycle: 1 | 3 | 6;
}

export interface EmployerDetail extends EmployerSummary {
  createdAt: string;
  updatedAt: string;
  assignments: {
    id: number;
    user: { id: number; fullName: string; username: string };
    responsibility: 'leader' | 'official';
    assignedFrom: string;
  }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Ledger {
  months: { period: string; due: Record<Fund | 'total', number> }[];
  payments: { id: number; date: string; amount: number; reference: string }[];
  totals: { due: number; paid: number };
}

/** Per fund: principal late, and its charges outstanding (charge = chargeAccrued − chargePaid), accrued and paid. */
export interface FundPosition {
  late: number;
  charge: number;
  chargeAccrued: number;
  chargePaid: number;
}

/** A row of the unpaid months table: a contribution month across funds. */
export interface UnpaidMonth {
  period: string;
  deadline: string;
  unpaid: number;
  daysLate: number;
  chargeDays: number;
  charge: number;
}

export interface ArrearsPosition {
  asOf: string;
  ruleSet: { id: string; name: string; allocation: string };
  lateAmount: number;
  overdueMonths: number;
  band: string;
  daysLate: number;
  oldestUnpaidPeriod: string | null;
  monthsEquivalent: number | null;
  charge: number;
  chargeAccrued: number;
  chargePaid: number;
  credit: number;
  byFund: Record<Fund, FundPosition>;
  /** Old-regime rates missing where they change this employer's figures. */
  missingRates: { fund: Fund; year: number }[];
  warnings: string[];
  /** Σ months.charge + chargeOnPaidPrincipal = chargeAccrued; chargeAccrued − chargePaid = charge. */
  monthTable: {
    months: UnpaidMonth[];
    chargeOnPaidPrincipal: number;
    chargeAccrued: number;
    chargePaid: number;
    charge: number;
    lateAmount: number;
  };
  explanation: {
    allocations: {
      source: 'payment' | 'correction' | 'credit';
      reference: string;
      date: string;
      period: string;
      fund: Fund;
      amount: number;
      deadline: string;
      chargeDays: number;
    }[];
    outstanding: {
      period: string;
      fund: Fund;
      deadline: string;
      due: number;
      unpaid: number;
      overdue: boolean;
      daysLate: number;
      chargeDays: number;
      charge: number;
    }[];
    chargePayments: { source: 'payment' | 'credit'; reference: string; date: string; fund: Fund; amount: number }[];
    charges: Record<Fund, { daily: string; monthly: string; exact: string; rounded: number; onPaidPrincipal: number }>;
  };
}

export interface LateEmployer {
  id: number;
  code: string;
  taxCode: string;
  name: string;
  ownership: Ownership;
  status: EmployerStatus;
  headcount: number;
  officeName: string;
  lateAmount: number;
  overdueMonths: number;
  band: string;
  oldestUnpaidPeriod: string | null;
  monthsEquivalent: number | null;
  charge: number;
  daysLate: number;
  chargeAccrued: number;
  chargePaid: number;
}

export interface LatePage extends Page<LateEmployer> {
  asOf: string | null;
  totals: { lateAmount: number; charge: number };
}

export interface OfficeArrears {
  id: number;
  code: string;
  name: string;
  kind: OfficeKind;
  employers: number;
  lateEmployers: number;
  lateAmount: number;
  charge: number;
  receivable: number;
  /** Kế hoạch thu assigned for the year, if any. */
  plan: number | null;
  lateRatio: number | null;
}

export interface ArrearsSummary {
  asOf: string | null;
  year: number;
  denominator: 'receivable' | 'plan';
  offices: OfficeArrears[];
}

export interface FieldError {
  file: string;
  /** The spreadsheet's row. */
  line: number;
  column: number;
  columnLetter: string;
  columnName: string;
  code: string;
  message: string;
}

export type ImportKind = 'employers' | 'obligations' | 'payments';

export interface ImportExample {
  line: number;
  status: 'new' | 'changed';
  key: string;
  before: string | number | null;
  after: string | number;
}

export interface ImportResult {
  /** `checked`: a dry run, nothing written. */
  status: 'imported' | 'unchanged' | 'checked';
  kind: ImportKind;
  rows: number;
  inserted?: number;
  updated?: number;
  unchanged?: number;
  examples?: ImportExample[];
  employers?: number;
}


export type DueReason =
  | 'monthly_reminder' | 'no_response' | 'invited' | 'months_late' | 'evasion' | 'penal_code_216' | 'instalment_due'
  | 'promise_broken';

/** The actions src/domain/ladder makes due, and checking the next instalment of an agreement. */
export type DueAction =
  | 'urging_letter' | 'invitation' | 'working_session' | 'surprise_inspection' | 'sanction' | 'prosecution_referral'
  | 'instalment_check';

/** A task on the ladder: an action due by a day. */
export interface DueTask {
  action: DueAction;
  by: string;
  reason: DueReason;
}

export type WorklistTier = 'today' | 'this_week' | 'later';

export interface WorklistItem {
  employer: { id: number; code: string; name: string; taxCode: string; status: EmployerStatus; officeName: string };
  responsibility: 'leader' | 'official';
  tier: WorklistTier;
  lateAmount: number;
  overdueMonths: number;
  band: string;
  charge: number;
  step: LadderStep;
  since: string | null;
  due: DueTask[];
  brokenPromise: boolean;
  followUpOn: string | null;
}

export interface Worklist extends Page<WorklistItem> {
  /** The server's today in Việt Nam: tasks due before it are overdue, and new actions are dated on it. */
  asOf: string;
  official: { id: number; fullName: string };
  counts: Record<WorklistTier, number>;
}

/** Kind-specific fields, printed on the generated document. */
export interface ActionDetails {
  meetingWhen?: string;
  meetingPlace?: string;
  contact?: string;
  participants?: string[];
  content?: string;
  conclusion?: string;
  agency?: string;
  enclosures?: string[];
  conference?: string;
}

export interface NewAction {
  employerIds: number[];
  kind: ActionKind;
  date: string;
  officialId?: number;
  documentNumber?: string;
  outcome?: string;
  followUpOn?: string;
  fine?: number;
  details?: ActionDetails;
  generateDocument?: boolean;
}

export interface RecordedActions {
  batchId: number;
  actions: { id: number; employerId: number; documentId: number | null; documentNumber: string | null }[];
}

export interface Cancellation {
  at: string;
  reason: string;
}

export interface EmployerAction {
  id: number;
  kind: ActionKind;
  date: string;
  official: { id: number; fullName: string };
  documentNumber: string | null;
  outcome: string;
  followUpOn: string | null;
  fine: number | null;
  details: ActionDetails;
  batchId: number;
  countsAsUrging: boolean;
  recordedAt: string;
  cancelled: Cancellation | null;
  documents: { id: number; kind: string; number: string | null; fileName: string }[];
  attachments: { id: number; fileName: string; contentType: string; size: number }[];
}

export type PromiseKind = 'promise' | 'instalment';

export type PromiseState =
  | { status: 'pending'; next: { dueOn: string; outstanding: number } }
  | { status: 'kept'; keptOn: string }
  | { status: 'broken'; brokenOn: string; shortfall: number; missedDueOn: string };

export interface Instalment {
  dueOn: string;
  amount: number;
}

export interface PaymentPromise {
  id: number;
  kind: PromiseKind;
  madeOn: string;
  actionId: number | null;
  note: string;
  instalments: Instalment[];
  state: PromiseState;
  cancelled: Cancellation | null;
}

export interface NewPromise {
  kind: PromiseKind;
  madeOn: string;
  instalments: Instalment[];
  note?: string;
  actionId?: number;
}

export interface Ladder {
  step: LadderStep;
  since: string | null;
  due: DueTask[];
  brokenPromise: boolean;
  /** The Penal Code Art. 216 clause reached, for a referral candidate or a referred employer. */
  referralClause: number | null;
  evaluatedOn: string | null;
  /** Newest first. */
  moves: { step: LadderStep; enteredOn: string; leftOn: string | null }[];
}

export interface EvidenceFile {
  /** The stored document, downloadable like any other. */
  id: number;
  criteria: { label: string; met: boolean; detail: string }[];
}

export interface UserInScope {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  role: string;
  roleName: string;
  office: OfficeRef & { kind: OfficeKind };
  active: boolean;
  mustChangePassword: boolean;
}

export interface UserFields {
  username: string;
  fullName: string;
  role: string;
  officeId: number;
  email?: string | null;
}

/** An open session, as its owner or an account manager sees it. */
export interface OpenSession {
  id: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string;
  userAgent: string;
  current: boolean;
}

export interface UserImportResult {
  created: { line: number; username: string; fullName: string; oneTimePassword: string }[];
  unchanged: string[];
}

export interface BulkAssignment {
  userId: number;
  responsibility: 'leader' | 'official';
  officeId: number;
  ownership?: Ownership;
  minHeadcount?: number;
  maxHeadcount?: number;
  onlyLate?: boolean;
}

export interface CampaignSummary {
  id: number;
  name: string;
  legalBasis: string;
  firstDay: string;
  lastDay: string;
  baselineDate: string;
  /** Percent, e.g. 2.5. */
  targetLateRatio: number | null;
}

export interface NewCampaign {
  name: string;
  legalBasis: string;
  firstDay: string;
  lastDay: string;
  firstDayDeadline: DeadlineRule;
  dailyDeadline: DeadlineRule;
  baselineDate: string;
  targetLateRatio?: number;
  /** All provinces when left out. */
  provinceIds?: number[];
}

export interface Campaign extends CampaignSummary {
  firstDayDeadline: DeadlineRule;
  dailyDeadline: DeadlineRule;
  /** The participating provinces within the user's scope. */
  provinces: OfficeRef[];
  days: { day: string; deadline: string }[];
}

/** Đúng hạn / trễ hạn / không báo cáo, or open while the deadline has not passed. */
export type ReportStatus = Timeliness;

export interface ReportFigures {
  rows: FigureRow[];
  denominators: { baseline: number | null; day: number | null };
  dataVersion: { importBatch: number; action: number; payment: number; computedAt: string };
}

export interface ReportNotes {
  difficulties: string;
  proposals: string;
  directorNote: string;
}

export interface ReportVersion {
  version: number;
  figures: ReportFigures;
  notes: ReportNotes;
  amendmentReason: string | null;
  submittedBy: { id: number; fullName: string };
  submittedAt: string;
}

export interface ProvinceReport {
  campaign: { id: number; name: string; legalBasis: string };
  province: OfficeRef;
  day: string;
  deadline: string;
  status: ReportStatus;
  /** Oldest first. */
  versions: ReportVersion[];
  /** What a submission would freeze, from the data now; null for a day not yet come. */
  draft: ReportFigures | null;
  footnotes: string[];
}

export interface ReportRef {
  campaignId: number;
  officeId: number;
  day: string;
}

export interface Breakdown {
  employers: { employerId: number; code: string; name: string; lateAmount: number; overdueMonths: number }[];
  actions: { id: number; employerId: number; code: string; name: string; kind: ActionKind; date: string; documentNumber: string | null }[];
  payments: { employerId: number; code: string; name: string; date: string; amount: number; reference: string }[];
}

export interface BoardProvince {
  province: OfficeRef;
  status: ReportStatus;
  /** The first submission's time, which decides timeliness. */
  submittedAt: string | null;
  figures: ReportFigures | null;
  lateRatio: Share | null;
  baselineLateRatio: Share | null;
  /** The late amount's change from the baseline over the baseline: negative is a decrease. */
  change: Share | null;
  recovered: number | null;
  timeliness: { onTime: number; late: number; missing: number; rate: Share | null };
}

export interface RankingEntry<V = Share> {
  rank: number;
  province: OfficeRef;
  value: V;
}

export interface Board {
  campaign: { id: number; name: string; legalBasis: string; targetLateRatio: number | null };
  day: string;
  deadline: string;
  provinces: BoardProvince[];
  national: FigureRow[];
  /** Recovered each day of the campaign so far, from each day's latest reports. */
  recoveryByDay: { day: string; amount: number; reports: number }[];
  /** byChange: the largest decrease of the late amount from the baseline first, increases last. */
  rankings: { byLateRatio: RankingEntry[]; byChange: RankingEntry[]; byRecovered: RankingEntry<number>[] };
  footnotes: string[];
}

export interface Notice {
  id: number;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

/** Nhóm số tháng chậm đóng, as the arrears engine bands it. */
export type Band = '1-2' | '3-5' | '6-11' | '12+';
export const BANDS: Band[] = ['1-2', '3-5', '6-11', '12+'];

export interface TrendPoint {
  asOf: string;
  employers: number;
  lateEmployers: number;
  lateAmount: number;
  lateRatio: Share | null;
}

export interface Trend {
  office: OfficeRef;
  /** Oldest first: one per close (daily lately, month ends before). */
  points: TrendPoint[];
}

export interface LateGroup {
  key: string;
  lateEmployers: number;
  lateAmount: number;
}

export interface OfficeLate extends OfficeRef {
  /** The employers the office manages itself (its id is the office's own), not an office below it. */
  direct: boolean;
  lateEmployers: number;
  lateAmount: number;
}

/** The latest close of an office's subtree, by band, by ownership type and by the offices just below it. */
export interface LateBreakdown {
  office: OfficeRef;
  asOf: string | null;
  byBand: LateGroup[];
  byOwnership: LateGroup[];
  byOffice: OfficeLate[];
}

export interface InspectionCoverage {
  province: OfficeRef;
  /** The rule set's months for a surprise inspection: lateThreeMonths counts employers late this many or more. */
  minMonths: number;
  lateThreeMonths: number;
  surpriseInspected: number;
  /** Share of the employers late 3 months or more inspected this year; null when there are none. */
  coverage: Share | null;
  sanctions: number;
  fines: number;
}

export interface InspectionCandidate {
  employer: { id: number; code: string; name: string; officeName: string; headcount: number };
  lateAmount: number;
  overdueMonths: number;
}

export const CRITERIA = ['reduction', 'target', 'timeliness', 'inspectionCoverage', 'recoveryAfterInspection'] as const;
export type CriterionKey = (typeof CRITERIA)[number];

/** A province's year-end emulation score; from and to are the first and last closes of the year. */
export interface EmulationRow extends EmulationScore {
  province: OfficeRef;
  from: string | null;
  to: string | null;
}

export type ListStatus = 'draft' | 'approved' | 'superseded' | 'withdrawn';

export interface DisclosureList {
  id: number;
  kind: DisclosureKind;
  title: string;
  asOf: string;
  status: ListStatus;
  officeName: string;
  entries: number;
  createdByMe: boolean;
  approvedAt: string | null;
}

export interface ListEntry {
  name: string;
  taxCode: string;
  address: string;
  monthsLate: number;
  amount: number;
  /** Paid: on the list it updates, and has since cleared its debt. */
  status: 'listed' | 'paid';
}

export interface EntryPage {
  total: number;
  items: ListEntry[];
}

export interface PublicList {
  id: number;
  kind: DisclosureKind;
  title: string;
  asOf: string;
  officeName: string;
}

/** Xét khen thưởng: yes or no and why, never an amount. */
export interface AwardCheck {
  taxCode: string;
  found: boolean;
  eligible: boolean;
  reasons: AwardReason[];
  employers: { name: string; eligible: boolean; reasons: AwardReason[]; asOf: string | null }[];
}

export type FeedbackCategory = 'difficulty' | 'proposal';
export type FeedbackStatus = 'open' | 'answered' | 'closed';

export interface FeedbackSummary {
  id: number;
  officeName: string;
  category: FeedbackCategory;
  title: string;
  status: FeedbackStatus;
  createdAt: string;
  messages: number;
}

export interface FeedbackThread {
  id: number;
  officeName: string;
  category: FeedbackCategory;
  title: string;
  status: FeedbackStatus;
  /** Oldest first; the first is the question itself. */
  messages: { id: number; author: string; office: string; body: string; createdAt: string }[];
}
