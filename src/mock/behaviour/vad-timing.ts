/**
 * When the mock's VAD decisions reach the client: the speech-onset detection delay and the jitter on
 * the end-of-speech decision, from the profile (docs of their sources in profiles.ts), overridden by
 * the directives. `jitter_ms: 0` (directive, or the server's `--jitter-ms 0`) makes both exact: the
 * median delay, no jitter.
 */
import type { ParsedDirectives } from './directives.js';
import type { Prng } from '../../util/prng.js';
import type { MockProfile } from './profiles.js';

/** Onset of speech → `speech_started` sent (ms). */
export function speechStartedDelayMs(profile: MockProfile, directives: ParsedDirectives, settings: { jitterMs?: number }, rng: Prng): number {
  if (directives.speech_started_delay_ms !== undefined) return directives.speech_started_delay_ms;
  const p = profile.speechStartedDelay;
  if ((directives.jitter_ms ?? settings.jitterMs) === 0 || p.sigma === 0) return p.medianMs;
  return Math.min(Math.max(rng.lognormal(p.medianMs, p.sigma), p.minMs), p.maxMs);
}

/** Added to `silence_duration_ms` for one utterance: uniform in ±`speechStoppedJitterMs` (ms). */
export function speechStoppedJitter(profile: MockProfile, directives: ParsedDirectives, settings: { jitterMs?: number }, rng: Prng): number {
  const n = profile.speechStoppedJitterMs;
  if ((directives.jitter_ms ?? settings.jitterMs) === 0 || n <= 0) return 0;
  return rng.uniform(-n, n);
}
