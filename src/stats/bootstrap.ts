import { finiteValues, mean, percentile, sortAscending } from './describe.js';
import { mulberry32, randomInt, type Rng } from '../util/prng.js';

/** Options of a percentile bootstrap. */
export interface BootstrapOptions {
  /** Resamples drawn (default 2000). */
  iterations?: number;
  /** PRNG seed (default 1): the same data and seed give the same interval. */
  seed?: number;
  /** Confidence level in (0, 1) (default 0.95). */
  level?: number;
}

/** A statistic of a sample, e.g. {@link mean}. It receives an unsorted resample it may reorder. */
export type Statistic = (values: number[]) => number;

/**
 * Percentile bootstrap confidence interval of `stat` over the finite values of `values`: draws
 * `iterations` resamples with replacement, computes the statistic of each, and returns the
 * (1−level)/2 and (1+level)/2 percentiles (type 7) of those. Returns null when there is no value;
 * with one value (or all equal) the interval is degenerate [x, x].
 */
export function bootstrapCi(values: readonly (number | null | undefined)[], stat: Statistic, opts: BootstrapOptions = {}): [number, number] | null {
  const xs = finiteValues(values);
  if (xs.length === 0) return null;
  const iterations = opts.iterations ?? 2000;
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrapCi: level must be in (0, 1), got ${level}`);
  const rng = mulberry32(opts.seed ?? 1);
  const stats: number[] = new Array(iterations);
  const buf: number[] = new Array(xs.length);
  const n = xs.length;
  for (let i = 0; i < iterations; i++) {
    if (stat === meanStat) {
      // The summary's CI of the mean runs for every row of every run: skip the buffer.
      let sum = 0;
      for (let j = 0; j < n; j++) sum += xs[randomInt(rng, n)];
      stats[i] = sum / n;
    } else {
      resampleInto(buf, xs, rng);
      stats[i] = stat(buf);
    }
  }
  return interval(stats, level);
}

/**
 * Percentile bootstrap CI of `stat(b) − stat(a)`, resampling each sample independently.
 * Null when either sample is empty.
 */
export function bootstrapDiffCi(a: readonly number[], b: readonly number[], stat: Statistic, opts: BootstrapOptions = {}): [number, number] | null {
  if (a.length === 0 || b.length === 0) return null;
  const iterations = opts.iterations ?? 2000;
  const level = opts.level ?? 0.95;
  const rng = mulberry32(opts.seed ?? 1);
  const bufA: number[] = new Array(a.length);
  const bufB: number[] = new Array(b.length);
  const diffs: number[] = new Array(iterations);
  for (let i = 0; i < iterations; i++) {
    resampleInto(bufA, a, rng);
    resampleInto(bufB, b, rng);
    diffs[i] = stat(bufB) - stat(bufA);
  }
  return interval(diffs, level);
}

function resampleInto(buf: number[], xs: readonly number[], rng: Rng): void {
  const n = xs.length;
  for (let j = 0; j < n; j++) buf[j] = xs[randomInt(rng, n)];
}

function interval(stats: number[], level: number): [number, number] {
  const sorted = sortAscending(stats.filter(Number.isFinite));
  const alpha = (1 - level) / 2;
  return [percentile(sorted, alpha * 100), percentile(sorted, (1 - alpha) * 100)];
}

/**
 * Median (type 7) of an unsorted array, as a bootstrap {@link Statistic}. Uses quickselect in
 * place — O(n) instead of a sort per resample — so it reorders its input (bootstrap buffers are
 * refilled every iteration, so that is free).
 */
export const medianStat: Statistic = (xs) => {
  const n = xs.length;
  if (n === 0) return NaN;
  const h = (n - 1) / 2;
  const lo = Math.floor(h);
  const a = select(xs, lo);
  if (lo === h) return a;
  // The next order statistic is the minimum of everything right of position lo.
  let b = Infinity;
  for (let i = lo + 1; i < n; i++) if (xs[i] < b) b = xs[i];
  return a + (h - lo) * (b - a);
};

/** Hoare quickselect: moves the k-th smallest value to index k (smaller left, larger right). */
function select(xs: number[], k: number): number {
  let left = 0;
  let right = xs.length - 1;
  while (left < right) {
    const pivot = xs[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i] = xs[j];
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return xs[k];
}

/** Mean, as a bootstrap {@link Statistic}. */
export const meanStat: Statistic = (xs) => mean(xs);
