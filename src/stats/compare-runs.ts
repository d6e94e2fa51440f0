import type { RunResults, Sample } from '../results/types.js';
import { compareSamples, type SampleComparison } from './compare.js';
import { finiteValues, percentile, sortAscending } from './describe.js';
import { groupBy, metricNames, metricValues, settingsLabel, stableStringify } from './group.js';
import { deriveSeed } from '../util/prng.js';
import { GateError } from './regression.js';
import { assertSameContent } from './cell-content.js';
import { UnknownNameError } from '../results/names.js';
import { metricInfo } from '../results/registry.js';
import { didYouMean } from '../results/suggest.js';

/** One metric of one group, run A beside run B. */
export interface ComparisonRow extends SampleComparison {
  scenario: string;
  target: string;
  settings: Record<string, string | number | boolean | null>;
  metric: string;
  /** The model on each side (they differ when comparing e.g. gpt-4o vs gpt-4o-mini runs). */
  model_a: string;
  model_b: string;
  p95_a: number | null;
  p95_b: number | null;
  /** A boolean metric: values are 0/1, compared as rates (means). */
  rate: boolean;
}

export interface CompareRunsOptions {
  seed?: number;
  iterations?: number;
  /** Told when cells are matched by name only (a run without content fingerprints). */
  onWarning?: (line: string) => void;
}

/**
 * Compares two runs group by group (scenario × target × settings, with the model as an axis) and
 * metric: B relative to A. Within a group, models present in both runs are paired by name; when
 * each run has exactly one model there and they differ, those two are paired (the
 * "gpt-4o run vs gpt-4o-mini run" case). Groups present in only one run are skipped; when no
 * group is in both, {@link GateError} `NO_COMMON_CELL` is thrown (nothing could be compared).
 * Only `ok` samples count.
 */
export function compareRuns(a: RunResults, b: RunResults, opts: CompareRunsOptions = {}): ComparisonRow[] {
  const key = (s: Pick<Sample, 'scenario' | 'target' | 'settings'>) => stableStringify([s.scenario, s.target, s.settings]);
  const groupsA = groupBy(
    a.samples.filter((s) => s.ok),
    key,
  );
  const groupsB = groupBy(
    b.samples.filter((s) => s.ok),
    key,
  );
  // Same group name, other content (e.g. two quick runs of different WAVs): refused, not paired.
  for (const w of assertSameContent(
    a.samples.filter((s) => s.ok),
    b.samples.filter((s) => s.ok),
    { a: 'run A', b: 'run B' },
    key,
  ))
    opts.onWarning?.(w);
  const rows: ComparisonRow[] = [];
  let paired = 0;
  for (const [k, sa] of groupsA) {
    const sb = groupsB.get(k);
    if (!sb) continue;
    for (const [modelA, modelB] of pairModels(sa, sb)) {
      paired++;
      const xa = sa.filter((s) => s.model === modelA);
      const xb = sb.filter((s) => s.model === modelB);
      for (const metric of unionMetrics(xa, xb)) {
        const va = metricValues(xa, metric);
        const vb = metricValues(xb, metric);
        if (finiteValues(va).length === 0 && finiteValues(vb).length === 0) continue;
        const rate = isRate([...xa, ...xb], metric);
        const cmp = compareSamples(va, vb, {
          seed: deriveSeed(opts.seed ?? 1, k + modelA + modelB + metric),
          iterations: opts.iterations,
          center: rate ? 'mean' : 'median',
        });
        rows.push({
          scenario: sa[0].scenario,
          target: sa[0].target,
          settings: sa[0].settings,
          metric,
          model_a: modelA,
          model_b: modelB,
          p95_a: p95(va),
          p95_b: p95(vb),
          rate,
          ...cmp,
        });
      }
    }
  }
  if (paired === 0) throw new GateError('NO_COMMON_CELL', noCommonGroup(a.samples, b.samples));
  return rows;
}

function noCommonGroup(a: readonly Sample[], b: readonly Sample[]): string {
  const one = (ss: readonly Sample[]) => {
    const s = ss.find((x) => x.ok);
    return s ? `${s.scenario} [${[s.target, s.model, settingsLabel(s.settings)].filter(Boolean).join(' ')}]` : 'no successful sample';
  };
  return `run A and run B share no cell (same scenario, target and settings): A has e.g. ${one(a)}, B has e.g. ${one(b)}; nothing to compare`;
}

function pairModels(sa: Sample[], sb: Sample[]): Array<[string, string]> {
  const ma = [...new Set(sa.map((s) => s.model))];
  const mb = [...new Set(sb.map((s) => s.model))];
  const common = ma.filter((m) => mb.includes(m));
  if (common.length) return common.map((m) => [m, m]);
  if (ma.length === 1 && mb.length === 1) return [[ma[0], mb[0]]];
  return [];
}

function unionMetrics(a: Sample[], b: Sample[]): string[] {
  return [...new Set([...metricNames(a), ...metricNames(b)])];
}

/** Whether a metric holds booleans (compared as rates). */
function isRate(samples: readonly Sample[], metric: string): boolean {
  return samples.some((s) => typeof s.metrics[metric] === 'boolean');
}

function p95(values: (number | null)[]): number | null {
  const xs = finiteValues(values);
  return xs.length ? percentile(sortAscending(xs), 95) : null;
}

/** The axis a within-run comparison runs along: `model`, `target`, or a matrix setting's name. */
export type Axis = 'model' | 'target' | (string & {});

/** One axis value's numbers in an {@link AxisRow}; `vs_first` is null for the first value. */
export interface AxisCell {
  value: string;
  n: number;
  median: number | null;
  p95: number | null;
  mean: number | null;
  vs_first: SampleComparison | null;
}

/** One scenario × other-axes × metric row of a within-run comparison. */
export interface AxisRow {
  scenario: string;
  /** The fixed axes (null for the one being compared). */
  target: string | null;
  model: string | null;
  /** Settings without the compared one. */
  settings: Record<string, string | number | boolean | null>;
  /** Human label of the fixed axes, e.g. `mock · silence_duration_ms=500`. */
  label: string;
  metric: string;
  /** A boolean metric, compared as rates (means) instead of medians. */
  rate: boolean;
  /** One cell per {@link AxisComparison.values} entry (null when that value has no data here). */
  cells: Array<AxisCell | null>;
  /**
   * Whether the values measure the same thing: false for a metric the registry marks as measured
   * differently over WebSocket and WebRTC, on the `transport` axis (the numbers are shown, the
   * difference is not a like-for-like comparison). Always true on other axes.
   */
  comparable: boolean;
}

export interface AxisComparison {
  axis: Axis;
  /** Axis values in first-appearance order; the first is the reference. */
  values: string[];
  rows: AxisRow[];
}

/**
 * Compares the values of one axis within a run (e.g. gpt-4o vs gpt-4o-mini in one matrix run):
 * rows are scenario × the other axes × metric, columns are the axis values, and each column after
 * the first carries a two-sample comparison against the first. Only `ok` samples count; for a
 * setting axis, samples without that setting are left out. An axis the run does not have throws
 * {@link UnknownNameError} (with the closest axis); an axis with one value, {@link GateError}.
 */
export function compareAxis(results: RunResults, axis: Axis, opts: CompareRunsOptions = {}): AxisComparison {
  const valueOf = (s: Sample): string | undefined =>
    axis === 'model' ? s.model : axis === 'target' ? s.target : axis in s.settings ? String(s.settings[axis]) : undefined;
  const ok = results.samples.filter((s) => s.ok);
  const axes = ['model', 'target', ...new Set(ok.flatMap((s) => Object.keys(s.settings)))];
  if (!axes.includes(axis)) throw new UnknownNameError(axis, `unknown axis "${axis}"${didYouMean(axis, axes)}: this run's axes are ${axes.join(', ')}`);
  const samples = ok.filter((s) => valueOf(s) !== undefined);
  const values = [...new Set(samples.map((s) => valueOf(s)!))];
  if (values.length < 2) throw new GateError('NOTHING_TO_COMPARE', `axis ${axis} has only one value in this run (${values[0] ?? 'none'}): nothing to compare`);
  const fixed = (s: Sample) => {
    const settings = { ...s.settings };
    if (axis !== 'model' && axis !== 'target') delete settings[axis];
    return {
      scenario: s.scenario,
      target: axis === 'target' ? null : s.target,
      model: axis === 'model' ? null : s.model,
      settings,
    };
  };
  const rows: AxisRow[] = [];
  const comparable = (metric: string) => axis !== 'transport' || (metricInfo(metric)?.crossTransport ?? true);
  for (const [k, group] of groupBy(samples, (s) => stableStringify(fixed(s)))) {
    const f = fixed(group[0]);
    const label = [f.target, f.model, settingsLabel(f.settings)].filter(Boolean).join(' · ');
    const byValue = values.map((v) => group.filter((s) => valueOf(s) === v));
    // On the transport axis, the metrics measured alike on both come first, side by side.
    const names = metricNames(group);
    for (const metric of [...names.filter(comparable), ...names.filter((n) => !comparable(n))]) {
      const ref = metricValues(byValue[0], metric);
      const rate = isRate(group, metric);
      const cells = byValue.map((ss, i): AxisCell | null => {
        const vs = metricValues(ss, metric);
        const xs = sortAscending(finiteValues(vs));
        if (xs.length === 0) return null;
        return {
          value: values[i],
          n: xs.length,
          median: percentile(xs, 50),
          p95: percentile(xs, 95),
          mean: xs.reduce((s, x) => s + x, 0) / xs.length,
          vs_first:
            i === 0
              ? null
              : compareSamples(ref, vs, {
                  seed: deriveSeed(opts.seed ?? 1, k + metric + values[i]),
                  iterations: opts.iterations,
                  center: rate ? 'mean' : 'median',
                }),
        };
      });
      if (cells.every((c) => c === null)) continue;
      rows.push({ ...f, label, metric, rate, cells, comparable: comparable(metric) });
    }
  }
  return { axis, values, rows };
}
