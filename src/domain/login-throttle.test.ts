import { describe, expect, it } from 'vitest';
import { backoffMs, THROTTLE_RULES } from './login-throttle.js';

describe('login back-off', () => {
  const rule = { free: 3, firstWaitMs: 1000, maxWaitMs: 60_000 };

  it('lets the free failures through without a wait', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, rule))).toEqual([0, 0, 0]);
  });

  it('doubles the wait with each failure past the allowance, up to the ceiling', () => {
    expect([4, 5, 6, 7, 8, 9, 10].map((n) => backoffMs(n, rule))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000,
    ]);
    expect(backoffMs(10_000, rule)).toBe(60_000);
  });

  it('never makes an account wait more than a minute, whatever the guessers do', () => {
    expect(backoffMs(1_000_000, THROTTLE_RULES.account)).toBe(60_000);
  });
});
