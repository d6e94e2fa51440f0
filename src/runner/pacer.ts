import type { Clock, TimerHandle } from '../clock/clock.js';

/**
 * Fires `onTick` every `periodMs` on absolute deadlines (`anchor + k·period`), never on relative
 * delays, so lateness never accumulates: a late tick is followed by an on-time one. Used as the
 * microphone: each tick sends the chunk whose audio has just been "captured".
 */
export class Pacer {
  private anchorT = 0;
  private anchorK = 0;
  private k = 0;
  private timer: TimerHandle | null = null;
  private state: 'idle' | 'running' | 'paused' | 'stopped' = 'idle';

  constructor(
    private readonly clock: Clock,
    private readonly periodMs: number,
    private readonly onTick: (k: number, dueMs: number) => void,
  ) {}

  /**
   * Starts ticking; the first tick is due `phaseMs` + one period from now (its chunk is captured
   * meanwhile). A per-session phase in [0, period) spreads many sessions' sends over the period
   * instead of firing them all on the same instant ({@link phaseOf}).
   */
  start(phaseMs = 0): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.anchorT = this.clock.now() + phaseMs;
    this.anchorK = 0;
    this.schedule();
  }

  /** Stops sending until resume() (push-to-talk between manual turns). Tick numbering continues. */
  pause(): void {
    if (this.state !== 'running') return;
    this.state = 'paused';
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  /** Resumes: re-anchors so the next tick is one period from now. */
  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.anchorT = this.clock.now();
    this.anchorK = this.k;
    this.schedule();
  }

  stop(): void {
    this.state = 'stopped';
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  private schedule(): void {
    this.arm(this.anchorT + (this.k - this.anchorK + 1) * this.periodMs);
  }

  private arm(due: number): void {
    this.timer = this.clock.setTimer(due, () => {
      this.timer = null;
      if (this.state !== 'running') return;
      // Node measures timeouts from the event loop's cached time in whole ms, so a real timer can fire
      // up to ≈ 2 ms early (measured: 43 % of a 200-session run's chunks, by up to 1.9 ms). A
      // microphone cannot send audio it has not captured yet: wait for the rest of the period.
      if (this.clock.now() < due) return this.arm(due);
      this.fire(due);
    });
  }

  private fire(due: number): void {
    const k = this.k++;
    this.onTick(k, due);
    if (this.state === 'running' && this.timer === null) this.schedule();
  }
}

/**
 * A session's seeded phase on the chunk grid, in [0, periodMs): the same seed always gives the same
 * phase (so shards and reruns pace identically), different seeds spread evenly over the period.
 * Whole tenths of a millisecond, so traces stay readable.
 */
export function phaseOf(seed: number, periodMs: number): number {
  // splitmix32-style finalizer of the seed: neighbouring seeds land far apart.
  let z = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return Math.floor((z / 4294967296) * periodMs * 10) / 10;
}
