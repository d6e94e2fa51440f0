import { describe, expect, it } from 'vitest';
import { bootstrapDiffCi, meanStat, medianStat } from '../../src/stats/bootstrap.js';
import { compareSamples } from '../../src/stats/compare.js';
import { percentile, sortAscending } from '../../src/stats/describe.js';
import { LARGE_N, largeNDiffCi } from '../../src/stats/large-n.js';
import { mulberry32 } from '../../src/util/prng.js';

/** Lognormal latencies (median m, σ), seeded. */
function lognormal(n: number, m: number, sigma: number, seed: number): number[] {
  const rnd = mulberry32(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    out.push(m * Math.exp(sigma * z));
  }
  return out;
}

describe('large-sample confidence intervals (truth: the bootstrap they replace)', () => {
  const a = lognormal(LARGE_N + 1000, 600, 0.3, 1);
  const b = lognormal(LARGE_N + 1000, 630, 0.3, 2);
  const sa = sortAscending(a);
  const sb = sortAscending(b);

  for (const [name, q, stat] of [
    ['median', 0.5, medianStat],
    ['p95', 0.95, (v: number[]) => percentile(sortAscending(v), 95)],
    ['mean', 'mean', meanStat],
  ] as const) {
    it(`${name}: endpoints within 15 % of the interval's width of a 2000-resample bootstrap`, () => {
      const diff =
        q === 'mean' ? meanStat([...b]) - meanStat([...a]) : q === 0.5 ? percentile(sb, 50) - percentile(sa, 50) : percentile(sb, 95) - percentile(sa, 95);
      const fast = largeNDiffCi(sa, sb, q, diff)!;
      const boot = bootstrapDiffCi(a, b, stat as (v: number[]) => number, { seed: 7, iterations: 2000 })!;
      const width = boot[1] - boot[0];
      expect(width).toBeGreaterThan(0);
      expect(Math.abs(fast[0] - boot[0])).toBeLessThan(0.15 * width);
      expect(Math.abs(fast[1] - boot[1])).toBeLessThan(0.15 * width);
    });
  }

  it('applies only above LARGE_N values a side, and not to min/max', () => {
    expect(largeNDiffCi(sa.slice(0, LARGE_N), sb, 0.5, 0)).toBeNull();
    expect(largeNDiffCi(sa, sb, Number.NaN, 0)).toBeNull();
    expect(largeNDiffCi(sa, sb, 1, 0)).toBeNull();
  });

  it('compareSamples on 100 000 values a side finds a 5 % shift and no shift in the same population', () => {
    const x = lognormal(100_000, 600, 0.3, 3);
    const shifted = compareSamples(x, lognormal(100_000, 630, 0.3, 4));
    expect(shifted.significant).toBe(true);
    expect(shifted.ci95![0]).toBeGreaterThan(0);
    const same = compareSamples(x, lognormal(100_000, 600, 0.3, 5));
    expect(same.ci95![0]).toBeLessThan(0);
    expect(same.ci95![1]).toBeGreaterThan(0);
  });
});
