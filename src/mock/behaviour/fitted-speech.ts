/**
 * Fitted turn-detection timing (profile files): `speech_started` and `speech_stopped` are sent at
 * the wall time where the audio they describe arrived plus a drawn delay, instead of the moment the
 * mock's energy VAD decides. The fitted delays are measured at the client from the *true* speech
 * boundaries; the mock anchors them at its VAD's boundaries (its detected onset and end of
 * speech), which on clean speech are within a few tens of ms.
 *
 * A draw shorter than the VAD's own decision time cannot be honoured: the event then goes out at
 * once (as the service too cannot stop before its silence duration has passed). Events keep their
 * order: one never overtakes the one before it.
 */
import type { VadEvent } from '../../audio/index.js';
import type { SpeechStoppedFit } from '../../calibration/profile-format.js';
import type { Clock } from '../../clock/clock.js';
import type { TurnDetection } from '../../protocol/session.js';
import { drawDistribution } from './fitted-draws.js';
import type { Prng } from '../../util/prng.js';
import type { MockProfile } from './profiles.js';
import type { TimerGroup } from '../timer-group.js';

/** Appends remembered to map audio positions to arrival times (≈ 20 s of 20 ms chunks). */
const ARRIVALS_KEPT = 1000;

export class FittedSpeechTiming {
  private readonly arrivals: Array<{ endMs: number; t: number }> = [];
  private lastDueMs = -Infinity;
  private pending = 0;

  private constructor(
    private readonly profile: MockProfile,
    private readonly clock: Clock,
    private readonly timers: TimerGroup,
    private readonly rng: Prng,
  ) {}

  /** The timing for a profile with fitted speech delays, else null (the VAD's own timing stands). */
  static for(profile: MockProfile, clock: Clock, timers: TimerGroup, rng: Prng): FittedSpeechTiming | null {
    const f = profile.fitted;
    return f && (f.speech_started || f.barge_in_speech_started || f.speech_stopped?.length) ? new FittedSpeechTiming(profile, clock, timers, rng) : null;
  }

  /** Records that input audio up to `endMs` (input timeline) arrived now. */
  noteAudio(endMs: number): void {
    this.arrivals.push({ endMs, t: this.clock.now() });
    if (this.arrivals.length > ARRIVALS_KEPT) this.arrivals.splice(0, this.arrivals.length - ARRIVALS_KEPT);
  }

  /**
   * Runs `emit` when the fitted delay says the VAD event should go out (now or later);
   * `overAssistant`: the user spoke while the assistant's answer could still be heard.
   */
  schedule(ev: VadEvent, td: NonNullable<TurnDetection>, emit: () => void, overAssistant = false): void {
    let dueMs = this.clock.now();
    const f = this.profile.fitted;
    // Speech over the assistant's audio (a barge-in) has its own detection delay when it was fitted.
    const started = overAssistant ? (f?.barge_in_speech_started ?? f?.speech_started) : f?.speech_started;
    const dist = ev.type === 'speech_started' ? started : stoppedFitFor(f?.speech_stopped, td)?.delay;
    // The VAD's own boundary: detected onset, or detected end of speech (before the silence).
    const posMs = ev.type === 'speech_started' ? ev.onsetMs : ev.speechEndMs;
    if (dist) dueMs = Math.max(dueMs, this.wallTimeOf(posMs) + drawDistribution(dist, this.rng));
    dueMs = Math.max(dueMs, this.lastDueMs);
    this.lastDueMs = dueMs;
    if (this.pending === 0 && dueMs <= this.clock.now()) {
      emit();
      return;
    }
    this.pending++;
    this.timers.at(dueMs, () => {
      this.pending--;
      emit();
    });
  }

  /** Arrival time of input position `posMs` (the append holding it, less the audio after it). */
  private wallTimeOf(posMs: number): number {
    for (const a of this.arrivals) if (a.endMs >= posMs) return a.t - (a.endMs - posMs);
    return this.clock.now();
  }
}

/** The fit for a setting: same type and silence/eagerness, else same type, else the first. */
export function stoppedFitFor(fits: readonly SpeechStoppedFit[] | undefined, td: NonNullable<TurnDetection>): SpeechStoppedFit | undefined {
  if (!fits?.length) return undefined;
  const sameType = fits.filter((f) => f.turn_detection === td.type);
  const exact = sameType.find((f) =>
    td.type === 'server_vad' ? f.silence_duration_ms === td.silence_duration_ms : (f.eagerness ?? 'auto') === (td.eagerness ?? 'auto'),
  );
  return exact ?? sameType.find((f) => f.silence_duration_ms === undefined && f.eagerness === undefined) ?? sameType[0] ?? fits[0];
}
