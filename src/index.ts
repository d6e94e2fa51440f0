/**
 * rtbench's library API, as docs/library.md describes it: run scenarios, start the mock, load runs
 * and traces, compute metrics, statistics and reports, and the types they share. Testing your own
 * realtime client against the mock is `rtbench/testing`; vitest helpers are `rtbench/vitest`; msw
 * handlers are `rtbench/msw`. A test pins this list (test/architecture/exports.test.ts).
 *
 * ```ts
 * import { runBenchmark, startMockServer, loadRun } from 'rtbench';
 * const { results, exitCode } = await runBenchmark({ paths: ['scenarios/'], clock: 'virtual' });
 * ```
 * @packageDocumentation
 */

// Running scenarios
export { runBenchmark, DEFAULT_THRESHOLDS, type BenchmarkOptions, type BenchmarkResult, type RunProgress } from './app/benchmark.js';
export { fixturePath } from './util/package-root.js';
export { loadPlan, quickPlan, validateFiles, scenarioJsonSchema, type Problem, type PlanOptions } from './scenario/index.js';
export type { Plan, SessionPlan, TurnPlan, Expectation, MockDirectives } from './scenario/types.js';
export { executePlan, type ExecuteOptions, type ExecuteResult, type SessionResult } from './runner/run.js';
export { resolveConfig, formatEffectiveConfig, toBenchmarkOptions, type ResolvedConfig } from './config/index.js';
export { VERSION } from './version.js';

// The mock
export {
  startMockServer,
  MockRealtime,
  profileNames,
  type MockServer,
  type MockOptions,
  type MockStats,
  type FaultSpec,
  type ScriptHooks,
  type SessionRecorder,
  type RecorderHooks,
  type RecordedSessionInfo,
} from './mock/index.js';
export { startMockServerInWorker, type WorkerMockServer } from './mock/hosting/worker-server.js';

// Run folders and traces
export { loadRun, readSamples, readTraces, readResults, type LoadedRun } from './run-folder/read.js';
export { mergeRuns, type MergeOptions, type MergeResult } from './run-folder/merge.js';
export { readManifest, type RunManifest } from './run-folder/manifest.js';
export { calibrateRunFolders, type CalibrateRunsOptions } from './app/calibrate-runs.js';
export type * from './metrics/trace.js';

// Metrics (pure functions of traces)
export { computeTurnMetrics, type TurnResult, type TurnMetrics, type MetricOptions } from './metrics/turns.js';
export { evaluateExpectations } from './metrics/expectations.js';
export { METRICS, METRIC_NAMES, FACTS, metricInfo, isMetricName } from './results/public.js';
export type { MetricName } from './results/registry.js';

// Statistics and reports
export { summarize, compareRuns, checkRegressions, parseThresholds, percentile, bootstrapCi } from './stats/index.js';
export {
  renderReports,
  REPORTER_NAMES,
  renderTable,
  renderMarkdown,
  renderHtml,
  renderCsv,
  renderJunit,
  type Reporter,
  type ReporterName,
  type ReportContext,
} from './report/index.js';
export type {
  RunResults,
  Sample,
  SummaryRow,
  PacingSummary,
  ExpectationResult,
  RunInfo,
  MetricValue,
  FactValue,
  RegressionResult,
  GateOutcome,
} from './results/types.js';

// Time and audio
export { RealClock, VirtualClock, type Clock } from './clock/index.js';
export { loadAudio, detectSpeech, annotateFile, type PreparedAudio } from './audio/index.js';

// Errors (docs/errors.md): every error rtbench throws on purpose is an RtbenchError with a code
export { RtbenchError, ERROR_CODES, type ErrorCode, type ExitClass } from './errors.js';
export { ScenarioError } from './scenario/index.js';
export { AudioFormatError } from './audio/index.js';
export { ConfigError } from './config/index.js';
