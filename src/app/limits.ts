/**
 * Limits of a run: the options about failures and money (retries, timeouts, `--fail-fast`,
 * `--max-cost`), the cost guard before a run and the stop rules checked as each session ends.
 */
import { DEFAULT_PRICES, type ModelPrice } from '../metrics/cost.js';
import type { Sample } from '../results/types.js';
import { describeEstimate, estimateCost, usd, type CostEstimate } from '../runner/cost-estimate.js';
import type { PreparedTurn } from '../runner/prepare.js';
import type { SessionResult } from '../runner/run.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../runner/retry.js';
import type { Plan } from '../scenario/types.js';
import { RtbenchError } from '../errors.js';

/** Options of {@link runBenchmark} about failures, limits and resuming. */
export interface ReliabilityOptions {
  /** Handshake retries per session (default 2) for refused connections, timeouts, 429 and 5xx. */
  retries?: number;
  /** Fine-tune the backoff (base, cap, longest `retry-after` honoured). */
  retryPolicy?: Partial<RetryPolicy>;
  /** Stop at the first failed session: no new session starts; reports are still written. */
  failFast?: boolean;
  /** Max length of one session, connection included (ms; default none). */
  sessionTimeoutMs?: number;
  /** Max wait for a WebSocket handshake (ms; default 10 s). */
  connectTimeoutMs?: number;
  /**
   * Cost guard for non-mock targets: refuse to start when the estimate exceeds it (`CostLimitError`,
   * exit 2), and start no new session once the measured cost exceeds it.
   */
  maxCostUsd?: number;
  /** Expected answer length per turn, for the estimate (default 4 s). */
  responseAudioMsEstimate?: number;
  /** Resume this run folder: same plan (from its run.json), only the sessions it lacks. */
  resume?: string;
  /** Notices for the user (cost estimate, resume, why the run stopped); default: none. */
  log?: (line: string) => void;
}

/** The estimate exceeds `--max-cost` (exit 2: nothing was run). */
export class CostLimitError extends RtbenchError<'COST_LIMIT'> {
  static readonly codes = ['COST_LIMIT'] as const;
  constructor(message: string) {
    super('COST_LIMIT', message);
    this.name = 'CostLimitError';
  }
}

/**
 * Prints the cost estimate of the non-mock sessions and refuses (CostLimitError) when it exceeds
 * `maxCostUsd`. Returns the estimate, or null when nothing costs money.
 */
export function checkCostBeforeRun(
  plan: Plan,
  prepared: ReadonlyMap<string, PreparedTurn[]>,
  skip: ReadonlySet<string>,
  opts: ReliabilityOptions & { prices?: Record<string, ModelPrice> },
): CostEstimate | null {
  const paid = plan.sessions.filter((s) => s.target !== 'mock' && !skip.has(s.id));
  if (paid.length === 0) return null;
  const prices = opts.prices ? { ...DEFAULT_PRICES, ...opts.prices } : undefined;
  const estimate = estimateCost(paid, prepared, { responseAudioMs: opts.responseAudioMsEstimate, prices });
  opts.log?.(describeEstimate(estimate) + (opts.maxCostUsd !== undefined ? `; --max-cost ${usd(opts.maxCostUsd)}` : ''));
  // A model without a price would count as $0: the guard could not judge, so it refuses (fails closed).
  if (opts.maxCostUsd !== undefined && estimate.unpriced.length) {
    throw new CostLimitError(
      `--max-cost: no price for ${estimate.unpriced.join(', ')}, so the cost cannot be estimated; nothing was run (give its price under \`prices:\` in the config, or run without --max-cost)`,
    );
  }
  if (opts.maxCostUsd !== undefined && estimate.usd > opts.maxCostUsd) {
    throw new CostLimitError(
      `--max-cost: the estimated cost ${usd(estimate.usd)} exceeds the limit ${usd(opts.maxCostUsd)}; nothing was run (raise --max-cost, or lower --repeat/--model)`,
    );
  }
  return estimate;
}

/**
 * The stop rules checked as each session ends: `--fail-fast` (a session with any failed turn) and
 * `--max-cost` (measured `cost_usd` so far, earlier attempts of a resumed run included).
 */
export function stopRules(opts: ReliabilityOptions, priorSamples: readonly Sample[]): (done: SessionResult) => string | null {
  let spent = costOf(priorSamples);
  return (done) => {
    spent += costOf(done.samples);
    if (opts.failFast) {
      const bad = done.samples.find((s) => !s.ok);
      if (bad) return `--fail-fast: ${done.plan.id} failed (${bad.error ?? 'failed'})`;
    }
    if (opts.maxCostUsd !== undefined && spent > opts.maxCostUsd) return `--max-cost: measured cost ${usd(spent)} exceeds the limit ${usd(opts.maxCostUsd)}`;
    return null;
  };
}

function costOf(samples: readonly Sample[]): number {
  return samples.reduce((sum, s) => sum + (typeof s.metrics.cost_usd === 'number' ? s.metrics.cost_usd : 0), 0);
}

export function retryPolicyOf(opts: ReliabilityOptions): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...opts.retryPolicy, ...(opts.retries !== undefined ? { retries: opts.retries } : {}) };
}
