/** The vocabulary of the contribution ledger, shared by every layer. */

/** Quỹ: BHXH (hưu trí - tử tuất + ốm đau - thai sản), BHTNLĐ-BNN, BHTN, BHYT. */
export const FUNDS = ['BHXH', 'BHTNLD', 'BHTN', 'BHYT'] as const;
export type Fund = (typeof FUNDS)[number];

/** Loại hình đơn vị, as VSS classifies employers. */
export const OWNERSHIPS = ['state', 'fdi', 'private', 'public', 'cooperative', 'household', 'other'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** dissolved, bankrupt and absconded are the "khó thu" (hard to collect) statuses. */
export const EMPLOYER_STATUSES = ['active', 'suspended', 'dissolved', 'bankrupt', 'absconded'] as const;
export type EmployerStatus = (typeof EMPLOYER_STATUSES)[number];

/** Phương thức đóng: every month, every 3 months or every 6 months. */
export const PAYMENT_CYCLES = [1, 3, 6] as const;
export type PaymentCycle = (typeof PAYMENT_CYCLES)[number];

/** A contribution month, 'YYYY-MM'. */
export type Period = string;
/** A calendar day, 'YYYY-MM-DD'. */
export type Day = string;

/** Mã số thuế: 10 digits, or 10 digits and a 3-digit suffix for a branch. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;
