import { describe, expect, it } from 'vitest';
import { DEFAULT_EMULATION } from './emulation.js';
import { DEFAULT_ESCALATION } from './ladder.js';
import { DEFAULT_RULES, lateRatio, parseRuleSet } from './rules.js';

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

describe('rule set sections beyond the arrears computation', () => {
  it('takes the ladder, disclosure and emulation numbers from the rule set, or the defaults when left out', () => {
    const plain = parseRuleSet({ ...DEFAULT_RULES, escalation: undefined, disclosure: undefined, emulation: undefined });
    expect(plain.escalation).toEqual(DEFAULT_ESCALATION);
    expect(plain.emulation).toEqual(DEFAULT_EMULATION);
    const custom = parseRuleSet({
      ...DEFAULT_RULES,
      emulation: { ...DEFAULT_EMULATION, weights: { ...DEFAULT_EMULATION.weights, reduction: 40 }, commendFrom: 85 },
      disclosure: { late: { minMonths: 6, minAmount: 100_000_000 }, commendation: { minHeadcount: 10, cleanMonths: 24 } },
    });
    expect(custom.emulation.weights.reduction).toBe(40);
    expect(custom.emulation.commendFrom).toBe(85);
    expect(custom.disclosure.late).toEqual({ minMonths: 6, minAmount: 100_000_000 });
  });

  it('refuses thresholds that contradict each other, naming the field', () => {
    expect(() => parseRuleSet({ ...DEFAULT_RULES, emulation: { ...DEFAULT_EMULATION, criticiseBelow: 90 } }))
      .toThrow('rule set: emulation.criticiseBelow must not exceed commendFrom');
    expect(() => parseRuleSet({ ...DEFAULT_RULES, escalation: { ...DEFAULT_ESCALATION, inspectionMonths: 0 } }))
      .toThrow(/escalation.inspectionMonths/);
  });
});
