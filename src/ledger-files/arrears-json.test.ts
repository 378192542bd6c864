import { describe, expect, it } from 'vitest';
import type { ExactMoney } from '../domain/arrears.js';
import { FUNDS } from '../domain/ledger.js';
import { periodFromIndex, periodIndex } from '../domain/periods.js';
import { DEFAULT_RULES, parseRuleSet, type RuleSet } from '../domain/rules.js';
import { arrearsRows, writeArrearsRows, type ArrearsRows } from './arrears-json.js';
import { allocatePositions, type Positions } from './partition.js';

const rules = parseRuleSet({
  ...DEFAULT_RULES,
  // A band code that needs escaping, besides the default ones.
  bands: [...DEFAULT_RULES.bands, { code: 'x"\\ é', minMonths: 99 }],
});

const MAX = Number.MAX_SAFE_INTEGER;
const CODES = [
  'A001',
  '',
  'Công ty Một',
  '😀 emoji',
  'say "hi"',
  'back\\slash',
  'tab\there',
  '\u0001\u001f',
  '\u007f',
  '\ud800 lone',
  '\u2028',
];
const NUMBERS = [0, -0, 1, 9, 10, 99, 100, 101, 999_999, 1_000_000, 10 ** 15, MAX, -1, -10, -MAX, 123_456_789];
const MONTHS_EQUIVALENT = [NaN, 0, 0.8, 1, 12.3, 99.9, 1e21, 4503599627370495.5];
const OLDEST = [-1, 0, 11, 12 * 999 + 5, periodIndex('2025-07'), periodIndex('9999-12')];
const BIG = [2n ** 53n + 1n, 10n ** 18n, -(10n ** 20n), 0n, 12_345_678_901_234_567_890n];

/** Employers whose figures run through the edge values, one employer in three with exact (bigint) money. */
function sample(count: number): { codes: string[]; positions: Positions } {
  const positions = allocatePositions(count);
  const c = positions.columns;
  const pick = <T>(list: readonly T[], i: number, salt: number) => list[(i * 7 + salt * 3) % list.length]!;
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    codes.push(`${pick(CODES, i, 0)}${i}`);
    c.lateAmount[i] = pick(NUMBERS, i, 1);
    c.charge[i] = pick(NUMBERS, i, 2);
    c.chargeAccrued[i] = pick(NUMBERS, i, 3);
    c.chargePaid[i] = pick(NUMBERS, i, 4);
    c.overdueMonths[i] = (pick(NUMBERS, i, 5) % 2 ** 31) | 0;
    c.daysLate[i] = pick([0, 1, 45, 3650, -3, 2 ** 31 - 1], i, 6);
    c.band[i] = i % rules.bands.length;
    c.oldestUnpaid[i] = pick(OLDEST, i, 7);
    c.monthsEquivalent[i] = pick(MONTHS_EQUIVALENT, i, 8);
    for (let k = 0; k < FUNDS.length; k++) {
      c.fundLate[i * FUNDS.length + k] = pick(NUMBERS, i, 9 + k);
      c.fundCharge[i * FUNDS.length + k] = pick(NUMBERS, i, 13 + k);
      c.fundChargeAccrued[i * FUNDS.length + k] = pick(NUMBERS, i, 17 + k);
      c.fundChargePaid[i * FUNDS.length + k] = pick(NUMBERS, i, 21 + k);
    }
    if (i % 3 === 2) {
      const big = (salt: number) => pick(BIG, i, salt);
      const byFund = Object.fromEntries(
        FUNDS.map((f, k) => [
          f,
          { late: big(k), charge: big(k + 1), chargeAccrued: big(k + 2), chargePaid: big(k + 3) },
        ]),
      ) as ExactMoney['byFund'];
      positions.exact.set(i, {
        lateAmount: big(1),
        charge: big(2),
        chargeAccrued: big(3),
        chargePaid: big(4),
        credit: 0n,
        byFund,
      });
    }
  }
  return { codes, positions };
}

/** The row as the contract writes it, through JSON.stringify (bigints as their digits). */
function expectedRow(code: string, positions: Positions, i: number, rules: RuleSet): string {
  const c = positions.columns;
  const big = positions.exact.get(i);
  const at = (k: number) => i * FUNDS.length + k;
  const row = {
    code,
    lateAmount: big ? big.lateAmount : c.lateAmount[i],
    overdueMonths: c.overdueMonths[i],
    band: rules.bands[c.band[i]!]!.code,
    daysLate: c.daysLate[i],
    oldestUnpaidPeriod: c.oldestUnpaid[i]! < 0 ? null : periodFromIndex(c.oldestUnpaid[i]!),
    monthsEquivalent: Number.isNaN(c.monthsEquivalent[i]) ? null : c.monthsEquivalent[i],
    charge: big ? big.charge : c.charge[i],
    chargeAccrued: big ? big.chargeAccrued : c.chargeAccrued[i],
    chargePaid: big ? big.chargePaid : c.chargePaid[i],
    byFund: Object.fromEntries(
      FUNDS.map((f, k) => [
        f,
        big
          ? big.byFund[f]
          : {
              late: c.fundLate[at(k)],
              charge: c.fundCharge[at(k)],
              chargeAccrued: c.fundChargeAccrued[at(k)],
              chargePaid: c.fundChargePaid[at(k)],
            },
      ]),
    ),
  };
  return JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? `\u0000${v}` : v)).replace(/"\\u0000(-?\d+)"/g, '$1');
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('the rows of dondoc arrears --json', () => {
  it('are the bytes of JSON.stringify for zeros, negatives, 2^53 − 1, bigints, fractions, nulls and any code', () => {
    const { codes, positions } = sample(300);
    const rows = arrearsRows(codes, positions, rules);
    expect(rows.ends.length).toBe(codes.length);
    for (let i = 0; i < codes.length; i++) {
      const row = rows.bytes.subarray(i === 0 ? 0 : rows.ends[i - 1], rows.ends[i]);
      expect(text(row)).toBe(expectedRow(codes[i]!, positions, i, rules));
    }
    expect(rows.ends.at(-1)).toBe(rows.bytes.length);
  });

  it('grow past the room guessed for them (long codes)', () => {
    const { positions } = sample(3);
    const codes = ['ằ'.repeat(5000), 'b', '"'.repeat(3000)];
    const rows = arrearsRows(codes, positions, rules);
    expect(text(rows.bytes)).toBe(codes.map((code, i) => expectedRow(code, positions, i, rules)).join(''));
  });

  it('go out comma-separated in the order asked, from runs of employers, in pieces of any size', () => {
    const { codes, positions } = sample(40);
    const all = arrearsRows(codes, positions, rules);
    const rowOf = (i: number) => text(all.bytes.subarray(i === 0 ? 0 : all.ends[i - 1], all.ends[i]));
    // The same rows written by three runs of employers, as three partitions would.
    const runs = [
      [0, 15],
      [15, 16],
      [16, 40],
    ] as const;
    const parts: ArrearsRows[] = runs.map(([lo, hi]) => {
      const part = allocatePositions(hi - lo);
      for (const key of Object.keys(part.columns) as (keyof Positions['columns'])[]) {
        const per = part.columns[key].length / (hi - lo);
        part.columns[key].set(positions.columns[key].subarray(lo * per, hi * per));
      }
      for (let i = lo; i < hi; i++) if (positions.exact.has(i)) part.exact.set(i - lo, positions.exact.get(i)!);
      return arrearsRows(codes.slice(lo, hi), part, rules);
    });
    const order = codes.map((_, i) => (i * 17) % codes.length);
    const expected = order.map(rowOf).join(',');
    for (const piece of [1, 300, 1000, 1 << 22]) {
      const written: string[] = [];
      writeArrearsRows({ write: (bytes) => void written.push(text(bytes)) }, parts, order, piece);
      expect(written.join('')).toBe(expected);
      expect(written.every((w) => w.length > 0)).toBe(true);
    }
  });

  it('write nothing for no employers', () => {
    const written: Uint8Array[] = [];
    const empty = arrearsRows([], allocatePositions(0), rules);
    writeArrearsRows({ write: (bytes) => void written.push(bytes) }, [empty], []);
    expect(written).toEqual([]);
  });
});
