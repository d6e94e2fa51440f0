/**
 * Server-side turn detection: the energy VAD from audio/ configured from the session's
 * `turn_detection`, for `server_vad` and an approximation of `semantic_vad`.
 *
 * Semantic VAD approximation: the real service asks a model whether the user has finished and waits
 * up to ≈ 8 s (low), 4 s (medium/auto) or 2 s (high) when unsure. The mock cannot judge meaning and
 * treats every utterance as complete, so it ends the turn after a fixed, eagerness-dependent
 * silence (profile `semanticSilenceMs`, default low 1500, medium/auto 800, high 400 ms), reported
 * like server_vad: `audio_end_ms` includes that silence.
 */
import { StreamingVad, type VadEvent } from '../../audio/index.js';
import { sampleRateOf, type AudioFormat, type TurnDetection } from '../../protocol/session.js';
import type { MockProfile } from '../behaviour/profiles.js';

export interface VadSettings {
  threshold: number;
  prefixPaddingMs: number;
  silenceDurationMs: number;
}

/** The VAD parameters a turn-detection setting means (null when there is no server VAD). */
export function vadSettingsFor(td: TurnDetection, profile: MockProfile): VadSettings | null {
  if (!td) return null;
  if (td.type === 'server_vad') {
    return {
      threshold: td.threshold ?? 0.5,
      prefixPaddingMs: td.prefix_padding_ms ?? 300,
      silenceDurationMs: td.silence_duration_ms ?? profile.vadSilenceDurationMs,
    };
  }
  const eagerness = td.eagerness ?? 'auto';
  return { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: profile.semanticSilenceMs[eagerness] ?? profile.semanticSilenceMs.auto };
}

export class TurnDetector {
  private vad: StreamingVad | null = null;
  private baseSilenceMs = 0;

  constructor(private readonly profile: MockProfile) {}

  /** Applies new settings from `atMs` on the input timeline; detection state survives unless VAD turns on. */
  configure(td: TurnDetection, format: AudioFormat, atMs: number): void {
    const settings = vadSettingsFor(td, this.profile);
    if (!settings) {
      this.vad = null;
      return;
    }
    const params = { ...settings, sampleRate: sampleRateOf(format) };
    this.baseSilenceMs = settings.silenceDurationMs;
    if (this.vad) {
      this.vad.updateParams(params);
    } else {
      this.vad = new StreamingVad(params);
      this.vad.reset(atMs);
    }
  }

  /** The end of the current utterance is decided after `silence_duration_ms + deltaMs` (profile jitter). */
  jitterSilence(deltaMs: number): void {
    this.vad?.updateParams({ silenceDurationMs: Math.max(0, this.baseSilenceMs + deltaMs) });
  }

  get enabled(): boolean {
    return this.vad !== null;
  }

  get speaking(): boolean {
    return this.vad?.state === 'speech';
  }

  push(pcm: Int16Array): VadEvent[] {
    return this.vad ? this.vad.push(pcm) : [];
  }

  /** Forgets a speech in progress (buffer cleared or committed by the client) and keeps the timeline. */
  reset(atMs: number): void {
    this.vad?.reset(atMs);
  }
}
