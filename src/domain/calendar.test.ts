import { describe, expect, it } from 'vitest';
import { vietnamDate, vietnamInstant } from './calendar.js';

describe('Vietnam calendar', () => {
  it('moves to the next day at 17:00 UTC, which is midnight in Hà Nội', () => {
    expect(vietnamDate(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
    expect(vietnamDate(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
  });

  it('places 18:30 local time at 11:30 UTC', () => {
    expect(vietnamInstant('2023-12-12', 18, 30).toISOString()).toBe('2023-12-12T11:30:00.000Z');
  });

  it('round-trips a local midnight across a year end', () => {
    const instant = vietnamInstant('2026-01-01');
    expect(instant.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(vietnamDate(instant)).toBe('2026-01-01');
  });
});
