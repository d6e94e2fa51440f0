/**
 * Keeps the mock's input-audio timeline on the caller's samples over WebRTC. The caller's audio
 * reaches the session after libwebrtc's jitter buffer (NetEq), which invents audio when packets are
 * late (concealment) and stretches or squeezes it to steer its delay (`insertedSamplesForDeceleration`,
 * `removedSamplesForAcceleration`). Those samples are not the caller's, yet they would count in the
 * timeline that `speech_started.audio_start_ms` / `speech_stopped.audio_end_ms` are positions in:
 * measured on loopback, 13–80 ms of them by the end of a one-turn session, so VAD positions over
 * WebRTC came out that much later than over WebSocket. A WebSocket client's appends are the
 * caller's samples exactly; this makes the WebRTC timeline the same by taking the invented audio
 * back out (dropping as many samples from the next decoded audio, or padding silence for squeezed).
 *
 * The receive statistics are read every {@link POLL_TICKS} output ticks, so a correction lands up
 * to that late (200 ms): a VAD boundary right after a burst of concealment can still be off by it.
 */
import type { RtcPeer } from '../../transport/webrtc-lib.js';

/** Output ticks (10 ms each) between two reads of the receive statistics. */
const POLL_TICKS = 10;
/**
 * Opus's algorithmic delay (the encoder's 6.5 ms look-ahead): the decoded stream starts this much
 * ahead of the caller's first sample, so it is dropped once at the start (24 kHz samples).
 */
const CODEC_DELAY_24 = 156;

export class InputClock {
  /** Invented samples (48 kHz) when the caller's first sound arrived: concealment before it is not in the timeline. */
  private baseline: number | null = null;
  private accounted48 = 0;
  /** Samples (24 kHz) still to drop from the decoded audio (negative: silence still to add). */
  private owed24 = 0;
  private ticks = 0;
  private reading = false;

  constructor(private readonly pc: RtcPeer) {}

  /** The caller's audio has started: from now on invented audio counts. */
  start(): void {
    this.owed24 += CODEC_DELAY_24;
    void this.read().then((n) => {
      if (n !== null && this.baseline === null) this.baseline = n;
    });
  }

  /** One 10 ms output tick: reads the statistics now and then. */
  tick(): void {
    if (this.baseline === null || this.reading || ++this.ticks < POLL_TICKS) return;
    this.ticks = 0;
    void this.read().then((n) => {
      if (n === null || this.baseline === null) return;
      const extra48 = n - this.baseline - this.accounted48;
      const whole24 = Math.trunc(extra48 / 2);
      this.accounted48 += whole24 * 2;
      this.owed24 += whole24;
    });
  }

  /** The caller's decoded audio (24 kHz), with invented audio taken back out. */
  correct(pcm: Int16Array): Int16Array {
    if (this.owed24 > 0) {
      const drop = Math.min(this.owed24, pcm.length);
      this.owed24 -= drop;
      return pcm.subarray(drop);
    }
    if (this.owed24 < 0) {
      const out = new Int16Array(pcm.length - this.owed24);
      out.set(pcm, -this.owed24);
      this.owed24 = 0;
      return out;
    }
    return pcm;
  }

  /** concealedSamples + insertedSamplesForDeceleration − removedSamplesForAcceleration of the received audio, or null. */
  private async read(): Promise<number | null> {
    this.reading = true;
    try {
      const report = await this.pc.getStats();
      let total: number | null = null;
      report.forEach((r) => {
        if (r.type !== 'inbound-rtp' || (r.kind !== undefined && r.kind !== 'audio')) return;
        const n = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
        total = n('concealedSamples') + n('insertedSamplesForDeceleration') - n('removedSamplesForAcceleration');
      });
      return total;
    } catch {
      return null;
    } finally {
      this.reading = false;
    }
  }
}
