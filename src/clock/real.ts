import { performance } from 'node:perf_hooks';
import { sleepUntilWith, type Clock, type TimerHandle } from './clock.js';

/**
 * Real time: `performance.now()` and one `setTimeout` per timer aimed at an absolute deadline.
 * Chaining absolute deadlines is what keeps pacing drift-free (setInterval drifts 140–200 ms per 20 s
 * on 2-core machines).
 */
export class RealClock implements Clock {
  readonly kind = 'real' as const;
  private readonly origin: number;
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(origin = performance.now()) {
    this.origin = origin;
  }

  /**
   * A clock whose zero is the same instant as `epochMs` ({@link RealClock.epochMs} of another
   * clock), in this thread: worker threads get their own `performance` time origin, and a clock
   * made with this reads the same time as the one it was made from.
   */
  static fromEpoch(epochMs: number): RealClock {
    return new RealClock(epochMs - performance.timeOrigin);
  }

  /** This clock's zero as an absolute time (ms since the Unix epoch, sub-millisecond). */
  epochMs(): number {
    return performance.timeOrigin + this.origin;
  }

  now(): number {
    return performance.now() - this.origin;
  }

  wallNow(): number {
    return Date.now();
  }

  setTimer(atMs: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    const delay = Math.max(0, atMs - this.now());
    const t = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, delay);
    this.timers.set(id, t);
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    const t = this.timers.get(handle.id);
    if (t) {
      clearTimeout(t);
      this.timers.delete(handle.id);
    }
  }

  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void> {
    return sleepUntilWith(this, atMs, signal);
  }
}
