import { describe, expect, it } from 'vitest';
import { formatDay, formatNumber, formatPeriod } from './format.js';

describe('formats of documents and exports', () => {
  it('groups thousands with dots', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1_234_567)).toBe('1.234.567');
    expect(formatNumber(-48_000)).toBe('-48.000');
  });

  it('writes days as dd/mm/yyyy and contribution months as mm/yyyy', () => {
    expect(formatDay('2026-01-05')).toBe('05/01/2026');
    expect(formatPeriod('2025-07')).toBe('07/2025');
  });
});
