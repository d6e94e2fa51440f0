/**
 * Confidence intervals of a difference for large samples, where 2000 bootstrap resamples of tens of
 * thousands of values would take minutes (a 100 000-sample `compare`). Above {@link LARGE_N} values a
 * side, the interval comes from asymptotics that agree with the bootstrap to well under the
 * precision shown:
 * - a quantile's standard error from the distribution-free order-statistic interval (the binomial
 *   ranks n·q ± 1.96·√(n·q·(1−q)) bracket the true quantile with 95 % confidence), combined for two
 *   independent samples as √(se_a² + se_b²);
 * - a mean's from s/√n.
 * `min`/`max` have no such interval: their callers keep the bootstrap.
 */
import { mean } from './describe.js';

/** Values a side above which {@link largeNDiffCi} replaces the bootstrap. */
export const LARGE_N = 5000;

const Z95 = 1.959964;

/** Standard error of quantile q (0–1) of sorted values, from the order-statistic interval. */
function quantileSe(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  const half = Z95 * Math.sqrt(n * q * (1 - q));
  const lo = Math.max(0, Math.floor(n * q - half));
  const hi = Math.min(n - 1, Math.ceil(n * q + half));
  return (sorted[hi] - sorted[lo]) / (2 * Z95);
}

function meanSe(values: readonly number[]): number {
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return values.length > 1 ? Math.sqrt(ss / (values.length - 1) / values.length) : 0;
}

/**
 * 95 % CI of `stat(b) − stat(a)` by the asymptotics above, for sorted samples both larger than
 * {@link LARGE_N}; `null` when it does not apply (small samples, or `min`/`max`).
 * @param stat `mean`, or a quantile 0 < q < 1
 */
export function largeNDiffCi(sortedA: readonly number[], sortedB: readonly number[], stat: 'mean' | number, diff: number): [number, number] | null {
  if (sortedA.length <= LARGE_N || sortedB.length <= LARGE_N) return null;
  let se: number;
  if (stat === 'mean') se = Math.hypot(meanSe(sortedA), meanSe(sortedB));
  else if (stat > 0 && stat < 1) se = Math.hypot(quantileSe(sortedA, stat), quantileSe(sortedB, stat));
  else return null;
  return [diff - Z95 * se, diff + Z95 * se];
}
