/**
 * Streaming energy VAD that emulates OpenAI's `server_vad` turn detection for the mock server.
 *
 * Audio is measured in 10 ms frames on the session's input-audio timeline (ms of audio pushed since
 * construction or {@link StreamingVad.reset}). A frame is "speech" when its RMS level exceeds
 * {@link thresholdToDbfs}(threshold).
 *
 * - Start: the first speech frame is a candidate onset; it is confirmed when 2 of the 3 frames
 *   starting at it are speech (a lone click is rejected). `onsetMs` is the candidate frame's start,
 *   `audioStartMs = max(0, onsetMs − prefixPaddingMs)` (the service reports the padded position).
 * - Stop: once speaking, every speech frame moves the speech end to its own end; when
 *   `silenceDurationMs` of audio has followed the speech end with no speech frame, speech stops:
 *   `speechEndMs` is that end and `audioEndMs = speechEndMs + silenceDurationMs`.
 *
 * Events are returned by the `push` whose audio completes the deciding frame, which is when the
 * mock sends them. Pure arithmetic on the samples: the same audio always gives the same events.
 */
import { dbfsToPower } from './energy.js';

/** Server-VAD settings, as in the session's `turn_detection`, plus the input sample rate. */
export interface VadParams {
  /** 0..1, higher needs louder audio; see {@link thresholdToDbfs} */
  threshold: number;
  /** audio before the onset that the service includes in `audio_start_ms` */
  prefixPaddingMs: number;
  /** silence after speech that ends the turn */
  silenceDurationMs: number;
  /** sample rate of the pushed PCM */
  sampleRate: number;
}

/** OpenAI's documented server_vad defaults, at the pcm16 rate. */
export const DEFAULT_VAD_PARAMS: Readonly<VadParams> = Object.freeze({
  threshold: 0.5,
  prefixPaddingMs: 300,
  silenceDurationMs: 500,
  sampleRate: 24000,
});

/** A turn-detection decision, positions on the input-audio timeline (ms). */
export type VadEvent = { type: 'speech_started'; audioStartMs: number; onsetMs: number } | { type: 'speech_stopped'; audioEndMs: number; speechEndMs: number };

/** Whether the detector currently considers the user to be speaking. */
export type VadState = 'silence' | 'speech';

/** Frame length of the detector. */
export const VAD_FRAME_MS = 10;
const ONSET_WINDOW_FRAMES = 3;
const ONSET_MIN_SPEECH_FRAMES = 2;
/** Float tolerance when comparing ms computed from sample counts. */
const EPSILON_MS = 1e-6;

/**
 * Maps the 0..1 `threshold` of turn detection to a frame level in dBFS: `−60 + 50 × threshold`,
 * so 0 ↦ −60, 0.5 ↦ −35, 1 ↦ −10 dBFS (threshold is clamped to 0..1). Linear in dB because that is
 * how loudness is perceived; the default 0.5 sits below the level of most speech sounds at normal
 * recording levels (−15…−30 dBFS) and well above a quiet room (−50…−60 dBFS).
 */
export function thresholdToDbfs(threshold: number): number {
  const t = Math.min(1, Math.max(0, threshold));
  return -65 + 50 * t;
}

interface OnsetCandidate {
  startMs: number;
  frames: number;
  speechFrames: number;
  lastSpeechEndMs: number;
}

/** Streaming server-VAD emulation; see the module comment for the exact rules. */
export class StreamingVad {
  private params: VadParams;
  private frameSamples = 0;
  private thresholdPower = 0;
  /** timeline position (ms) of sample 0 of the current rate/reset epoch */
  private originMs = 0;
  /** whole frames completed in this epoch */
  private framesDone = 0;
  private partialSum = 0;
  private partialCount = 0;
  private mode: VadState = 'silence';
  private candidate: OnsetCandidate | undefined;
  private speechEndMs = 0;

  constructor(params: Partial<VadParams> = {}) {
    this.params = { ...DEFAULT_VAD_PARAMS, ...params };
    this.configure();
  }

  /** Current settings (a copy). */
  get settings(): VadParams {
    return { ...this.params };
  }

  /** Whether speech is in progress (started and not yet stopped). */
  get state(): VadState {
    return this.mode;
  }

  /** Total audio pushed, as a position on the timeline (ms), including a partial frame. */
  get positionMs(): number {
    return this.originMs + ((this.framesDone * this.frameSamples + this.partialCount) * 1000) / this.params.sampleRate;
  }

  /**
   * Feeds audio; returns the events that this audio made certain, in timeline order.
   * The PCM must be at `sampleRate`.
   */
  push(pcm: Int16Array): VadEvent[] {
    const events: VadEvent[] = [];
    const frameSamples = this.frameSamples;
    let i = 0;
    while (i < pcm.length) {
      const take = Math.min(frameSamples - this.partialCount, pcm.length - i);
      let sum = this.partialSum;
      for (const end = i + take; i < end; i++) sum += pcm[i] * pcm[i];
      this.partialSum = sum;
      this.partialCount += take;
      if (this.partialCount === frameSamples) {
        const power = sum / frameSamples / (32768 * 32768);
        this.partialSum = 0;
        this.partialCount = 0;
        const startMs = this.frameStartMs(this.framesDone);
        this.framesDone++;
        const event = this.onFrame(power > this.thresholdPower, startMs, this.frameStartMs(this.framesDone));
        if (event) events.push(event);
      }
    }
    return events;
  }

  /**
   * Forgets all detection state and restarts the timeline at `atMs` (default 0). To clear state
   * while keeping the session's timeline, pass the current {@link positionMs}.
   */
  reset(atMs = 0): void {
    this.originMs = atMs;
    this.framesDone = 0;
    this.partialSum = 0;
    this.partialCount = 0;
    this.mode = 'silence';
    this.candidate = undefined;
    this.speechEndMs = 0;
  }

  /**
   * Changes settings for the audio pushed from now on (as `session.update` does). A sample-rate
   * change keeps the timeline position but drops a partial frame and any unconfirmed onset.
   */
  updateParams(params: Partial<VadParams>): void {
    const rateChanged = params.sampleRate !== undefined && params.sampleRate !== this.params.sampleRate;
    const atMs = this.positionMs;
    this.params = { ...this.params, ...params };
    if (rateChanged) {
      this.originMs = atMs;
      this.framesDone = 0;
      this.partialSum = 0;
      this.partialCount = 0;
      this.candidate = undefined;
    }
    this.configure();
  }

  private configure(): void {
    const { sampleRate, threshold } = this.params;
    if (!(sampleRate > 0)) throw new RangeError(`sampleRate must be positive, got ${sampleRate}`);
    this.frameSamples = Math.max(1, Math.round((sampleRate * VAD_FRAME_MS) / 1000));
    this.thresholdPower = dbfsToPower(thresholdToDbfs(threshold));
  }

  private frameStartMs(frameIndex: number): number {
    return this.originMs + (frameIndex * this.frameSamples * 1000) / this.params.sampleRate;
  }

  private onFrame(isSpeech: boolean, startMs: number, endMs: number): VadEvent | undefined {
    if (this.mode === 'speech') {
      if (isSpeech) {
        this.speechEndMs = endMs;
        return undefined;
      }
      if (endMs - this.speechEndMs + EPSILON_MS >= this.params.silenceDurationMs) {
        this.mode = 'silence';
        const speechEndMs = this.speechEndMs;
        return { type: 'speech_stopped', speechEndMs, audioEndMs: speechEndMs + this.params.silenceDurationMs };
      }
      return undefined;
    }
    return this.onSilenceFrame(isSpeech, startMs, endMs);
  }

  private onSilenceFrame(isSpeech: boolean, startMs: number, endMs: number): VadEvent | undefined {
    let candidate = this.candidate;
    if (!candidate) {
      if (!isSpeech) return undefined;
      candidate = { startMs, frames: 0, speechFrames: 0, lastSpeechEndMs: endMs };
      this.candidate = candidate;
    }
    candidate.frames++;
    if (isSpeech) {
      candidate.speechFrames++;
      candidate.lastSpeechEndMs = endMs;
    }
    if (candidate.speechFrames >= ONSET_MIN_SPEECH_FRAMES) {
      this.candidate = undefined;
      this.mode = 'speech';
      this.speechEndMs = candidate.lastSpeechEndMs;
      const onsetMs = candidate.startMs;
      return { type: 'speech_started', onsetMs, audioStartMs: Math.max(0, onsetMs - this.params.prefixPaddingMs) };
    }
    // Only the candidate frame was speech in its window, and the other frames were not, so none of
    // them can start a new candidate: simply forget it.
    if (candidate.frames >= ONSET_WINDOW_FRAMES) this.candidate = undefined;
    return undefined;
  }
}
