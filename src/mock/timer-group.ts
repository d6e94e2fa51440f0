import type { Clock, TimerHandle } from '../clock/clock.js';

/**
 * A group of clock timers that can be cancelled together (a response's sends, a session's timers).
 * Every scheduled send of the mock goes through one, never through raw setTimeout, so the
 * VirtualClock drives the mock exactly like the runner.
 */
export class TimerGroup {
  private readonly handles = new Map<number, TimerHandle>();
  private closed = false;

  constructor(private readonly clock: Clock) {}

  /** Runs `fn` at absolute clock time `atMs` unless the group is cleared first. */
  at(atMs: number, fn: () => void): void {
    if (this.closed) return;
    const handle = this.clock.setTimer(atMs, () => {
      this.handles.delete(handle.id);
      if (!this.closed) fn();
    });
    this.handles.set(handle.id, handle);
  }

  /** Runs `fn` `delayMs` from now. */
  after(delayMs: number, fn: () => void): void {
    this.at(this.clock.now() + delayMs, fn);
  }

  /** Cancels every pending timer; the group stays usable. */
  clear(): void {
    for (const h of this.handles.values()) this.clock.clearTimer(h);
    this.handles.clear();
  }

  /** Cancels everything and refuses new timers. */
  dispose(): void {
    this.clear();
    this.closed = true;
  }

  get pending(): number {
    return this.handles.size;
  }
}
