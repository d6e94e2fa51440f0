import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
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
import type { MockOptions } from '../mock/types.js';
import type { Dialect } from '../protocol/codec.js';
import type { ReporterName } from '../report/index.js';
import type { RunResults, Sample } from '../results/types.js';
import { findMockTargets } from '../runner/mock-probe.js';
import { RunFolder } from '../run-folder/write.js';
import { executePlan, prepareAll, type ExecuteOptions } from '../runner/run.js';
import type { TargetConfig, TargetEnv } from '../runner/targets.js';
import { loadPlan, quickPlan } from '../scenario/index.js';
import type { Plan, SessionPlan, TransportKind } from '../scenario/types.js';
import { cellLabel } from '../stats/group.js';
import { summarize } from '../stats/index.js';
import { cellContents } from './cell-content.js';
import { checkWebRtcPlan } from './connect-webrtc.js';
import { warmUpHarness } from './warm-up.js';
import { caPemOf, closeMockLink, makeConnector, mockFramesReceived, mockUrlOf, openMockLink, type MockPlacement } from './connect.js';
import { MOCK_THREAD_NICE, RUN_DEFAULTS, TRACE_GAP_MS, withRunDefaults } from './defaults.js';
import { DEFAULT_THRESHOLDS, exitCodeOf, prepareGate } from './gate.js';
import { checkCostBeforeRun, retryPolicyOf, stopRules, type ReliabilityOptions } from './limits.js';
import { preflightProfileFiles } from './profile-preflight.js';
import type { RunManifest, ShardInfo } from '../run-folder/manifest.js';
import { countFailedSessions, mergeSamples, pacingOfFolder, preflightTargets } from './run-control.js';
import { preflightModels } from './model-preflight.js';
import { beginRun, storedPlanOptions, withResumedOptions } from './run-start.js';
import { shardPlan, type Shard } from './shard.js';
import { defaultWorkers, executeInWorkers } from './workers.js';
import { checkNetworkPlan, executeByNetwork, plansNetwork, recordNetworkLinks, type NetworkRunInfo } from './network-run.js';
import { Redactor, secretsFromEnv } from '../util/redact.js';
import { VERSION } from '../version.js';
import { UsageError } from '../errors.js';
import { RESULTS_SCHEMA } from '../run-folder/names.js';
import type { EngineChoice } from '../network/link.js';

export { DEFAULT_THRESHOLDS };

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
  /**
   * Run folder. Without one the library keeps no folder: the run uses a temporary one and removes
   * it at the end (`outDir` is then null). The CLI always gives one (`reports/<timestamp>` by default).
   */
  out?: string;
  reporters?: ReporterName[];
  seed?: number;
  dialect?: Dialect;
  /** `--transport`: `ws`, `webrtc`, or both (a comparison axis). Default: the scenario's, else ws. */
  transports?: TransportKind[];
  /** `--network`: none, profiles or specs (docs/network.md); two or more are a comparison axis. */
  networks?: string[];
  /** Which engine impairs the link (default `auto`: netem where the kernel has it, else userspace). */
  networkEngine?: EngineChoice;
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
  /**
   * Where the bundled mock runs in a real-clock run: `worker` (default: its own thread, so it never
   * delays the harness's sends) or `main` (the harness's event loop; only to measure what that costs).
   * `process`: its own child process. Virtual-clock runs always wire it in-process. With WebRTC
   * sessions a worker thread is impossible (libwebrtc allows one thread per process): `main` unless
   * `process` is asked for — measured about a third cheaper in total CPU (one libwebrtc serves both
   * ends) at the same send lag (docs/webrtc.md).
   */
  mockPlacement?: MockPlacement;
  /**
   * Real-clock runs: spread the sessions over this many worker threads, each with its own event loop
   * and pacer (default {@link defaultWorkers}: by cores and concurrency; 1 = this thread).
   */
  workers?: number;
  /**
   * Real-clock runs: run the plan's first turn once on a throwaway in-process mock before timing
   * starts, so the first session is not measured on cold code [true].
   */
  warmUp?: boolean;
  /** Run only shard `index` of `count` (1-based) of the plan; see `rtbench merge`. */
  shard?: Shard;
  /** Called as each session ends. */
  onProgress?: (p: { done: number; total: number; failed: number; sessionId: string; samples: Sample[] }) => void;
}

/** Where a run that stopped early left off, in sessions of this plan (or shard). */
export interface RunProgress {
  total: number;
  /** Measured whole and in the results (earlier attempts of a resumed run included). */
  finished: number;
  /** Cut short by the signal: measured nothing whole, left out, run again by `--resume`. */
  discarded: number;
  notStarted: number;
  /** Expectations left unjudged: no session of their cell finished. */
  unjudgedExpectations: number;
}

export interface BenchmarkResult {
  results: RunResults;
  /** The run folder, or null when none was asked for (`out` not given: nothing is kept on disk). */
  outDir: string | null;
  /** Exit code (docs/errors.md): 0 ok, 1 expectation failed, 3 target failed. */
  exitCode: 0 | 1 | 3;
  /** Why the run stopped before every session ran (interrupted, `--fail-fast`, `--max-cost`), or null. */
  stopped: string | null;
  progress: RunProgress;
}

/**
 * Runs a benchmark end to end: plan → (mock) → sessions → run folder → reports. Throws
 * `ScenarioError`/`AudioFormatError`/`TargetError` for bad input before anything runs.
 */
export async function runBenchmark(options: BenchmarkOptions = {}): Promise<BenchmarkResult> {
  // `--resume`: the plan-shaping options come from the run folder's run.json.
  const opts = withRunDefaults(options.resume ? await withResumedOptions(options) : options);
  const env = opts.env ?? (process.env as TargetEnv);
  const redactor = new Redactor(secretsFromEnv(env));
  const { seed, concurrency, rampMs } = opts;
  const planOpts = {
    targets: opts.targets,
    models: opts.models,
    repeat: opts.repeat,
    seed,
    chunkMs: opts.chunkMs,
    dialect: opts.dialect,
    transports: opts.transports,
    networks: opts.networks,
  };
  const whole: Plan = opts.audio?.length
    ? { sessions: quickPlan(opts.audio, planOpts) }
    : await loadPlan(opts.paths?.length ? opts.paths : RUN_DEFAULTS.paths, planOpts);
  if (opts.dialect) for (const s of whole.sessions) s.dialect ??= opts.dialect;
  // The same warnings `rtbench validate` prints, from the same pass.
  for (const w of whole.warnings ?? []) opts.log?.(`${w.file}:${w.line}:${w.col} warning: ${w.message}`);
  const sharded = opts.shard ? await shardPlan(whole, opts.shard) : null;
  const plan = sharded?.plan ?? whole;
  preflightTargets(whole, env, opts.target);
  preflightModels(whole, opts.log);
  preflightProfileFiles(whole, opts.mock?.profileFile);
  // Bad audio fails here (exit 2), before a run folder exists.
  const prepared = await prepareAll(plan.sessions);
  // What each session plays (fixture bytes, say: text, settings): carried by every sample.
  const contents = await cellContents(whole.sessions);
  // A baseline from another plan, or whose cells played other content, is refused here, before running (exit 2).
  const gate = await prepareGate(
    opts,
    whole.sessions.map((sp) => ({ ...sp, content: contents.get(sp.id) })),
  );

  const virtual = opts.clock === 'virtual';
  if (virtual && plan.sessions.some((s) => s.target !== 'mock')) {
    throw new UsageError('--clock virtual works only with the bundled mock (--target mock)');
  }
  checkWebRtcPlan(plan, virtual);
  // --network: refused here (exit 2) when the machine cannot build the link, never run unimpaired.
  checkNetworkPlan(plan, { virtual, mockUrl: opts.mockUrl });
  const networked = plansNetwork(plan);
  const hasWebRtc = plan.sessions.some((s) => s.transport === 'webrtc');
  // Session workers are threads, and libwebrtc's bindings abort V8 when a second thread loads them.
  if (hasWebRtc && (opts.workers ?? 1) > 1)
    throw new UsageError('--workers > 1 does not work with WebRTC sessions (libwebrtc allows one thread per process): drop --workers');
  const clock: Clock = virtual ? new VirtualClock(Date.now()) : new RealClock();
  // No folder asked for (a test calling the library): a temporary one, removed at the end.
  const keepFolder = opts.out !== undefined;
  const outDir = resolve(opts.out ?? (await mkdtemp(join(tmpdir(), 'rtbench-run-'))));
  const manifest = (opts as { manifest?: RunManifest }).manifest;
  // The cost guard runs before anything is written (a resumed run: over the sessions still to run).
  if (!manifest) checkCostBeforeRun(plan, prepared, new Set(), opts);
  // Many real-time sessions end together: their traces are written a few ms apart (see appendSession).
  const traceGapMs = !virtual && concurrency > 1 ? TRACE_GAP_MS : 0;
  const folder = await RunFolder.create(outDir, redactor, { append: Boolean(manifest), traceGapMs });
  const shardInfo: ShardInfo | undefined = sharded?.info;
  const prior = await beginRun(outDir, plan, {
    manifest,
    options: storedPlanOptions(opts),
    argv: opts.argv,
    redactor,
    log: opts.log,
    shard: shardInfo,
    concurrency,
  });
  if (manifest) checkCostBeforeRun(plan, prepared, prior.done, opts);
  const startedAt = prior.startedAt;

  const wantLoad = opts.load ?? (!virtual && concurrency > 1);
  const link = await openMockLink({
    // Sessions over a link get a mock of their own in the link's server namespace.
    needsMock: plan.sessions.some((s) => s.target === 'mock' && (s.network ?? 'none') === 'none'),
    virtual,
    clock,
    seed,
    mock: opts.mock,
    mockUrl: opts.mockUrl,
    // libwebrtc's bindings are not safe in two threads of one process (a fatal V8 error): with
    // WebRTC sessions the bundled mock shares the harness's thread, or has a process of its own.
    placement: hasWebRtc ? (opts.mockPlacement === 'process' ? 'process' : 'main') : opts.mockPlacement,
    countFrames: wantLoad,
    // Under CPU pressure (hundreds of sessions on few cores) the harness's pacing runs first.
    mockThreadNice: concurrency > 1 ? MOCK_THREAD_NICE : 0,
  });
  const load = wantLoad ? new LoadCollector() : null;
  // Measured from the first connection, so audio preparation is not counted as session cost.
  const resources = wantLoad && !virtual ? new ResourceMonitor(clock) : null;
  // `ws(s)://` targets that are rtbench mocks (`rtbench mock` elsewhere) get the scenario's directives.
  const mockTargets = virtual ? new Set<string>() : await findMockTargets(plan.sessions);
  const connect = makeConnector({
    link,
    clock,
    env,
    target: opts.target,
    insecure: opts.insecure,
    connectTimeoutMs: opts.connectTimeoutMs,
    mockTargets,
    onConnect: () => resources?.start(),
  });

  const workers = virtual || hasWebRtc ? 1 : (opts.workers ?? defaultWorkers(concurrency));
  // Real time, sessions on this thread: the first session is timed on warm code like the rest.
  const firstToRun = plan.sessions.find((s) => !prior.done.has(s.id));
  if (!virtual && workers === 1 && firstToRun && opts.warmUp !== false) await warmUpHarness(firstToRun, prepared.get(firstToRun.id)!).catch(() => undefined);
  const loopDelay = virtual ? null : monitorEventLoopDelay({ resolution: 10 });
  loopDelay?.enable();
  let workerLoopDelayMs = 0;
  let failed = 0;
  const networkLinks: NetworkRunInfo[] = [];
  try {
    const execOptions: ExecuteOptions = {
      clock,
      connect,
      concurrency,
      rampMs,
      signal: opts.signal,
      turnTimeoutMs: opts.turnTimeoutMs,
      prices: opts.prices ? { ...DEFAULT_PRICES, ...opts.prices } : undefined,
      sessionTimeoutMs: opts.sessionTimeoutMs,
      retry: retryPolicyOf(opts),
      prepared,
      skip: prior.done,
      stopWhen: stopRules(opts, prior.samples),
      onSession: (result, progress) => {
        const content = contents.get(result.plan.id);
        if (content) for (const s of result.samples) s.content = content;
        load?.addSession(result.trace, result.error);
        folder.appendSession(result);
        if (result.error) failed++;
        opts.onProgress?.({ ...progress, failed, sessionId: result.plan.id, samples: result.samples });
      },
    };
    if (workers > 1) resources?.start();
    const connection = {
      mockUrl: mockUrlOf(link),
      caPem: caPemOf(link),
      env,
      target: opts.target,
      insecure: opts.insecure,
      connectTimeoutMs: opts.connectTimeoutMs,
      mockTargets: [...mockTargets],
    };
    const runPlain = (p: Plan, eo: ExecuteOptions) =>
      workers > 1
        ? executeInWorkers(p, {
            ...eo,
            clock: clock as RealClock,
            workers,
            connection,
            onWorkerLoopDelay: (p99Ms) => (workerLoopDelayMs = Math.max(workerLoopDelayMs, p99Ms)),
          })
        : executePlan(p, eo);
    const execution = networked
      ? executeByNetwork(plan, {
          ...execOptions,
          clock: clock as RealClock,
          seed,
          mock: opts.mock,
          engine: opts.networkEngine,
          mockUrl: opts.mockUrl,
          runPlain,
          connection,
          log: opts.log,
          onLink: (info) => networkLinks.push(info),
        })
      : runPlain(plan, execOptions);
    const exec = clock instanceof VirtualClock ? await clock.runUntil(execution) : await execution;
    if (exec.stopped) opts.log?.(`stopped: ${exec.stopped}; reports cover the ${exec.sessions} session(s) that finished`);
    const samples = mergeSamples(plan, prior.samples, exec.samples);
    const failedSessions = exec.failedSessions + countFailedSessions(prior.samples);
    const sessions = exec.sessions + prior.done.size;
    // A stopped run judges only cells it measured: a cell with no finished session has nothing to
    // judge (its expectations are neither passes nor failures; `--resume` judges them).
    const judged = exec.stopped ? cellsWithSamples(plan.sessions, samples) : plan.sessions;
    const expectations = evaluateExpectations(judged, samples);
    const unjudgedExpectations = exec.stopped ? evaluateExpectations(plan.sessions, []).length - expectations.length : 0;
    const progress: RunProgress = {
      total: plan.sessions.length,
      finished: sessions,
      discarded: exec.discarded.length,
      notStarted: plan.sessions.length - sessions - exec.discarded.length,
      unjudgedExpectations,
    };
    loopDelay?.disable();
    const usage = resources?.started ? resources.stop() : null;
    const results: RunResults = {
      schema: RESULTS_SCHEMA,
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
        // With workers: the worst thread's.
        event_loop_delay_p99_ms: loopDelay ? Math.round(Math.max(0, Math.max(loopDelay.percentile(99) / 1e6, workerLoopDelayMs) - 10) * 100) / 100 : null,
        ...(exec.stopped ? { stopped: exec.stopped } : {}),
        ...(prior.done.size ? { resumed_sessions: prior.done.size } : {}),
        ...(exec.discarded.length ? { discarded_sessions: exec.discarded.length } : {}),
        ...(unjudgedExpectations ? { unjudged_expectations: unjudgedExpectations } : {}),
        ...(networkLinks.length ? { network: networkLinks } : {}),
      },
      pacing: prior.done.size ? await pacingOfFolder(folder.traces) : exec.pacing,
      samples,
      summary: summarize(samples, { seed }),
      expectations,
    };
    if (load) {
      // Lost frames are countable only when every session talked to the bundled mock.
      // Over WebRTC the mock receives audio as RTP, not as the frames the harness counts.
      const counted = plan.sessions.every((s) => s.target === 'mock' && s.transport !== 'webrtc');
      // Sessions cut short sent frames the mock counted but whose traces were dropped: no honest count.
      const framesNotCounted = exec.discarded.length ? `${exec.discarded.length} session(s) cut short` : undefined;
      results.load = load.summary({
        concurrency,
        rampMs,
        resources: usage,
        mockFramesReceived: counted && !framesNotCounted ? await mockFramesReceived(link) : null,
        framesNotCounted,
      });
    }
    const regressions = gate(results, seed);
    if (regressions) results.regressions = regressions;
    // Everything written or printed from here on is the redacted copy.
    const redacted = redactor.value(results);
    await folder.writeResults(redacted);
    if (networkLinks.length) await recordNetworkLinks(outDir, networkLinks);
    const reporters = opts.reporters.filter((r) => r !== 'json');
    const summaryEnv = opts.summaryEnv ?? process.env;
    // The renderers load only when something is rendered (a `--reporter json` run never pays for them).
    if (reporters.length || summaryEnv.GITHUB_STEP_SUMMARY) {
      const { appendGithubStepSummary, renderMarkdown, renderReports } = await import('../report/index.js');
      await renderReports(reporters, {
        results: redacted,
        traces: folder.traces,
        outDir,
        stdout: opts.stdout ?? process.stdout,
        color: opts.color ?? false,
        regressions: redacted.regressions,
      });
      await appendGithubStepSummary(renderMarkdown(redacted, { regressions: redacted.regressions }), summaryEnv);
    }
    return { results: redacted, outDir: keepFolder ? outDir : null, exitCode: exitCodeOf(results, sessions, failedSessions), stopped: exec.stopped, progress };
  } finally {
    loopDelay?.disable();
    if (resources?.started) resources.stop();
    await folder.flush().catch(() => undefined);
    await closeMockLink(link);
    if (!keepFolder) await rm(outDir, { recursive: true, force: true });
  }
}

/** The sessions of cells (scenario × cell) that have at least one sample. */
function cellsWithSamples(sessions: SessionPlan[], samples: readonly Sample[]): SessionPlan[] {
  const measured = new Set(samples.map((s) => `${s.scenario}\u0000${cellLabel(s)}`));
  return sessions.filter((sp) => measured.has(`${sp.scenario}\u0000${cellLabel(sp)}`));
}

/** A bad combination of options (exit code 2). */
export { UsageError } from '../errors.js';
