import { describe, expect, it } from 'vitest';
import { compareShares, formatShare, shareFromPercent, shareOf } from './share.js';

describe('shares', () => {
  it('are rounded once, half up, to the precision shown', () => {
    expect(formatShare({ numerator: 2, denominator: 3 })).toBe('66,67%');
    expect(formatShare({ numerator: 2, denominator: 3 }, 1)).toBe('66,7%');
    expect(formatShare({ numerator: 571, denominator: 1000 })).toBe('57,10%');
    expect(formatShare({ numerator: 1, denominator: 8 }, 1)).toBe('12,5%');
    expect(formatShare({ numerator: 1, denominator: 16 }, 2)).toBe('6,25%');
    // 0,125% to two decimals: the half goes up.
    expect(formatShare({ numerator: 1, denominator: 800 })).toBe('0,13%');
    expect(formatShare({ numerator: 1_234_567, denominator: 100 }, 0)).toBe('1.234.567%');
    expect(formatShare({ numerator: 0, denominator: 7 })).toBe('0,00%');
  });

  it('carry the sign of a change, an increase marked when asked', () => {
    expect(formatShare({ numerator: -2887, denominator: 10_000 }, 2, { signed: true })).toBe('-28,87%');
    expect(formatShare({ numerator: 2887, denominator: 10_000 }, 2, { signed: true })).toBe('+28,87%');
    expect(formatShare({ numerator: -1, denominator: 1_000_000 }, 2, { signed: true })).toBe('0,00%');
  });

  it('compare exactly, beyond what a float tells apart', () => {
    const a = { numerator: 9_007_199_254_740_991, denominator: 9_007_199_254_740_992 };
    expect(compareShares(a, { numerator: 1, denominator: 1 })).toBe(-1);
    expect(compareShares({ numerator: 1, denominator: 3 }, { numerator: 2, denominator: 6 })).toBe(0);
    expect(shareOf(5, 0)).toBeNull();
    expect(shareOf(5, null)).toBeNull();
    expect(formatShare(shareFromPercent(53.7))).toBe('53,70%');
  });
});
