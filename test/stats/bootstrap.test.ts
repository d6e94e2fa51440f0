import { describe, expect, it } from 'vitest';
import { bootstrapCi, meanStat, medianStat } from '../../src/stats/bootstrap.js';
import { mulberry32, randomNormal } from '../../src/util/prng.js';

describe('bootstrapCi', () => {
  it('is reproducible from its seed and changes with it', () => {
    const xs = [5, 7, 9, 11, 13, 2, 8, 30];
    expect(bootstrapCi(xs, meanStat, { seed: 7 })).toEqual(bootstrapCi(xs, meanStat, { seed: 7 }));
    expect(bootstrapCi(xs, meanStat, { seed: 7 })).not.toEqual(bootstrapCi(xs, meanStat, { seed: 8 }));
  });

  it('brackets the sample statistic and handles degenerate input', () => {
    const xs = [10, 12, 9, 11, 14, 13, 8, 10];
    const [lo, hi] = bootstrapCi(xs, medianStat, { seed: 1 })!;
    expect(lo).toBeLessThanOrEqual(10.5);
    expect(hi).toBeGreaterThanOrEqual(10.5);
    expect(bootstrapCi([], meanStat)).toBeNull();
    expect(bootstrapCi([null, 4], meanStat)).toEqual([4, 4]);
  });

  // Truth: a 95 % interval for the mean of N(100, 15²) should contain 100 in about 95 % of
  // independent samples (the percentile bootstrap undercovers slightly at n = 30).
  it('covers the true mean of normal data in 90–99 % of 200 seeded trials', () => {
    const rng = mulberry32(2024);
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 30 }, () => randomNormal(rng, 100, 15));
      const [lo, hi] = bootstrapCi(xs, meanStat, { seed: t + 1, iterations: 1000 })!;
      if (lo <= 100 && 100 <= hi) covered++;
    }
    const coverage = covered / trials;
    expect(coverage).toBeGreaterThanOrEqual(0.9);
    expect(coverage).toBeLessThanOrEqual(0.99);
  });
});

describe('medianStat', () => {
  // Truth: the type-7 median of the sorted copy, for many random arrays (odd and even n, ties).
  it('equals the sorted-array median', async () => {
    const { percentile } = await import('../../src/stats/describe.js');
    const rng = mulberry32(5);
    for (let t = 0; t < 500; t++) {
      const n = 1 + Math.floor(rng() * 30);
      const xs = Array.from({ length: n }, () => Math.round(rng() * 20));
      const sorted = [...xs].sort((a, b) => a - b);
      expect(medianStat([...xs])).toBe(percentile(sorted, 50));
    }
  });
});
