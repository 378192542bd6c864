import { Rational } from './rational.js';
import { shareOf, shareValue, type Share } from './share.js';

/**
 * Thi đua: the year-end score of a province from five criteria the collection board and the inspection department
 * agree on (config). Each criterion earns up to its weight in points, in proportion to how far the province got
 * towards full marks; the score is the sum, out of the sum of the weights. Points are computed exactly and kept to two
 * decimals, each criterion's and the total rounded once from the exact figures.
 */
export interface EmulationRules {
  weights: {
    /** Giảm nợ: reduction of the late amount over the year. */
    reduction: number;
    /** Đạt chỉ tiêu tỷ lệ chậm đóng: all or nothing. */
    target: number;
    /** Báo cáo đúng hạn during the year's campaigns. */
    timeliness: number;
    /** Surprise inspections of the employers late 3 months or more. */
    inspectionCoverage: number;
    /** Money recovered after an inspection, of what the inspected employers owed then. */
    recoveryAfterInspection: number;
  };
  /** The reduction (percent) that earns full marks; less earns its share. */
  reductionForFullMarks: number;
  /** Proposals: commendation at or above this score, criticism below the other. */
  commendFrom: number;
  criticiseBelow: number;
}

export const DEFAULT_EMULATION: EmulationRules = {
  weights: { reduction: 30, target: 20, timeliness: 15, inspectionCoverage: 20, recoveryAfterInspection: 15 },
  reductionForFullMarks: 20,
  commendFrom: 80,
  criticiseBelow: 50,
};

export interface ProvinceYear {
  lateAmountStart: number;
  lateAmountEnd: number;
  lateRatioEnd: Share | null;
  /** The campaign's target, in percent as the board set it (e.g. 2.5). */
  targetLateRatio: number | null;
  /** Reports on time over the year's reporting days past their deadline; null when there was no campaign. */
  timelinessRate: Share | null;
  employersLate3m: number;
  surpriseInspected: number;
  owedWhenInspected: number;
  recoveredAfterInspection: number;
}

export interface Criterion {
  /** The figure the points come from, exact; shown rounded. */
  value: Share | null;
  points: number;
  max: number;
}

export interface EmulationScore {
  reduction: Criterion;
  target: Criterion;
  timeliness: Criterion;
  inspectionCoverage: Criterion;
  recoveryAfterInspection: Criterion;
  total: number;
  max: number;
  proposal: 'commend' | 'criticise' | null;
}

const ONE = Rational.of(1n);
/** Points kept to two decimals, rounded once from the exact figure. */
const toPoints = (r: Rational) => Number(r.times(Rational.of(100n)).roundHalfUp()) / 100;
/** Points for a share of full marks, between none and all, exact. */
function share(weight: number, fraction: Rational): Rational {
  const clamped = fraction.num <= 0n ? Rational.ZERO : fraction.num >= fraction.den ? ONE : fraction;
  return clamped.scale(weight);
}

export function emulationScore(p: ProvinceYear, rules: EmulationRules): EmulationScore {
  const w = rules.weights;
  const reductionValue = shareOf(p.lateAmountStart - p.lateAmountEnd, p.lateAmountStart);
  // With nothing late at the start, there was no debt to reduce: full marks if none arose. Full marks at the rule's
  // reduction: the fraction of it reached is (reduction ÷ 1) ÷ (percent ÷ 100).
  const reductionPoints =
    reductionValue === null
      ? Rational.of(p.lateAmountEnd === 0 ? w.reduction : 0)
      : share(w.reduction, shareValue(reductionValue).times(Rational.of(100n, BigInt(rules.reductionForFullMarks))));
  const targetMet =
    p.targetLateRatio !== null &&
    p.lateRatioEnd !== null &&
    atMost(shareValue(p.lateRatioEnd), Rational.parse(`${p.targetLateRatio.toFixed(6)}%`));
  const coverage = shareOf(p.surpriseInspected, p.employersLate3m);
  const recovery = shareOf(p.recoveredAfterInspection, p.owedWhenInspected);
  const exact = {
    reduction: reductionPoints,
    target: Rational.of(targetMet ? w.target : 0),
    timeliness: p.timelinessRate === null ? Rational.ZERO : share(w.timeliness, shareValue(p.timelinessRate)),
    // No employer late 3 months or more: nothing left to inspect earns full marks.
    inspectionCoverage:
      coverage === null ? Rational.of(w.inspectionCoverage) : share(w.inspectionCoverage, shareValue(coverage)),
    recoveryAfterInspection: recovery === null ? Rational.ZERO : share(w.recoveryAfterInspection, shareValue(recovery)),
  };
  const parts = {
    reduction: { value: reductionValue, points: toPoints(exact.reduction), max: w.reduction },
    target: { value: p.lateRatioEnd, points: toPoints(exact.target), max: w.target },
    timeliness: { value: p.timelinessRate, points: toPoints(exact.timeliness), max: w.timeliness },
    inspectionCoverage: { value: coverage, points: toPoints(exact.inspectionCoverage), max: w.inspectionCoverage },
    recoveryAfterInspection: {
      value: recovery,
      points: toPoints(exact.recoveryAfterInspection),
      max: w.recoveryAfterInspection,
    },
  };
  const total = toPoints(Object.values(exact).reduce((sum, r) => sum.plus(r), Rational.ZERO));
  const max = Object.values(w).reduce((s, x) => s + x, 0);
  const proposal = total >= rules.commendFrom ? 'commend' : total < rules.criticiseBelow ? 'criticise' : null;
  return { ...parts, total, max, proposal };
}

function atMost(a: Rational, b: Rational): boolean {
  return a.num * b.den <= b.num * a.den;
}
