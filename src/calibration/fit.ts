/**
 * Fits a shifted lognormal to observations and measures how well it fits (Kolmogorov–Smirnov).
 * Pure. Latencies have a floor (nothing arrives before the silence duration has passed, or before
 * the round trip), so a plain lognormal from 0 fits them badly; the shift is chosen from a grid by
 * the smallest KS distance, μ and σ of log(x − shift) by maximum likelihood.
 */
import { lognormalCdf, QUANTILE_POINTS, QUANTILE_STEP_PCT, type Distribution } from './distribution.js';

/** KS critical value at α = 0.05 for n observations (asymptotic 1.36/√n). */
export function ksCritical(n: number): number {
  return 1.36 / Math.sqrt(Math.max(1, n));
}

/** Sample quantile (type 7, linear interpolation) of ascending values. */
export function quantileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** KS distance between ascending observations and a CDF. */
export function ksDistance(sorted: readonly number[], cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** Relative shift candidates below the minimum, as fractions of the observed span. */
const SHIFT_FRACTIONS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 13, 21];

/**
 * Fits `values` (at least 2 finite numbers). Non-negative data keep a non-negative shift. Bounds:
 * the mock never draws below the shift nor above max + span (a tail a bit beyond what was seen).
 */
export function fitDistribution(values: readonly number[]): Distribution {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) throw new RangeError('fitDistribution: no finite values');
  const min = xs[0];
  const max = xs[n - 1];
  const span = max - min;
  const quantiles = Array.from({ length: QUANTILE_POINTS }, (_, i) => round3(quantileOf(xs, (i * QUANTILE_STEP_PCT) / 100)));
  if (span < 1e-9) {
    return { shiftMs: 0, medianMs: min, sigma: 0, minMs: min, maxMs: max, sampler: 'lognormal', quantiles, n, ks: 0 };
  }
  const shifts = SHIFT_FRACTIONS.map((f) => min - span * f).filter((s) => min < 0 || s >= 0);
  if (min > 0) shifts.push(0);
  let best: { shift: number; median: number; sigma: number; ks: number } | null = null;
  for (const shift of shifts) {
    const logs = xs.map((x) => Math.log(x - shift));
    const mu = logs.reduce((a, b) => a + b, 0) / n;
    const sigma = Math.sqrt(logs.reduce((a, b) => a + (b - mu) ** 2, 0) / n);
    const median = Math.exp(mu);
    const ks = ksDistance(xs, (x) => lognormalCdf({ shiftMs: shift, medianMs: median, sigma }, x));
    if (!best || ks < best.ks) best = { shift, median, sigma, ks };
  }
  const b = best!;
  return {
    shiftMs: round3(b.shift),
    medianMs: round3(b.median),
    sigma: round3(b.sigma),
    minMs: round3(b.shift),
    maxMs: round3(max + span),
    sampler: b.ks <= ksCritical(n) ? 'lognormal' : 'empirical',
    quantiles,
    n,
    ks: round3(b.ks),
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
