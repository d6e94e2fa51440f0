import { SeededRandom } from '../util/prng.js';
import { sleep, type Clock } from '../clock/clock.js';
import { TransportError } from '../transport/transport.js';

/**
 * When and how long to retry a failed connection. Only the handshake is retried: once a session
 * is open, a failure is a measurement (it is recorded, never hidden by a silent second try).
 */
export interface RetryPolicy {
  /** Extra attempts after the first (0 = never retry). */
  retries: number;
  /** Cap of the first backoff window; it doubles on every retry. */
  baseDelayMs: number;
  /** Largest backoff window. */
  maxDelayMs: number;
  /** Longest `retry-after` honoured; a server asking for more is not retried (the run goes on). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

/** Whether a connection failure may succeed on a second try: network trouble, 408, 429 and 5xx. */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof TransportError)) return false;
  switch (err.code) {
    case 'CONNECT_FAILED':
    case 'CONNECT_TIMEOUT':
      return true;
    case 'HANDSHAKE_REJECTED': {
      const s = err.status ?? 0;
      // 401/403/404 and the other 4xx mean the request is wrong: asking again cannot help.
      return s === 408 || s === 429 || s >= 500;
    }
    default:
      return false;
  }
}

/**
 * Delay before retry number `retry` (0-based): "full jitter" exponential backoff — uniform in
 * [0, min(max, base·2^retry)) — so clients that failed together do not come back together. A
 * server's `retry-after` wins: wait exactly that, plus up to 10 % jitter for the same reason.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return retryAfterMs + random() * retryAfterMs * 0.1;
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return random() * window;
}

export type RetryOutcome<T> =
  { ok: true; value: T; attempts: number } | { ok: false; error: Error; attempts: number; /** Why no further attempt was made. */ reason: string };

export interface RetryOptions {
  clock: Clock;
  policy: RetryPolicy;
  /** Seed of the jitter (the session's seed): the same run retries at the same times. */
  seed: number;
  signal?: AbortSignal;
  /** Told before each wait, e.g. to note it in the trace. */
  onRetry?: (info: { attempt: number; error: Error; delayMs: number }) => void;
}

/**
 * Calls `attempt` until it succeeds, fails with a non-retryable error, or the retries run out.
 * Waits on the given clock (virtual runs stay deterministic and fast). Never throws.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, opts: RetryOptions): Promise<RetryOutcome<T>> {
  const random = new SeededRandom(opts.seed ^ 0x5f3759df);
  for (let n = 1; ; n++) {
    try {
      return { ok: true, value: await attempt(n), attempts: n };
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (opts.signal?.aborted) return { ok: false, error, attempts: n, reason: 'aborted' };
      if (!isRetryable(error)) return { ok: false, error, attempts: n, reason: 'not retryable' };
      if (n > opts.policy.retries) return { ok: false, error, attempts: n, reason: 'retries exhausted' };
      const retryAfterMs = (error as TransportError).retryAfterMs;
      if (retryAfterMs !== undefined && retryAfterMs > opts.policy.maxRetryAfterMs) {
        return { ok: false, error, attempts: n, reason: `retry-after ${retryAfterMs / 1000} s exceeds the ${opts.policy.maxRetryAfterMs / 1000} s limit` };
      }
      const delayMs = backoffDelayMs(n - 1, opts.policy, () => random.next(), retryAfterMs);
      opts.onRetry?.({ attempt: n, error, delayMs });
      try {
        await sleep(opts.clock, delayMs, opts.signal);
      } catch {
        return { ok: false, error, attempts: n, reason: 'aborted' };
      }
    }
  }
}

/** `connect failed: <why> (after 3 attempts)` — the reason recorded on every sample of the session. */
export function describeConnectFailure(outcome: { error: Error; attempts: number; reason: string }): string {
  const tail: string[] = [];
  if (outcome.attempts > 1) tail.push(`after ${outcome.attempts} attempts`);
  if (outcome.reason.startsWith('retry-after')) tail.push(`${outcome.reason}, not retried`);
  return `connect failed: ${outcome.error.message}${tail.length ? ` (${tail.join('; ')})` : ''}`;
}
