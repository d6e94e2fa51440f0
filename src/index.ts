/**
 * rtbench's library API: everything the CLI does is reachable from here.
 *
 * ```ts
 * import { runBenchmark, startMockServer, loadRun } from 'rtbench';
 * const { results, exitCode } = await runBenchmark({ paths: ['scenarios/'], clock: 'virtual' });
 * ```
 * @packageDocumentation
 */
export { defaultRunFolder } from './app/defaults.js';
export { runBenchmark, UsageError, DEFAULT_THRESHOLDS, type BenchmarkOptions, type BenchmarkResult, type RunProgress } from './app/benchmark.js';
export { loadRun, RunFolderError, type LoadedRun } from './app/load-run.js';
export { CostLimitError, type ReliabilityOptions } from './app/limits.js';
export { parseShard, shardSessions, ShardError, type Shard } from './app/shard.js';
export { mergeRuns, MergeError, type MergeOptions, type MergeResult } from './app/merge.js';
export { startMockServerInWorker, type WorkerMockServer } from './mock/hosting/worker-server.js';
export { RUN_FILE, readManifest, type RunManifest, type StoredPlanOptions } from './app/run-manifest.js';
export { VERSION } from './version.js';
export { calibrateRunFolders, type CalibrateRunsOptions } from './app/calibrate-runs.js';

// Scenarios and plans
export { loadPlan, loadScenarioFile, expandScenario, quickPlan, validateFiles, validateScenarios, scenarioJsonSchema, ScenarioError, type Problem, type PlanOptions } from './scenario/index.js';
export type { Plan, SessionPlan, TurnPlan, Expectation, MockDirectives } from './scenario/types.js';

// Running
export { executePlan, prepareAll, samplesOf, type ExecuteOptions, type ExecuteResult, type SessionResult } from './runner/run.js';
export { runSession, ABORTED_REASON, type Connection, type Connector, type SessionOptions, type SessionOutcome, type SessionFailureCode } from './runner/session.js';
export { withRetries, isRetryable, backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryOutcome } from './runner/retry.js';
export { estimateCost, describeEstimate, INPUT_AUDIO_TOKENS_PER_S, OUTPUT_AUDIO_TOKENS_PER_S, type CostEstimate } from './runner/cost-estimate.js';
export { prepareTurn, type PreparedTurn } from './runner/prepare.js';
export { resolveEndpoint, redactUrl, TargetError, type Endpoint, type TargetConfig, type TargetEnv } from './runner/targets.js';
export { RunFolder, readSamples, readTraces, readResults } from './runner/run-folder.js';
export { Pacer } from './runner/pacer.js';

// The mock
export { startMockServer, DEFAULT_MAX_PAYLOAD, MockRealtime, PROFILES, profileNames, encodeDirectives, type MockServer, type MockOptions, type MockStats, type FaultSpec } from './mock/index.js';

// Testing your own realtime client against the mock
export * from './testing/index.js';

export { calibrate, renderFitReport, fitDistribution, parseProfileFile, CalibrationError, ProfileFileError, DEFAULT_MIN_N, PROFILE_FILE_SCHEMA, type ProfileFile, type FittedModelProfile, type Distribution, type FitRow } from './calibration/index.js';
export { loadProfileFile, profileFromFile } from './mock/behaviour/profile-file.js';
export { loadReplay, ReplayError } from './mock/behaviour/replay.js';
export type { ReplayMismatch } from './mock/types.js';

// Time and transport
export { RealClock, VirtualClock, sleep, type Clock } from './clock/index.js';
export { connectWs, createInProcessPair, TransportError, type Transport } from './transport/index.js';

// Protocol
export { codecFor, gaCodec, betaCodec, parseFrame, type Codec, type Dialect, type RealtimeEvent, type SessionConfig, type TurnDetection, type AudioFormat } from './protocol/index.js';

// Metrics (pure functions of traces)
export { computeTurnMetrics, TURN_METRICS, type TurnResult, type MetricOptions } from './metrics/turns.js';
export { evaluateExpectations } from './metrics/expectations.js';
export { pacingSummary } from './metrics/pacing.js';
export { DEFAULT_PRICES, PRICES_TAKEN, priceFor, costOf, type ModelPrice } from './metrics/cost.js';
export { PlaybackModel } from './metrics/playback.js';
export type * from './metrics/trace.js';

// Statistics and reports
export { describe as describeValues, percentile, bootstrapCi, compareSamples, mannWhitney, summarize, compareRuns, compareAxis, checkRegressions, judgeGate, parseThresholds, GateError } from './stats/index.js';
export { renderReports, REPORTERS, REPORTER_NAMES, renderMarkdown, renderHtml, renderJunit, renderCsv, renderTable, renderComparisonTable, renderComparisonMarkdown, type Reporter, type ReporterName, type ReportContext } from './report/index.js';
export type { RunResults, Sample, SummaryRow, PacingSummary, ExpectationResult, RunInfo, MetricValue, FactValue, RegressionResult, GateOutcome } from './results/types.js';
export { METRICS, METRIC_NAMES, FACTS, metricInfo, isMetricName, requireMetricName, UnknownNameError, GATE_RULE, SMALL_N, gatePassLine } from './results/public.js';

// Audio
export { loadAudio, decodeWav, encodeWavPcm16, detectSpeech, annotateFile, readAnnotation, StreamingVad, AudioFormatError, type PreparedAudio } from './audio/index.js';

// Speech synthesis (scenario `say:` turns, `rtbench fixtures say`)
export { SpeechSynthesizer, SpeechSynthesisError, VOICES, VOICE_NAMES, DEFAULT_VOICE, MIN_RATE, MAX_RATE, type SpeechSynthesisErrorCode, type VoiceName, type SayRequest, type SaidFile } from './tts/index.js';

// Configuration
export { resolveConfig, formatEffectiveConfig, redactedConfig, toBenchmarkOptions, ConfigError, type ResolvedConfig } from './config/index.js';
export { flagsFromArgv } from './config/index.js';
export { shouldColor, renderAxisTable, renderRegressionsMarkdown } from './report/index.js';

// Utilities the CLI shares with library users
export { Redactor, secretsFromEnv } from './util/redact.js';
export { packageRoot, fixturePath } from './util/package-root.js';
