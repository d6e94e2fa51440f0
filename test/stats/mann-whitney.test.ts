import { describe, expect, it } from 'vitest';
import { compareSamples } from '../../src/stats/compare.js';
import { mannWhitney } from '../../src/stats/mann-whitney.js';
import { mulberry32, randomNormal, type Rng } from '../../src/util/prng.js';

/** Latency-like data: a 600 ms floor plus a skewed (log-normal) part. */
function latencies(rng: Rng, n: number, shiftMs = 0): number[] {
  return Array.from({ length: n }, () => Math.round((600 + shiftMs + Math.exp(randomNormal(rng, 4.5, 0.6))) * 10) / 10);
}

describe('mannWhitney', () => {
  // Truth: scipy.stats.mannwhitneyu (1.17), values printed for these exact inputs.
  it('matches scipy on exact and asymptotic cases', () => {
    const exact = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(exact.method).toBe('exact');
    expect(exact.u_a).toBe(0);
    expect(exact.p_value).toBeCloseTo(0.007936507936507936, 10); // 2 / C(10, 5)
    expect(exact.cliffs_delta).toBe(1);

    const exact2 = mannWhitney([1.5, 2.5, 3.1, 4.2, 5.3, 6.1, 7.7], [3.3, 4.4, 8.1, 9.2, 10.5, 11.8, 12.1, 0.5]);
    expect(exact2.u_a).toBe(14);
    expect(exact2.p_value).toBeCloseTo(0.1205905205905206, 10);

    // Ties force the normal approximation (tie-corrected variance, continuity correction).
    const ties = mannWhitney([1, 2, 2, 3, 3, 4, 5, 9, 9, 12], [2, 3, 4, 5, 6, 7, 7, 8, 10, 11, 12, 13]);
    expect(ties.method).toBe('normal');
    expect(ties.u_a).toBe(36.5);
    expect(ties.p_value).toBeCloseTo(0.12796595888308218, 5);
  });

  it('gives p = 1 for identical constant samples and null for an empty side', () => {
    expect(mannWhitney([5, 5, 5], [5, 5, 5, 5]).p_value).toBe(1);
    expect(mannWhitney([], [1, 2]).p_value).toBeNull();
  });
});

describe('compareSamples', () => {
  it('detects a +100 ms shift at n = 40', () => {
    const rng = mulberry32(11);
    const a = latencies(rng, 40);
    const b = latencies(rng, 40, 100);
    const c = compareSamples(a, b, { seed: 3 });
    expect(c.significant).toBe(true);
    expect(c.small_n).toBe(false);
    expect(c.p_value!).toBeLessThan(0.001);
    expect(c.delta!).toBeGreaterThan(50);
    expect(c.ci95![0]).toBeGreaterThan(0);
    expect(c.effect_size!).toBeGreaterThan(0.5);
  });

  // Truth: with both samples from one distribution, a 5 % test flags ~5 % of trials.
  it('flags identical distributions in ≤ 10 % of 300 seeded trials', () => {
    const rng = mulberry32(99);
    let pBelow = 0;
    let significant = 0;
    const trials = 300;
    for (let t = 0; t < trials; t++) {
      const c = compareSamples(latencies(rng, 30), latencies(rng, 30), { seed: t, iterations: 300 });
      if (c.p_value! < 0.05) pBelow++;
      if (c.significant) significant++;
    }
    expect(pBelow / trials).toBeLessThanOrEqual(0.1);
    expect(pBelow / trials).toBeGreaterThan(0.005); // the test is not dead either
    expect(significant).toBeLessThanOrEqual(pBelow);
  });

  it('flags small samples and computes delta_pct against |median_a|', () => {
    const c = compareSamples([100, 110, 120], [150, 160, 170, null]);
    expect(c.small_n).toBe(true);
    expect(c.n_b).toBe(3);
    expect(c.delta).toBe(50);
    expect(c.delta_pct).toBeCloseTo(45.4545, 3);
    expect(c.significant).toBe(false); // exact p = 0.1 for 3 vs 3: no claim possible
  });
});
