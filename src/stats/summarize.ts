import type { Sample, SummaryRow } from '../results/types.js';
import { bootstrapCi, meanStat } from './bootstrap.js';
import { describe } from './describe.js';
import { groupBy, groupKeyOf, metricNames, metricValues, stableStringify } from './group.js';
import { deriveSeed } from '../util/prng.js';

export interface SummarizeOptions {
  /** Bootstrap seed (default 1); each row derives its own stream from it and its key. */
  seed?: number;
  /** Bootstrap resamples for the CI of the mean (default 2000). */
  iterations?: number;
}

/**
 * Above this many values the CI of the mean is the normal interval mean ± 1.96·s/√n instead of a
 * bootstrap: at such n the two agree to well under the precision shown (central limit theorem),
 * and 2000 resamples of 25 000 values per row would take minutes for a 100 000-sample run.
 */
export const BOOTSTRAP_MAX_N = 5000;

/** mean ± 1.959964·s/√n over the finite values (s: sample standard deviation). */
export function normalMeanCi(values: readonly (number | null)[], mean: number): [number, number] {
  let n = 0;
  let ss = 0;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    n++;
    ss += (v - mean) * (v - mean);
  }
  const half = n > 1 ? 1.959964 * Math.sqrt(ss / (n - 1) / n) : 0;
  return [mean - half, mean + half];
}

/**
 * One {@link SummaryRow} per group (scenario × target × model × settings) and metric: describe()
 * plus a 95 % percentile-bootstrap CI of the mean (the normal interval above {@link BOOTSTRAP_MAX_N} values). Only samples with `ok: true` count (a failed
 * turn's partial timings would mix two populations; failures are counted by the renderers).
 * Boolean metrics become 0/1, so their mean is a rate (e.g. `response_cancelled` mean 0.9 = 90 %).
 * Metrics with no value in a group give no row. Groups and metrics keep first-appearance order.
 */
export function summarize(samples: readonly Sample[], opts: SummarizeOptions = {}): SummaryRow[] {
  const seed = opts.seed ?? 1;
  const rows: SummaryRow[] = [];
  const groups = groupBy(
    samples.filter((s) => s.ok),
    (s) => groupKeyOf(s),
  );
  for (const [key, group] of groups) {
    const first = group[0];
    for (const metric of metricNames(group)) {
      const values = metricValues(group, metric);
      const d = describe(values);
      if (d.n === 0) continue;
      const ci95 =
        d.n > BOOTSTRAP_MAX_N
          ? normalMeanCi(values, d.mean!)
          : bootstrapCi(values, meanStat, { seed: deriveSeed(seed, key + metric), iterations: opts.iterations });
      rows.push({
        scenario: first.scenario,
        target: first.target,
        model: first.model,
        settings: JSON.parse(stableStringify(first.settings)) as SummaryRow['settings'],
        metric,
        ...d,
        ci95,
      });
    }
  }
  return rows;
}
