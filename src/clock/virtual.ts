import { sleepUntilWith, type Clock, type TimerHandle } from './clock.js';

interface VirtualTimer {
  id: number;
  atMs: number;
  seq: number;
  fn: () => void;
}

/**
 * Discrete-event time. Timers fire in (time, insertion) order; between two timers the clock lets
 * every pending microtask and immediate run, so promise chains triggered by one event settle before
 * time moves on. Deterministic for a given sequence of timer registrations.
 */
export class VirtualClock implements Clock {
  readonly kind = 'virtual' as const;
  private current = 0;
  private seq = 0;
  private nextId = 1;
  private heap: VirtualTimer[] = [];
  private readonly cancelled = new Set<number>();
  private running = false;
  private readonly wallOrigin: number;

  constructor(wallOrigin = 0) {
    this.wallOrigin = wallOrigin;
  }

  now(): number {
    return this.current;
  }

  wallNow(): number {
    return this.wallOrigin + this.current;
  }

  setTimer(atMs: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    this.push({ id, atMs: Math.max(atMs, this.current), seq: this.seq++, fn });
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    this.cancelled.add(handle.id);
  }

  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void> {
    return sleepUntilWith(this, atMs, signal);
  }

  /** Number of timers still scheduled (cancelled ones excluded lazily). */
  get pending(): number {
    return this.heap.length - this.cancelled.size;
  }

  /**
   * Drives time until `done` settles (or no timer is left). Yields to the event loop between timers
   * so that real I/O (file appends) and promise continuations complete in order.
   */
  async runUntil<T>(done: Promise<T>, opts: { maxMs?: number } = {}): Promise<T> {
    if (this.running) throw new Error('VirtualClock.runUntil is already running');
    this.running = true;
    let settled = false;
    const watched = done.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    try {
      await settle();
      while (!settled) {
        const timer = this.pop();
        if (!timer) {
          // Nothing scheduled: real I/O (a file append, a socket) may still schedule something or
          // settle `done`. Only a long real-time silence is a deadlock.
          let waitedMs = 0;
          while (!settled && this.heap.length === 0 && waitedMs < IDLE_DEADLOCK_MS) {
            await new Promise((r) => setTimeout(r, 2));
            waitedMs += 2;
          }
          if (!settled && this.heap.length === 0) {
            throw new Error('VirtualClock: deadlock — nothing scheduled and the run did not finish');
          }
          continue;
        }
        if (opts.maxMs !== undefined && timer.atMs > opts.maxMs) {
          throw new Error(`VirtualClock: exceeded ${opts.maxMs} ms of virtual time`);
        }
        this.current = timer.atMs;
        timer.fn();
        await settle();
      }
      return await watched;
    } finally {
      this.running = false;
    }
  }

  private push(t: VirtualTimer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private pop(): VirtualTimer | undefined {
    const h = this.heap;
    while (h.length > 0) {
      const top = h[0];
      const last = h.pop()!;
      if (h.length > 0) {
        h[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && less(h[l], h[m])) m = l;
          if (r < h.length && less(h[r], h[m])) m = r;
          if (m === i) break;
          [h[m], h[i]] = [h[i], h[m]];
          i = m;
        }
      }
      if (this.cancelled.has(top.id)) {
        this.cancelled.delete(top.id);
        continue;
      }
      return top;
    }
    return undefined;
  }
}

/** Real milliseconds without any scheduled timer after which a virtual run is declared stuck. */
const IDLE_DEADLOCK_MS = 10_000;

function less(a: VirtualTimer, b: VirtualTimer): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

/** Lets queued microtasks and immediates run. */
function settle(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
