import type { Clock, TimerHandle } from '../../clock/clock.js';

/** Something fed one 10 ms frame per tick. */
export interface Ticked {
  tick(): void;
}

/** Frames a late tick may catch up at once before the grid is reset (a stalled event loop). */
const MAX_CATCH_UP = 5;

/**
 * One absolute-deadline 10 ms grid for every WebRTC call of a mock server (one timer instead of one
 * per call): each tick gives every call its next output frame. A late tick catches up on the
 * frames it missed, so the audio rate holds; after a long stall the grid restarts from now.
 */
export class FrameTicker {
  private readonly members = new Set<Ticked>();
  private timer: TimerHandle | null = null;
  private nextAtMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly frameMs = 10,
  ) {}

  add(m: Ticked): void {
    this.members.add(m);
    if (!this.timer) {
      this.nextAtMs = this.clock.now() + this.frameMs;
      this.arm();
    }
  }

  remove(m: Ticked): void {
    this.members.delete(m);
    if (this.members.size === 0 && this.timer) {
      this.clock.clearTimer(this.timer);
      this.timer = null;
    }
  }

  stop(): void {
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = null;
    this.members.clear();
  }

  private arm(): void {
    this.timer = this.clock.setTimer(this.nextAtMs, () => this.fire());
  }

  private fire(): void {
    let due = Math.floor((this.clock.now() - this.nextAtMs) / this.frameMs) + 1;
    if (due > MAX_CATCH_UP) {
      due = 1;
      this.nextAtMs = this.clock.now();
    }
    for (let i = 0; i < due; i++) {
      for (const m of [...this.members]) {
        try {
          m.tick();
        } catch {
          // One call's failure must not stop every other call's audio.
        }
      }
    }
    this.nextAtMs += due * this.frameMs;
    if (this.members.size > 0) this.arm();
    else this.timer = null;
  }
}
