/**
 * Draws from a fitted profile (profile files): first-audio delay, streaming speed, burstiness,
 * answer length.
 * Each returns undefined when the profile has no fit for it, so the caller keeps its built-in draw.
 */
import { drawFrom, type Distribution } from '../../calibration/distribution.js';
import type { ParsedDirectives } from './directives.js';
import type { Prng } from '../../util/prng.js';
import type { MockProfile } from './profiles.js';

/** One seeded draw (a uniform and a normal variate from the mock's Prng). */
export function drawDistribution(d: Distribution, rng: Prng): number {
  return drawFrom(d, rng.next(), rng.normal());
}

/**
 * What a response's first content answers, for its delay: a plain answer to the user's turn, a
 * function call (the tool turn's first response), or the answer after the client's tool output.
 */
export type ResponseKind = 'answer' | 'tool_call' | 'tool_answer';

/**
 * Trigger → first content, when the profile is fitted and no fixed delay/jitter overrides it: the
 * fit of the response's kind (a profile fitted before kinds were kept apart has `first_audio` only).
 */
export function fittedFirstAudioMs(profile: MockProfile, overridden: boolean, rng: Prng, kind: ResponseKind = 'answer'): number | undefined {
  const f = profile.fitted;
  const d = kind === 'tool_call' ? (f?.tool_call ?? f?.first_audio) : kind === 'tool_answer' ? (f?.tool_answer ?? f?.first_audio) : f?.first_audio;
  return d && !overridden ? Math.max(0, drawDistribution(d, rng)) : undefined;
}

/** × real time. */
export function fittedStreamRate(profile: MockProfile, rng: Prng): number | undefined {
  const d = profile.fitted?.stream_rate;
  return d ? Math.max(0.5, drawDistribution(d, rng)) : undefined;
}

/** Directives with a drawn answer length, unless the scenario fixed one. */
export function withFittedAnswerLength(directives: ParsedDirectives, profile: MockProfile, rng: Prng): ParsedDirectives {
  const d = profile.fitted?.answer_audio_ms;
  if (!d || directives.response_audio_ms !== undefined) return directives;
  return { ...directives, response_audio_ms: Math.max(1, drawDistribution(d, rng)) };
}

/** Burstiness: a draw per gap between audio deltas (× the even gap), or undefined for even spacing. */
export function fittedGapFactor(profile: MockProfile, rng: Prng): (() => number) | undefined {
  const d = profile.fitted?.delta_gap_ratio;
  return d ? () => Math.max(0, drawDistribution(d, rng)) : undefined;
}
