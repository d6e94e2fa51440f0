import type { TraceChunk } from './trace.js';

/**
 * Maps input-timeline audio positions to the wall (monotonic) time at which a microphone would have
 * captured them, from the chunks actually sent: a chunk carrying [pos, end) is sent when its end has
 * been captured, so position p maps to `sendTime − (end − p)`. Using actual send times folds the
 * pacer's real lag into the truth instead of assuming perfect pacing.
 */
export class InputTimeline {
  private readonly chunks: TraceChunk[];

  constructor(chunks: TraceChunk[]) {
    this.chunks = [...chunks].sort((a, b) => a.pos_ms - b.pos_ms);
  }

  /** Wall time of input position `posMs`, or null if no sent chunk covers it. */
  wallTimeOf(posMs: number): number | null {
    const c = this.chunkAt(posMs);
    return c ? c.t - (c.end_ms - posMs) : null;
  }

  /** The chunk with pos_ms ≤ p < end_ms (or ending exactly at p, for the stream's last instant). */
  chunkAt(posMs: number): TraceChunk | undefined {
    const cs = this.chunks;
    let lo = 0;
    let hi = cs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cs[mid];
      if (posMs < c.pos_ms) hi = mid - 1;
      else if (posMs >= c.end_ms) lo = mid + 1;
      else return c;
    }
    const last = cs[hi];
    return last && last.end_ms === posMs ? last : undefined;
  }

  get lengthMs(): number {
    return this.chunks.length ? this.chunks[this.chunks.length - 1].end_ms : 0;
  }
}
