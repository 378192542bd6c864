import { Rational } from './rational.js';

/**
 * A share (tỷ lệ) carried exactly as two whole numbers, numerator ÷ denominator: a late ratio is a late amount over a
 * receivable, an on-time rate reports on time over reports due. It is rounded once, where it is shown, to the
 * precision shown; arithmetic on it (emulation points, rankings) uses the exact value.
 */
export interface Share {
  numerator: number;
  denominator: number;
}

/** part ÷ whole; none without a positive whole. */
export function shareOf(part: number, whole: number | null): Share | null {
  return whole !== null && whole > 0 ? { numerator: part, denominator: whole } : null;
}

export function shareValue(s: Share): Rational {
  return Rational.of(BigInt(s.numerator), BigInt(s.denominator));
}

/** Orders two shares exactly (negative when a < b). */
export function compareShares(a: Share, b: Share): number {
  const left = BigInt(a.numerator) * BigInt(b.denominator);
  const right = BigInt(b.numerator) * BigInt(a.denominator);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * A figure a frozen campaign report stored as a percent already rounded to two decimals (before shares were carried):
 * the fraction it printed, so that it is shown and ranked as it was submitted.
 */
export function shareFromPercent(percent: number): Share {
  return { numerator: Math.round(percent * 100), denominator: 10_000 };
}

/**
 * A rate of the rule set as a letter prints it, in percent with the decimals it has (up to six): 3/10000 → "0,03%",
 * 1.065% → "1,065%".
 */
export function formatRate(rate: Rational): string {
  return formatShare({ numerator: Number(rate.num), denominator: Number(rate.den) }, 6).replace(/,?0+%$/, '%');
}

/**
 * 100 × share rounded half away from zero to `decimals`, Vietnamese notation: 2/3 → "66,67%", 571/1000 → "57,10%".
 * With `signed`, an increase carries "+" (a change from a baseline).
 */
export function formatShare(s: Share, decimals = 2, options: { signed?: boolean } = {}): string {
  const negative = s.numerator < 0 !== s.denominator < 0 && s.numerator !== 0;
  const num = BigInt(Math.abs(s.numerator)) * 100n * 10n ** BigInt(decimals);
  const den = BigInt(Math.abs(s.denominator));
  const scaled = (2n * num + den) / (2n * den);
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const fraction = decimals > 0 ? `,${digits.slice(digits.length - decimals)}` : '';
  const sign = scaled === 0n ? '' : negative ? '-' : options.signed ? '+' : '';
  return `${sign}${whole}${fraction}%`;
}
