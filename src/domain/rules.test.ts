import { describe, expect, it } from 'vitest';
import { DEFAULT_EMULATION } from './emulation.js';
import { DEFAULT_ESCALATION } from './ladder.js';
import { DEFAULT_RULES, parseRuleSet } from './rules.js';

describe('rule set sections beyond the arrears computation', () => {
  it('takes the ladder, disclosure and emulation numbers from the rule set, or the defaults when left out', () => {
    const plain = parseRuleSet({
      ...DEFAULT_RULES,
      escalation: undefined,
      disclosure: undefined,
      emulation: undefined,
    });
    expect(plain.escalation).toEqual(DEFAULT_ESCALATION);
    expect(plain.emulation).toEqual(DEFAULT_EMULATION);
    const custom = parseRuleSet({
      ...DEFAULT_RULES,
      emulation: { ...DEFAULT_EMULATION, weights: { ...DEFAULT_EMULATION.weights, reduction: 40 }, commendFrom: 85 },
      disclosure: {
        late: { minMonths: 6, minAmount: 100_000_000 },
        commendation: { minHeadcount: 10, cleanMonths: 24 },
      },
    });
    expect(custom.emulation.weights.reduction).toBe(40);
    expect(custom.emulation.commendFrom).toBe(85);
    expect(custom.disclosure.late).toEqual({ minMonths: 6, minAmount: 100_000_000 });
  });

  it('refuses thresholds that contradict each other, naming the field', () => {
    expect(() => parseRuleSet({ ...DEFAULT_RULES, emulation: { ...DEFAULT_EMULATION, criticiseBelow: 90 } })).toThrow(
      'rule set: emulation.criticiseBelow must not exceed commendFrom',
    );
    expect(() =>
      parseRuleSet({ ...DEFAULT_RULES, escalation: { ...DEFAULT_ESCALATION, inspectionMonths: 0 } }),
    ).toThrow(/escalation.inspectionMonths/);
  });
});
