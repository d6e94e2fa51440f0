/** The run folder's data model (CONTRACT.md, "The run folder"). */
import type { RegressionResult } from '../stats/regression.js';

export type MetricValue = number | boolean | null;

/** One turn of one scenario, in one matrix cell, in one repetition. */
export interface Sample {
  id: string;
  scenario: string;
  turn: number;
  target: string;
  model: string;
  dialect: 'ga' | 'beta';
  settings: Record<string, string | number | boolean | null>;
  repeat: number;
  ok: boolean;
  error?: string;
  metrics: Record<string, MetricValue>;
  /** Extra per-turn facts that are not numbers (e.g. transcript, response kind). */
  facts?: Record<string, string | null>;
}

/** One metric over one group (scenario × target × model × settings). */
export interface SummaryRow {
  scenario: string;
  target: string;
  model: string;
  settings: Record<string, string | number | boolean | null>;
  metric: string;
  n: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
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
}

export interface RunResults {
  schema: 'rtbench.results/v1';
  run: RunInfo;
  pacing: PacingSummary;
  samples: Sample[];
  summary: SummaryRow[];
  expectations: ExpectationResult[];
  /** Baseline verdicts, present when the run was checked against a baseline (`--baseline`). */
  regressions?: RegressionResult[];
}
