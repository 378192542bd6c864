/**
 * Thi đua: the year-end score of a province from five criteria the collection board and the inspection department
 * agree on (config). Each criterion earns up to its weight in points, in proportion to how far the province got
 * towards full marks; the score is the sum, out of the sum of the weights. Points are kept to two decimals.
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
  lateRatioEnd: number | null;
  targetLateRatio: number | null;
  /** Percent of the year's reporting days on time; null when there was no campaign. */
  timelinessRate: number | null;
  employersLate3m: number;
  surpriseInspected: number;
  owedWhenInspected: number;
  recoveredAfterInspection: number;
}

export interface Criterion {
  value: number | null;
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

const round2 = (x: number) => Math.round(x * 100) / 100;
const percent = (part: number, whole: number) => (whole > 0 ? round2((part * 100) / whole) : null);
/** Points for a share of full marks, between none and all. */
const share = (weight: number, fraction: number) => round2(weight * Math.min(1, Math.max(0, fraction)));

export function emulationScore(p: ProvinceYear, rules: EmulationRules): EmulationScore {
  const w = rules.weights;
  const reductionValue = percent(p.lateAmountStart - p.lateAmountEnd, p.lateAmountStart);
  // With nothing late at the start, there was no debt to reduce: full marks if none arose.
  const reductionPoints = reductionValue === null
    ? (p.lateAmountEnd === 0 ? w.reduction : 0)
    : share(w.reduction, reductionValue / rules.reductionForFullMarks);
  const targetMet = p.targetLateRatio !== null && p.lateRatioEnd !== null && p.lateRatioEnd <= p.targetLateRatio;
  const coverage = percent(p.surpriseInspected, p.employersLate3m);
  const recovery = percent(p.recoveredAfterInspection, p.owedWhenInspected);
  const parts = {
    reduction: { value: reductionValue, points: reductionPoints, max: w.reduction },
    target: { value: p.lateRatioEnd, points: targetMet ? w.target : 0, max: w.target },
    timeliness: { value: p.timelinessRate, points: p.timelinessRate === null ? 0 : share(w.timeliness, p.timelinessRate / 100), max: w.timeliness },
    // No employer late 3 months or more: nothing left to inspect earns full marks.
    inspectionCoverage: { value: coverage, points: coverage === null ? w.inspectionCoverage : share(w.inspectionCoverage, coverage / 100), max: w.inspectionCoverage },
    recoveryAfterInspection: {
      value: recovery,
      points: recovery === null ? 0 : share(w.recoveryAfterInspection, recovery / 100),
      max: w.recoveryAfterInspection,
    },
  };
  const total = round2(Object.values(parts).reduce((s, c) => s + c.points, 0));
  const max = Object.values(w).reduce((s, x) => s + x, 0);
  const proposal = total >= rules.commendFrom ? 'commend' : total < rules.criticiseBelow ? 'criticise' : null;
  return { ...parts, total, max, proposal };
}
