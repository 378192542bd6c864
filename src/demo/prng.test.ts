import { describe, expect, it } from 'vitest';
import { forkRng, WeightedTable } from './prng.js';

const draws = (seed: number, index: number, n: number) => {
  const rng = forkRng(seed, index);
  return Array.from({ length: n }, () => rng.nextUint32());
};

describe('the seeded generator', () => {
  it('gives the same numbers for the same seed and index, and different ones otherwise', () => {
    expect(draws(42, 7, 50)).toEqual(draws(42, 7, 50));
    expect(draws(42, 7, 50)).not.toEqual(draws(42, 8, 50));
    expect(draws(42, 7, 50)).not.toEqual(draws(43, 7, 50));
  });

  it('gives neighbouring indices streams that do not overlap', () => {
    // A shared or shifted stream would put the same 32-bit words in both lists.
    const seen = new Set<number>();
    for (let index = 0; index < 200; index++) {
      for (const x of draws(1, index, 100)) seen.add(x);
    }
    expect(seen.size).toBeGreaterThan(20_000 - 5);
  });

  it('keeps whole numbers within both bounds and reaches both', () => {
    const rng = forkRng(3, 0);
    const values = new Set<number>();
    for (let i = 0; i < 2000; i++) values.add(rng.int(-2, 3));
    expect([...values].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('draws floats in [0, 1) with a mean near one half', () => {
    const rng = forkRng(5, 0);
    const xs = Array.from({ length: 20_000 }, () => rng.nextFloat());
    expect(xs.filter((x) => !(x >= 0 && x < 1))).toEqual([]);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('picks by weight, from a prepared table or from pairs', () => {
    const rng = forkRng(9, 0);
    const table = new WeightedTable([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ] as const);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 8000; i++) counts[rng.weighted(table)]++;
    expect(counts.never).toBe(0);
    expect(counts.b / 8000).toBeGreaterThan(0.72);
    expect(counts.b / 8000).toBeLessThan(0.78);
    let heads = 0;
    for (let i = 0; i < 4000; i++)
      if (
        rng.weighted([
          ['h', 1],
          ['t', 1],
        ] as const) === 'h'
      )
        heads++;
    expect(heads / 4000).toBeGreaterThan(0.46);
    expect(heads / 4000).toBeLessThan(0.54);
  });

  it('refuses a table without positive weight', () => {
    expect(() => new WeightedTable([])).toThrow(RangeError);
    expect(() => new WeightedTable([['x', 0]])).toThrow(RangeError);
    expect(() => new WeightedTable([['x', -1]])).toThrow(RangeError);
  });

  it('samples a log-normal around its median with a long right tail', () => {
    const rng = forkRng(11, 0);
    const xs = Array.from({ length: 10_001 }, () => rng.logNormal(10, 1)).sort((a, b) => a - b);
    expect(xs[5000]).toBeGreaterThan(9);
    expect(xs[5000]).toBeLessThan(11);
    expect(xs[9900]! / xs[5000]!).toBeGreaterThan(7); // e^2.33 ≈ 10 at the 99th percentile
    expect(xs[0]).toBeGreaterThan(0);
  });

  it('honours chance at its probability', () => {
    const rng = forkRng(13, 0);
    let yes = 0;
    for (let i = 0; i < 10_000; i++) if (rng.chance(0.3)) yes++;
    expect(yes / 10_000).toBeGreaterThan(0.28);
    expect(yes / 10_000).toBeLessThan(0.32);
    expect(rng.chance(0)).toBe(false);
  });
});
