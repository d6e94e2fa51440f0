/**
 * The run folder's data model (docs/run-folder.md): the types every consumer of results
 * shares. Imported by metrics, stats and report; imports none of them.
 */
import type { StatName } from './stat-names.js';
import type { RESULTS_SCHEMA } from '../run-folder/names.js';

export type MetricValue = number | boolean | null;
/** A per-turn fact keeps its type: `interrupted: true`, `response: "audio"`, `tool_name: "x"`. */
export type FactValue = string | number | boolean | null;

/** The identity of a summary group (a matrix cell of one scenario): scenario × target × model × settings. */
export interface GroupKey {
  scenario: string;
  target: string;
  model: string;
  settings: Record<string, string | number | boolean | null>;
}

/** One turn of one scenario, in one matrix cell, in one repetition. */
export interface Sample {
  id: string;
  scenario: string;
  turn: number;
  /** The turn's `name:` in the scenario, when it has one. */
  turn_name?: string;
  target: string;
  model: string;
  dialect: 'ga' | 'beta';
  /** How audio and events travelled (`ws` unless the plan says otherwise). */
  transport?: string;
  /** The link the session crossed (`--network`): `none`, a profile or a spec. */
  network?: string;
  settings: Record<string, string | number | boolean | null>;
  repeat: number;
  ok: boolean;
  error?: string;
  /** Registry metrics; `null` when the turn gave no such event or the metric does not apply to it. */
  metrics: Record<string, MetricValue>;
  /** Exact per-turn outcomes with their types (see FACTS in src/results/registry.ts). */
  facts?: Record<string, FactValue>;
  /**
   * What the session played (fixture audio by content hash, `say:` text and voice, timing, session
   * configuration, mock directives, transport): two runs' cells compare only when it is equal.
   * Absent in runs recorded before rtbench kept it.
   */
  content?: CellContent;
}

/** A cell's content fingerprint: `id` (hash of `parts`) and the parts, readable, to name a difference. */
export interface CellContent {
  id: string;
  parts: Record<string, string>;
}

/** One metric's description over some values (docs/run-folder.md summary fields, without the CI). */
export interface Description {
  n: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
}

/** One metric over one group (scenario × target × model × settings). */
export interface SummaryRow extends Description {
  scenario: string;
  target: string;
  model: string;
  settings: Record<string, string | number | boolean | null>;
  metric: string;
  ci95: [number, number] | null;
}

export interface PacingSummary {
  chunks: number;
  lag_p50_ms: number | null;
  lag_p99_ms: number | null;
  lag_max_ms: number | null;
}

export interface ExpectationResult {
  scenario: string;
  /** Group label: target/model/settings. */
  cell: string;
  turn?: number;
  /** The turn's `name:`, when the expectation is on a named turn. */
  turn_name?: string;
  metric: string;
  expected: string;
  actual: string;
  ok: boolean;
  where: string;
}

export interface RunInfo {
  version: string;
  started_at: string;
  ended_at: string;
  argv: string[];
  node: string;
  cpus: number;
  clock: 'real' | 'virtual';
  seed: number;
  /** Event-loop delay during the run (ms), when measured. */
  event_loop_delay_p99_ms?: number | null;
  /** Why the run stopped before every session ran: `interrupted`, `--fail-fast: …`, `--max-cost: …`. */
  stopped?: string;
  /** Sessions measured by earlier attempts of a resumed run (`rtbench run --resume`). */
  resumed_sessions?: number;
  /** Sessions cut short by SIGINT/SIGTERM: nothing of them is in the results; `--resume` runs them. */
  discarded_sessions?: number;
  /** Expectations not judged because the run stopped before any session of their cell finished. */
  unjudged_expectations?: number;
  /**
   * `--network`: each link the run built — the value asked for, the engine that impaired it
   * (`netem` or `userspace`), its model per direction and what building and removing it cost.
   */
  network?: Array<{
    network: string;
    engine: 'netem' | 'userspace';
    sessions: number;
    setup_ms: number;
    teardown_ms: number;
    up: { delay_ms: number; jitter_ms: number; loss_pct: number; burst_packets: number; rate_kbit: number | null; queue_ms: number };
    down: { delay_ms: number; jitter_ms: number; loss_pct: number; burst_packets: number; rate_kbit: number | null; queue_ms: number };
    /**
     * Live targets over the link: what the run added to the host to reach them (the veth's host end
     * and addresses, the nftables table, whether it turned `net.ipv4.ip_forward` on), all removed on exit.
     */
    egress?: { host_device: string; host_address: string; gateway_address: string; nft_table: string; ip_forward_changed: boolean };
  }>;
}

export interface RunResults {
  schema: typeof RESULTS_SCHEMA;
  run: RunInfo;
  pacing: PacingSummary;
  samples: Sample[];
  summary: SummaryRow[];
  expectations: ExpectationResult[];
  /** Baseline verdicts, present when the run was checked against a baseline (`--baseline`). */
  regressions?: RegressionResult[];
  /** What the baseline gate decided (present with `regressions`). */
  gate?: GateOutcome;
  /** Load-mode aggregates (real-time runs with `--concurrency` > 1, or when asked for). */
  load?: LoadSummary;
}

/**
 * A run seen as load on the harness: throughput, pacing across sessions, what the process spent,
 * and whether every frame arrived. Percentiles are type 7 over every chunk of every session.
 */
export interface LoadSummary {
  sessions: number;
  failed_sessions: number;
  /** Sessions requested in flight at once (`--concurrency`) and the ramp-up over which they started. */
  concurrency: number;
  ramp_ms: number;
  /** Most sessions actually open at the same moment (connect → last event). */
  peak_sessions: number;
  /** From the first session start to the last session end (ms). */
  wall_ms: number;
  throughput: {
    sessions_per_s: number;
    /** Seconds of input audio streamed per wall-clock second, all sessions together. */
    audio_s_per_s: number;
    frames_per_s: number;
  };
  /** Input audio streamed, all sessions (s). */
  audio_sent_s: number;
  /** Send lag (actual send − deadline) over all chunks, and its spread across sessions. */
  pacing: {
    chunks: number;
    lag_p50_ms: number | null;
    lag_p99_ms: number | null;
    lag_max_ms: number | null;
    /** The median and worst of the sessions' own lag p99. */
    session_lag_p99_p50_ms: number | null;
    session_lag_p99_max_ms: number | null;
    /** Per session: last chunk's lag − first chunk's lag (absolute-deadline pacing keeps it ≈ 0). */
    drift_p50_ms: number | null;
    drift_max_ms: number | null;
  };
  /** `perf_hooks.monitorEventLoopDelay` over the run (ms); null when not measured (virtual clock). */
  event_loop_delay: { p50_ms: number; p99_ms: number; max_ms: number } | null;
  /** Harness process CPU (user + system) over the run's wall time; 100 = one core busy. */
  cpu: { user_ms: number; system_ms: number; pct: number; pct_per_session: number } | null;
  /** Resident set size (MB): before the sessions, peak while they ran, and the peak growth per session. */
  rss: { start_mb: number; peak_mb: number; end_mb: number; mb_per_session: number } | null;
  /**
   * Client frames (audio appends + other events) the harness sent, and those the mock counted.
   * `lost` = sent − received; null when nobody could count: the target is not the bundled mock, or
   * sessions cut short by a signal sent frames the harness kept no record of (`not_counted` says why).
   */
  frames: { sent: number; received_by_mock: number | null; lost: number | null; not_counted?: string };
  /** Socket `bufferedAmount` right after each audio send: the largest, and how many sends found it > 0. */
  backpressure: { max_buffered_bytes: number; sends_buffered: number; sends_buffered_pct: number };
  /** Merged shards only (`rtbench merge`): each shard's own load section, in shard order. */
  per_shard?: Array<{ shard: string; load: LoadSummary }>;
}

/** The verdict of one threshold on one cell (see {@link GATE_RULE} in src/results/gate.ts). */
export interface RegressionResult extends GroupKey {
  /** The threshold as written, e.g. `first_audio_ms.p95=+10%`. */
  threshold: string;
  cell: string;
  metric: string;
  stat: StatName;
  n_baseline: number;
  n_current: number;
  baseline: number | null;
  current: number | null;
  /** The value beyond which current counts as worse. */
  limit: number | null;
  /** current − baseline (of `stat`). */
  delta: number | null;
  delta_pct: number | null;
  /** 95 % bootstrap CI of stat(current) − stat(baseline); null when small_n. */
  stat_ci95: [number, number] | null;
  /** Mann–Whitney two-sided p-value, current vs baseline; null when small_n (no test is run). */
  p_value: number | null;
  /** Cliff's delta of current vs baseline. */
  effect_size: number | null;
  beyond_threshold: boolean;
  /** Worse in a statistically significant way (only tested when neither side is small). */
  significant: boolean;
  /** Fewer than SMALL_N values on either side: judged on the threshold alone. */
  small_n: boolean;
  regression: boolean;
  /**
   * `regression`; `not_significant` (beyond the threshold but within noise); `ok`;
   * `no_baseline` (cell absent from the baseline); `no_data` (a side has no value of the metric).
   */
  status: 'regression' | 'not_significant' | 'ok' | 'no_baseline' | 'no_data';
  /** One line for humans, naming the cell. */
  message: string;
}

/** What a regression gate decided over all its verdicts. */
export interface GateOutcome {
  /** Exit 1 when true. */
  failed: boolean;
  /** One line per problem: regressions and what could not be judged, each naming its cell or threshold. */
  problems: string[];
  /** Cells judged: measured in both runs for at least one threshold. */
  judged?: number;
}
