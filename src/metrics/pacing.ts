import type { TraceChunk } from './trace.js';
import type { PacingSummary } from '../report/types.js';

/** Send accuracy over many chunks: lag = actual send time − scheduled deadline. */
export function pacingSummary(chunks: Iterable<TraceChunk>): PacingSummary {
  const lags: number[] = [];
  for (const c of chunks) lags.push(c.t - c.due);
  return pacingFromLags(lags);
}

export function pacingFromLags(lags: number[]): PacingSummary {
  if (lags.length === 0) return { chunks: 0, lag_p50_ms: null, lag_p99_ms: null, lag_max_ms: null };
  const sorted = Float64Array.from(lags).sort();
  const q = (p: number) => {
    const idx = (sorted.length - 1) * p;
    const lo = Math.floor(idx);
    const hi = Math.ceil(idx);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (idx - lo);
  };
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { chunks: lags.length, lag_p50_ms: r(q(0.5)), lag_p99_ms: r(q(0.99)), lag_max_ms: r(sorted[sorted.length - 1]) };
}
