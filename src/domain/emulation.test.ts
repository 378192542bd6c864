import { describe, expect, it } from 'vitest';
import { DEFAULT_EMULATION, emulationScore, type ProvinceYear } from './emulation.js';

const year: ProvinceYear = {
  lateAmountStart: 200_000_000_000,
  lateAmountEnd: 170_000_000_000,
  lateRatioEnd: 2.4,
  targetLateRatio: 2.5,
  timelinessRate: 90,
  employersLate3m: 400,
  surpriseInspected: 300,
  owedWhenInspected: 80_000_000_000,
  recoveredAfterInspection: 20_000_000_000,
};

describe('emulationScore', () => {
  it('adds the five criteria by hand', () => {
    const s = emulationScore(year, DEFAULT_EMULATION);
    // Reduction 15% of 20% for full marks: 30 × 0,75 = 22,5. Target 2,4% ≤ 2,5%: 20. Timeliness 90%: 15 × 0,9 = 13,5.
    // Coverage 300/400 = 75%: 20 × 0,75 = 15. Recovery 20/80 = 25%: 15 × 0,25 = 3,75. Total 74,75 of 100.
    expect(s.reduction).toEqual({ value: 15, points: 22.5, max: 30 });
    expect(s.target).toEqual({ value: 2.4, points: 20, max: 20 });
    expect(s.timeliness).toEqual({ value: 90, points: 13.5, max: 15 });
    expect(s.inspectionCoverage).toEqual({ value: 75, points: 15, max: 20 });
    expect(s.recoveryAfterInspection).toEqual({ value: 25, points: 3.75, max: 15 });
    expect(s.total).toBe(74.75);
    expect(s.max).toBe(100);
    expect(s.proposal).toBeNull();
  });

  it('caps a criterion at its weight and proposes commendation or criticism at the configured scores', () => {
    const best = emulationScore({ ...year, lateAmountEnd: 100_000_000_000, timelinessRate: 100, surpriseInspected: 400, recoveredAfterInspection: 60_000_000_000 }, DEFAULT_EMULATION);
    // 50% reduction caps at 30; 100 % on time 15; coverage 20; recovery 75% 11,25; target 20: 96,25.
    expect(best.total).toBe(96.25);
    expect(best.proposal).toBe('commend');
    const worst = emulationScore({ ...year, lateAmountEnd: 230_000_000_000, lateRatioEnd: 3.1, timelinessRate: 40, surpriseInspected: 40 }, DEFAULT_EMULATION);
    // Debt grew: 0; target missed: 0; 15 × 0,4 = 6; coverage 10% → 2; recovery 3,75: 11,75.
    expect(worst.reduction.points).toBe(0);
    expect(worst.total).toBe(11.75);
    expect(worst.proposal).toBe('criticise');
  });

  it('gives full coverage marks when no employer was late 3 months or more, and no target marks without a target', () => {
    const s = emulationScore({ ...year, employersLate3m: 0, surpriseInspected: 0, targetLateRatio: null }, DEFAULT_EMULATION);
    expect(s.inspectionCoverage).toEqual({ value: null, points: 20, max: 20 });
    expect(s.target.points).toBe(0);
  });
});
