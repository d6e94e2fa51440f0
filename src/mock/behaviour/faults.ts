/**
 * Choosing which faults hit a session, and the handshake refusal a `reject` fault means.
 * Draws come from their own seeded stream, so turning a fault on does not change latency draws.
 */
import type { FaultSpec } from '../types.js';
import { Prng } from '../../util/prng.js';

/** The faults that apply to session `index`: `sessions` filter, then one seeded draw per fault. */
export function selectFaults(faults: readonly FaultSpec[], index: number, rng: Prng): FaultSpec[] {
  const chosen: FaultSpec[] = [];
  for (const f of faults) {
    if (f.sessions && !f.sessions.includes(index)) continue;
    if (rng.chance(f.probability ?? 1)) chosen.push(f);
  }
  return chosen;
}

export interface HandshakeRefusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const STATUS_TEXT: Record<number, { code: string; message: string; type: string }> = {
  401: { code: 'invalid_api_key', type: 'invalid_request_error', message: 'Incorrect API key provided.' },
  403: { code: 'forbidden', type: 'invalid_request_error', message: 'You are not allowed to access this resource.' },
  429: { code: 'rate_limit_exceeded', type: 'requests', message: 'Rate limit reached. Please try again later.' },
  500: { code: 'server_error', type: 'server_error', message: 'The server had an error while processing your request.' },
  503: { code: 'server_overloaded', type: 'server_error', message: 'The server is overloaded. Please try again later.' },
};

/** An HTTP refusal shaped like the service's JSON error body. */
export function refusal(status: number, opts: { retryAfterS?: number; message?: string; code?: string } = {}): HandshakeRefusal {
  const known = STATUS_TEXT[status] ?? { code: 'error', type: 'server_error', message: `HTTP ${status}` };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (status === 429 || opts.retryAfterS !== undefined) headers['retry-after'] = String(opts.retryAfterS ?? 1);
  const body = JSON.stringify({
    error: { message: opts.message ?? known.message, type: known.type, code: opts.code ?? known.code, param: null },
  });
  return { status, headers, body };
}

/** The refusal a session's `reject` fault asks for, if it has one. */
export function rejectionFrom(faults: readonly FaultSpec[]): HandshakeRefusal | undefined {
  const f = faults.find((x) => x.kind === 'reject');
  if (!f) return undefined;
  return refusal(f.status ?? 429, { retryAfterS: f.retryAfterS, message: f.message, code: f.code });
}

/** Per-frame delay of a `slow_reader` fault (0 when none). */
export function slowReaderMs(faults: readonly FaultSpec[]): number {
  return faults.filter((f) => f.kind === 'slow_reader').reduce((ms, f) => Math.max(ms, f.durationMs ?? 50), 0);
}

/** Remaining tokens a `rate_limits` fault reports, if any. */
export function rateLimitRemaining(faults: readonly FaultSpec[]): number | undefined {
  const f = faults.find((x) => x.kind === 'rate_limits');
  return f ? (f.remaining ?? 0) : undefined;
}

/** Timed faults for the `n`-th response. */
export function timedFaults(faults: readonly FaultSpec[], responseIndex: number): FaultSpec[] {
  return faults.filter((f) => (f.kind === 'drop' || f.kind === 'stall' || f.kind === 'error' || f.kind === 'malformed') && (f.response ?? 0) === responseIndex);
}

/** A human label for stats and logs: `stall(2000ms)@r0+100ms`. */
export function describeFault(f: FaultSpec): string {
  const parts: string[] = [f.kind];
  if (f.durationMs !== undefined) parts[0] += `(${f.durationMs}ms)`;
  if (f.kind === 'reject') parts[0] += `(${f.status ?? 429})`;
  if (f.kind === 'drop' || f.kind === 'stall' || f.kind === 'error' || f.kind === 'malformed') parts.push(`@r${f.response ?? 0}+${f.afterMs ?? 0}ms`);
  return parts.join('');
}
