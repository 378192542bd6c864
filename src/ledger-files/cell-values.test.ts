import { describe, expect, it } from 'vitest';
import { parseAmount, parseDay, parsePeriod } from './cell-values.js';

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }) =>
  p.ok ? p.value : `refused: ${p.reason}`;

describe('parseDay', () => {
  it('reads ISO days and Vietnamese day-first days with /, - or .', () => {
    expect(
      ['2026-12-01', '01/12/2026', '1/12/2026', '01-12-2026', '01.12.2026', '1/2/2026'].map((d) => value(parseDay(d))),
    ).toEqual(['2026-12-01', '2026-12-01', '2026-12-01', '2026-12-01', '2026-12-01', '2026-02-01']);
  });

  it('refuses days that do not exist, two-digit years and other text', () => {
    expect(
      ['2026-02-30', '30/02/2026', '01/12/26', '2026/12/01', 'hôm qua', '', '2026-1-5'].map((d) => value(parseDay(d))),
    ).toEqual(Array(7).fill('refused: not_day'));
  });

  it('refuses a month-first date it can tell, saying the order is the problem', () => {
    expect(value(parseDay('12/31/2026'))).toBe('refused: month_day_order');
  });
});

describe('parsePeriod', () => {
  it('reads 2026-07, 07/2026 and 7/2026', () => {
    expect(['2026-07', '07/2026', '7/2026', '07-2026', '07.2026'].map((p) => value(parsePeriod(p)))).toEqual(
      Array(5).fill('2026-07'),
    );
  });

  it('refuses month 13, a day, and a two-digit year', () => {
    expect(['2026-13', '13/2026', '01/07/2026', '07/26'].map((p) => value(parsePeriod(p)))).toEqual(
      Array(4).fill('refused: not_period'),
    );
  });
});

describe('parseAmount', () => {
  it('reads plain digits, dot groups, comma groups, a zero decimal part and a currency sign', () => {
    expect(
      [
        '1000000',
        '1.000.000',
        '1,000,000',
        '1.000',
        '1,000',
        '-250.000',
        '1.000.000,00',
        '1,000,000.00',
        '1.000.000 ₫',
        '1 000 000 đ',
        '12 VND',
        '0',
      ].map((a) => value(parseAmount(a))),
    ).toEqual([
      1_000_000, 1_000_000, 1_000_000, 1000, 1000, -250_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 12, 0,
    ]);
  });

  it('refuses a fraction of a đồng', () => {
    expect(['12.5', '1.000,5', '1,000,000.50', '0,01'].map((a) => value(parseAmount(a)))).toEqual(
      Array(4).fill('refused: amount_fraction'),
    );
  });

  it('refuses what could be read two ways: both marks as groups, odd groups, a repeated decimal mark', () => {
    expect(['1.000,000', '1,000.000', '1,00,000', '1.00.000', '1.000.00'].map((a) => value(parseAmount(a)))).toEqual(
      Array(5).fill('refused: amount_ambiguous'),
    );
  });

  it('refuses text and numbers beyond what is exact (2^53)', () => {
    expect(['mười', '1e6', '', '1.', '--5'].map((a) => value(parseAmount(a)))).toEqual(
      Array(5).fill('refused: not_amount'),
    );
    expect(value(parseAmount('10.000.000.000.000.000'))).toBe('refused: amount_too_large');
  });
});
