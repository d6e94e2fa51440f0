import Table from 'cli-table3';
import type { AxisCell, AxisComparison, AxisRow, ComparisonRow } from '../stats/compare-runs.js';
import type { SampleComparison } from '../stats/compare.js';
import type { GateOutcome, RegressionResult } from '../results/types.js';
import { SMALL_N, SMALL_N_WORDS } from '../results/gate.js';
import { settingsLabel } from '../stats/group.js';
import { paint } from './ansi.js';
import { escapeMarkdown, escapeTerminal, mdCode } from './escape.js';
import { fmtDelta, fmtMetric, fmtP, fmtPct } from './format.js';

/** How comparison verdicts are marked in every format. */
export const SIGNIFICANT_MARK = '✔';
export const NOT_SIGNIFICANT_MARK = '–';
export const SMALL_N_NOTE = `n<${SMALL_N}: not tested`;

export interface ComparisonRenderOptions {
  /** Labels of run A and run B (e.g. their folders). */
  a?: string;
  b?: string;
  color?: boolean;
  /** Only these metrics (default: all). */
  metrics?: readonly string[];
}

/** The one legend of comparison marks (the gate rule's words, src/results/gate.ts). */
const LEGEND = (a: string, b: string) =>
  `${a}, ${b}: medians (rates of boolean metrics: means); Δ = ${b} − ${a}; ${SIGNIFICANT_MARK} = significant: Mann–Whitney p < 0.05 and the 95% bootstrap CI of Δ excludes 0; ${NOT_SIGNIFICANT_MARK} = not significant; n<${SMALL_N} = fewer than ${SMALL_N} values on a side, so no test is run.`;

const ciText = (metric: string, ci: [number, number] | null, rate = false) =>
  ci ? `[${fmtDelta(metric, ci[0], { rate })}, ${fmtDelta(metric, ci[1], { rate })}]` : '—';
/** The compared centres: medians, or means for rates. */
const centers = (c: SampleComparison): [number | null, number | null] => (c.center === 'mean' ? [c.mean_a, c.mean_b] : [c.median_a, c.median_b]);
const mark = (c: SampleComparison) => (c.small_n ? `n<${SMALL_N}` : c.significant ? SIGNIFICANT_MARK : NOT_SIGNIFICANT_MARK);
const note = (c: SampleComparison) => (c.small_n ? `${SMALL_N_NOTE} (n=${c.n_a}/${c.n_b})` : '');
const groupText = (r: ComparisonRow) => [r.target, settingsLabel(r.settings)].filter(Boolean).join(' ');
const modelText = (r: ComparisonRow) => (r.model_a === r.model_b ? r.model_a : `${r.model_a} → ${r.model_b}`);
const filter = <T extends { metric: string }>(rows: readonly T[], metrics?: readonly string[]) =>
  metrics ? rows.filter((r) => metrics.includes(r.metric)) : [...rows];

/**
 * `rtbench compare` console output: per group and metric, the medians of A and B, the difference
 * (absolute, %, 95 % CI), the Mann–Whitney p-value, ✔ when significant (p < 0.05 and CI excludes
 * 0) or – when not; `n<8` (no test run, no p-value) when either side has fewer than 8 values.
 */
export function renderComparisonTable(rows: readonly ComparisonRow[], opts: ComparisonRenderOptions = {}): string {
  const p = paint(opts.color ?? false);
  const table = new Table({
    head: [
      'scenario',
      'group',
      'model',
      'metric',
      `A${opts.a ? ` ${escapeTerminal(opts.a)}` : ''}`,
      `B${opts.b ? ` ${escapeTerminal(opts.b)}` : ''}`,
      'Δ',
      'Δ%',
      '95% CI of Δ',
      'p',
      'sig',
      'note',
    ],
    colAligns: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'center', 'left'],
    style: { head: [], border: opts.color ? ['grey'] : [], compact: true },
  });
  for (const r of filter(rows, opts.metrics)) {
    const m = mark(r);
    const [ca, cb] = centers(r);
    table.push([
      escapeTerminal(r.scenario),
      escapeTerminal(groupText(r)),
      escapeTerminal(modelText(r)),
      r.metric,
      fmtMetric(r.metric, ca, { rate: r.rate }),
      fmtMetric(r.metric, cb, { rate: r.rate }),
      fmtDelta(r.metric, r.delta, { rate: r.rate }),
      fmtPct(r.delta_pct),
      ciText(r.metric, r.ci95, r.rate),
      fmtP(r.p_value),
      r.significant ? p.bold(m) : p.dim(m),
      r.small_n ? p.yellow(note(r)) : '',
    ]);
  }
  return `${table.toString()}\n${LEGEND('A', 'B')}\n`;
}

/** The same comparison as a GitHub-flavoured Markdown table. */
export function renderComparisonMarkdown(rows: readonly ComparisonRow[], opts: ComparisonRenderOptions = {}): string {
  const a = opts.a ? escapeMarkdown(opts.a) : 'A';
  const b = opts.b ? escapeMarkdown(opts.b) : 'B';
  const lines = [`| Scenario | Group | Model | Metric | ${a} | ${b} | Δ | Δ% | 95% CI of Δ | p | Sig. |`, '|---|---|---|---|--:|--:|--:|--:|--:|--:|:-:|'];
  for (const r of filter(rows, opts.metrics)) {
    const [ca, cb] = centers(r);
    lines.push(
      `| ${escapeMarkdown(r.scenario)} | ${escapeMarkdown(groupText(r))} | ${escapeMarkdown(modelText(r))} | ${mdCode(r.metric)} | ${fmtMetric(r.metric, ca, { rate: r.rate })} | ${fmtMetric(r.metric, cb, { rate: r.rate })} | ${fmtDelta(r.metric, r.delta, { rate: r.rate })} | ${fmtPct(r.delta_pct)} | ${ciText(r.metric, r.ci95, r.rate)} | ${fmtP(r.p_value)} | ${mark(r)}${r.small_n ? ` (n=${r.n_a}/${r.n_b})` : ''} |`,
    );
  }
  lines.push('', LEGEND(a, b));
  return lines.join('\n') + '\n';
}

/** Marks a metric measured differently on the compared values (WebSocket vs WebRTC). */
const NOT_COMPARABLE_MARK = '≠';
const NOT_COMPARABLE_WORDS = 'not comparable';
const NOT_COMPARABLE_LEGEND = `${NOT_COMPARABLE_MARK} measured differently over ws and webrtc (e.g. first delta vs first sound, bytes received vs track audio): the difference is not a like-for-like comparison; first_audible_ms is measured at the player on both.`;

/** An axis cell's centre: its median, or its mean as a % for a rate. */
function cellCenter(r: AxisRow, c: AxisCell | null | undefined): string {
  if (!c) return '—';
  return r.rate ? fmtMetric(r.metric, c.mean, { rate: true }) : fmtMetric(r.metric, c.median);
}

/** A within-run axis comparison (e.g. models of one matrix run) for the console. */
export function renderAxisTable(cmp: AxisComparison, opts: { color?: boolean; metrics?: readonly string[] } = {}): string {
  const p = paint(opts.color ?? false);
  const [ref, ...others] = cmp.values;
  const table = new Table({
    head: ['scenario', 'fixed', 'metric', escapeTerminal(ref), ...others.map((v) => `${escapeTerminal(v)} (Δ, p, sig)`)],
    style: { head: [], border: opts.color ? ['grey'] : [], compact: true },
  });
  for (const r of filter(cmp.rows, opts.metrics)) {
    table.push([
      escapeTerminal(r.scenario),
      escapeTerminal(r.label),
      r.comparable ? r.metric : `${r.metric} ${NOT_COMPARABLE_MARK}`,
      cellCenter(r, r.cells[0]),
      ...r.cells.slice(1).map((c) => {
        if (!c) return '—';
        const v = c.vs_first;
        if (!v) return cellCenter(r, c);
        const verdict = !r.comparable
          ? p.dim(NOT_COMPARABLE_WORDS)
          : v.small_n
            ? p.yellow(mark(v))
            : v.significant
              ? p.bold(SIGNIFICANT_MARK)
              : p.dim(NOT_SIGNIFICANT_MARK);
        return `${cellCenter(r, c)} (${fmtDelta(r.metric, v.delta, { rate: r.rate })}, p ${fmtP(v.p_value)}, ${verdict})`;
      }),
    ]);
  }
  const note = cmp.rows.some((r) => !r.comparable) ? `\n${NOT_COMPARABLE_LEGEND}` : '';
  return `${table.toString()}\n${LEGEND(escapeTerminal(ref), 'each other value')}${note}\n`;
}

/** A within-run axis comparison as Markdown. */
export function renderAxisMarkdown(cmp: AxisComparison, opts: { metrics?: readonly string[] } = {}): string {
  const [ref, ...others] = cmp.values.map(escapeMarkdown);
  const lines = [
    `| Scenario | Fixed | Metric | ${ref} | ${others.map((v) => `${v} | Δ | p | Sig.`).join(' | ')} |`,
    `|---|---|---|--:|${others.map(() => '--:|--:|--:|:-:').join('|')}|`,
  ];
  for (const r of filter(cmp.rows, opts.metrics)) {
    const rest = r.cells.slice(1).map((c) => {
      const v = c?.vs_first;
      if (!c || !v) return '— | — | — | —';
      return `${cellCenter(r, c)} | ${fmtDelta(r.metric, v.delta, { rate: r.rate })} (${fmtPct(v.delta_pct)}) | ${fmtP(v.p_value)} | ${r.comparable ? mark(v) : NOT_COMPARABLE_WORDS}`;
    });
    lines.push(
      `| ${escapeMarkdown(r.scenario)} | ${escapeMarkdown(r.label)} | ${mdCode(r.metric)}${r.comparable ? '' : ` ${NOT_COMPARABLE_MARK}`} | ${cellCenter(r, r.cells[0])} | ${rest.join(' | ')} |`,
    );
  }
  if (cmp.rows.some((r) => !r.comparable)) lines.push('', NOT_COMPARABLE_LEGEND);
  return lines.join('\n') + '\n';
}

/** The words of a verdict, the same in every format. */
export function verdictWords(r: RegressionResult): string {
  if (r.regression) return r.small_n ? `regression (${SMALL_N_WORDS})` : 'regression (significant)';
  switch (r.status) {
    case 'not_significant':
      return 'beyond the limit, within noise: ok';
    case 'ok':
      return r.small_n ? `within the limit: ok (${SMALL_N_WORDS})` : 'within the limit: ok';
    case 'no_baseline':
      return 'not in the baseline: not compared';
    case 'no_data':
      return r.n_baseline > 0
        ? 'no value in this run: cannot be judged'
        : r.n_current > 0
          ? 'not measured in the baseline: not compared'
          : 'measured in neither run';
    default:
      return r.status;
  }
}

/**
 * Baseline regression verdicts as Markdown (only the checks that were not plainly ok, unless
 * `all`), headed by the gate's problems when it failed. Never claims a pass the gate did not give.
 */
export function renderRegressionsMarkdown(results: readonly RegressionResult[], opts: { all?: boolean; gate?: GateOutcome } = {}): string {
  const shown = opts.all ? results : results.filter((r) => r.status !== 'ok');
  const head = opts.gate?.failed ? opts.gate.problems.map((p) => `- ❌ ${escapeMarkdown(p)}`).join('\n') + '\n\n' : '';
  const judged = results.filter((r) => r.n_baseline > 0 && r.n_current > 0).length;
  if (!shown.length) return head || `All ${judged} baseline checks passed.\n`;
  const lines = [
    '| | Scenario | Cell | Threshold | n (base/cur) | Baseline | Current | Limit | Δ% | p | Verdict |',
    '|:-:|---|---|---|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const r of shown) {
    const cannot = r.status === 'no_data' && r.n_baseline > 0;
    const icon = r.regression || cannot ? '❌' : r.status === 'not_significant' ? '⚠️' : r.status === 'ok' ? '✅' : 'ℹ️';
    lines.push(
      `| ${icon} | ${escapeMarkdown(r.scenario)} | ${escapeMarkdown(r.cell)} | ${mdCode(r.threshold)} | ${r.n_baseline}/${r.n_current} | ${fmtMetric(r.metric, r.baseline)} | ${fmtMetric(r.metric, r.current)} | ${fmtMetric(r.metric, r.limit)} | ${fmtPct(r.delta_pct)} | ${fmtP(r.p_value)} | ${verdictWords(r)} |`,
    );
  }
  return head + lines.join('\n') + '\n';
}
