/**
 * The load runs: N real-time paced, full-duplex sessions from this process against `rtbench mock`
 * in another process — once with rtbench's harness (`runBenchmark`, the same code path as
 * `rtbench run --concurrency N`), once with the naive client — summarized by the same code
 * (`LoadCollector`), so both columns mean exactly the same thing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runBenchmark } from '../src/app/benchmark.js';
import { loadAudio } from '../src/audio/index.js';
import { RealClock } from '../src/clock/real.js';
import { LoadCollector } from '../src/metrics/load.js';
import { ResourceMonitor } from '../src/metrics/resources.js';
import type { LoadSummary, Sample } from '../src/report/types.js';
import { HostLoadMonitor, type HostLoad } from './host-load.js';
import { startMockProcess } from './mock-process.js';
import { runNaiveLoad } from './naive-client.js';

/** First-audio delay the mock injects (ms): the truth of the fidelity measurement. */
export const INJECTED_FIRST_AUDIO_MS = 300;

const FIXTURE = resolve('fixtures/what-time.wav');
/** One user turn and the silence around the answer, as the scenario plays it (≈ 3.3 s). */
const TURN_PERIOD_MS = 3300;

export interface LoadRow {
  client: 'rtbench' | 'naive';
  sessions: number;
  failed_sessions: number;
  audio_s_per_session: number;
  lag_p50_ms: number | null;
  lag_p99_ms: number | null;
  lag_max_ms: number | null;
  session_lag_p99_max_ms: number | null;
  drift_p50_ms: number | null;
  drift_max_ms: number | null;
  event_loop_delay_p99_ms: number | null;
  cpu_pct: number | null;
  cpu_pct_per_session: number | null;
  rss_peak_mb: number | null;
  rss_mb_per_session: number | null;
  frames_sent: number;
  frames_received_by_mock: number | null;
  frames_lost: number | null;
  max_buffered_bytes: number;
  sends_buffered: number;
  throughput_audio_s_per_s: number;
  /** Machine CPU during the run (% of one core), and the part used by neither harness nor mock. */
  host_busy_pct: number | null;
  host_other_pct: number | null;
  /** The mock process's CPU during the run (% of one core). */
  mock_cpu_pct: number | null;
  /** With `--repeat`: every run's send-lag p99, in run order (the row is the median run). */
  lag_p99_runs_ms?: Array<number | null>;
  /** Runs made for this row: a failing run disturbed by other processes is repeated once (main.ts). */
  attempts: number;
  /** send-lag p99 within the limit, zero frames lost, no session failed */
  holds: boolean;
}

export interface LoadRunConfig {
  durationMs: number;
  rampMs: number;
  lagP99LimitMs: number;
  workDir: string;
}

/** A scratch folder for scenarios and run folders, removed by the caller. */
export function makeWorkDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rtbench-bench-'));
}

/**
 * The load scenario: `what-time.wav` turns, 300 ms apart after each answer (2 s of assistant audio,
 * streamed back by the mock), as many as fill `durationMs`.
 */
export async function writeLoadScenario(dir: string, durationMs: number): Promise<string> {
  const turns = turnsFor(durationMs);
  const lines = [
    'name: load',
    'session:',
    '  turn_detection: { type: server_vad, threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 }',
    'mock: { response_audio_ms: 2000 }',
    'turns:',
    ...Array.from({ length: turns }, (_, i) => `  - { audio: ${JSON.stringify(FIXTURE)}${i > 0 ? ', gap_ms: 300' : ''} }`),
  ];
  const file = join(dir, 'load.yaml');
  await writeFile(file, lines.join('\n') + '\n');
  return file;
}

function turnsFor(durationMs: number): number {
  return Math.max(1, Math.round(durationMs / TURN_PERIOD_MS));
}

/** The audio a load session streams for a requested duration (whole turns), so both clients stream alike. */
export function loadSessionMs(durationMs: number): number {
  return turnsFor(durationMs) * TURN_PERIOD_MS;
}

/** What the naive client loops: the same fixture followed by the silence rtbench streams around the answer. */
export async function naiveAudio(): Promise<Buffer> {
  const { pcm } = await loadAudio(FIXTURE);
  const chunkSamples = 480;
  const samples = Math.ceil((pcm.length + 24 * (TURN_PERIOD_MS - 1949)) / chunkSamples) * chunkSamples;
  const looped = new Int16Array(samples);
  looped.set(pcm);
  return Buffer.from(looped.buffer, looped.byteOffset, looped.byteLength);
}

export interface HarnessRun {
  row: LoadRow;
  load: LoadSummary;
  samples: Sample[];
}

/** N sessions through rtbench's harness (`runBenchmark` with `load: true`) against a fresh mock process. */
export async function runHarnessAt(sessions: number, scenario: string, cfg: LoadRunConfig): Promise<HarnessRun> {
  const mock = await startMockProcess(INJECTED_FIRST_AUDIO_MS);
  const out = join(cfg.workDir, `rtbench-${sessions}-${Date.now()}`);
  const host = new HostLoadMonitor(() => mock.pid);
  try {
    host.start();
    const { results } = await runBenchmark({
      paths: [scenario],
      repeat: sessions,
      concurrency: sessions,
      rampMs: cfg.rampMs,
      mockUrl: mock.url,
      load: true,
      out,
      reporters: [],
      stdout: { write: () => true } as never,
      env: {},
      summaryEnv: {},
      seed: 1,
    });
    const hostLoad = host.stop();
    const load = results.load!;
    return { row: rowOf('rtbench', load, cfg.lagP99LimitMs, hostLoad), load, samples: results.samples };
  } finally {
    await mock.stop();
    await rm(out, { recursive: true, force: true });
  }
}

/** N naive sessions against a fresh mock process, summarized like rtbench's. */
export async function runNaiveAt(sessions: number, audio: Buffer, cfg: LoadRunConfig): Promise<LoadRow> {
  const mock = await startMockProcess(INJECTED_FIRST_AUDIO_MS);
  try {
    const clock = new RealClock();
    const before = await mock.framesReceived();
    const monitor = new ResourceMonitor(clock);
    const host = new HostLoadMonitor(() => mock.pid);
    host.start();
    monitor.start();
    const results = await runNaiveLoad({ clock, url: mock.url, sessions, durationMs: cfg.durationMs, rampMs: cfg.rampMs, audio });
    const usage = monitor.stop();
    const hostLoad = host.stop();
    const after = await mock.framesReceived();
    const collector = new LoadCollector();
    for (const s of results) {
      collector.addFacts({
        framesSent: s.framesSent,
        chunks: s.lagsMs.length,
        audioMs: s.lagsMs.length * 20,
        lagsMs: Array.from(s.lagsMs),
        startT: s.startT,
        endT: s.endT,
        maxBufferedBytes: s.maxBufferedBytes,
        sendsBuffered: s.sendsBuffered,
        failed: s.error !== null,
      });
    }
    const received = before !== null && after !== null ? after - before : null;
    const load = collector.summary({ concurrency: sessions, rampMs: cfg.rampMs, resources: usage, mockFramesReceived: received });
    return rowOf('naive', load, cfg.lagP99LimitMs, hostLoad);
  } finally {
    await mock.stop();
  }
}

function rowOf(client: LoadRow['client'], load: LoadSummary, lagLimitMs: number, host: HostLoad): LoadRow {
  const p = load.pacing;
  return {
    client,
    sessions: load.sessions,
    failed_sessions: load.failed_sessions,
    audio_s_per_session: load.sessions ? round(load.audio_sent_s / load.sessions, 2) : 0,
    lag_p50_ms: p.lag_p50_ms,
    lag_p99_ms: p.lag_p99_ms,
    lag_max_ms: p.lag_max_ms,
    session_lag_p99_max_ms: p.session_lag_p99_max_ms,
    drift_p50_ms: p.drift_p50_ms,
    drift_max_ms: p.drift_max_ms,
    event_loop_delay_p99_ms: load.event_loop_delay?.p99_ms ?? null,
    cpu_pct: load.cpu?.pct ?? null,
    cpu_pct_per_session: load.cpu?.pct_per_session ?? null,
    rss_peak_mb: load.rss?.peak_mb ?? null,
    rss_mb_per_session: load.rss?.mb_per_session ?? null,
    frames_sent: load.frames.sent,
    frames_received_by_mock: load.frames.received_by_mock,
    frames_lost: load.frames.lost,
    max_buffered_bytes: load.backpressure.max_buffered_bytes,
    sends_buffered: load.backpressure.sends_buffered,
    throughput_audio_s_per_s: load.throughput.audio_s_per_s,
    host_busy_pct: host.busy_pct,
    host_other_pct: host.other_pct,
    mock_cpu_pct: host.mock_pct,
    attempts: 1,
    holds: p.lag_p99_ms !== null && p.lag_p99_ms <= lagLimitMs && load.frames.lost === 0 && load.failed_sessions === 0,
  };
}

/**
 * The next N to try when looking for the largest N that holds, or null when done: doubling past the
 * grid while everything holds (up to `ceiling`), then bisecting between the largest N that held and
 * the smallest that did not, to a resolution of `step`.
 */
export function nextProbe(results: ReadonlyArray<{ sessions: number; holds: boolean }>, opts: { step: number; ceiling: number }): number | null {
  const held = results.filter((r) => r.holds).map((r) => r.sessions);
  const failed = results.filter((r) => !r.holds).map((r) => r.sessions);
  const best = held.length ? Math.max(...held) : 0;
  const above = failed.filter((n) => n > best);
  if (above.length === 0) {
    const next = Math.max(best * 2, best + opts.step);
    return next <= opts.ceiling ? next : null;
  }
  const worst = Math.min(...above);
  const mid = Math.round((best + worst) / 2 / opts.step) * opts.step;
  return mid > best && mid < worst && worst - best > opts.step ? mid : null;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
