import type { FittedModelProfile } from '../../calibration/profile-format.js';
import { CURRENT_FLAGSHIP } from '../../models/lifecycle.js';
import { MockError } from '../mock-error.js';

/**
 * Latency and behaviour profiles of the mock, one per model family plus `default`, `fast`, `slow`
 * and `openai`.
 *
 * Where the numbers come from — all approximate, none measured by rtbench itself; replace them with
 * your own measurements (`rtbench run --target openai`) before drawing conclusions:
 * - gpt-realtime-2.1 and -2.1-mini: no published latency; ASSUMED equal to gpt-realtime-2 (minimal
 *   reasoning) and gpt-realtime-mini. Measure them (`rtbench calibrate`) before comparing.
 * - first-audio delay (end of the user turn → first audio delta, server side): community reports of
 *   the Realtime API put it at roughly 0.5–1 s for the 4o-realtime previews and gpt-realtime, a bit
 *   less for the mini models (OpenAI developer-forum threads, webrtcHacks' WebRTC measurement of
 *   January 2025, smallest.ai's gpt-realtime breakdown of September 2025); OpenAI's own figure for
 *   gpt-realtime-2 is 1.12 s to first audio at minimal reasoning (announcement, May 2026). Medians
 *   below sit in those ranges; the spread (σ of a lognormal) is a guess that gives a p90 of about
 *   1.4–1.5 × the median.
 * - streaming speed: the service sends audio faster than real time (docs/protocol-notes.md, "Audio"); 3–6 × is a
 *   rough reading of community traces. Delta size 100 ms of audio is an assumption.
 * - `silence_duration_ms` default: the documentation says 500, while the servers' own
 *   `session.created` (gpt-realtime family, 2025–26 captures) shows 200; the preview profiles echo
 *   500, the GA profiles 200 (docs/protocol-notes.md, "Session shape and defaults").
 * - `rate_limits.updated`: docs/protocol-notes.md: documented as sent at response start; a 2026 capture of
 *   gpt-realtime-mini saw it 43 ms after `response.done`. Profiles choose (`rateLimitsAt`).
 * - input transcription: a 2026 capture saw the first transcription delta ≈ 1.2 s after commit,
 *   over a 320 ms round trip; 0.8 s server side is assumed.
 * - speech-onset detection (`speechStartedDelay`, onset of speech → `speech_started` sent):
 *   ASSUMPTION, no published figure. The service's VAD must see enough audio to tell speech from
 *   noise and reports `audio_start_ms` with `prefix_padding_ms` before it; community traces put
 *   `speech_started` a few hundred ms after the onset, and an energy VAD on 20 ms frames needs at
 *   least 40–60 ms. 180 ms median (lognormal σ 0.3, 60–600 ms) is assumed for the service profiles;
 *   `fast` keeps the bare detector (0 ms added). Replace with your own measurement (issue 17's
 *   calibration fits it from traces of real runs).
 * - end-of-speech jitter (`speechStoppedJitterMs`, uniform ±N ms on the silence that ends a turn):
 *   ASSUMPTION — the service's decision is not exactly `silence_duration_ms` after the last word;
 *   ±40 ms is assumed for the service profiles, 0 for `fast`.
 * A scenario's `jitter_ms: 0` (or `--jitter-ms 0`) makes both exact: the median delay, no jitter.
 */
export interface MockProfile {
  name: string;
  description: string;
  /** End of user turn (speech_stopped sent, or response.create received) → first audio delta. */
  firstAudio: { medianMs: number; sigma: number; minMs: number; maxMs: number };
  /** End of user turn → `response.created` (capped at the first-audio delay). */
  responseCreatedMs: number;
  /** Output audio streaming speed, × real time (lognormal median and σ). */
  streamRate: { median: number; sigma: number };
  /** Audio per `response.output_audio.delta`, ms. */
  deltaMs: number;
  /** Commit → `input_audio_transcription.completed` (deltas come in the 200 ms before). */
  transcription: { medianMs: number; sigma: number };
  /** Onset of speech → `speech_started` sent (lognormal; the detector's own lag included). */
  speechStartedDelay: { medianMs: number; sigma: number; minMs: number; maxMs: number };
  /** Uniform ±N ms on the silence after which the end of speech is decided. */
  speechStoppedJitterMs: number;
  /** `silence_duration_ms` filled in when the client leaves it out. */
  vadSilenceDurationMs: number;
  /**
   * Semantic VAD approximation: silence (ms of audio after the energy VAD's end of speech) before
   * the turn ends, by eagerness. Well under the published caps (8 s low, 4 s medium/auto, 2 s high),
   * because the mock cannot judge whether an utterance is complete and treats it as complete.
   */
  semanticSilenceMs: { low: number; medium: number; high: number; auto: number };
  rateLimitsAt: 'response_start' | 'response_done';
  /**
   * `lenient` accepts beta and GA and unknown session fields. `openai` imitates api.openai.com in
   * 2026: beta refused (`beta_api_shape_disabled`, close 4000), unknown session fields refused
   * (`unknown_parameter`), a bad key answered after the upgrade (`invalid_api_key`, close 3000).
   */
  strictness: 'lenient' | 'openai';
  /** Model echoed in the session when the URL names none. */
  model: string;
  voice: string;
  /** Distributions fitted from recorded runs (a profile file, see profile-file.ts); absent for built-ins. */
  fitted?: FittedModelProfile;
}

const SEMANTIC = { low: 1500, medium: 800, high: 400, auto: 800 } as const;

const base: Omit<MockProfile, 'name' | 'description' | 'firstAudio' | 'model'> = {
  responseCreatedMs: 40,
  streamRate: { median: 5, sigma: 0.2 },
  deltaMs: 100,
  transcription: { medianMs: 800, sigma: 0.3 },
  speechStartedDelay: { medianMs: 180, sigma: 0.3, minMs: 60, maxMs: 600 },
  speechStoppedJitterMs: 40,
  vadSilenceDurationMs: 200,
  semanticSilenceMs: { ...SEMANTIC },
  rateLimitsAt: 'response_done',
  strictness: 'lenient',
  voice: 'alloy',
};

export const PROFILES: Readonly<Record<string, MockProfile>> = Object.freeze({
  default: {
    ...base,
    name: 'default',
    description: 'Middle of the road: 600 ms to first audio, documented VAD defaults.',
    firstAudio: { medianMs: 600, sigma: 0.25, minMs: 150, maxMs: 3000 },
    vadSilenceDurationMs: 500,
    model: CURRENT_FLAGSHIP,
  },
  fast: {
    ...base,
    name: 'fast',
    description: 'Quick answers for tests and demos: 150 ms to first audio, 20 × real-time streaming.',
    firstAudio: { medianMs: 150, sigma: 0.1, minMs: 50, maxMs: 400 },
    responseCreatedMs: 10,
    streamRate: { median: 20, sigma: 0 },
    transcription: { medianMs: 200, sigma: 0.1 },
    speechStartedDelay: { medianMs: 0, sigma: 0, minMs: 0, maxMs: 0 },
    speechStoppedJitterMs: 0,
    model: CURRENT_FLAGSHIP,
  },
  slow: {
    ...base,
    name: 'slow',
    description: 'A loaded or distant service: 1.5 s to first audio, 2 × real-time streaming.',
    firstAudio: { medianMs: 1500, sigma: 0.35, minMs: 500, maxMs: 8000 },
    responseCreatedMs: 150,
    streamRate: { median: 2, sigma: 0.2 },
    transcription: { medianMs: 1500, sigma: 0.3 },
    vadSilenceDurationMs: 500,
    model: CURRENT_FLAGSHIP,
  },
  'gpt-4o-realtime-preview': {
    ...base,
    name: 'gpt-4o-realtime-preview',
    description: 'Beta-era flagship (shut down 2026-05-07; kept for offline runs of old scenarios): ≈ 750 ms to first audio, VAD default 500 ms.',
    firstAudio: { medianMs: 750, sigma: 0.3, minMs: 250, maxMs: 5000 },
    responseCreatedMs: 60,
    streamRate: { median: 4, sigma: 0.2 },
    vadSilenceDurationMs: 500,
    rateLimitsAt: 'response_start',
    model: 'gpt-4o-realtime-preview',
  },
  'gpt-4o-mini-realtime-preview': {
    ...base,
    name: 'gpt-4o-mini-realtime-preview',
    description: 'Beta-era mini (shut down 2026-05-07; kept for offline runs of old scenarios): ≈ 600 ms to first audio, VAD default 500 ms.',
    firstAudio: { medianMs: 600, sigma: 0.3, minMs: 200, maxMs: 4000 },
    responseCreatedMs: 50,
    streamRate: { median: 5, sigma: 0.2 },
    vadSilenceDurationMs: 500,
    rateLimitsAt: 'response_start',
    model: 'gpt-4o-mini-realtime-preview',
  },
  'gpt-realtime': {
    ...base,
    name: 'gpt-realtime',
    description: 'First GA flagship (shutdown announced for 2027-01-20): ≈ 700 ms to first audio, server-echoed VAD default 200 ms.',
    firstAudio: { medianMs: 700, sigma: 0.3, minMs: 250, maxMs: 5000 },
    model: 'gpt-realtime',
  },
  'gpt-realtime-mini': {
    ...base,
    name: 'gpt-realtime-mini',
    description: 'First GA mini (shutdown announced for 2027-01-20): ≈ 500 ms to first audio, server-echoed VAD default 200 ms.',
    firstAudio: { medianMs: 500, sigma: 0.3, minMs: 150, maxMs: 4000 },
    responseCreatedMs: 30,
    streamRate: { median: 6, sigma: 0.2 },
    model: 'gpt-realtime-mini',
  },
  'gpt-realtime-2': {
    ...base,
    name: 'gpt-realtime-2',
    description: 'Second generation at minimal reasoning: ≈ 1.1 s to first audio (OpenAI, May 2026).',
    firstAudio: { medianMs: 1120, sigma: 0.3, minMs: 400, maxMs: 8000 },
    responseCreatedMs: 60,
    model: 'gpt-realtime-2',
  },
  'gpt-realtime-2.1': {
    ...base,
    name: 'gpt-realtime-2.1',
    description: 'Current flagship: ASSUMED like gpt-realtime-2 at minimal reasoning (≈ 1.1 s); no published figure.',
    firstAudio: { medianMs: 1120, sigma: 0.3, minMs: 400, maxMs: 8000 },
    responseCreatedMs: 60,
    model: 'gpt-realtime-2.1',
  },
  'gpt-realtime-2.1-mini': {
    ...base,
    name: 'gpt-realtime-2.1-mini',
    description: 'Current mini: ASSUMED like gpt-realtime-mini (≈ 500 ms to first audio); no published figure.',
    firstAudio: { medianMs: 500, sigma: 0.3, minMs: 150, maxMs: 4000 },
    responseCreatedMs: 30,
    streamRate: { median: 6, sigma: 0.2 },
    model: 'gpt-realtime-2.1-mini',
  },
  openai: {
    ...base,
    name: 'openai',
    description: 'gpt-realtime numbers with api.openai.com strictness (no beta, no unknown fields).',
    firstAudio: { medianMs: 700, sigma: 0.3, minMs: 250, maxMs: 5000 },
    strictness: 'openai',
    model: CURRENT_FLAGSHIP,
  },
});

/**
 * Model name prefixes → profile, longest first (dated snapshots and `-1.5` variants match too).
 * Names the services no longer serve keep their profiles: an old scenario still runs offline.
 */
const MODEL_PREFIXES: ReadonlyArray<[string, string]> = [
  ['gpt-4o-mini-realtime-preview', 'gpt-4o-mini-realtime-preview'],
  ['gpt-4o-realtime-preview', 'gpt-4o-realtime-preview'],
  ['gpt-realtime-2.1-mini', 'gpt-realtime-2.1-mini'],
  ['gpt-realtime-2.1', 'gpt-realtime-2.1'],
  ['gpt-realtime-mini', 'gpt-realtime-mini'],
  ['gpt-realtime-2', 'gpt-realtime-2'],
  ['gpt-realtime', 'gpt-realtime'],
];

/** Profile names, for CLI help and validation. */
export function profileNames(): string[] {
  return Object.keys(PROFILES);
}

/** The profile for a model name (`?model=`), or `default` when no family matches. */
export function profileForModel(model: string | undefined): MockProfile {
  if (model) {
    const m = model.toLowerCase();
    for (const [prefix, name] of MODEL_PREFIXES) if (m.startsWith(prefix)) return PROFILES[name];
  }
  return PROFILES.default;
}

/**
 * Resolves the effective profile: an explicit name wins, else the model's family.
 * @throws {Error} with code `MOCK_UNKNOWN_PROFILE` for an unknown explicit name
 */
export function resolveProfile(name: string | undefined, model: string | undefined): MockProfile {
  if (name !== undefined) {
    const p = PROFILES[name];
    if (!p) {
      throw new MockError('MOCK_UNKNOWN_PROFILE', `unknown mock profile "${name}" (known: ${profileNames().join(', ')})`);
    }
    return p;
  }
  return profileForModel(model);
}
