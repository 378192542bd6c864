import type { EmployerLedger } from '../domain/arrears.js';
import type { Day, Fund, PaymentCycle } from '../domain/ledger.js';

/**
 * An employer's ledger as the database gives it (positions.ts, loadLedgerTexts): its obligations and its payments each
 * as one JSON text of a few column arrays. Text crosses to the engine's thread as cheaply as it comes from the
 * database, and the decoding is done where the computing is.
 */
export interface LedgerText {
  id: number;
  payment_cycle: PaymentCycle;
  obligations: string;
  payments: string;
}

/** The ledger of the texts; an employer without rows has null columns (array_agg of nothing). */
export function decodeLedger(r: LedgerText): EmployerLedger {
  const [periods, funds, amounts] = JSON.parse(r.obligations) as [string[] | null, Fund[] | null, number[] | null];
  const [dates, paid, references] = JSON.parse(r.payments) as [Day[] | null, number[] | null, string[] | null];
  return {
    paymentCycle: r.payment_cycle,
    obligations: (periods ?? []).map((period, i) => ({ period, fund: funds![i]!, amount: amounts![i]! })),
    payments: (dates ?? []).map((date, i) => ({ date, amount: paid![i]!, reference: references![i]! })),
  };
}
