import { turnLabel } from '../../results/sample.js';
import { settingsLabel } from '../../stats/group.js';
import type { RegressionResult } from '../../results/types.js';
import { SMALL_N } from '../../results/gate.js';
import { NOT_SIGNIFICANT_MARK, SIGNIFICANT_MARK, verdictWords } from '../comparison.js';
import { escapeHtml } from '../escape.js';
import { fmtDelta, fmtMetric, fmtP, fmtPct, metricTitle } from '../format.js';
import { hasMetric, type CellView, type ScenarioView } from '../model.js';
import type { RunComparison } from '../reporter.js';
import type { RunResults } from '../../results/types.js';
import type { SeriesStyle } from './series.js';
import { RESULTS_FILE } from '../../run-folder/names.js';

const e = escapeHtml;
const MAX_FAILED_ROWS = 200;

/** A titled card. `body` is trusted markup built by these functions. */
export function card(id: string, title: string, hint: string, body: string): string {
  return `<section class="card" id="${id}"><h2>${e(title)}</h2>${hint ? `<p class="hint">${hint}</p>` : ''}${body}</section>`;
}

function swatch(style: SeriesStyle | undefined): string {
  return style ? `<span class="swatch" style="background:${style.color}"></span>` : '';
}

/** A cell as its colour, short series label and (smaller) full label. */
function cellName(c: CellView, styles: Map<string, SeriesStyle>): string {
  const st = styles.get(c.seriesKey);
  return st && st.label !== c.cell ? `${swatch(st)}<b>${e(st.label)}</b><span class="ci">${e(c.cell)}</span>` : `${swatch(st)}${e(c.cell)}`;
}

/** The per-cell summary: counts, headline latencies with their CI, expectations. */
export function summaryTable(view: readonly ScenarioView[], styles: Map<string, SeriesStyle>): string {
  const cells = view.flatMap((s) => s.cells);
  const latency = ['first_audio_ms', 'vad_stop_delay_ms', 'barge_in_detect_ms', 'talk_over_ms', 'tool_call_ms'].filter(
    (m) => m === 'first_audio_ms' || hasMetric(cells, m),
  );
  const head = [
    '<th class="l">Scenario</th><th class="l">Cell</th><th>n</th><th>Failed</th>',
    `<th>${e(metricTitle('first_audio_ms'))} p50</th><th>p95</th>`,
    ...latency.slice(1).map((m) => `<th>${e(metricTitle(m))} p50</th>`),
    hasMetric(cells, 'cost_usd') ? '<th>Cost / turn</th>' : '',
    '<th class="l">Expectations</th>',
  ].join('');
  const rows = cells.map((c) => {
    const fa = c.summary.get('first_audio_ms');
    const ci = fa?.ci95
      ? `<span class="ci" title="95% bootstrap CI of the mean">mean ${fmtMetric('first_audio_ms', fa.mean)} [${fmtMetric('first_audio_ms', fa.ci95[0])}–${fmtMetric('first_audio_ms', fa.ci95[1])}]</span>`
      : '';
    const unmet = c.expectations.filter((x) => !x.ok);
    const exp = !c.expectations.length
      ? '<span class="pill muted">none</span>'
      : unmet.length
        ? `<span class="pill bad">${unmet.length}/${c.expectations.length} unmet</span>`
        : `<span class="pill ok">${c.expectations.length} met</span>`;
    return `<tr><td class="l">${e(c.scenario)}</td><td class="l soft">${cellName(c, styles)}</td><td>${c.samples.length}</td><td>${c.failed ? `<span class="pill bad">${c.failed}</span>` : '0'}</td><td>${fmtMetric('first_audio_ms', fa?.p50 ?? null)}${ci}</td><td>${fmtMetric('first_audio_ms', fa?.p95 ?? null)}</td>${latency
      .slice(1)
      .map((m) => `<td>${fmtMetric(m, c.summary.get(m)?.p50 ?? null)}</td>`)
      .join(
        '',
      )}${hasMetric(cells, 'cost_usd') ? `<td>${fmtMetric('cost_usd', c.summary.get('cost_usd')?.mean ?? null)}</td>` : ''}<td class="l">${exp}</td></tr>`;
  });
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** Every expectation, unmet first. */
export function expectationsTable(results: RunResults): string {
  if (!results.expectations.length) return '<p class="empty">This run declared no expectations.</p>';
  const sorted = [...results.expectations].sort((a, b) => Number(a.ok) - Number(b.ok));
  const rows = sorted.map(
    (x) =>
      `<tr><td class="l">${x.ok ? '<span class="pill ok">met</span>' : '<span class="pill bad">unmet</span>'}</td><td class="l">${e(x.scenario)}</td><td class="l soft">${e(x.cell)}</td><td class="l wrap">${e(`${x.turn !== undefined ? `${turnLabel(x.turn, x.turn_name)}: ` : ''}${x.expected}`)}</td><td class="l wrap">${e(x.actual)}</td><td class="l soft"><code>${e(x.where)}</code></td></tr>`,
  );
  return `<div class="table-wrap"><table><thead><tr><th class="l"></th><th class="l">Scenario</th><th class="l">Cell</th><th class="l">Expectation</th><th class="l">Actual</th><th class="l">Where</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** Failed samples with their reasons. */
export function failedTable(results: RunResults): string {
  const failed = results.samples.filter((s) => !s.ok);
  if (!failed.length) return '<p class="empty">No sample failed.</p>';
  const rows = failed
    .slice(0, MAX_FAILED_ROWS)
    .map(
      (s) =>
        `<tr><td class="l"><code>${e(s.id)}</code></td><td class="l">${e(s.scenario)}</td><td>${s.turn}</td><td class="l">${e(s.model)}</td><td class="l wrap">${e(s.error ?? 'unknown error')}</td></tr>`,
    );
  const more = failed.length > MAX_FAILED_ROWS ? `<p class="hint">…and ${failed.length - MAX_FAILED_ROWS} more in ${RESULTS_FILE}.</p>` : '';
  return `<div class="table-wrap"><table><thead><tr><th class="l">Sample</th><th class="l">Scenario</th><th>Turn</th><th class="l">Model</th><th class="l">Error</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${more}`;
}

/** Full statistics of every metric of every cell, folded. */
export function allMetrics(view: readonly ScenarioView[], styles: Map<string, SeriesStyle>, rates: Set<string>): string {
  const blocks = view.flatMap((sc) =>
    sc.cells
      .filter((c: CellView) => c.summary.size)
      .map((c) => {
        const rows = [...c.summary.values()].map((r) => {
          const f = (v: number | null) => fmtMetric(r.metric, v, { rate: rates.has(r.metric) });
          return `<tr><td class="l"><code>${e(r.metric)}</code></td><td>${r.n}</td><td>${f(r.mean)}</td><td>${f(r.p50)}</td><td>${f(r.p90)}</td><td>${f(r.p95)}</td><td>${f(r.p99)}</td><td>${f(r.min)}</td><td>${f(r.max)}</td><td>${r.ci95 ? `${f(r.ci95[0])} – ${f(r.ci95[1])}` : '—'}</td></tr>`;
        });
        return `<h3>${swatch(styles.get(c.seriesKey))}${e(sc.scenario)} <span style="font-weight:400;color:var(--muted)">· ${e(c.cell)}</span></h3><div class="table-wrap"><table><thead><tr><th class="l">Metric</th><th>n</th><th>Mean</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>Min</th><th>Max</th><th>95% CI of mean</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
      }),
  );
  return `<details><summary>Show all metrics (${blocks.length} cells)</summary>${blocks.join('')}</details>`;
}

/** Baseline regression verdicts. */
export function regressionsTable(results: readonly RegressionResult[]): string {
  const rows = results.map((r) => {
    const cannot = r.status === 'no_data' && r.n_baseline > 0;
    const cls = r.regression || cannot ? 'bad' : r.status === 'not_significant' ? 'warn' : r.status === 'ok' ? 'ok' : 'muted';
    const pill = `<span class="pill ${cls}">${e(verdictWords(r))}</span>`;
    return `<tr><td class="l">${pill}</td><td class="l">${e(r.scenario)}</td><td class="l soft">${e(r.cell)}</td><td class="l"><code>${e(r.threshold)}</code></td><td>${fmtMetric(r.metric, r.baseline)}</td><td>${fmtMetric(r.metric, r.current)}</td><td>${fmtMetric(r.metric, r.limit)}</td><td>${fmtPct(r.delta_pct)}</td><td>${fmtP(r.p_value)}</td></tr>`;
  });
  return `<div class="table-wrap"><table><thead><tr><th class="l">Verdict</th><th class="l">Scenario</th><th class="l">Cell</th><th class="l">Threshold</th><th>Baseline</th><th>Current</th><th>Limit</th><th>Δ%</th><th>p</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** A two-run comparison. */
export function comparisonTable(c: RunComparison): string {
  const rows = c.rows.map((r) => {
    const [ca, cb] = r.center === 'mean' ? [r.mean_a, r.mean_b] : [r.median_a, r.median_b];
    const d = (v: number | null) => fmtDelta(r.metric, v, { rate: r.rate });
    return `<tr><td class="l">${e(r.scenario)}</td><td class="l">${e([r.target, settingsLabel(r.settings)].filter(Boolean).join(' '))}</td><td class="l">${e(r.model_a === r.model_b ? r.model_a : `${r.model_a} → ${r.model_b}`)}</td><td class="l"><code>${e(r.metric)}</code></td><td>${fmtMetric(r.metric, ca, { rate: r.rate })}</td><td>${fmtMetric(r.metric, cb, { rate: r.rate })}</td><td>${d(r.delta)}</td><td>${fmtPct(r.delta_pct)}</td><td>${r.ci95 ? `${d(r.ci95[0])} … ${d(r.ci95[1])}` : '—'}</td><td>${fmtP(r.p_value)}</td><td class="l">${r.small_n ? `<span class="pill warn">n&lt;${SMALL_N}: not tested</span>` : r.significant ? `<span class="pill ok">${SIGNIFICANT_MARK}</span>` : NOT_SIGNIFICANT_MARK}</td></tr>`;
  });
  return `<div class="table-wrap"><table><thead><tr><th class="l">Scenario</th><th class="l">Group</th><th class="l">Model</th><th class="l">Metric</th><th>${e(c.a)}</th><th>${e(c.b)}</th><th>Δ</th><th>Δ%</th><th>95% CI of Δ</th><th>p</th><th class="l">Sig.</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
