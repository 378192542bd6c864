/**
 * Seeded pseudo-random numbers for the demo data: the same seed gives the same data on every machine and every run.
 *
 * The generator is xoshiro128** (Blackman & Vigna), 128 bits of state in four 32-bit words. Each employer gets its own
 * stream from `forkRng(seed, index)`, so employer i is the same whether 10 or 500,000 employers are generated, and
 * generation can stream. A 32-bit generator such as mulberry32 is not enough here: its streams are windows on one
 * cycle of 2^32 numbers, so among 500,000 employers thousands of pairs would draw overlapping (shifted) sequences.
 * Here the state of employer i holds bijective scrambles of the seed and of i in two separate words, so two different
 * (seed, index) pairs never start from the same state.
 *
 * Only integer operations (Math.imul, shifts) make the numbers; the samplers use Math.log/exp/cos, which V8
 * computes with its own portable implementation, not the platform's C library.
 */

const TWO_POW_32 = 4294967296;

/** The murmur3 finaliser: a bijection on 32-bit words that spreads every input bit over the output. */
function scramble(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Item–weight pairs with their running totals, computed once for the samplers used for every employer. */
export class WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new RangeError('a weighted table needs at least one entry');
    const items: T[] = [];
    const cumulative: number[] = [];
    let total = 0;
    for (const [item, weight] of entries) {
      if (!(weight >= 0)) throw new RangeError(`weights must be non-negative numbers, got ${weight}`);
      total += weight;
      items.push(item);
      cumulative.push(total);
    }
    if (total <= 0) throw new RangeError('a weighted table needs a positive total weight');
    this.items = items;
    this.cumulative = cumulative;
    this.total = total;
  }
}

export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Four 32-bit words of state; an all-zero state (the one fixed point of xoshiro) is replaced by a non-zero one. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 >>> 0;
    this.s1 = s1 >>> 0;
    this.s2 = s2 >>> 0;
    this.s3 = s3 >>> 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 0x9e3779b9;
  }

  /** Uniform whole number in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1), on a grid of 2^-32. */
  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform whole number in [min, maxInclusive]; both ends must be whole numbers with min ≤ maxInclusive. */
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.nextFloat() * (maxInclusive - min + 1));
  }

  /** Uniform number in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.nextFloat() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.nextFloat() < p;
  }

  /** One element, each equally likely; the array must not be empty. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.nextFloat() * items.length)]!;
  }

  /** One item, chosen in proportion to its weight: a prepared table, or item–weight pairs for a one-off choice. */
  weighted<T>(choices: WeightedTable<T> | readonly (readonly [T, number])[]): T {
    const table = choices instanceof WeightedTable ? choices : new WeightedTable(choices);
    const x = this.nextFloat() * table.total;
    const cumulative = table.cumulative;
    // Binary search for the first running total above x.
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return table.items[lo]!;
  }

  /** Normal sample (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.nextFloat(); // in (0, 1]: log(u) is finite
    const v = this.nextFloat();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal sample: `median` × e^(sigma × N(0, 1)). Heavy right tail, for sizes and salaries. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/**
 * The independent stream of item `index` (a whole number ≥ 0) of a data set generated from `seed` (taken modulo
 * 2^32). Different (seed, index) pairs give different starting states; a few discarded outputs mix the words.
 */
export function forkRng(seed: number, index: number): Prng {
  const seedWord = scramble((seed >>> 0) ^ 0x3c6ef372);
  const indexLow = index >>> 0;
  const indexHigh = Math.floor(index / TWO_POW_32) >>> 0;
  const rng = new Prng(
    seedWord,
    scramble(indexLow ^ 0xa54ff53a),
    scramble(seedWord ^ scramble(indexLow + 0x9e3779b9) ^ indexHigh),
    scramble(seedWord + 0x510e527f + Math.imul(indexLow, 0x6c078965) + indexHigh),
  );
  for (let i = 0; i < 8; i++) rng.nextUint32();
  return rng;
}
