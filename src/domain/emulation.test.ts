import { describe, expect, it } from 'vitest';
import { DEFAULT_EMULATION, emulationScore, type ProvinceYear } from './emulation.js';

const year: ProvinceYear = {
  lateAmountStart: 200_000_000_000,
  lateAmountEnd: 170_000_000_000,
  lateRatioEnd: { numerator: 24, denominator: 1000 },
  targetLateRatio: 2.5,
  timelinessRate: { numerator: 9, denominator: 10 },
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
    expect(s.reduction).toEqual({
      value: { numerator: 30_000_000_000, denominator: 200_000_000_000 },
      points: 22.5,
      max: 30,
    });
    expect(s.target).toEqual({ value: { numerator: 24, denominator: 1000 }, points: 20, max: 20 });
    expect(s.timeliness).toEqual({ value: { numerator: 9, denominator: 10 }, points: 13.5, max: 15 });
    expect(s.inspectionCoverage).toEqual({ value: { numerator: 300, denominator: 400 }, points: 15, max: 20 });
    expect(s.recoveryAfterInspection).toEqual({
      value: { numerator: 20_000_000_000, denominator: 80_000_000_000 },
      points: 3.75,
      max: 15,
    });
    expect(s.total).toBe(74.75);
    expect(s.max).toBe(100);
    expect(s.proposal).toBeNull();
  });

  it('caps a criterion at its weight and proposes commendation or criticism at the configured scores', () => {
    const best = emulationScore(
      {
        ...year,
        lateAmountEnd: 100_000_000_000,
        timelinessRate: { numerator: 1, denominator: 1 },
        surpriseInspected: 400,
        recoveredAfterInspection: 60_000_000_000,
      },
      DEFAULT_EMULATION,
    );
    // 50% reduction caps at 30; 100 % on time 15; coverage 20; recovery 75% 11,25; target 20: 96,25.
    expect(best.total).toBe(96.25);
    expect(best.proposal).toBe('commend');
    const worst = emulationScore(
      {
        ...year,
        lateAmountEnd: 230_000_000_000,
        lateRatioEnd: { numerator: 31, denominator: 1000 },
        timelinessRate: { numerator: 2, denominator: 5 },
        surpriseInspected: 40,
      },
      DEFAULT_EMULATION,
    );
    // Debt grew: 0; target missed: 0; 15 × 0,4 = 6; coverage 10% → 2; recovery 3,75: 11,75.
    expect(worst.reduction.points).toBe(0);
    expect(worst.total).toBe(11.75);
    expect(worst.proposal).toBe('criticise');
  });

  it('gives full coverage marks when no employer was late 3 months or more, and no target marks without a target', () => {
    const s = emulationScore(
      { ...year, employersLate3m: 0, surpriseInspected: 0, targetLateRatio: null },
      DEFAULT_EMULATION,
    );
    expect(s.inspectionCoverage).toEqual({ value: null, points: 20, max: 20 });
    expect(s.target.points).toBe(0);
  });

  it('computes points from the exact figure, not from a rounded percent', () => {
    // 2 reports of 3 on time: 15 × 2/3 = 10 exactly (from 66,7% it was 10,01). A late ratio of 2,5004% misses 2,5%.
    const s = emulationScore(
      {
        ...year,
        timelinessRate: { numerator: 2, denominator: 3 },
        lateRatioEnd: { numerator: 25_004, denominator: 1_000_000 },
      },
      DEFAULT_EMULATION,
    );
    expect(s.timeliness.points).toBe(10);
    expect(s.target.points).toBe(0);
    // Thirds everywhere: 30 × (1/3 ÷ 20%) caps at 30; 20 × 1/3 = 6,67 and 15 × 1/3 = 5 each shown rounded; the
    // total rounds the exact sum once: 30 + 0 + 10 + 20/3 + 5 = 51,666… → 51,67.
    const thirds = emulationScore(
      {
        ...year,
        lateAmountEnd: 133_333_333_333,
        timelinessRate: { numerator: 2, denominator: 3 },
        lateRatioEnd: null,
        employersLate3m: 3,
        surpriseInspected: 1,
        owedWhenInspected: 3,
        recoveredAfterInspection: 1,
      },
      DEFAULT_EMULATION,
    );
    expect(thirds.inspectionCoverage.points).toBe(6.67);
    expect(thirds.recoveryAfterInspection.points).toBe(5);
    expect(thirds.total).toBe(51.67);
  });
});
