import { networkLines } from './network.js';
import Table from 'cli-table3';
import { paint, type Paint } from './ansi.js';
import { escapeTerminal } from './escape.js';
import { fmtMs } from './format.js';
import { buildView, hasMetric, type CellView } from './model.js';
import { overlapFlag, unplannedOverlaps } from './overlap.js';
import { assessQuality } from './quality.js';
import type { ReportContext, Reporter } from './reporter.js';
import type { RunResults } from '../results/types.js';

interface Column {
  head: string;
  value(c: CellView, p: Paint): string;
  align?: 'left' | 'right';
}

const stat = (metric: string, key: 'p50' | 'p95') => (c: CellView) => fmtMs(c.summary.get(metric)?.[key] ?? null, false);

/**
 * The console summary: one row per scenario × cell with counts, the headline latencies, barge-in
 * and tool metrics when the run has them, and expectations; then the pacing line and a warning
 * when measurement quality is poor.
 */
export function renderTable(results: RunResults, color: boolean): string {
  const p = paint(color);
  const view = buildView(results);
  const cells = view.flatMap((s) => s.cells);
  const columns: Column[] = [
    { head: 'scenario', value: (c) => escapeTerminal(c.scenario), align: 'left' },
    { head: 'cell', value: (c) => escapeTerminal(c.cell), align: 'left' },
    { head: 'n', value: (c) => String(c.samples.length) },
    { head: 'ok', value: (c, q) => (c.ok ? q.green(String(c.ok)) : '0') },
    { head: 'failed', value: (c, q) => (c.failed ? q.red(String(c.failed)) : q.dim('0')) },
    { head: 'first audio p50', value: stat('first_audio_ms', 'p50') },
    { head: 'p95', value: stat('first_audio_ms', 'p95') },
    { head: 'VAD stop p50', value: stat('vad_stop_delay_ms', 'p50') },
  ];
  if (hasMetric(cells, 'barge_in_detect_ms')) columns.push({ head: 'barge-in p50', value: stat('barge_in_detect_ms', 'p50') });
  if (hasMetric(cells, 'talk_over_ms')) columns.push({ head: 'talk-over p50', value: stat('talk_over_ms', 'p50') });
  if (hasMetric(cells, 'tool_call_ms')) columns.push({ head: 'tool call p50', value: stat('tool_call_ms', 'p50') });
  columns.push({
    head: 'expectations',
    value: (c, q) => {
      if (!c.expectations.length) return q.dim('—');
      const failed = c.expectations.filter((e) => !e.ok).length;
      return failed ? q.red(`${failed}/${c.expectations.length} failed`) : q.green(`${c.expectations.length} ok`);
    },
  });

  const table = new Table({
    head: columns.map((c) => (color ? p.bold(c.head) : c.head)),
    colAligns: columns.map((c) => c.align ?? 'right'),
    style: { head: [], border: color ? ['grey'] : [], compact: true },
  });
  for (const c of cells) table.push(columns.map((col) => col.value(c, p)));

  const lines = [table.toString(), 'latencies in ms (p50/p95 over ok samples)'];
  const q = assessQuality(results);
  lines.push(p.dim(q.line));
  if (results.load) lines.push(p.dim(loadLine(results.load)));
  for (const line of networkLines(results)) lines.push(line.includes('⚠') ? p.yellow(line) : p.dim(line));
  for (const problem of q.problems) lines.push(p.yellow(`⚠ measurement quality: ${problem}`));
  const overlap = overlapFlag(unplannedOverlaps(results.samples));
  if (overlap) lines.push(p.yellow(`⚠ unplanned overlap: ${escapeTerminal(overlap)}`));
  return lines.join('\n') + '\n';
}

/** One line for a load run: throughput, cross-session pacing, resources, frames lost. */
export function loadLine(l: NonNullable<RunResults['load']>): string {
  const n = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? '—' : v.toFixed(d));
  const parts = [
    `load ${l.sessions} sessions (peak ${l.peak_sessions} open) · ${n(l.throughput.audio_s_per_s)} audio-s/s`,
    `session lag p99 median ${n(l.pacing.session_lag_p99_p50_ms)} / worst ${n(l.pacing.session_lag_p99_max_ms)} ms · drift max ${n(l.pacing.drift_max_ms)} ms`,
    ...(l.cpu ? [`CPU ${n(l.cpu.pct, 0)} %`] : []),
    ...(l.rss ? [`RSS peak ${n(l.rss.peak_mb, 0)} MB`] : []),
    `frames lost ${l.frames.lost === null ? `— (${l.frames.not_counted ?? 'not the mock'})` : l.frames.lost}`,
  ];
  return parts.join(' · ');
}

/** Prints {@link renderTable} to `ctx.stdout`. */
export const tableReporter: Reporter = {
  name: 'table',
  render(ctx: ReportContext) {
    ctx.stdout.write(renderTable(ctx.results, ctx.color));
  },
};
