import type { RunResults, Sample } from '../results/types.js';
import { bootstrapDiffCi } from './bootstrap.js';
import { compareSamples, ALPHA } from './compare.js';
import { finiteValues, sortAscending, statOf, type StatName } from './describe.js';
import { cellLabel, groupBy, groupKeyOf, metricValues, type GroupKey } from './group.js';
import { deriveSeed } from './random.js';
import { beyondThreshold, thresholdLimit, type Threshold } from './threshold.js';

/** The verdict of one threshold on one group. */
export interface RegressionResult extends GroupKey {
  /** The threshold as written, e.g. `first_audio_ms.p95=+10%`. */
  threshold: string;
  cell: string;
  metric: string;
  stat: StatName;
  n_baseline: number;
  n_current: number;
  baseline: number | null;
  current: number | null;
  /** The value beyond which current counts as worse. */
  limit: number | null;
  /** current − baseline (of `stat`). */
  delta: number | null;
  delta_pct: number | null;
  /** 95 % bootstrap CI of stat(current) − stat(baseline). */
  stat_ci95: [number, number] | null;
  /** Mann–Whitney two-sided p-value, current vs baseline. */
  p_value: number | null;
  /** Cliff's delta of current vs baseline. */
  effect_size: number | null;
  beyond_threshold: boolean;
  /** Worse in a statistically significant way (see {@link checkRegressions}). */
  significant: boolean;
  small_n: boolean;
  regression: boolean;
  /**
   * `regression`; `not_significant` (beyond the threshold but within noise); `ok`;
   * `no_baseline` (group absent from the baseline); `no_data` (a side has no value).
   */
  status: 'regression' | 'not_significant' | 'ok' | 'no_baseline' | 'no_data';
  /** One line for humans. */
  message: string;
}

export interface RegressionOptions {
  seed?: number;
  iterations?: number;
}

/**
 * Checks every threshold on every group (scenario × target × model × settings) of `current`
 * against the same group of `baseline`, over samples with `ok: true`.
 *
 * The rule: a group regresses when its statistic is beyond the threshold in the worse direction
 * AND the change is significant — Mann–Whitney p < 0.05 with the effect in the worse direction,
 * and the 95 % bootstrap CI of stat(current) − stat(baseline) excluding 0 on the worse side.
 * With fewer than 8 values on either side no test has power, so being beyond the threshold is
 * enough: the result is a regression flagged `small_n: true`, and renderers say so.
 */
export function checkRegressions(
  baseline: RunResults,
  current: RunResults,
  thresholds: readonly Threshold[],
  opts: RegressionOptions = {},
): RegressionResult[] {
  const baseGroups = groupBy(baseline.samples.filter((s) => s.ok), (s) => groupKeyOf(s));
  const curGroups = groupBy(current.samples.filter((s) => s.ok), (s) => groupKeyOf(s));
  const out: RegressionResult[] = [];
  for (const t of thresholds) {
    for (const [key, cur] of curGroups) {
      out.push(checkOne(t, cur, baseGroups.get(key) ?? [], deriveSeed(opts.seed ?? 1, key + t.source), opts.iterations));
    }
  }
  return out;
}

function checkOne(t: Threshold, cur: Sample[], base: Sample[], seed: number, iterations?: number): RegressionResult {
  const g = cur[0];
  const xs = finiteValues(metricValues(base, t.metric));
  const ys = finiteValues(metricValues(cur, t.metric));
  const result: RegressionResult = {
    scenario: g.scenario,
    target: g.target,
    model: g.model,
    settings: g.settings,
    threshold: t.source,
    cell: cellLabel(g),
    metric: t.metric,
    stat: t.stat,
    n_baseline: xs.length,
    n_current: ys.length,
    baseline: null,
    current: null,
    limit: null,
    delta: null,
    delta_pct: null,
    stat_ci95: null,
    p_value: null,
    effect_size: null,
    beyond_threshold: false,
    significant: false,
    small_n: false,
    regression: false,
    status: base.length === 0 ? 'no_baseline' : 'no_data',
    message: '',
  };
  if (xs.length === 0 || ys.length === 0) {
    result.message = `${t.source}: ${result.status === 'no_baseline' ? 'group not in the baseline' : 'no values to compare'}`;
    return result;
  }
  const b = statOf(sortAscending(xs), t.stat);
  const c = statOf(sortAscending(ys), t.stat);
  const cmp = compareSamples(xs, ys, { seed, iterations });
  const statCi = bootstrapDiffCi(xs, ys, (v) => statOf(sortAscending(v), t.stat), { seed: seed ^ 0x9e3779b9, iterations });
  const worseHigher = t.direction === 'higher_is_worse';
  const effectWorse = cmp.effect_size !== null && (worseHigher ? cmp.effect_size > 0 : cmp.effect_size < 0);
  const ciWorse = statCi !== null && (worseHigher ? statCi[0] > 0 : statCi[1] < 0);
  const significant = cmp.p_value !== null && cmp.p_value < ALPHA && effectWorse && ciWorse;
  const beyond = beyondThreshold(t, b, c);
  const regression = beyond && (cmp.small_n || significant);
  Object.assign(result, {
    baseline: b,
    current: c,
    limit: thresholdLimit(t, b),
    delta: c - b,
    delta_pct: b !== 0 ? ((c - b) / Math.abs(b)) * 100 : null,
    stat_ci95: statCi,
    p_value: cmp.p_value,
    effect_size: cmp.effect_size,
    beyond_threshold: beyond,
    significant,
    small_n: cmp.small_n,
    regression,
    status: regression ? 'regression' : beyond ? 'not_significant' : 'ok',
  } satisfies Partial<RegressionResult>);
  result.message = regressionMessage(result);
  return result;
}

function regressionMessage(r: RegressionResult): string {
  const pct = r.delta_pct !== null ? ` (${r.delta_pct >= 0 ? '+' : ''}${r.delta_pct.toFixed(1)}%)` : '';
  const p = r.p_value !== null ? `, p=${r.p_value < 0.001 ? '<0.001' : r.p_value.toFixed(3)}` : '';
  const verdict =
    r.status === 'regression' ? (r.small_n ? 'REGRESSION (small n: not tested for significance)' : 'REGRESSION') : r.status === 'not_significant' ? 'beyond threshold but not significant' : 'ok';
  return `${r.metric} ${r.stat} ${fmt(r.baseline)} → ${fmt(r.current)}${pct}, limit ${fmt(r.limit)}${p}: ${verdict} [${r.threshold}]`;
}

function fmt(v: number | null): string {
  if (v === null) return '—';
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : String(Number(v.toPrecision(3)));
}
