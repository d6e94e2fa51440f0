/**
 * vitest integration: start the bundled mock for a test file, and matchers that read rtbench
 * results, so teams write latency and behaviour tests for their own relay or agent in vitest.
 *
 * ```ts
 * import { useMockServer, installMatchers } from 'rtbench/vitest';
 * installMatchers();
 * const mock = useMockServer({ firstAudioMs: 300, jitterMs: 0 });
 * it('answers fast', async () => {
 *   const run = await runBenchmark({ audio: ['fixtures/what-time.wav'], targets: [mock.url] });
 *   expect(run).toHaveFirstAudioBelow(1500);
 * });
 * ```
 */
// Kept in the typings: the augmentation below then finds vitest's \`Assertion\` whichever module a
// user's program reads first (with \`rtbench/vitest\` imported before \`vitest\` it was lost).
import 'vitest';
import { afterAll, beforeAll, expect } from 'vitest';
import type { BenchmarkResult } from '../app/benchmark.js';
import { startMockServer, type MockOptions, type MockServer } from '../mock/index.js';
import { startMockServerInWorker, type WorkerMockServer } from '../mock/hosting/worker-server.js';
import type { RunResults, Sample } from '../results/types.js';
import { statOf } from '../stats/describe.js';
import { checkRegressions, judgeGate } from '../stats/regression.js';
import { parseThresholds } from '../stats/threshold.js';
import { isMetricName, METRICS } from '../results/registry.js';
import { unknownMetricMessage } from '../results/names.js';
import { clientMatchers } from './client.js';
import { RESULTS_FILE } from '../run-folder/names.js';

export { useRealtimeTestServer, clientMatchers, type ClientMatchers } from './client.js';
export { startRealtimeTestServer, type RealtimeTestServer, type TestServerOptions } from '../testing/server.js';

/** Starts the mock before the file's tests and stops it after. Read `url` inside tests. */
export function useMockServer(opts: MockOptions = {}): { readonly url: string; readonly server: MockServer } {
  let server: MockServer | null = null;
  beforeAll(async () => {
    server = await startMockServer({ host: '127.0.0.1', port: 0, ...opts });
  });
  afterAll(async () => {
    await server?.close();
    server = null;
  });
  return {
    get url() {
      if (!server) throw new Error('useMockServer: the mock starts in beforeAll; read .url inside a test');
      return server.url;
    },
    get server() {
      if (!server) throw new Error('useMockServer: the mock starts in beforeAll; use .server inside a test');
      return server;
    },
  };
}

/**
 * Like {@link useMockServer}, with the mock in its own worker thread: the test's client (and its
 * timers) never share an event loop with the mock, as in `rtbench run`. Use it for timing
 * assertions under load; `server.stats()` is asynchronous here.
 */
export function useMockWorker(opts: MockOptions = {}): { readonly url: string; readonly server: WorkerMockServer } {
  let server: WorkerMockServer | null = null;
  beforeAll(async () => {
    server = await startMockServerInWorker({ host: '127.0.0.1', port: 0, ...opts });
  });
  afterAll(async () => {
    await server?.close();
    server = null;
  });
  return {
    get url() {
      if (!server) throw new Error('useMockWorker: the mock starts in beforeAll; read .url inside a test');
      return server.url;
    },
    get server() {
      if (!server) throw new Error('useMockWorker: the mock starts in beforeAll; use .server inside a test');
      return server;
    },
  };
}

type Subject = BenchmarkResult | RunResults | Sample | Sample[];
export type LatencyStat = 'each' | 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'max';

function samplesOf(subject: Subject): Sample[] {
  if (Array.isArray(subject)) return subject;
  if ('results' in subject && 'exitCode' in subject) return subject.results.samples;
  if ('samples' in subject) return subject.samples;
  return [subject as Sample];
}

function resultsOf(subject: Subject): RunResults | null {
  if (!Array.isArray(subject) && 'results' in subject && 'exitCode' in subject) return subject.results;
  if (!Array.isArray(subject) && 'samples' in subject && 'schema' in subject) return subject;
  return null;
}

function statOfValues(values: number[], stat: LatencyStat): number {
  const sorted = [...values].sort((a, b) => a - b);
  return stat === 'each' ? sorted[sorted.length - 1] : statOf(sorted, stat);
}

const fmtValue = (v: number, unit: string) => `${Math.round(v * 10) / 10}${unit}`;

/** Generic metric matcher body: stat over the measured samples below a bound. */
function metricBelow(subject: Subject, metric: string, bound: number, stat: LatencyStat) {
  // A misspelt name would otherwise read as "no sample measured it".
  if (!isMetricName(metric)) return { pass: false, message: () => unknownMetricMessage(metric, 'toHaveMetricBelow') };
  const unit = METRICS[metric].unit === 'ms' ? ' ms' : '';
  const samples = samplesOf(subject);
  const measured = samples.filter((s) => typeof s.metrics[metric] === 'number');
  if (measured.length === 0) {
    const failed = samples.filter((s) => !s.ok).map((s) => `${s.id}: ${s.error}`);
    return {
      pass: false,
      message: () => `expected ${metric} < ${bound}${unit}, but no sample measured it${failed.length ? ` (failed: ${failed.join('; ')})` : ''}`,
    };
  }
  const values = measured.map((s) => s.metrics[metric] as number);
  const actual = statOfValues(values, stat);
  const fmt = (v: number) => fmtValue(v, unit);
  const worst = measured
    .filter((s) => (s.metrics[metric] as number) >= bound)
    .map((s) => `${s.id}${s.turn_name ? ` (${s.turn_name})` : ''} ${fmt(s.metrics[metric] as number)}`);
  const what = stat === 'each' ? `every ${metric}` : `${metric} ${stat}`;
  return {
    pass: actual < bound,
    message: () =>
      actual < bound
        ? `expected ${what} not to be below ${bound}${unit}, got ${fmt(actual)} (n=${values.length})`
        : `expected ${what} < ${bound}${unit}, got ${fmt(actual)} (n=${values.length}${worst.length ? `; over: ${worst.slice(0, 5).join(', ')}` : ''})`,
  };
}

/** The matchers; {@link installMatchers} registers them with vitest's `expect`. */
export const rtbenchMatchers = {
  /** First audio (end of user speech → first response audio) below `ms`; `stat` defaults to `each`. */
  toHaveFirstAudioBelow(subject: Subject, ms: number, stat: LatencyStat = 'each') {
    return metricBelow(subject, 'first_audio_ms', ms, stat);
  },
  /** Any numeric metric (a docs/metrics.md name) below a bound. */
  toHaveMetricBelow(subject: Subject, metric: string, bound: number, stat: LatencyStat = 'each') {
    return metricBelow(subject, metric, bound, stat);
  },
  /** A barge-in turn interrupted the assistant's playback (every barge-in sample, for results). */
  toBeInterrupted(subject: Subject) {
    const all = samplesOf(subject);
    // For a whole run, the barge-in turns; for one sample, that sample.
    const subjectSamples = all.length === 1 ? all : all.filter((s) => s.facts?.barge_in === true || s.facts?.barge_in === 'true');
    const bad = subjectSamples.filter((s) => !(s.facts?.interrupted === true || s.facts?.interrupted === 'true'));
    const pass = subjectSamples.length > 0 && bad.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `expected no interruption, but ${subjectSamples.length} sample(s) interrupted the assistant`
          : subjectSamples.length === 0
            ? 'expected an interrupted turn, but there is no turn to check'
            : `expected the assistant to be interrupted, but ${bad.map((s) => `${s.id} (response ${s.facts?.response ?? 'none'}${s.error ? `, ${s.error}` : ''})`).join(', ')} was not`,
    };
  },
  /** Every sample's response was of this kind: `audio`, `text`, `function_call` or `none`. */
  toRespondWith(subject: Subject, kind: 'audio' | 'text' | 'function_call' | 'none') {
    const samples = samplesOf(subject);
    const bad = samples.filter((s) => s.facts?.response !== kind);
    return {
      pass: samples.length > 0 && bad.length === 0,
      message: () =>
        bad.length === 0
          ? `expected a response other than ${kind}`
          : `expected response ${kind}, got ${bad.map((s) => `${s.id}: ${s.facts?.response ?? 'none'}${s.error ? ` (${s.error})` : ''}`).join(', ')}`,
    };
  },
  /**
   * No regression against a baseline run, by the same gate rule as `rtbench compare --threshold`
   * and `run --baseline` (GATE_RULE in src/results/gate.ts): fails on a regression, on a cell the
   * baseline measured that this run did not, and on a threshold no common cell measured.
   */
  toNotRegressFrom(subject: Subject, baseline: Subject, thresholds: string | readonly string[]) {
    const cur = resultsOf(subject);
    const base = resultsOf(baseline);
    if (!cur || !base) return { pass: false, message: () => `toNotRegressFrom needs two run results (runBenchmark(...) or ${RESULTS_FILE})` };
    const ts = parseThresholds(typeof thresholds === 'string' ? [thresholds] : thresholds);
    const gate = judgeGate(checkRegressions(base, cur, ts), ts);
    return {
      pass: !gate.failed,
      message: () =>
        gate.failed
          ? `expected no regression:\n  ${gate.problems.join('\n  ')}`
          : `expected a regression beyond ${ts.map((t) => t.source).join(', ')}, none found`,
    };
  },
  /** Every expectation written in the scenarios held, and no sample failed. */
  toMeetExpectations(subject: Subject) {
    const results = resultsOf(subject);
    if (!results) return { pass: false, message: () => `toMeetExpectations needs a run result (runBenchmark(...) or ${RESULTS_FILE})` };
    const failed = results.expectations.filter((e) => !e.ok);
    const errors = results.samples.filter((s) => !s.ok);
    const lines = [
      ...failed.map((e) => `${e.scenario}${e.turn !== undefined ? ` turn ${e.turn}` : ''} [${e.cell}]: expected ${e.expected}, got ${e.actual} (${e.where})`),
      ...errors.map((s) => `${s.id}: ${s.error}`),
    ];
    return {
      pass: lines.length === 0,
      message: () => (lines.length ? `expected every expectation to hold:\n  ${lines.join('\n  ')}` : 'expected some expectation to fail, all held'),
    };
  },
};

/** Registers {@link rtbenchMatchers} and the client-behaviour {@link clientMatchers} with vitest's `expect`. */
export function installMatchers(): void {
  expect.extend(rtbenchMatchers);
  expect.extend(clientMatchers);
}

interface RtbenchMatchers<R = unknown> {
  toHaveFirstAudioBelow(ms: number, stat?: LatencyStat): R;
  toHaveMetricBelow(metric: string, bound: number, stat?: LatencyStat): R;
  toBeInterrupted(): R;
  toRespondWith(kind: 'audio' | 'text' | 'function_call' | 'none'): R;
  toMeetExpectations(): R;
  toNotRegressFrom(baseline: BenchmarkResult | RunResults, thresholds: string | readonly string[]): R;
}

// No type parameters, so this merges with vitest 3 and 4's `Assertion<T>` and vitest 5's
// `Assertion<R, T>` alike (a merging declaration may omit parameters that have defaults); the
// matchers are synchronous, hence `void`. See docs/client-testing.md, "Typings".
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion extends RtbenchMatchers<void> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends RtbenchMatchers {}
}
