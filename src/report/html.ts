import { join } from 'node:path';
import type { TraceRecord } from '../metrics/trace.js';
import type { RegressionResult } from '../results/types.js';
import { GATE_RULE } from '../results/gate.js';
import { minMax } from '../stats/describe.js';
import { glossaryHtml } from './glossary.js';
import { escapeHtml } from './escape.js';
import { fmtElapsed, fmtMs } from './format.js';
import { latencySection, pacingSection, timelineSection } from './html/charts.js';
import { allMetrics, card, comparisonTable, expectationsTable, failedTable, regressionsTable, summaryTable } from './html/sections.js';
import { networkCards } from './html/network.js';
import { seriesStyles } from './html/series.js';
import { CSS, SCRIPT } from './html/style.js';
import { booleanMetrics, buildView } from './model.js';
import { assessQuality, EVENT_LOOP_DELAY_P99_LIMIT_MS, PACING_LAG_P99_LIMIT_MS } from './quality.js';
import { overlapFlag, unplannedOverlaps } from './overlap.js';
import { loadTraces, type ReportContext, type Reporter, type RunComparison } from './reporter.js';
import type { RunResults } from '../results/types.js';
import { writeFileAtomic } from './write.js';

export const REPORT_HTML = 'report.html';

export interface HtmlInput {
  results: RunResults;
  traces?: readonly TraceRecord[];
  regressions?: readonly RegressionResult[];
  comparison?: RunComparison;
}

const e = escapeHtml;

/**
 * `report.html`: one self-contained page (inline CSS, SVG and a few lines of JS; a CSP forbids any
 * network access) with the measurement-quality banner, headline figures, the summary, expectations,
 * latency distributions per cell, one session's timeline, pacing quality and failed samples.
 */
export function renderHtml(input: HtmlInput): string {
  const { results } = input;
  const traces = input.traces ?? [];
  const view = buildView(results);
  const styles = seriesStyles(view);
  const q = assessQuality(results);
  const r = results.run;
  const failed = results.samples.filter((s) => !s.ok).length;
  const unmet = results.expectations.filter((x) => !x.ok).length;
  const firstAudio = results.summary.filter((s) => s.metric === 'first_audio_ms' && s.p50 !== null);
  const p50s = firstAudio.map((s) => s.p50!);
  const regressions = input.regressions?.filter((x) => x.regression).length ?? 0;

  const chips = [
    ['started', r.started_at],
    ['duration', fmtElapsed(r.started_at, r.ended_at)],
    ['clock', r.clock],
    ['seed', String(r.seed)],
    ['rtbench', r.version],
    ['node', r.node],
    ['CPUs', String(r.cpus)],
  ]
    .map(([k, v]) => `<li>${e(k)} <b>${e(v)}</b></li>`)
    .join('');
  const scenarios = view.map((s) => s.scenario);
  const banner = q.poor
    ? `<div class="banner poor" role="alert"><span class="icon">⚠</span><div><p><b>Measurement quality is poor.</b> ${e(q.problems.join('; '))}. Latencies on this page include harness error of that order.</p><p class="detail">${e(q.line)}</p></div></div>`
    : r.clock === 'virtual'
      ? `<div class="banner info"><span class="icon">ℹ</span><div><p><b>Virtual clock.</b> Time was simulated against the in-process mock: latencies are the mock's model of a service, and pacing is exact by construction.</p><p class="detail">${e(q.line)}</p></div></div>`
      : `<div class="banner good"><span class="icon">✓</span><div><p><b>Measurement quality is good.</b> Pacing lag p99 within ${PACING_LAG_P99_LIMIT_MS} ms${r.event_loop_delay_p99_ms != null ? ` and event-loop delay p99 within ${EVENT_LOOP_DELAY_P99_LIMIT_MS} ms` : ' (event-loop delay was not measured)'}.</p><p class="detail">${e(q.line)}</p></div></div>`;
  const overlap = overlapFlag(unplannedOverlaps(results.samples));
  const overlapBanner = overlap
    ? `<div class="banner poor" role="alert"><span class="icon">⚠</span><div><p><b>Unplanned overlap.</b> ${e(overlap)}.</p></div></div>`
    : '';
  const kpi = (k: string, v: string, s: string, cls = '') =>
    `<div class="kpi ${cls}"><div class="k">${e(k)}</div><div class="v">${e(v)}</div><div class="s">${e(s)}</div></div>`;
  const kpis = [
    kpi('Samples', String(results.samples.length), `${view.flatMap((s) => s.cells).length} cells · ${scenarios.length} scenarios`),
    kpi('Failed samples', String(failed), failed ? 'see below' : 'none', failed ? 'bad' : 'good'),
    kpi(
      'Expectations',
      results.expectations.length ? `${results.expectations.length - unmet}/${results.expectations.length}` : '—',
      unmet ? `${unmet} unmet` : 'met',
      unmet ? 'bad' : results.expectations.length ? 'good' : '',
    ),
    kpi(
      'First audio p50',
      p50s.length ? (p50s.length > 1 ? `${fmtMs(minMax(p50s)[0], false)}–${fmtMs(minMax(p50s)[1])}` : fmtMs(p50s[0])) : '—',
      p50s.length > 1 ? 'range over cells' : 'over ok samples',
    ),
    kpi(
      'Pacing lag p99',
      results.pacing.lag_p99_ms === null ? '—' : `${results.pacing.lag_p99_ms.toFixed(1)} ms`,
      `${results.pacing.chunks} chunks sent`,
      q.poor ? 'bad' : '',
    ),
    ...(input.regressions
      ? [
          kpi(
            'Baseline',
            regressions ? `${regressions} regressed` : input.results.gate?.failed ? 'cannot be judged' : 'no regression',
            `${input.regressions.length} checks`,
            regressions || input.results.gate?.failed ? 'bad' : 'good',
          ),
        ]
      : []),
  ].join('');

  const sections = [
    card(
      'summary',
      'Summary',
      'One row per scenario × cell. Latencies in ms over ok samples; p50/p95 are type-7 percentiles, the CI is a 95% bootstrap interval of the mean.',
      summaryTable(view, styles),
    ),
    ...networkCards(results),
    card('expectations', 'Expectations', '', expectationsTable(results)),
    ...(input.regressions ? [card('baseline', 'Baseline regressions', escapeHtml(GATE_RULE), regressionsTable(input.regressions))] : []),
    ...(input.comparison
      ? [
          card(
            'comparison',
            `Comparison: ${input.comparison.a} → ${input.comparison.b}`,
            'Medians (rates of boolean metrics: means); Δ = B − A. ✔ = Mann–Whitney p &lt; 0.05 and the 95% bootstrap CI of Δ excludes 0; with fewer than 8 values on a side no test is run (“n&lt;8: not tested”).',
            comparisonTable(input.comparison),
          ),
        ]
      : []),
    card(
      'latency',
      'Latency distributions',
      'Each colour is one cell (model / settings), the same in every chart. Curves further left are faster; boxes span p25–p75 with the median line, whiskers reach 1.5 × IQR, dots are outliers. Hover for numbers.',
      latencySection(view, styles),
    ),
    card(
      'timeline',
      'Session timeline',
      'One session on the wall clock: what the user said (ground truth), what the server’s VAD saw, how long until the first audio, what came back and what a real-time player would have played. The dashed red line is a barge-in onset.',
      timelineSection(traces),
    ),
    card(
      'pacing',
      'Pacing quality',
      'How precisely the harness sent each 20 ms audio chunk on its deadline (lag = actual send time − deadline). Latencies are only as good as this.',
      pacingSection(results, traces),
    ),
    card('failures', `Failed samples (${failed})`, '', failedTable(results)),
    card(
      'glossary',
      'What the metrics mean',
      'Definitions from the metric registry (docs/metrics.md); a metric that does not apply to a turn is empty there, never 0.',
      glossaryHtml(results.samples),
    ),
    card(
      'metrics',
      'All metrics',
      'Every metric of every cell: n, mean, percentiles, extremes and the 95% bootstrap CI of the mean.',
      allMetrics(view, styles, booleanMetrics(results.samples)),
    ),
  ];

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="rtbench ${e(r.version)}">
<title>rtbench report — ${e(scenarios.join(', ') || 'run')}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1><span class="brand">rtbench</span> report</h1>
<p class="sub">${scenarios.length ? scenarios.map((s) => `<b>${e(s)}</b>`).join(' · ') : 'no scenario'}</p>
<ul class="chips">${chips}</ul>
${r.argv.length ? `<p class="sub" style="margin-top:10px">command <code>rtbench ${e(r.argv.join(' '))}</code></p>` : ''}
</header>
${banner}
${overlapBanner}
<div class="kpis">${kpis}</div>
${sections.join('\n')}
<footer>Generated by rtbench ${e(r.version)} · self-contained: no network access, charts are inline SVG.</footer>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** `report.html`, reading the traces when the context has them. */
export const htmlReporter: Reporter = {
  name: 'html',
  async render(ctx: ReportContext) {
    const traces = await loadTraces(ctx.traces);
    await writeFileAtomic(
      join(ctx.outDir, REPORT_HTML),
      renderHtml({ results: ctx.results, traces, regressions: ctx.regressions ?? ctx.results.regressions, comparison: ctx.comparison }),
    );
  },
};
