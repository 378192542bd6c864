import { describe, expect, it } from 'vitest';
import { lateRatio } from './rules.js';

describe('late ratio (tỷ lệ chậm đóng)', () => {
  it('is the late amount over the denominator in percent, to two decimals, rounded half up', () => {
    expect(lateRatio(18_000_000, 19_800_000)).toBe(90.91);
    expect(lateRatio(2_59, 100_00)).toBe(2.59);
    // 1 ÷ 8 = 0.125% → 0.13
    expect(lateRatio(1, 800)).toBe(0.13);
  });

  it('is none without a denominator: no plan assigned, or nothing receivable', () => {
    expect(lateRatio(5, null)).toBeNull();
    expect(lateRatio(5, 0)).toBeNull();
  });
});
