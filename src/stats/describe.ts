/**
 * Descriptive statistics over plain arrays.
 *
 * Percentiles use linear interpolation between closest ranks — Hyndman & Fan type 7, the default of
 * numpy `percentile`, R `quantile` and Excel `PERCENTILE.INC`: for n sorted values and p in
 * [0, 100], h = (n − 1)·p/100, and the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 */

import { STAT_NAMES, type StatName } from '../results/stat-names.js';
import type { Description } from '../results/types.js';

export type { Description };

export { STAT_NAMES, type StatName };

/**
 * The p-th percentile (p in [0, 100]) of an ascending-sorted array, type 7 interpolation.
 * Returns NaN for an empty array. The caller sorts (so repeated percentiles sort once).
 */
export function percentile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be in [0, 100], got ${p}`);
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The finite numbers of `values` (null, undefined, NaN, ±Infinity and non-numbers dropped). */
export function finiteValues(values: readonly unknown[]): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  return out;
}

/** Ascending numeric sort into a new array. */
export function sortAscending(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

/** Arithmetic mean; NaN when empty. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Median (type 7 p50); NaN when empty. Sorts a copy. */
export function median(values: readonly number[]): number {
  return percentile(sortAscending(values), 50);
}

/**
 * n, mean, p50, p90, p95, p99, min, max of the finite values in `values` (nulls and NaN excluded).
 * With no finite value, n = 0 and every statistic is null.
 */
export function describe(values: readonly (number | null | undefined)[]): Description {
  const xs = sortAscending(finiteValues(values));
  const n = xs.length;
  if (n === 0) return { n: 0, mean: null, p50: null, p90: null, p95: null, p99: null, min: null, max: null };
  return {
    n,
    mean: mean(xs),
    p50: percentile(xs, 50),
    p90: percentile(xs, 90),
    p95: percentile(xs, 95),
    p99: percentile(xs, 99),
    min: xs[0],
    max: xs[n - 1],
  };
}

/** One named statistic of already-sorted values (NaN when empty). */
export function statOf(sorted: readonly number[], stat: StatName): number {
  switch (stat) {
    case 'mean':
      return mean(sorted);
    case 'min':
      return sorted.length ? sorted[0] : NaN;
    case 'max':
      return sorted.length ? sorted[sorted.length - 1] : NaN;
    default:
      return percentile(sorted, Number(stat.slice(1)));
  }
}

/**
 * Smallest and largest of `values` by one pass ([NaN, NaN] when empty). Never `Math.min(...xs)`:
 * spreading 100 000 values overflows the call stack.
 */
export function minMax(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [NaN, NaN] : [lo, hi];
}
