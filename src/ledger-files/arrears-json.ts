import { FUNDS } from '../domain/ledger.js';
import { periodFromIndex } from '../domain/periods.js';
import type { RuleSet } from '../domain/rules.js';
import type { Positions } from './partition.js';

/**
 * One employer of `dondoc arrears --json` (arrears.md "Output"), written field by field in the contract's order: the
 * same text JSON.stringify gives, at a fraction of the cost for half a million employers. An employer with a figure
 * beyond 2^53 is written from its exact figures. Used where the positions are: the partition threads write their own
 * employers' rows, so the national output is written on every core.
 */
export function employerArrearsJson(code: string, positions: Positions, i: number, rules: RuleSet): string {
  const p = positions.columns;
  const big = positions.exact.get(i);
  const F = FUNDS.length;
  const byFund = FUNDS.map((f, k) => {
    const x = big
      ? big.byFund[f]
      : {
          late: p.fundLate[i * F + k],
          charge: p.fundCharge[i * F + k],
          chargeAccrued: p.fundChargeAccrued[i * F + k],
          chargePaid: p.fundChargePaid[i * F + k],
        };
    return `"${f}":{"late":${x.late},"charge":${x.charge},"chargeAccrued":${x.chargeAccrued},"chargePaid":${x.chargePaid}}`;
  }).join(',');
  const oldest = p.oldestUnpaid[i]!;
  const monthsEquivalent = p.monthsEquivalent[i]!;
  return (
    `{"code":${JSON.stringify(code)},"lateAmount":${big ? big.lateAmount : p.lateAmount[i]},` +
    `"overdueMonths":${p.overdueMonths[i]},"band":${JSON.stringify(rules.bands[p.band[i]!]!.code)},"daysLate":${p.daysLate[i]},` +
    `"oldestUnpaidPeriod":${oldest < 0 ? 'null' : `"${periodFromIndex(oldest)}"`},` +
    `"monthsEquivalent":${Number.isNaN(monthsEquivalent) ? 'null' : monthsEquivalent},` +
    `"charge":${big ? big.charge : p.charge[i]},"chargeAccrued":${big ? big.chargeAccrued : p.chargeAccrued[i]},` +
    `"chargePaid":${big ? big.chargePaid : p.chargePaid[i]},"byFund":{${byFund}}}`
  );
}

/** The rows of employers [0, count) of the positions, comma-separated, as UTF-8 bytes (a thread's answer moves them). */
export function employersArrearsJson(codes: readonly string[], positions: Positions, rules: RuleSet): Uint8Array {
  const pieces: Buffer[] = [];
  let piece = '';
  for (let i = 0; i < codes.length; i++) {
    piece += (i === 0 ? '' : ',') + employerArrearsJson(codes[i]!, positions, i, rules);
    // In pieces of about a megabyte: one string of a quarter of a million employers would be copied as it grows.
    if (piece.length >= 1 << 20) {
      pieces.push(Buffer.from(piece));
      piece = '';
    }
  }
  pieces.push(Buffer.from(piece));
  // An array of its own (a small Buffer lies in a shared pool), so a thread can hand it over without a copy.
  const bytes = new Uint8Array(pieces.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of pieces) {
    bytes.set(b, at);
    at += b.length;
  }
  return bytes;
}
