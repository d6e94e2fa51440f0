import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { RealClock } from '../clock/real.js';
import { VirtualClock } from '../clock/virtual.js';
import type { Clock } from '../clock/clock.js';
import { DEFAULT_PRICES, type ModelPrice } from '../metrics/cost.js';
import { evaluateExpectations } from '../metrics/expectations.js';
import { LoadCollector } from '../metrics/load.js';
import { ResourceMonitor } from '../metrics/resources.js';
import { MockRealtime, startMockServer, type MockOptions, type MockServer } from '../mock/index.js';
import type { Dialect } from '../protocol/codec.js';
import type { ReporterName } from '../report/index.js';
import { appendGithubStepSummary, renderMarkdown, renderReports } from '../report/index.js';
import type { RunResults, Sample } from '../report/types.js';
import { fetchMockFramesReceived } from '../runner/mock-stats.js';
import { RunFolder } from '../runner/run-folder.js';
import { executePlan, prepareAll } from '../runner/run.js';
import type { Connector } from '../runner/session.js';
import { resolveEndpoint, type TargetConfig, type TargetEnv } from '../runner/targets.js';
import { loadPlan, quickPlan } from '../scenario/index.js';
import type { Plan, TransportKind } from '../scenario/types.js';
import { checkRegressions, parseThresholds, summarize } from '../stats/index.js';
import { loadRun } from './load-run.js';
import type { RunManifest } from './run-manifest.js';
import {
  beginRun,
  checkCostBeforeRun,
  connectInProcess,
  countFailedSessions,
  mergeSamples,
  pacingOfFolder,
  preflightTargets,
  retryPolicyOf,
  stopRules,
  storedPlanOptions,
  withResumedOptions,
  type ReliabilityOptions,
} from './run-control.js';
import { connectWs } from '../transport/ws-client.js';
import { checkWebRtcPlan, connectWebRtcSession } from './connect-webrtc.js';
import { Redactor, secretsFromEnv } from '../util/redact.js';
import { VERSION } from '../version.js';

export interface BenchmarkOptions extends ReliabilityOptions {
  /** Scenario files or folders (default `scenarios/`). Ignored when `audio` is given. */
  paths?: string[];
  /** Quick mode: one user turn per WAV. */
  audio?: string[];
  targets?: string[];
  models?: string[];
  repeat?: number;
  concurrency?: number;
  rampMs?: number;
  clock?: 'real' | 'virtual';
  /** Run folder (default `reports/<timestamp>`). */
  out?: string;
  reporters?: ReporterName[];
  seed?: number;
  dialect?: Dialect;
  /** `--transport`: `ws`, `webrtc`, or both (a comparison axis). Default: the scenario's, else ws. */
  transports?: TransportKind[];
  insecure?: boolean;
  /** Environment holding secrets (default `process.env`). */
  env?: TargetEnv;
  /** Options for the bundled mock when a session targets it. */
  mock?: Partial<MockOptions>;
  target?: TargetConfig;
  turnTimeoutMs?: number;
  chunkMs?: number;
  signal?: AbortSignal;
  /** argv to record in results.json (redacted). */
  argv?: string[];
  stdout?: Writable;
  color?: boolean;
  /** Price overrides per model, USD per 1M tokens (merged over the built-in table). */
  prices?: Record<string, ModelPrice>;
  /** A previous run (folder or results.json) to check for regressions against. */
  baseline?: string;
  /** Regression thresholds, e.g. `first_audio_ms.p95=+10%` (default {@link DEFAULT_THRESHOLDS}). */
  thresholds?: string[];
  /** Environment for `GITHUB_STEP_SUMMARY` (default `process.env`). */
  summaryEnv?: Record<string, string | undefined>;
  /**
   * Add the `load` section to the results (throughput, pacing across sessions, CPU, RSS, event-loop
   * delay, frames lost, backpressure). Default: on for real-time runs with `concurrency` > 1.
   */
  load?: boolean;
  /**
   * Use this already-running bundled mock (e.g. `rtbench mock` in another process, so it does not
   * share the harness's CPU) for `mock` targets instead of starting one in-process. Its `GET /stats`
   * supplies the frame count for `load.frames`.
   */
  mockUrl?: string;
  /** Called as each session ends. */
  onProgress?: (p: { done: number; total: number; failed: number; sessionId: string; samples: Sample[] }) => void;
}

export interface BenchmarkResult {
  results: RunResults;
  outDir: string;
  /** CONTRACT.md exit code: 0 ok, 1 expectation failed, 3 target failed. */
  exitCode: 0 | 1 | 3;
  /** Why the run stopped before every session ran (interrupted, `--fail-fast`, `--max-cost`), or null. */
  stopped: string | null;
}

/**
 * Runs a benchmark end to end: plan → (mock) → sessions → run folder → reports. Throws
 * `ScenarioError`/`AudioFormatError`/`TargetError` for bad input before anything runs.
 */
export async function runBenchmark(options: BenchmarkOptions = {}): Promise<BenchmarkResult> {
  // `--resume`: the plan-shaping options come from the run folder's run.json.
  const opts = options.resume ? await withResumedOptions(options) : options;
  const env = opts.env ?? (process.env as TargetEnv);
  const redactor = new Redactor(secretsFromEnv(env));
  const seed = opts.seed ?? 1;
  const planOpts = { targets: opts.targets, models: opts.models, repeat: opts.repeat, seed, chunkMs: opts.chunkMs, dialect: opts.dialect, transports: opts.transports };
  const plan: Plan = opts.audio?.length ? { sessions: quickPlan(opts.audio, planOpts) } : await loadPlan(opts.paths?.length ? opts.paths : ['scenarios'], planOpts);
  if (opts.dialect) for (const s of plan.sessions) s.dialect ??= opts.dialect;
  preflightTargets(plan, env, opts.target);
  // Bad audio fails here (exit 2), before a run folder exists.
  const prepared = await prepareAll(plan.sessions);

  const thresholds = parseThresholds(opts.thresholds?.length ? opts.thresholds : opts.baseline ? DEFAULT_THRESHOLDS : []);
  const baseline = opts.baseline ? (await loadRun(opts.baseline)).results : null;

  const virtual = opts.clock === 'virtual';
  if (virtual && plan.sessions.some((s) => s.target !== 'mock')) {
    throw new UsageError('--clock virtual works only with the bundled mock (--target mock)');
  }
  checkWebRtcPlan(plan, virtual);
  const clock: Clock = virtual ? new VirtualClock(Date.now()) : new RealClock();
  const outDir = resolve(opts.out ?? join('reports', new Date().toISOString().replace(/[:.]/g, '-')));
  const manifest = (opts as { manifest?: RunManifest }).manifest;
  // The cost guard runs before anything is written (a resumed run: over the sessions still to run).
  if (!manifest) checkCostBeforeRun(plan, prepared, new Set(), opts);
  const folder = await RunFolder.create(outDir, redactor, { append: Boolean(manifest) });
  const prior = await beginRun(outDir, plan, { manifest, options: storedPlanOptions(opts), argv: opts.argv, redactor, log: opts.log });
  if (manifest) checkCostBeforeRun(plan, prepared, prior.done, opts);
  const startedAt = prior.startedAt;

  const needsMock = plan.sessions.some((s) => s.target === 'mock');
  let server: MockServer | null = null;
  let inProcess: MockRealtime | null = null;
  if (needsMock && virtual) inProcess = new MockRealtime({ seed, ...opts.mock, clock });
  else if (needsMock && !opts.mockUrl) server = await startMockServer({ host: '127.0.0.1', port: 0, seed, ...opts.mock, clock });

  const wantLoad = opts.load ?? (!virtual && (opts.concurrency ?? 1) > 1);
  const load = wantLoad ? new LoadCollector() : null;
  // Measured from the first connection, so audio preparation is not counted as session cost.
  const resources = wantLoad && !virtual ? new ResourceMonitor(clock) : null;
  const externalMock = needsMock && !virtual && opts.mockUrl ? opts.mockUrl : null;
  const framesBefore = load && externalMock ? await fetchMockFramesReceived(externalMock) : 0;

  const connect: Connector = async (sp, turns, signal) => {
    resources?.start();
    const ep = resolveEndpoint(sp, env, inProcess ? 'ws://in-process/v1/realtime' : (server?.url ?? externalMock), opts.target, turns);
    if (inProcess && sp.target === 'mock') return connectInProcess(inProcess, clock, ep);
    if (sp.transport === 'webrtc') return connectWebRtcSession(ep, { clock, signal, timeoutMs: opts.connectTimeoutMs });
    const { transport, connectMs } = await connectWs(ep.url, { headers: ep.headers, protocols: ep.protocols, clock, signal, insecure: opts.insecure, ca: server?.caPem, timeoutMs: opts.connectTimeoutMs });
    return { transport, connectMs, url: ep.displayUrl, dialect: ep.dialect };
  };

  const loopDelay = virtual ? null : monitorEventLoopDelay({ resolution: 10 });
  loopDelay?.enable();
  let failed = 0;
  try {
    const execution = executePlan(plan, {
      clock,
      connect,
      concurrency: opts.concurrency,
      rampMs: opts.rampMs,
      signal: opts.signal,
      turnTimeoutMs: opts.turnTimeoutMs,
      prices: opts.prices ? { ...DEFAULT_PRICES, ...opts.prices } : undefined,
      sessionTimeoutMs: opts.sessionTimeoutMs,
      retry: retryPolicyOf(opts),
      prepared,
      skip: prior.done,
      stopWhen: stopRules(opts, prior.samples),
      onSession: (result, progress) => {
        load?.addSession(result.trace, result.error);
        folder.appendSession(result);
        if (result.error) failed++;
        opts.onProgress?.({ ...progress, failed, sessionId: result.plan.id, samples: result.samples });
      },
    });
    const exec = clock instanceof VirtualClock ? await clock.runUntil(execution) : await execution;
    if (exec.stopped) opts.log?.(`stopped: ${exec.stopped}; reports cover the ${exec.sessions} session(s) that finished`);
    const samples = mergeSamples(plan, prior.samples, exec.samples);
    const failedSessions = exec.failedSessions + countFailedSessions(prior.samples);
    const sessions = exec.sessions + prior.done.size;
    loopDelay?.disable();
    const usage = resources?.started ? resources.stop() : null;
    const results: RunResults = {
      schema: 'rtbench.results/v1',
      run: {
        version: VERSION,
        started_at: startedAt.toISOString(),
        ended_at: new Date().toISOString(),
        argv: (opts.argv ?? []).map((a) => redactor.text(a)),
        node: process.version,
        cpus: cpus().length,
        clock: virtual ? 'virtual' : 'real',
        seed,
        // The histogram holds whole sampling intervals (10 ms resolution); the delay is what exceeds it.
        event_loop_delay_p99_ms: loopDelay ? Math.round(Math.max(0, loopDelay.percentile(99) / 1e6 - 10) * 100) / 100 : null,
        ...(exec.stopped ? { stopped: exec.stopped } : {}),
        ...(prior.done.size ? { resumed_sessions: prior.done.size } : {}),
      },
      pacing: prior.done.size ? await pacingOfFolder(folder.traces) : exec.pacing,
      samples,
      summary: summarize(samples, { seed }),
      expectations: evaluateExpectations(plan.sessions, samples),
    };
    if (load) {
      // Lost frames are countable only when every session talked to the bundled mock.
      // Over WebRTC the mock receives audio as RTP, not as the frames the harness counts.
      const counted = plan.sessions.every((s) => s.target === 'mock' && s.transport !== 'webrtc');
      const framesAfter = !counted ? null : inProcess ? inProcess.stats().framesReceived : server ? server.stats().framesReceived : externalMock ? await fetchMockFramesReceived(externalMock) : null;
      const mockFramesReceived = framesAfter !== null && framesBefore !== null ? framesAfter - framesBefore : null;
      results.load = load.summary({ concurrency: opts.concurrency ?? 1, rampMs: opts.rampMs ?? 0, resources: usage, mockFramesReceived });
    }
    if (baseline) results.regressions = checkRegressions(baseline, results, thresholds, { seed });
    // Everything written or printed from here on is the redacted copy.
    const redacted = redactor.value(results);
    await folder.writeResults(redacted);
    await renderReports((opts.reporters ?? ['table']).filter((r) => r !== 'json'), {
      results: redacted,
      traces: folder.traces,
      outDir,
      stdout: opts.stdout ?? process.stdout,
      color: opts.color ?? false,
      regressions: redacted.regressions,
    });
    await appendGithubStepSummary(renderMarkdown(redacted, { regressions: redacted.regressions }), opts.summaryEnv ?? process.env);
    const allFailed = sessions > 0 && failedSessions === sessions;
    const exitCode = allFailed ? 3 : results.expectations.some((e) => !e.ok) || results.samples.some((s) => !s.ok) || results.regressions?.some((r) => r.regression) ? 1 : 0;
    return { results: redacted, outDir, exitCode, stopped: exec.stopped };
  } finally {
    loopDelay?.disable();
    if (resources?.started) resources.stop();
    await folder.flush().catch(() => undefined);
    inProcess?.close();
    await server?.close();
  }
}

/** Thresholds applied with `--baseline` when none are given. */
export const DEFAULT_THRESHOLDS = ['first_audio_ms.p50=+10%', 'first_audio_ms.p95=+15%'];

/** A bad combination of options (exit code 2). */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
