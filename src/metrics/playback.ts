/**
 * A real-time player of assistant audio, as a client would run one: playback starts when the first
 * delta of an item arrives and advances at real time while audio is buffered (an underrun pauses it).
 * Pure state: both the runner (to know what was played at barge-in) and the metrics (to recompute
 * talk-over from a trace) use it.
 */
export class PlaybackModel {
  private playedMs = 0;
  private receivedMs = 0;
  private lastT: number | null = null;
  private stoppedAt: number | null = null;

  /** Audio of `durationMs` arrived at time `t`. */
  receive(t: number, durationMs: number): void {
    if (this.stoppedAt !== null) return;
    this.advance(t);
    this.receivedMs += durationMs;
  }

  /** Audio played by time `t` (ms of the item's audio). */
  playedAt(t: number): number {
    if (this.lastT === null) return 0;
    const until = this.stoppedAt !== null ? Math.min(t, this.stoppedAt) : t;
    if (until <= this.lastT) return this.playedMs;
    return Math.min(this.receivedMs, this.playedMs + (until - this.lastT));
  }

  /** Whether audio is still being played at time `t`. */
  isPlayingAt(t: number): boolean {
    return this.lastT !== null && this.stoppedAt === null && this.playedAt(t) < this.receivedMs;
  }

  /** The client stops playback at `t` (barge-in); returns audio played. */
  stop(t: number): number {
    const played = this.playedAt(t);
    this.advance(t);
    this.stoppedAt = t;
    return played;
  }

  /**
   * When playback ends if no more audio arrives: where it was stopped, else the last arrival plus
   * what was still buffered then (null before the first audio).
   */
  get playoutEndT(): number | null {
    if (this.lastT === null) return null;
    if (this.stoppedAt !== null) return this.stoppedAt;
    return this.lastT + (this.receivedMs - this.playedMs);
  }

  get totalReceivedMs(): number {
    return this.receivedMs;
  }

  get started(): boolean {
    return this.lastT !== null;
  }

  private advance(t: number): void {
    if (this.lastT === null) {
      this.lastT = t;
      return;
    }
    if (t > this.lastT) {
      this.playedMs = Math.min(this.receivedMs, this.playedMs + (t - this.lastT));
      this.lastT = t;
    }
  }
}

/** Bytes of base64 text → decoded byte count, without decoding. */
export function base64ByteLength(b64: string): number {
  const n = b64.length;
  if (n === 0) return 0;
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((n * 3) / 4) - pad;
}
