import { describe, expect, it } from 'vitest';
import { Rational } from './rational.js';

describe('Rational', () => {
  it('parses decimals, percentages and fractions to the same value', () => {
    expect(Rational.parse('0.0003').toString()).toBe('3/10000');
    expect(Rational.parse('0.03%').toString()).toBe('3/10000');
    expect(Rational.parse('3/10000').toString()).toBe('3/10000');
    expect(Rational.parse('1.065%').toString()).toBe('213/20000');
  });

  it('rounds half up once, and only once', () => {
    expect(Rational.of(5, 2).roundHalfUp()).toBe(3n);
    expect(Rational.of(7, 3).roundHalfUp()).toBe(2n);
    expect(Rational.of(8, 3).roundHalfUp()).toBe(3n);
    expect(Rational.of(-5, 2).roundHalfUp()).toBe(-2n);
    expect(Rational.of(-7, 3).roundHalfUp()).toBe(-2n);
    // 0.4 + 0.4 rounded after summing is 1; rounding each first would give 0.
    expect(Rational.of(2, 5).plus(Rational.of(2, 5)).roundHalfUp()).toBe(1n);
  });

  it('keeps sums exact across denominators', () => {
    const sum = Rational.of(1, 3).plus(Rational.of(1, 6)).plus(Rational.of(3, 10000).scale(10_000));
    expect(sum.toString()).toBe('7/2');
  });

  it('refuses text that is not a rate', () => {
    expect(() => Rational.parse('abc')).toThrow(/not a rate/);
    expect(() => Rational.parse('1,5')).toThrow(/not a rate/);
  });
});
