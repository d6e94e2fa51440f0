/** Console tables (cli-table3) and the Markdown twin of the headline table for the README. */
import Table from 'cli-table3';
import type { AudioRow } from './audio.js';
import type { FidelityRow } from './fidelity.js';
import type { LoadRow } from './load.js';
import type { MicroResult } from './micro.js';
import type { VirtualRow } from './virtual.js';

const STYLE = { head: [], border: [] };

const f = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b <= 0 ? '—' : `${(a / b).toFixed(1)}×`);

/** One row per N: rtbench's and the naive client's send lag and drift side by side. */
export function pacingTable(rows: readonly LoadRow[]): string {
  const t = new Table({
    head: ['N', 'client', 'lag p50', 'lag p99', 'lag max', 'drift p50', 'drift max', 'lost', 'p99 naive/rtbench', 'holds'],
    style: STYLE,
  });
  for (const n of sessionCounts(rows)) {
    const r = rows.find((x) => x.sessions === n && x.client === 'rtbench');
    const v = rows.find((x) => x.sessions === n && x.client === 'naive');
    for (const row of [r, v]) {
      if (!row) continue;
      t.push([
        row === r || !r ? String(n) : '',
        row.client,
        f(row.lag_p50_ms),
        row.lag_p99_runs_ms ? `${f(row.lag_p99_ms)} (${row.lag_p99_runs_ms.map((v) => f(v, 1)).join(', ')})` : f(row.lag_p99_ms),
        f(row.lag_max_ms),
        f(row.drift_p50_ms),
        f(row.drift_max_ms),
        row.frames_lost === null ? '?' : String(row.frames_lost),
        row === v && r ? ratio(v.lag_p99_ms, r.lag_p99_ms) : '',
        row.holds ? 'yes' : 'no',
      ]);
    }
  }
  return `Send lag (ms) = actual send − deadline; drift = last chunk's lag − first chunk's lag, per session; (runs) = every run's p99 with --repeat\n${t.toString()}`;
}

/** What each load run cost the harness process. */
export function resourceTable(rows: readonly LoadRow[]): string {
  const t = new Table({
    head: [
      'N',
      'client',
      'audio s/session',
      'CPU %',
      'CPU %/session',
      'RSS peak MB',
      'MB/session',
      'loop delay p99',
      'frames sent',
      'mock counted',
      'max buffered B',
      'audio s/s',
      'mock CPU %',
      'other procs %',
    ],
    style: STYLE,
  });
  for (const row of rows) {
    t.push([
      String(row.sessions),
      row.client,
      f(row.audio_s_per_session, 1),
      f(row.cpu_pct, 1),
      f(row.cpu_pct_per_session, 3),
      f(row.rss_peak_mb, 1),
      f(row.rss_mb_per_session, 3),
      f(row.event_loop_delay_p99_ms),
      String(row.frames_sent),
      row.frames_received_by_mock === null ? '?' : String(row.frames_received_by_mock),
      String(row.max_buffered_bytes),
      f(row.throughput_audio_s_per_s, 1),
      f(row.mock_cpu_pct, 0),
      `${f(row.host_other_pct, 0)}${row.attempts > 1 ? ` (${row.attempts} runs)` : ''}`,
    ]);
  }
  return `Harness process (CPU: 100 % = one core; the mock runs in its own process; other procs = CPU used by neither)\n${t.toString()}`;
}

export function fidelityTable(rows: readonly FidelityRow[]): string {
  const t = new Table({ head: ['N', 'turns', 'injected', 'measured p50', 'error p50', 'error p99', '|error| p99', '|error| max'], style: STYLE });
  for (const r of rows)
    t.push([
      String(r.sessions),
      String(r.n),
      f(r.injected_ms, 0),
      f(r.measured_p50_ms),
      f(r.error_p50_ms),
      f(r.error_p99_ms),
      f(r.abs_error_p99_ms),
      f(r.abs_error_max_ms),
    ]);
  return `First-audio delay: measured vad_to_first_audio_ms vs the mock's injected delay (ms)\n${t.toString()}`;
}

export function virtualTable(r: VirtualRow): string {
  const t = new Table({
    head: ['scenario', 'conversation', 'turns', 'wall (cold)', 'wall (warm p50)', 'speed-up cold', 'speed-up warm', 'identical'],
    style: STYLE,
  });
  t.push([
    r.scenario,
    `${(r.session_ms / 1000).toFixed(1)} s`,
    String(r.turns),
    `${f(r.cold_wall_ms, 0)} ms`,
    `${f(r.wall_ms_p50, 0)} ms`,
    `${f(r.speedup_cold, 0)}×`,
    `${f(r.speedup_p50, 0)}×`,
    r.identical ? 'yes' : 'NO',
  ]);
  return `Virtual time (whole runBenchmark call)\n${t.toString()}`;
}

export function audioTable(rows: readonly AudioRow[]): string {
  const t = new Table({
    head: ['format → 24 kHz PCM16 mono', 'rtbench ms', 'rtbench × RT', 'wavefile ms', 'wavefile × RT', 'rtbench/wavefile', 'disk cache hit × RT'],
    style: STYLE,
  });
  for (const r of rows)
    t.push([
      r.format,
      f(r.rtbench_ms),
      f(r.rtbench_x_realtime, 0),
      f(r.wavefile_ms),
      f(r.wavefile_x_realtime, 0),
      `${f(r.speedup, 1)}×`,
      f(r.disk_cache_x_realtime, 0),
    ]);
  return `Audio conversion of ${rows[0]?.duration_s ?? '?'} s files (× real time)\n${t.toString()}`;
}

export function microTable(m: MicroResult): string {
  const t = new Table({ head: ['per 20 ms append frame / per 100 ms audio delta', 'ns/op', 'ops/s'], style: STYLE });
  for (const r of m.rows) t.push([r.name, String(r.ns_per_op), r.ops_per_s.toLocaleString('en-US')]);
  return `Hot path per chunk: JSON.stringify ÷ concat = ${m.ratio_frame}× (string only), ${m.ratio_frame_bytes}× (to bytes); naive ÷ rtbench = ${m.ratio_to_bytes}× (to bytes). Per answer delta: mock ${m.ratio_delta_send}×, harness ${m.ratio_delta_receive}× faster than the whole-frame path\n${t.toString()}`;
}

/** The headline table in Markdown, for the README's "Performance" section. */
export function pacingMarkdown(rows: readonly LoadRow[]): string {
  const lines = [
    '| N | rtbench lag p50 / p99 / max (ms) | rtbench drift max (ms) | naive lag p50 / p99 / max (ms) | naive drift max (ms) | p99 naive ÷ rtbench | lost (rtbench / naive) | rtbench CPU % (per session) | rtbench RSS MB (per session) |',
    '|---:|---|---:|---|---:|---:|---|---|---|',
  ];
  for (const n of sessionCounts(rows)) {
    const r = rows.find((x) => x.sessions === n && x.client === 'rtbench');
    const v = rows.find((x) => x.sessions === n && x.client === 'naive');
    const lag = (x?: LoadRow) =>
      x
        ? `${f(x.lag_p50_ms)} / ${f(x.lag_p99_ms)}${x.lag_p99_runs_ms ? ` (${x.lag_p99_runs_ms.map((v) => f(v, 1)).join(', ')})` : ''} / ${f(x.lag_max_ms)}`
        : '—';
    const lost = (x?: LoadRow) => (x ? (x.frames_lost === null ? '?' : String(x.frames_lost)) : '—');
    lines.push(
      `| ${n} | ${lag(r)} | ${f(r?.drift_max_ms)} | ${lag(v)} | ${f(v?.drift_max_ms)} | ${r && v ? ratio(v.lag_p99_ms, r.lag_p99_ms) : '—'} | ${lost(r)} / ${lost(v)} | ${r ? `${f(r.cpu_pct, 0)} (${f(r.cpu_pct_per_session, 2)})` : '—'} | ${r ? `${f(r.rss_peak_mb, 0)} (${f(r.rss_mb_per_session, 2)})` : '—'} |`,
    );
  }
  return lines.join('\n');
}

function sessionCounts(rows: readonly LoadRow[]): number[] {
  return [...new Set(rows.map((r) => r.sessions))].sort((a, b) => a - b);
}
