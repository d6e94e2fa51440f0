import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { RealClock } from '../clock/real.js';
import { VirtualClock } from '../clock/virtual.js';
import type { Clock } from '../clock/clock.js';
import { evaluateExpectations } from '../metrics/expectations.js';
import { MockRealtime, startMockServer, type MockOptions, type MockServer } from '../mock/index.js';
import type { Dialect } from '../protocol/codec.js';
import type { ReporterName } from '../report/index.js';
import { appendGithubStepSummary, renderMarkdown, renderReports } from '../report/index.js';
import type { RunResults, Sample } from '../report/types.js';
import { RunFolder } from '../runner/run-folder.js';
import { executePlan } from '../runner/run.js';
import type { Connector } from '../runner/session.js';
import { resolveEndpoint, type TargetConfig, type TargetEnv } from '../runner/targets.js';
import { loadPlan, quickPlan } from '../scenario/index.js';
import type { Plan } from '../scenario/types.js';
import { checkRegressions, parseThresholds, summarize } from '../stats/index.js';
import { loadRun } from './load-run.js';
import { connectWs } from '../transport/ws-client.js';
import { createInProcessPair } from '../transport/in-process.js';
import { Redactor, secretsFromEnv } from '../util/redact.js';
import { VERSION } from '../version.js';

export interface BenchmarkOptions {
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
  /** A previous run (folder or results.json) to check for regressions against. */
  baseline?: string;
  /** Regression thresholds, e.g. `first_audio_ms.p95=+10%` (default {@link DEFAULT_THRESHOLDS}). */
  thresholds?: string[];
  /** Environment for `GITHUB_STEP_SUMMARY` (default `process.env`). */
  summaryEnv?: Record<string, string | undefined>;
  /** Called as each session ends. */
  onProgress?: (p: { done: number; total: number; failed: number; sessionId: string; samples: Sample[] }) => void;
}

export interface BenchmarkResult {
  results: RunResults;
  outDir: string;
  /** CONTRACT.md exit code: 0 ok, 1 expectation failed, 3 target failed. */
  exitCode: 0 | 1 | 3;
}

/**
 * Runs a benchmark end to end: plan → (mock) → sessions → run folder → reports. Throws
 * `ScenarioError`/`AudioFormatError`/`TargetError` for bad input before anything runs.
 */
export async function runBenchmark(opts: BenchmarkOptions = {}): Promise<BenchmarkResult> {
  const env = opts.env ?? (process.env as TargetEnv);
  const redactor = new Redactor(secretsFromEnv(env));
  const seed = opts.seed ?? 1;
  const planOpts = { targets: opts.targets, models: opts.models, repeat: opts.repeat, seed, chunkMs: opts.chunkMs, dialect: opts.dialect };
  const plan: Plan = opts.audio?.length ? { sessions: quickPlan(opts.audio, planOpts) } : await loadPlan(opts.paths?.length ? opts.paths : ['scenarios'], planOpts);
  if (opts.dialect) for (const s of plan.sessions) s.dialect ??= opts.dialect;

  const thresholds = parseThresholds(opts.thresholds?.length ? opts.thresholds : opts.baseline ? DEFAULT_THRESHOLDS : []);
  const baseline = opts.baseline ? (await loadRun(opts.baseline)).results : null;

  const virtual = opts.clock === 'virtual';
  if (virtual && plan.sessions.some((s) => s.target !== 'mock')) {
    throw new UsageError('--clock virtual works only with the bundled mock (--target mock)');
  }
  const clock: Clock = virtual ? new VirtualClock(Date.now()) : new RealClock();
  const startedAt = new Date();
  const outDir = resolve(opts.out ?? join('reports', startedAt.toISOString().replace(/[:.]/g, '-')));
  const folder = await RunFolder.create(outDir, redactor);

  const needsMock = plan.sessions.some((s) => s.target === 'mock');
  let server: MockServer | null = null;
  let inProcess: MockRealtime | null = null;
  if (needsMock && virtual) inProcess = new MockRealtime({ seed, ...opts.mock, clock });
  else if (needsMock) server = await startMockServer({ host: '127.0.0.1', port: 0, seed, ...opts.mock, clock });

  const connect: Connector = async (sp, turns, signal) => {
    const ep = resolveEndpoint(sp, env, inProcess ? 'ws://in-process/v1/realtime' : (server?.url ?? null), opts.target, turns);
    if (inProcess && sp.target === 'mock') {
      const pair = createInProcessPair(clock);
      inProcess.attach(pair.server, { url: ep.url, headers: lowerCaseKeys(ep.headers) });
      return { transport: pair.client, connectMs: 0, url: ep.displayUrl, dialect: ep.dialect };
    }
    const { transport, connectMs } = await connectWs(ep.url, { headers: ep.headers, protocols: ep.protocols, clock, signal, insecure: opts.insecure, ca: server?.caPem });
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
      onSession: (result, progress) => {
        folder.appendSession(result);
        if (result.error) failed++;
        opts.onProgress?.({ ...progress, failed, sessionId: result.plan.id, samples: result.samples });
      },
    });
    const exec = clock instanceof VirtualClock ? await clock.runUntil(execution) : await execution;
    loopDelay?.disable();
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
        event_loop_delay_p99_ms: loopDelay ? Math.round(loopDelay.percentile(99) / 1e4) / 100 : null,
      },
      pacing: exec.pacing,
      samples: exec.samples,
      summary: summarize(exec.samples, { seed }),
      expectations: evaluateExpectations(plan.sessions, exec.samples),
    };
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
    const allFailed = exec.sessions > 0 && exec.failedSessions === exec.sessions;
    const exitCode = allFailed ? 3 : results.expectations.some((e) => !e.ok) || results.samples.some((s) => !s.ok) || results.regressions?.some((r) => r.regression) ? 1 : 0;
    return { results, outDir, exitCode };
  } finally {
    loopDelay?.disable();
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

function lowerCaseKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
