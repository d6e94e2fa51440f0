import type { TraceChunk } from './trace.js';
import type { PacingSummary } from '../results/types.js';
import { percentile } from '../stats/describe.js';

/** Send accuracy over many chunks: lag = actual send time − scheduled deadline. */
export function pacingSummary(chunks: Iterable<TraceChunk>): PacingSummary {
  const lags: number[] = [];
  for (const c of chunks) lags.push(c.t - c.due);
  return pacingFromLags(lags);
}

export function pacingFromLags(lags: number[]): PacingSummary {
  if (lags.length === 0) return { chunks: 0, lag_p50_ms: null, lag_p99_ms: null, lag_max_ms: null };
  const sorted = Array.from(Float64Array.from(lags).sort());
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { chunks: lags.length, lag_p50_ms: r(percentile(sorted, 50)), lag_p99_ms: r(percentile(sorted, 99)), lag_max_ms: r(sorted[sorted.length - 1]) };
}
