import type { GateOutcome, GroupKey, RegressionResult, RunResults, Sample } from '../results/types.js';
import { SMALL_N_WORDS, isSmallN } from '../results/gate.js';
import { bootstrapDiffCi } from './bootstrap.js';
import { compareSamples } from './compare.js';
import { largeNDiffCi } from './large-n.js';
import { ALPHA } from '../results/gate.js';
import { finiteValues, sortAscending, statOf } from './describe.js';
import { cellLabel, groupBy, groupKeyOf, metricValues } from './group.js';
import { deriveSeed } from '../util/prng.js';
import { beyondThreshold, thresholdLimit, type Threshold } from './threshold.js';
import { GateError } from './regression-error.js';
import { assertSameContent } from './cell-content.js';

export { GateError };

export type { RegressionResult, GateOutcome };

export interface RegressionOptions {
  seed?: number;
  iterations?: number;
  /** Told when cells are matched by name only (a run without content fingerprints). */
  onWarning?: (line: string) => void;
}

/**
 * Checks every threshold on every cell (scenario × target × model × settings) of `current`
 * against the same cell of `baseline`, over samples with `ok: true`, by the one gate rule
 * ({@link GATE_RULE} in src/results/gate.ts). Throws {@link GateError} `NO_COMMON_CELL` when the
 * runs share no cell (a baseline from another plan): nothing could be judged.
 */
export function checkRegressions(
  baseline: RunResults,
  current: RunResults,
  thresholds: readonly Threshold[],
  opts: RegressionOptions = {},
): RegressionResult[] {
  const baseGroups = groupBy(
    baseline.samples.filter((s) => s.ok),
    (s) => groupKeyOf(s),
  );
  const curGroups = groupBy(
    current.samples.filter((s) => s.ok),
    (s) => groupKeyOf(s),
  );
  if (thresholds.length) {
    assertCommonCell(baseline.samples, current.samples);
    for (const w of assertSameContent(
      baseline.samples.filter((s) => s.ok),
      current.samples.filter((s) => s.ok),
      GATE_SIDES,
    ))
      opts.onWarning?.(w);
  }
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
    const why =
      result.status === 'no_baseline'
        ? 'not in the baseline: not compared'
        : ys.length === 0 && xs.length > 0
          ? 'measured in the baseline, not in this run: cannot be judged'
          : xs.length === 0 && ys.length > 0
            ? 'not measured in the baseline: not compared'
            : 'measured in neither run';
    result.message = `${cellName(result)}: ${t.metric} ${t.stat} ${why} [${t.source}]`;
    return result;
  }
  const sortedB = sortAscending(xs);
  const sortedC = sortAscending(ys);
  const b = statOf(sortedB, t.stat);
  const c = statOf(sortedC, t.stat);
  const smallN = isSmallN(xs.length, ys.length);
  const beyond = beyondThreshold(t, b, c);
  // The rule: with few values no test is run (its p-value would only mislead); beyond is enough.
  let significant = false;
  let pValue: number | null = null;
  let effect: number | null = null;
  let statCi: [number, number] | null = null;
  if (!smallN) {
    const cmp = compareSamples(xs, ys, { seed, iterations });
    const q = t.stat === 'mean' ? 'mean' : t.stat.startsWith('p') ? Number(t.stat.slice(1)) / 100 : NaN;
    statCi =
      largeNDiffCi(sortedB, sortedC, q, c - b) ?? bootstrapDiffCi(xs, ys, (v) => statOf(sortAscending(v), t.stat), { seed: seed ^ 0x9e3779b9, iterations });
    const worseHigher = t.direction === 'higher_is_worse';
    const effectWorse = cmp.effect_size !== null && (worseHigher ? cmp.effect_size > 0 : cmp.effect_size < 0);
    const ciWorse = statCi !== null && (worseHigher ? statCi[0] > 0 : statCi[1] < 0);
    significant = cmp.p_value !== null && cmp.p_value < ALPHA && effectWorse && ciWorse;
    pValue = cmp.p_value;
    effect = cmp.effect_size;
  }
  const regression = beyond && (smallN || significant);
  Object.assign(result, {
    baseline: b,
    current: c,
    limit: thresholdLimit(t, b),
    delta: c - b,
    delta_pct: b !== 0 ? ((c - b) / Math.abs(b)) * 100 : null,
    stat_ci95: statCi,
    p_value: pValue,
    effect_size: effect,
    beyond_threshold: beyond,
    significant,
    small_n: smallN,
    regression,
    status: regression ? 'regression' : beyond ? 'not_significant' : 'ok',
  } satisfies Partial<RegressionResult>);
  result.message = regressionMessage(result);
  return result;
}

/** `scenario [target model settings]`: the cell every console line names. */
function cellName(r: RegressionResult): string {
  return `${r.scenario} [${r.cell}]`;
}

function regressionMessage(r: RegressionResult): string {
  const pct = r.delta_pct !== null ? ` (${r.delta_pct >= 0 ? '+' : ''}${r.delta_pct.toFixed(1)}%)` : '';
  const n = `n=${r.n_baseline}/${r.n_current}`;
  const test = r.small_n
    ? SMALL_N_WORDS
    : `p=${r.p_value === null ? '—' : r.p_value < 0.001 ? '<0.001' : r.p_value.toFixed(3)}${r.significant ? ', significant' : ', not significant'}`;
  const verdict = r.status === 'regression' ? 'REGRESSION' : r.status === 'not_significant' ? 'beyond the limit but within noise: ok' : 'within the limit: ok';
  return `${cellName(r)}: ${r.metric} ${r.stat} ${fmt(r.baseline)} → ${fmt(r.current)}${pct}, limit ${fmt(r.limit)}, ${n}, ${test}: ${verdict} [${r.threshold}]`;
}

/**
 * Throws {@link GateError} `NO_COMMON_CELL` unless some cell of `cells` (samples, or the planned
 * sessions before a run) is also a cell of the baseline: checked before a `--baseline` run starts.
 */
export function assertCommonCell(baseline: readonly Sample[], cells: readonly (GroupKey & { ok?: boolean })[]): void {
  const keys = new Set(baseline.filter((s) => s.ok).map((s) => groupKeyOf(s)));
  if (cells.some((c) => keys.has(groupKeyOf(c)))) return;
  throw new GateError('NO_COMMON_CELL', noCommonCellMessage(baseline, cells));
}

/** How a gate's messages call its two runs. */
export const GATE_SIDES = { a: 'the baseline', b: 'this run' } as const;

function noCommonCellMessage(base: readonly GroupKey[], cur: readonly GroupKey[]): string {
  const one = (ss: readonly GroupKey[]) => (ss.length ? `${ss[0].scenario} [${cellLabel(ss[0])}]` : 'no samples');
  return `the baseline shares no cell with this run (baseline e.g. ${one(base)}; this run e.g. ${one(cur)}): it comes from another plan, nothing can be compared`;
}

/**
 * Reduces verdicts to the gate's outcome: a regression fails; a cell measured in the baseline but
 * not in this run cannot be judged and fails; a threshold that no cell of both runs measured fails.
 */
export function judgeGate(verdicts: readonly RegressionResult[], thresholds: readonly Pick<Threshold, 'source' | 'metric'>[]): GateOutcome {
  const problems: string[] = [];
  for (const t of thresholds) {
    const mine = verdicts.filter((v) => v.threshold === t.source);
    if (!mine.some((v) => v.n_baseline > 0 && v.n_current > 0)) {
      const measured = mine.some((v) => v.n_baseline > 0 || v.n_current > 0);
      problems.push(
        `threshold ${t.source} cannot be judged: ${t.metric} ${measured ? 'has values in only one of the runs' : 'was measured in no cell of either run'}`,
      );
    }
  }
  for (const v of verdicts) {
    if (v.regression) problems.push(v.message);
    else if (v.status === 'no_data' && v.n_baseline > 0 && v.n_current === 0) problems.push(v.message);
  }
  const judged = new Set(verdicts.filter((v) => v.n_baseline > 0 && v.n_current > 0).map((v) => `${v.scenario}\u0000${v.cell}`)).size;
  return { failed: problems.length > 0, problems, judged };
}

function fmt(v: number | null): string {
  if (v === null) return '—';
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : String(Number(v.toPrecision(3)));
}
