import type { TraceChunk, TraceRecord } from '../../metrics/trace.js';
import { describe } from '../../stats/describe.js';
import { finiteValues } from '../../stats/describe.js';
import { metricNumber } from '../../stats/group.js';
import { escapeHtml } from '../escape.js';
import { fmtMs, metricTitle } from '../format.js';
import type { CellView, ScenarioView } from '../model.js';
import { EVENT_LOOP_DELAY_P99_LIMIT_MS, PACING_LAG_P99_LIMIT_MS } from '../quality.js';
import type { RunResults } from '../../results/types.js';
import { chartGroupOf, isMetricName } from '../../results/registry.js';
import { boxPlot } from './boxplot.js';
import { cdfChart, type Series } from './cdf.js';
import { histogram } from './histogram.js';
import type { SeriesStyle } from './series.js';
import { sessionTimeline, TIMELINE_COLORS } from './timeline.js';
import { RESULTS_FILE, TRACES_FILE } from '../../run-folder/names.js';

const e = escapeHtml;

/** Latency metrics drawn first, in this order (other metrics of the registry's `latency` chart group follow). */
export const LATENCY_METRICS = [
  'first_audio_ms',
  'vad_stop_delay_ms',
  'vad_to_first_audio_ms',
  'response_done_ms',
  'barge_in_detect_ms',
  'talk_over_ms',
  'tool_call_ms',
  'tool_result_to_first_audio_ms',
  'vad_start_error_ms',
  'vad_end_error_ms',
  'connect_ms',
  'session_ready_ms',
];
/** Session timelines offered in the picker (barge-in sessions first). */
const MAX_TIMELINES = 12;

function seriesOf(cells: readonly CellView[], metric: string, styles: Map<string, SeriesStyle>): Series[] {
  return cells
    .map((c) => ({
      label: styles.get(c.seriesKey)?.label ?? c.cell,
      color: styles.get(c.seriesKey)?.color ?? '#888',
      values: finiteValues(c.samples.filter((s) => s.ok).map((s) => metricNumber(s.metrics[metric]))),
    }))
    .filter((s) => s.values.length);
}

function legend(series: Series[]): string {
  return `<ul class="legend">${series
    .map((s) => {
      const d = describe(s.values);
      return `<li><span class="swatch" style="background:${s.color}"></span><b>${e(s.label)}</b>n=${d.n} · p50 ${fmtMs(d.p50)} · p95 ${fmtMs(d.p95)}</li>`;
    })
    .join('')}</ul>`;
}

/** Per scenario: a CDF of first audio per cell, then box plots of the other latency metrics. */
export function latencySection(view: readonly ScenarioView[], styles: Map<string, SeriesStyle>): string {
  const parts: string[] = [];
  for (const sc of view) {
    const metrics = new Set(sc.cells.flatMap((c) => [...c.summary.keys()]));
    const ordered = [
      ...LATENCY_METRICS.filter((m) => metrics.has(m)),
      ...[...metrics].filter((m) => isMetricName(m) && chartGroupOf(m) === 'latency' && !LATENCY_METRICS.includes(m)),
    ];
    if (!ordered.length) continue;
    parts.push(`<h3>${e(sc.scenario)}</h3>`);
    const charts: string[] = [];
    const [head, ...rest] = ordered[0] === 'first_audio_ms' ? ordered : [null, ...ordered];
    if (head) {
      const series = seriesOf(sc.cells, head, styles);
      charts.push(
        `<figure class="wide"><figcaption>${e(metricTitle(head))} <span>· <code>${e(head)}</code> · cumulative distribution</span></figcaption>${cdfChart(series, { title: metricTitle(head), unit: 'ms' })}${legend(series)}</figure>`,
      );
    }
    const constant: string[] = [];
    for (const m of rest) {
      if (!m) continue;
      const series = seriesOf(sc.cells, m, styles);
      if (!series.length) continue;
      // A distribution of one repeated value (typical under the virtual clock) is a sentence, not a chart.
      const only = series[0].values[0];
      if (series.every((s) => s.values.every((v) => v === only))) {
        constant.push(`<code>${e(m)}</code> = ${e(fmtMs(only))}`);
        continue;
      }
      charts.push(
        `<figure><figcaption>${e(metricTitle(m))} <span>· <code>${e(m)}</code></span></figcaption>${boxPlot(series, { title: metricTitle(m), unit: 'ms' })}</figure>`,
      );
    }
    parts.push(`<div class="charts">${charts.join('')}</div>`);
    if (constant.length) parts.push(`<p class="hint">The same in every sample: ${constant.join(', ')}.</p>`);
  }
  return parts.length ? parts.join('') : '<p class="empty">No latency was measured.</p>';
}

/** A picker of session timelines drawn from the traces (barge-in sessions first). */
export function timelineSection(traces: readonly TraceRecord[]): string {
  if (!traces.length) return `<p class="empty">No traces were given to the report (re-render from a run folder with ${TRACES_FILE} to see timelines).</p>`;
  const bySession = new Map<string, TraceRecord[]>();
  for (const r of traces) {
    const list = bySession.get(r.s);
    if (list) list.push(r);
    else bySession.set(r.s, [r]);
  }
  const sessions = [...bySession.values()];
  const isBarge = (rs: TraceRecord[]) => rs.some((r) => r.k === 'turn' && r.barge_in);
  const picked = [...sessions.filter(isBarge), ...sessions.filter((rs) => !isBarge(rs))].slice(0, MAX_TIMELINES * 2);
  const timelines = picked
    .map((rs) => sessionTimeline([...rs].sort((a, b) => a.t - b.t)))
    .filter((t): t is NonNullable<typeof t> => t !== null)
    .slice(0, MAX_TIMELINES);
  if (!timelines.length) return '<p class="empty">No session in the traces sent audio.</p>';
  const options = timelines.map((t, i) => `<option value="${i}">${e(`${t.caption} — ${t.session}${t.bargeIn ? ' (barge-in)' : ''}`)}</option>`).join('');
  const picker = `<label class="session-pick">Session <select id="session-select">${options}</select><span>${timelines.length} of ${bySession.size} sessions</span></label>`;
  const windowNote = (t: (typeof timelines)[number]) =>
    t.turnsDrawn < t.turnsTotal
      ? `<figcaption><span>The first ${t.turnsDrawn} of ${t.turnsTotal} turns are drawn; every chart and table above uses all of them.</span></figcaption>`
      : '';
  const figures = timelines.map((t, i) => `<figure data-session-index="${i}"${i ? ' hidden' : ''}>${t.svg}${windowNote(t)}</figure>`).join('');
  const c = TIMELINE_COLORS;
  const key = [
    [c.speech, 'user speech (ground truth)'],
    [c.bargeIn, 'barge-in speech'],
    [c.vad, 'server VAD speech_started → speech_stopped (arrival)'],
    [c.completed, 'response audio, completed'],
    [c.cancelled, 'response audio, cancelled'],
    [c.playback, 'simulated playback'],
    ['#1f2328', 'response.done'],
  ]
    .map(([color, label]) => `<li><span class="swatch" style="background:${color}"></span>${e(label)}</li>`)
    .join('');
  return `${picker}${figures}<ul class="legend">${key}</ul>`;
}

/** Send-lag histogram (from the traces) or the run's pacing percentiles, with the quality limits. */
export function pacingSection(results: RunResults, traces: readonly TraceRecord[]): string {
  const p = results.pacing;
  const loop = results.run.event_loop_delay_p99_ms ?? null;
  const stat = (k: string, v: number | null, limit?: number) =>
    `<div>${e(k)} <b>${v === null ? '—' : `${v.toFixed(2)} ms`}</b>${limit !== undefined && v !== null ? ` <span class="pill ${v > limit ? 'warn' : 'ok'}">limit ${limit} ms</span>` : ''}</div>`;
  const stats = `<div class="stats"><div>chunks <b>${p.chunks}</b></div>${stat('lag p50', p.lag_p50_ms)}${stat('lag p99', p.lag_p99_ms, PACING_LAG_P99_LIMIT_MS)}${stat('lag max', p.lag_max_ms)}${loop !== null ? stat('event-loop delay p99', loop, EVENT_LOOP_DELAY_P99_LIMIT_MS) : ''}</div>`;
  const lags = traces.filter((r): r is TraceChunk => r.k === 'chunk').map((c) => c.t - c.due);
  const virtual =
    results.run.clock === 'virtual' ? '<p class="hint">Virtual clock: chunks are sent at simulated deadlines, so the lag is zero by construction.</p>' : '';
  if (!lags.length) return `${stats}${virtual}<p class="empty">No chunk records in the traces; the percentiles above come from ${RESULTS_FILE}.</p>`;
  const d = describe(lags);
  const chart = histogram(lags, {
    title: 'send lag (actual − deadline)',
    unit: 'ms',
    markers: [
      { value: d.p50 ?? 0, label: `p50 ${fmtMs(d.p50)}` },
      { value: d.p99 ?? 0, label: `p99 ${fmtMs(d.p99)}` },
      { value: PACING_LAG_P99_LIMIT_MS, label: `p99 limit ${PACING_LAG_P99_LIMIT_MS} ms`, cls: 'limit' },
    ],
  });
  return `${stats}${virtual}<figure>${chart}<figcaption><span>${lags.length} chunks from the traces; dashed lines: their p50 and p99, and the quality limit.</span></figcaption></figure>`;
}
