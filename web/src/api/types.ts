/** The shapes the server's API returns (see the OpenAPI document at /docs). */

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

export interface FundPosition {
  late: number;
  charge: number;
}

export interface ArrearsPosition {
  asOf: string;
  ruleSet: { id: string; name: string };
  lateAmount: number;
  overdueMonths: number;
  band: string;
  oldestUnpaidPeriod: string | null;
  monthsEquivalent: number | null;
  charge: number;
  credit: number;
  byFund: Record<Fund, FundPosition>;
  warnings: string[];
  explanation: {
    allocations: {
      source: 'payment' | 'correction';
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
      chargeDays: number;
    }[];
    charges: Record<Fund, { daily: string; monthly: string; exact: string; rounded: number }>;
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
  line: number;
  column: number;
  columnName: string;
  message: string;
}

export type ImportKind = 'employers' | 'obligations' | 'payments';

export interface ImportResult {
  status: 'imported' | 'unchanged';
  kind: ImportKind;
  rows: number;
  inserted?: number;
  updated?: number;
  employers?: number;
}
