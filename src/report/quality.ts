import type { RunResults } from '../results/types.js';

/**
 * Above this pacing lag p99 the harness itself sent audio late enough to blur latencies measured
 * in tens of milliseconds (a 20 ms chunk arriving 5 ms late is a quarter-chunk error).
 */
export const PACING_LAG_P99_LIMIT_MS = 5;
/**
 * Above this event-loop delay p99 the process was too busy to timestamp arrivals promptly:
 * received events may carry up to this much extra latency.
 */
export const EVENT_LOOP_DELAY_P99_LIMIT_MS = 20;

export interface MeasurementQuality {
  poor: boolean;
  /** One sentence per problem (empty when good). */
  problems: string[];
  /** A one-line summary of what was measured, e.g. `pacing lag p50 0.4 ms · p99 1.9 ms · max 7.8 ms`. */
  line: string;
}

/** Judges the harness's own timing accuracy over a run against the documented limits. */
export function assessQuality(results: RunResults): MeasurementQuality {
  const p = results.pacing;
  const loop = results.run.event_loop_delay_p99_ms ?? null;
  const problems: string[] = [];
  if (p.lag_p99_ms !== null && p.lag_p99_ms > PACING_LAG_P99_LIMIT_MS) {
    problems.push(`pacing lag p99 is ${p.lag_p99_ms.toFixed(1)} ms (limit ${PACING_LAG_P99_LIMIT_MS} ms): audio was sent late`);
  }
  if (loop !== null && loop > EVENT_LOOP_DELAY_P99_LIMIT_MS) {
    problems.push(`event-loop delay p99 is ${loop.toFixed(1)} ms (limit ${EVENT_LOOP_DELAY_P99_LIMIT_MS} ms): arrivals were timestamped late`);
  }
  const n = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} ms`);
  const parts = [`pacing ${p.chunks} chunks, lag p50 ${n(p.lag_p50_ms)} · p99 ${n(p.lag_p99_ms)} · max ${n(p.lag_max_ms)}`];
  if (loop !== null) parts.push(`event-loop delay p99 ${n(loop)}`);
  if (results.run.clock === 'virtual') parts.push('virtual clock (simulated time)');
  return { poor: problems.length > 0, problems, line: parts.join('; ') };
}
