import { percentile } from '../src/stats/describe.js';
import type { Sample } from '../src/report/types.js';

/** Measured vs injected first-audio delay over one load run's turns. */
export interface FidelityRow {
  sessions: number;
  /** Turns measured. */
  n: number;
  injected_ms: number;
  measured_p50_ms: number | null;
  /** Error = measured `vad_to_first_audio_ms` − injected; percentiles of the error and of its size. */
  error_p50_ms: number | null;
  error_p99_ms: number | null;
  abs_error_p99_ms: number | null;
  abs_error_max_ms: number | null;
}

/**
 * The mock answers exactly `injectedMs` after it sends `speech_stopped` (`--jitter-ms 0`), so
 * `vad_to_first_audio_ms` − injected is what the harness adds or loses: network stack, both event
 * loops, and its own timestamps.
 */
export function fidelityOf(sessions: number, samples: readonly Sample[], injectedMs: number): FidelityRow {
  const measured = samples.map((s) => s.metrics.vad_to_first_audio_ms).filter((v): v is number => typeof v === 'number');
  const errors = measured.map((v) => v - injectedMs).sort((a, b) => a - b);
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  const q = (xs: number[], p: number) => (xs.length ? round(percentile(xs, p)) : null);
  return {
    sessions,
    n: measured.length,
    injected_ms: injectedMs,
    measured_p50_ms: q(
      [...measured].sort((a, b) => a - b),
      50,
    ),
    error_p50_ms: q(errors, 50),
    error_p99_ms: q(errors, 99),
    abs_error_p99_ms: q(abs, 99),
    abs_error_max_ms: abs.length ? round(abs[abs.length - 1]) : null,
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
