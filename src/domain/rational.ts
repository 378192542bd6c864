/**
 * Exact non-negative-denominator fractions over bigint, for charges: 0.03% a day and monthly interest rates are
 * summed exactly over thousands of days and rounded once (arrears.md, "Rounding").
 */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g > 1n ? new Rational(n / g, d / g) : new Rational(n, d);
  }

  /** Parses '0.0003', '1.065%' (a percentage) or '3/10000'. */
  static parse(text: string): Rational {
    const t = text.trim();
    const percent = t.endsWith('%');
    const body = percent ? t.slice(0, -1).trim() : t;
    let value: Rational;
    if (/^-?\d+\/\d+$/.test(body)) {
      const [n, d] = body.split('/') as [string, string];
      value = Rational.of(BigInt(n), BigInt(d));
    } else if (/^-?\d+(\.\d+)?$/.test(body)) {
      const [whole, fraction = ''] = body.split('.') as [string, string?];
      value = Rational.of(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
    } else {
      throw new RangeError(`not a rate: "${text}"`);
    }
    return percent ? value.times(Rational.of(1n, 100n)) : value;
  }

  plus(other: Rational): Rational {
    if (this.den === other.den) return Rational.of(this.num + other.num, this.den);
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  times(other: Rational): Rational {
    return Rational.of(this.num * other.num, this.den * other.den);
  }

  /** Multiplies by a whole number, e.g. rate × amount × days. */
  scale(factor: bigint | number): Rational {
    return Rational.of(this.num * BigInt(factor), this.den);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  /** Rounds half up (away from zero for the .5 of a non-negative value) to a whole number. */
  roundHalfUp(): bigint {
    const twice = 2n * this.num + this.den;
    const doubled = 2n * this.den;
    // floor((2n + d) / 2d) for any sign
    const q = twice / doubled;
    return twice % doubled !== 0n && twice < 0n ? q - 1n : q;
  }

  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
