/**
 * One direction of the userspace link, as a pure model: a packet offered at time `t` is lost
 * (Gilbert–Elliott: a good and a bad state, every packet in the bad state lost), dropped when the
 * queue in front of the rate cap is full, or delivered at a time that adds its serialisation at
 * the cap, the queueing behind earlier packets, the one-way delay and the jitter. Packets keep
 * their order (a real access link rarely reorders). The jitter is a delay offset, uniform in
 * ±jitter, drawn anew every {@link JITTER_SLOT_MS}: drawn per packet, order keeping would hold each
 * packet behind the slowest of the ones just before it and raise the mean delay by nearly the
 * whole jitter on a busy link; per slot, only packets right after a drop of the offset wait.
 */
import { lossModel } from './loss-model.js';
import type { LinkDirection } from './spec.js';

/** What became of one packet. */
export type Fate = { kind: 'deliver'; atMs: number } | { kind: 'lost' } | { kind: 'queue-full' };

/** Counters of one direction. */
export interface PipeCounters {
  packets: number;
  bytes: number;
  lost: number;
  queueFull: number;
  /** Largest backlog seen in front of the cap, ms of traffic. */
  maxBacklogMs: number;
}

const BITS_PER_BYTE = 8;
/** How long one jitter offset holds, ms (one 20 ms audio packet's spacing). */
export const JITTER_SLOT_MS = 20;

export class LinkPipe {
  private bad = false;
  private jitterSlot = -1;
  private jitterOffsetMs = 0;
  /** When the serialiser is free again, ms. */
  private txFreeT = -Infinity;
  /** Delivery time of the last packet, so a later one never overtakes it. */
  private lastDeliverT = -Infinity;
  readonly counters: PipeCounters = { packets: 0, bytes: 0, lost: 0, queueFull: 0, maxBacklogMs: 0 };
  private readonly goodToBad: number;
  private readonly badToGood: number;

  /** `random` returns uniform values in [0, 1) (seeded in tests). */
  constructor(
    private readonly dir: LinkDirection,
    private readonly random: () => number,
  ) {
    const model = lossModel(dir);
    this.goodToBad = model?.goodToBad ?? 0;
    this.badToGood = model?.badToGood ?? 1;
  }

  /** The fate of a packet of `bytes` offered at `nowMs`. */
  offer(bytes: number, nowMs: number): Fate {
    this.counters.packets++;
    this.counters.bytes += bytes;
    if (this.lose()) {
      this.counters.lost++;
      return { kind: 'lost' };
    }
    let sentT = nowMs;
    if (this.dir.rateKbit !== null) {
      const backlogMs = Math.max(0, this.txFreeT - nowMs);
      if (backlogMs > this.dir.queueMs) {
        this.counters.queueFull++;
        return { kind: 'queue-full' };
      }
      this.counters.maxBacklogMs = Math.max(this.counters.maxBacklogMs, backlogMs);
      sentT = Math.max(nowMs, this.txFreeT) + (bytes * BITS_PER_BYTE) / this.dir.rateKbit;
      this.txFreeT = sentT;
    }
    const atMs = Math.max(this.lastDeliverT, sentT + this.dir.delayMs + this.jitterAt(sentT));
    this.lastDeliverT = atMs;
    return { kind: 'deliver', atMs };
  }

  private jitterAt(t: number): number {
    if (!this.dir.jitterMs) return 0;
    const slot = Math.floor(t / JITTER_SLOT_MS);
    if (slot !== this.jitterSlot) {
      this.jitterSlot = slot;
      this.jitterOffsetMs = (this.random() * 2 - 1) * this.dir.jitterMs;
    }
    return this.jitterOffsetMs;
  }

  private lose(): boolean {
    if (this.goodToBad <= 0) return false;
    // The state moves once per packet; the packet takes the state it lands in.
    this.bad = this.bad ? this.random() >= this.badToGood : this.random() < this.goodToBad;
    return this.bad;
  }
}
