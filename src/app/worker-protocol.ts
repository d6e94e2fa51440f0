/** Messages between a run and its session worker threads (`--workers N`). */
import type { ModelPrice } from '../metrics/cost.js';
import type { PreparedTurn } from '../runner/prepare.js';
import type { RetryPolicy } from '../runner/retry.js';
import type { SessionResult } from '../runner/run.js';
import type { TargetConfig, TargetEnv } from '../runner/targets.js';
import type { SessionPlan } from '../scenario/types.js';

/** What a session worker is started with (structured-cloned). */
export interface SessionWorkerData {
  sessions: SessionPlan[];
  /** Their prepared turns (identical turns stay shared through the clone). */
  prepared: Map<string, PreparedTurn[]>;
  /** The parent clock's zero (`RealClock.epochMs()`): traces share one time base. */
  epochMs: number;
  concurrency: number;
  rampMs: number;
  /** The bundled mock's URL for `mock` targets (a worker-thread mock or `rtbench mock`). */
  mockUrl: string | null;
  caPem?: string;
  env: TargetEnv;
  target?: TargetConfig;
  insecure?: boolean;
  connectTimeoutMs?: number;
  mockTargets: string[];
  turnTimeoutMs?: number;
  sessionTimeoutMs?: number;
  retry?: RetryPolicy;
  prices?: Record<string, ModelPrice>;
  /** Decided by the whole run's concurrency, so a session paces as it would in one thread. */
  phase: 'seeded' | 'none';
}

export type ToSessionWorker = { type: 'abort' } | { type: 'stop'; reason: string };

export type FromSessionWorker =
  | { type: 'session'; result: SessionResult }
  | { type: 'done'; stopped: string | null; discarded: string[]; loopDelayP99Ms: number }
  | { type: 'failed'; message: string };
