import type { AudioFormat } from '../protocol/session.js';
import { sampleBytes, silenceByte } from './prepare.js';

/** What the microphone plays for a turn: its audio, then its trailing silence. */
export interface MicClip {
  turn: number;
  audio: Uint8Array;
  tail: Uint8Array;
  /** Bytes of `audio` skipped at the start (leading silence dropped to land a barge-in on time). */
  skipBytes: number;
}

/** A change in what the microphone captures, at a byte position of the input stream. */
export type MicEvent =
  { kind: 'audio_end'; turn: number; atByte: number } | { kind: 'tail_end'; turn: number; atByte: number } | { kind: 'cut'; turn: number; atByte: number };

/** One chunk as captured: its wire bytes, and which turn's audio it ends with (-1: silence). */
export interface Capture {
  bytes: Uint8Array;
  /** Turn whose clip was playing at the chunk's last byte, or -1. */
  turn: number;
  events: MicEvent[];
}

interface Playing {
  clip: MicClip;
  /** Stream byte where the clip's first played byte lands. */
  startByte: number;
  /** Stream byte where its audio part ends and the tail begins. */
  audioEndByte: number;
  endByte: number;
}

/**
 * The simulated microphone: a continuous byte stream in the wire format, digital silence unless a
 * turn's clip plays. A clip can be placed at any sample position — also inside the chunk being
 * captured — and cuts whatever was playing (a barge-in interrupts the previous turn's trailing
 * silence, or even its speech). Pure state: the session calls {@link capture} once per chunk.
 */
export class Microphone {
  private readonly sample: number;
  private readonly silence: number;
  private posByte = 0;
  private playing: Playing | null = null;
  private queued: Playing | null = null;

  constructor(format: AudioFormat) {
    this.sample = sampleBytes(format);
    this.silence = silenceByte(format);
  }

  /** Stream byte of the next byte to capture. */
  get positionBytes(): number {
    return this.posByte;
  }

  /** Rounds a stream byte position down to a sample boundary. */
  alignToSample(byte: number): number {
    return Math.floor(byte / this.sample) * this.sample;
  }

  /** Plays `clip` from stream byte `atByte` (≥ the current position), cutting what plays then. */
  play(clip: MicClip, atByte: number): void {
    const startByte = Math.max(this.posByte, this.alignToSample(atByte));
    const audioLen = Math.max(0, clip.audio.length - clip.skipBytes);
    this.queued = { clip, startByte, audioEndByte: startByte + audioLen, endByte: startByte + audioLen + clip.tail.length };
  }

  /** Whether a clip is playing or queued. */
  get busy(): boolean {
    return this.playing !== null || this.queued !== null;
  }

  /** Captures the next `n` bytes of the stream. */
  capture(n: number): Capture {
    const out = new Uint8Array(n).fill(this.silence);
    const events: MicEvent[] = [];
    const from = this.posByte;
    const to = from + n;
    let b = from;
    while (b < to) {
      if (this.queued && this.queued.startByte <= b) {
        if (this.playing) events.push({ kind: 'cut', turn: this.playing.clip.turn, atByte: b });
        this.playing = this.queued;
        this.queued = null;
      }
      const limit = this.queued && this.queued.startByte < to ? this.queued.startByte : to;
      const p = this.playing;
      if (!p) {
        b = limit;
        continue;
      }
      const stop = Math.min(limit, p.endByte);
      this.copy(p, b, stop, out, from);
      if (p.audioEndByte > b && p.audioEndByte <= stop) events.push({ kind: 'audio_end', turn: p.clip.turn, atByte: p.audioEndByte });
      if (p.endByte <= stop) {
        events.push({ kind: 'tail_end', turn: p.clip.turn, atByte: p.endByte });
        this.playing = null;
      }
      b = Math.max(stop, b === stop ? limit : stop);
    }
    this.posByte = to;
    const turn = this.playing ? this.playing.clip.turn : -1;
    return { bytes: out, turn, events };
  }

  private copy(p: Playing, from: number, to: number, out: Uint8Array, outBase: number): void {
    const { audio, tail, skipBytes } = p.clip;
    for (let b = from; b < to;) {
      if (b < p.audioEndByte) {
        const src = skipBytes + (b - p.startByte);
        const len = Math.min(to, p.audioEndByte) - b;
        out.set(audio.subarray(src, src + len), b - outBase);
        b += len;
      } else {
        const src = b - p.audioEndByte;
        const len = to - b;
        out.set(tail.subarray(src, src + len), b - outBase);
        b += len;
      }
    }
  }
}
