import { bootstrapDiffCi, meanStat, medianStat } from './bootstrap.js';
import { finiteValues, mean, median, sortAscending } from './describe.js';
import { largeNDiffCi } from './large-n.js';
import { mannWhitney } from './mann-whitney.js';

import { ALPHA, SMALL_N, isSmallN } from '../results/gate.js';

/** Below this many values on either side no test is run (the gate rule, src/results/gate.ts). */
export { SMALL_N, ALPHA };

/** Two samples compared: B relative to A. */
export interface SampleComparison {
  n_a: number;
  n_b: number;
  median_a: number | null;
  median_b: number | null;
  mean_a: number | null;
  mean_b: number | null;
  /** Which centre `delta` and `ci95` compare: medians (default) or means (rates of booleans). */
  center: 'median' | 'mean';
  /** centre_b − centre_a (median_b − median_a by default). */
  delta: number | null;
  /** delta as a percentage of |centre_a|; null when it is 0 or missing. */
  delta_pct: number | null;
  /** 95 % percentile-bootstrap CI of the centre difference; null when small_n (no test run). */
  ci95: [number, number] | null;
  /** Two-sided Mann–Whitney U p-value; null when small_n (no test run). */
  p_value: number | null;
  p_method: 'exact' | 'normal';
  /** Cliff's delta of B vs A in [−1, 1] (positive: B tends to be larger). */
  effect_size: number | null;
  /** p < 0.05 and the CI of the median difference excludes 0. */
  significant: boolean;
  /** Fewer than {@link SMALL_N} values on either side: no test is run, so never significant. */
  small_n: boolean;
}

export interface CompareOptions {
  /** Bootstrap seed (default 1). */
  seed?: number;
  /** Bootstrap resamples (default 2000). */
  iterations?: number;
  /**
   * Compare medians (default; robust for latencies) or means (for 0/1 values such as
   * `truncate_ok`, whose median is nearly always 0 or 1).
   */
  center?: 'median' | 'mean';
}

/**
 * Compares sample B against sample A (nulls and NaN dropped): medians (or means, see
 * {@link CompareOptions.center}) and their difference with a bootstrap CI, the Mann–Whitney p-value and Cliff's delta. `significant` needs both p < 0.05 and
 * a CI that excludes 0, so a verdict never rests on one method alone. With fewer than
 * {@link SMALL_N} values on either side (`small_n`) no test is run: p-value and CI are null and
 * the comparison is never significant — the one gate rule, src/results/gate.ts.
 */
export function compareSamples(
  a: readonly (number | null | undefined)[],
  b: readonly (number | null | undefined)[],
  opts: CompareOptions = {},
): SampleComparison {
  const xa = finiteValues(a);
  const xb = finiteValues(b);
  const center = opts.center ?? 'median';
  const medianA = xa.length ? median(xa) : null;
  const medianB = xb.length ? median(xb) : null;
  const meanA = xa.length ? mean(xa) : null;
  const meanB = xb.length ? mean(xb) : null;
  const [ca, cb] = center === 'mean' ? [meanA, meanB] : [medianA, medianB];
  const delta = ca !== null && cb !== null ? cb - ca : null;
  const deltaPct = delta !== null && ca !== null && ca !== 0 ? (delta / Math.abs(ca)) * 100 : null;
  const smallN = isSmallN(xa.length, xb.length);
  // Tens of thousands of values a side: the asymptotic interval (large-n.ts), not minutes of resampling.
  const largeCi = smallN || delta === null ? null : largeNDiffCi(sortAscending(xa), sortAscending(xb), center === 'mean' ? 'mean' : 0.5, delta);
  const ci95 = smallN
    ? null
    : (largeCi ?? bootstrapDiffCi(xa, xb, center === 'mean' ? meanStat : medianStat, { seed: opts.seed ?? 1, iterations: opts.iterations ?? 2000 }));
  const mw = smallN ? { p_value: null, method: 'exact' as const, cliffs_delta: cliffsDelta(xa, xb) } : mannWhitney(xa, xb);
  const ciExcludesZero = ci95 !== null && (ci95[0] > 0 || ci95[1] < 0);
  return {
    n_a: xa.length,
    n_b: xb.length,
    median_a: medianA,
    median_b: medianB,
    mean_a: meanA,
    mean_b: meanB,
    center,
    delta,
    delta_pct: deltaPct,
    ci95,
    p_value: mw.p_value,
    p_method: mw.method,
    effect_size: mw.cliffs_delta,
    significant: mw.p_value !== null && mw.p_value < ALPHA && ciExcludesZero,
    small_n: smallN,
  };
}

/** Cliff's delta of B vs A: P(b > a) − P(b < a), by sorting (O(n log n)); null when a side is empty. */
function cliffsDelta(a: readonly number[], b: readonly number[]): number | null {
  if (!a.length || !b.length) return null;
  const sa = [...a].sort((x, y) => x - y);
  let bLarger = 0;
  let bSmaller = 0;
  for (const y of b) {
    bLarger += countBelow(sa, y, false);
    bSmaller += sa.length - countBelow(sa, y, true);
  }
  return (bLarger - bSmaller) / (a.length * b.length);
}

/** How many of ascending `xs` are < v (or ≤ v when `inclusive`). */
function countBelow(xs: readonly number[], v: number, inclusive: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < v || (inclusive && xs[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
