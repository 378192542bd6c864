import { describe, expect, it } from 'vitest';
import { yearBefore } from './periods.js';

describe('yearBefore', () => {
  it('gives the same day a year earlier, and 28 February for 29 February', () => {
    expect(yearBefore('2026-11-25')).toBe('2025-11-25');
    expect(yearBefore('2026-01-01')).toBe('2025-01-01');
    expect(yearBefore('2028-02-29')).toBe('2027-02-28');
  });
});
