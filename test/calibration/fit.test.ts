/** Fitting and goodness of fit, against draws from known distributions. */
import { describe, expect, it } from 'vitest';
import { drawFrom, empiricalInverse, fittedQuantile, normalCdf, normalQuantile } from '../../src/calibration/distribution.js';
import { fitDistribution, ksCritical, ksDistance, quantileOf } from '../../src/calibration/fit.js';
import { Prng } from '../../src/util/prng.js';

function draws(n: number, seed: number, f: (rng: Prng) => number): number[] {
  const rng = new Prng(seed);
  return Array.from({ length: n }, () => f(rng));
}

describe('normal helpers (truth: textbook values)', () => {
  it('CDF and quantile agree with tables and with each other', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
    for (const p of [0.01, 0.2, 0.5, 0.77, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});

describe('fitDistribution (truth: the parameters the draws came from)', () => {
  it('recovers a shifted lognormal and accepts it by KS', () => {
    const xs = draws(2000, 1, (r) => 300 + 400 * Math.exp(0.35 * r.normal()));
    const d = fitDistribution(xs);
    expect(d.sampler).toBe('lognormal');
    expect(d.ks!).toBeLessThan(ksCritical(2000));
    expect(d.shiftMs + d.medianMs).toBeGreaterThan(680);
    expect(d.shiftMs + d.medianMs).toBeLessThan(720);
    const sorted = [...xs].sort((a, b) => a - b);
    for (const p of [0.5, 0.9]) expect(Math.abs(fittedQuantile(d, p) - quantileOf(sorted, p)) / quantileOf(sorted, p)).toBeLessThan(0.03);
  });

  it('rejects the lognormal for a bimodal sample and falls back to the observed quantiles', () => {
    const xs = draws(600, 2, (r) => (r.next() < 0.5 ? 200 : 900) + 20 * r.normal());
    const d = fitDistribution(xs);
    expect(d.ks!).toBeGreaterThan(ksCritical(600));
    expect(d.sampler).toBe('empirical');
    // Drawing reproduces the two modes: about half the draws below 550.
    const rng = new Prng(3);
    const again = Array.from({ length: 2000 }, () => drawFrom(d, rng.next(), rng.normal()));
    const low = again.filter((x) => x < 550).length / again.length;
    expect(low).toBeGreaterThan(0.45);
    expect(low).toBeLessThan(0.55);
  });

  it('handles a constant sample (a deterministic delay)', () => {
    const d = fitDistribution([512, 512, 512, 512]);
    expect(d.sigma).toBe(0);
    expect(drawFrom(d, 0.3, 1.7)).toBe(512);
  });

  it('KS distance of a sample against its own generating CDF is small, against a shifted one large', () => {
    const xs = draws(1000, 4, (r) => r.next()).sort((a, b) => a - b);
    expect(ksDistance(xs, (x) => Math.min(1, Math.max(0, x)))).toBeLessThan(ksCritical(1000));
    expect(ksDistance(xs, (x) => Math.min(1, Math.max(0, x - 0.2)))).toBeGreaterThan(0.15);
  });

  it('empirical inverse interpolates between grid points', () => {
    const q = Array.from({ length: 21 }, (_, i) => i * 10);
    expect(empiricalInverse(q, 0.5)).toBe(100);
    expect(empiricalInverse(q, 0.525)).toBeCloseTo(105, 9);
    expect(empiricalInverse(q, 1)).toBe(200);
  });
});
