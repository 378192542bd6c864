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
  province: OfficeRef;
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
